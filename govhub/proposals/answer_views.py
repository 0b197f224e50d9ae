"""The office answers a queued proposal from its page: one form, four answers.

Thin like the other pages: load, authorise, check the form's fields, call
answers.answer_proposal and commit, then go to the trail; a refusal shows the page again
with what the worker typed and the reason at its field.
"""

from __future__ import annotations

from flask import flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from govhub.core.errors import DomainError, Forbidden
from govhub.core.guards import require
from govhub.extensions import db
from govhub.proposals import answers, bp, labels, permissions, queries
from govhub.proposals.trail_views import AnswerForm
from govhub.proposals.views import _page
from govhub.web.view_helpers import show_domain_error


@bp.post("/proposals/<int:proposal_id>/answer")
@login_required
def answer(proposal_id: int):
    proposal = queries.visible_proposal(current_user, proposal_id)
    require(permissions.can_answer(current_user, proposal),
            _("The community office answers proposals."))
    form = AnswerForm()
    if form.validate_on_submit():
        try:
            answers.answer_proposal(current_user, proposal, form.answer.data or "",
                                    form.reason.data or "", due_on=form.due_on.data)
            db.session.commit()
        except DomainError as exc:
            db.session.rollback()
            if isinstance(exc, Forbidden):
                raise
            show_domain_error(form, exc)
        else:
            flash(_("Your answer is given: %(state)s. The authors and supporters are told.",
                    state=labels.state_label(proposal.state)), "success")
            return redirect(url_for("proposals.show", proposal_id=proposal.id, _anchor="trail"))
    # Refused: the page again, with what the worker typed and why it was refused.
    return _page(proposal, answer_form=form, status=400)
