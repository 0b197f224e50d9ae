"""Paper supports and endorsements on the pages.

The office types in a signature sheet's names on /proposals/<id>/paper-supports and
keeps the sheet's photo (served to the office only: it holds residents' signatures).
An organization's owner endorses from the proposal's page. Thin: load, authorise,
check the form, call paper.py or endorsements.py, commit once, respond.
"""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import TextAreaField

from govhub.core import uploads
from govhub.core.errors import DomainError, Forbidden
from govhub.core.guards import require
from govhub.extensions import db
from govhub.partners.organizations.models import Organization
from govhub.proposals import bp, endorsements, paper, queries
from govhub.proposals.models import SupportSheet
from govhub.web.view_helpers import attempt, show_domain_error, whole_number

ACCEPT = "image/png,image/jpeg,image/webp,application/pdf"


class PaperSupportsForm(FlaskForm):
    sheet = FileField(_l("Photo or PDF of the signature sheet"),
                      description=_l("PNG, JPEG, WebP or PDF. Only the office can see it."),
                      render_kw={"accept": ACCEPT})
    lines = TextAreaField(
        _l("Signers, one per line"),
        description=_l("Write each signer as on the sheet: name, building/unit, and the "
                       "resident's username if they have an account, separated by commas. "
                       "For example: 王丽, 3号楼2单元201 or 张伟, 5-101, zhangwei."),
        render_kw={"rows": 12})


def _staff_proposal(proposal_id: int):
    proposal = queries.visible_proposal(current_user, proposal_id)
    require(paper.can_record_paper(current_user, proposal),
            _("Only the community's office records paper supports."))
    return proposal


@bp.route("/proposals/<int:proposal_id>/paper-supports", methods=["GET", "POST"])
@uploads.accepts_uploads
@login_required
def paper_supports(proposal_id: int):
    proposal = _staff_proposal(proposal_id)
    form, result, status = PaperSupportsForm(), None, 200
    if form.validate_on_submit():
        storage = form.sheet.data
        upload = uploads.read_upload(storage) if storage and storage.filename else None
        try:
            result = paper.record_paper_supports(current_user, proposal, upload,
                                                 paper.parse_lines(form.lines.data or ""))
            db.session.commit()
        except DomainError as exc:
            db.session.rollback()
            if isinstance(exc, Forbidden):
                raise
            exc.field = "sheet" if exc.field == "files" else exc.field
            show_domain_error(form, exc)
            result, status = None, exc.status
        else:
            form = PaperSupportsForm(formdata=None)
    elif request.method == "POST":
        status = 400
    return render_template("proposals/paper_supports.html", proposal=proposal, form=form,
                           result=result, sheets=paper.sheets_of(proposal)), status


@bp.get("/proposals/<int:proposal_id>/paper-supports/sheets/<int:sheet_id>")
@login_required
def paper_sheet(proposal_id: int, sheet_id: int):
    """A signature sheet: the office only, with the uploads module's safe serving."""
    proposal = _staff_proposal(proposal_id)
    sheet = db.session.get(SupportSheet, sheet_id)
    if sheet is None or sheet.proposal_id != proposal.id:
        abort(404)
    path = uploads.path_of(paper.SHEETS, sheet.stored_name)
    if path is None:
        abort(404)
    db.session.commit()
    return uploads.file_response(path, sheet.content_type, sheet.filename, sheet.sha256)


# --- endorsements ------------------------------------------------------------------------------

def _organization(value) -> Organization:
    found = db.session.get(Organization, whole_number(value) or 0)
    if found is None:
        abort(404)
    return found


@bp.post("/proposals/<int:proposal_id>/endorsements")
@login_required
def endorse(proposal_id: int):
    proposal = queries.visible_proposal(current_user, proposal_id)
    organization = _organization(request.form.get("organization_id"))
    attempt(endorsements.endorse, current_user, proposal, organization, raise_forbidden=True,
            done=_("%(organization)s endorses this proposal.", organization=organization.name))
    return redirect(url_for("proposals.show", proposal_id=proposal.id, _anchor="endorsements"))


@bp.post("/proposals/<int:proposal_id>/endorsements/<int:organization_id>/withdraw")
@login_required
def withdraw_endorsement(proposal_id: int, organization_id: int):
    proposal = queries.visible_proposal(current_user, proposal_id)
    organization = _organization(organization_id)
    attempt(endorsements.withdraw_endorsement, current_user, proposal, organization,
            raise_forbidden=True,
            done=_("%(organization)s no longer endorses this proposal.",
                   organization=organization.name))
    return redirect(url_for("proposals.show", proposal_id=proposal.id, _anchor="endorsements"))


@bp.app_template_global()
def proposal_endorsements(proposal) -> list:
    return endorsements.endorsements_of(proposal)


@bp.app_template_global()
def endorsing_organizations(proposal) -> list:
    """The organizations the signed-in user may endorse (or un-endorse) in the name of."""
    return endorsements.organizations_for(current_user, proposal)


@bp.app_template_global()
def can_record_paper(proposal) -> bool:
    return paper.can_record_paper(current_user, proposal)
