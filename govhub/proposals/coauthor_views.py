"""Co-authors from the proposal's page: the author invites a resident by username (and may
take an unanswered invitation back); the invited resident accepts or declines. Thin: load,
call coauthors.py through `attempt`, go back to the page."""

from __future__ import annotations

from flask import redirect, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import InputRequired, Length

from govhub.proposals import bp, coauthors, queries
from govhub.web.view_helpers import attempt, flash_form_errors


class InviteForm(FlaskForm):
    username = StringField(_l("Their username"), validators=[
        InputRequired(_l("Give the username of the resident you invite.")), Length(max=80)],
        description=_l("As shown on their account page. They must be a confirmed resident "
                       "of the community."))


def _back(proposal):
    return redirect(url_for("proposals.show", proposal_id=proposal.id, _anchor="coauthors"))


@bp.post("/proposals/<int:proposal_id>/coauthors")
@login_required
def invite_coauthor(proposal_id: int):
    proposal = queries.visible_proposal(current_user, proposal_id)
    form = InviteForm()
    if form.validate_on_submit():
        attempt(coauthors.invite, current_user, proposal, form.username.data,
                raise_forbidden=True, done=_("The invitation is sent."))
    else:
        flash_form_errors(form)
    return _back(proposal)


@bp.post("/proposals/<int:proposal_id>/coauthors/accept")
@login_required
def accept_coauthorship(proposal_id: int):
    proposal = queries.visible_proposal(current_user, proposal_id)
    attempt(coauthors.answer, current_user, proposal, True, raise_forbidden=True,
            done=_("You co-author the proposal: your support counts with the author's."))
    return _back(proposal)


@bp.post("/proposals/<int:proposal_id>/coauthors/decline")
@login_required
def decline_coauthorship(proposal_id: int):
    proposal = queries.visible_proposal(current_user, proposal_id)
    attempt(coauthors.answer, current_user, proposal, False, raise_forbidden=True,
            done=_("You declined the invitation."))
    if proposal.state == "draft":  # a draft is no longer theirs to see
        return redirect(url_for("proposals.drafts"))
    return _back(proposal)


@bp.post("/proposals/<int:proposal_id>/coauthors/<int:user_id>/cancel")
@login_required
def cancel_coauthor_invitation(proposal_id: int, user_id: int):
    proposal = queries.visible_proposal(current_user, proposal_id)
    attempt(coauthors.cancel, current_user, proposal, user_id, raise_forbidden=True,
            done=_("The invitation is taken back."))
    return _back(proposal)
