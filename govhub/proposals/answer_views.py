"""The office answers a queued proposal from its page: one form, four answers.

Thin like the other pages: load, authorise, check the form's fields, call
answers.answer_proposal through `attempt` (commit, or roll back and say why), go back.
"""

from __future__ import annotations

from flask import flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from govhub.core.guards import require
from govhub.proposals import answers, bp, labels, permissions, queries
from govhub.proposals.trail_views import AnswerForm
from govhub.web.view_helpers import attempt


@bp.post("/proposals/<int:proposal_id>/answer")
@login_required
def answer(proposal_id: int):
    proposal = queries.visible_proposal(current_user, proposal_id)
    require(permissions.can_answer(current_user, proposal),
            _("The community office answers proposals."))
    form = AnswerForm()
    if not form.validate_on_submit():
        for errors in form.errors.values():
            for message in errors if isinstance(errors, list) else [errors]:
                flash(str(message), "error")
        return redirect(url_for("proposals.show", proposal_id=proposal.id, _anchor="answer"))
    done = attempt(answers.answer_proposal, current_user, proposal, form.answer.data or "",
                   form.reason.data or "", due_on=form.due_on.data, raise_forbidden=True)
    if done:
        flash(_("Your answer is given: %(state)s. The authors and supporters are told.",
                state=labels.state_label(proposal.state)), "success")
    return redirect(url_for("proposals.show", proposal_id=proposal.id,
                            _anchor="trail" if done else "answer"))
