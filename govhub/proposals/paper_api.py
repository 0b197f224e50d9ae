"""JSON routes for paper supports and endorsements: the same loaders, permissions and
services as the pages (paper_views.py)."""

from __future__ import annotations

import functools

from flask import abort, g, request
from flask_babel import gettext as _

from govhub.api import BEARER, OPTIONAL_BEARER, error_responses
from govhub.api.auth import optional_token, token_required
from govhub.core import uploads
from govhub.core.guards import require
from govhub.extensions import db
from govhub.partners.organizations.models import Organization
from govhub.proposals import api_bp, endorsements, paper, queries
from govhub.proposals.paper_schemas import (
    EndorsementsSchema,
    PaperResultSchema,
    PaperSupportsFormSchema,
    SheetFileSchema,
)

errors = functools.partial(error_responses, api_bp)


@api_bp.post("/proposals/<int:proposal_id>/paper-supports")
@uploads.accepts_uploads
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(PaperSupportsFormSchema, location="form")
@api_bp.arguments(SheetFileSchema, location="files")
@api_bp.response(201, PaperResultSchema)
@errors(400, 401, 403, 404, 409, 422)
def record_paper_supports(body, files, proposal_id):
    """The office records the signers of one signature sheet (multipart/form-data: the
    sheet's photo or PDF in `sheet`, the signers as JSON text in `lines`). Each person
    counts once, across sheets and online supports; a line already counted is reported
    in `duplicates`, not refused.

    Refusals: forbidden (403: not the community's office), not_open (409), lines_not_json, no_lines,
    too_many_lines, line_without_name, line_too_long, unknown_resident, sheet_required
    (400), file_too_large (413), file_type_not_allowed, file_name_mismatch (415); a refused
    request stores nothing.
    """
    proposal = queries.visible_proposal(g.api_user, proposal_id)
    require(paper.can_record_paper(g.api_user, proposal),
            _("Only the community's office records paper supports."))
    storage = request.files.get("sheet")
    upload = uploads.read_upload(storage) if storage else None
    result = paper.record_paper_supports(g.api_user, proposal, upload,
                                         paper.signers_from_json(body["lines"]))
    db.session.commit()
    return {"counted": result.counted, "reached": result.reached,
            "duplicates": [{"line": line, "name": name} for line, name in result.duplicates],
            "support_count": proposal.support_count, "state": proposal.state.value,
            "sheet_id": result.sheet.id}


def _endorsements(proposal) -> dict:
    return {"support_count": proposal.support_count, "endorsements": [
        {"organization_id": e.organization_id, "organization": e.organization.name,
         "endorsed_at": e.created_at} for e in endorsements.endorsements_of(proposal)]}


def _organization(organization_id: int) -> Organization:
    found = db.session.get(Organization, organization_id)
    if found is None:
        abort(404)
    return found


@api_bp.get("/proposals/<int:proposal_id>/endorsements")
@api_bp.doc(security=OPTIONAL_BEARER)
@optional_token
@api_bp.response(200, EndorsementsSchema)
@errors(401, 404)
def list_endorsements(proposal_id):
    """The partner organizations that endorse the proposal, apart from its supports. Public."""
    answer = _endorsements(queries.visible_proposal(g.api_user, proposal_id))
    db.session.commit()  # keeps the token's last-used time
    return answer


@api_bp.put("/proposals/<int:proposal_id>/endorsements/<int:organization_id>")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.response(200, EndorsementsSchema)
@errors(401, 403, 404, 409)
def endorse(proposal_id, organization_id):
    """Endorse in the organization's name: an owner of a verified organization of the
    proposal's community. Refusals: already_endorsed, not_endorsable (409)."""
    proposal = queries.visible_proposal(g.api_user, proposal_id)
    endorsements.endorse(g.api_user, proposal, _organization(organization_id))
    db.session.commit()
    return _endorsements(proposal)


@api_bp.delete("/proposals/<int:proposal_id>/endorsements/<int:organization_id>")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.response(200, EndorsementsSchema)
@errors(401, 403, 404, 409)
def withdraw_endorsement(proposal_id, organization_id):
    """Withdraw the organization's endorsement. Refusals: not_endorsed (409)."""
    proposal = queries.visible_proposal(g.api_user, proposal_id)
    endorsements.withdraw_endorsement(g.api_user, proposal, _organization(organization_id))
    db.session.commit()
    return _endorsements(proposal)
