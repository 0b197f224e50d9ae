"""Merging duplicate proposals from the proposal's page: the office proposes a merge into
another open proposal of the council (the likeliest duplicates listed first), the authors
accept or refuse, the office may cancel. Thin: load, authorise, call merges.py through
`attempt`, go back to the page.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask import redirect, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import SelectField, TextAreaField
from wtforms.validators import InputRequired, Length

from govhub.core.guards import require
from govhub.extensions import db
from govhub.proposals import bp, merges, queries, rules, search
from govhub.proposals.merge_models import MergeStatus
from govhub.proposals.models import Proposal
from govhub.web.view_helpers import attempt, flash_form_errors

CHOICES_MAX = 50


class MergeForm(FlaskForm):
    target_id = SelectField(_l("Merge into"), coerce=int,
                            validators=[InputRequired(_l("Choose the proposal it joins."))])
    # Its own id: the answer form beside it on a queued proposal has a "reason" too.
    reason = TextAreaField(_l("Why they are the same (shown to the authors)"),
                           validators=[Length(max=merges.REASON_MAX)], id="merge-reason")


def merge_targets(proposal: Proposal) -> list[Proposal]:
    """The council's other open proposals, the likeliest duplicates first."""
    open_ones = list(db.session.scalars(sa.select(Proposal).where(
        Proposal.council_id == proposal.council_id, Proposal.id != proposal.id,
        Proposal.state.in_(rules.MERGE_TARGETS)).order_by(Proposal.id.desc())
        .limit(CHOICES_MAX)))
    similar = [p.id for p in search.similar_proposals(proposal.council_id, proposal.title,
                                                      proposal.body, limit=10)]
    rank = {pid: i for i, pid in enumerate(similar)}
    return sorted(open_ones, key=lambda p: rank.get(p.id, len(rank)))


def merge_context(user, proposal: Proposal) -> dict:
    """What templates/proposals/_merge.html draws."""
    pending = merges.pending_merge_of(proposal) or next(
        (m for m in merges.merges_of(proposal) if m.status == MergeStatus.PENDING), None)
    may_propose = (merges.can_propose_merge(user, proposal) and pending is None
                   and proposal.state in rules.MERGE_TARGETS)
    form = None
    if may_propose:
        form = MergeForm(formdata=None)
        form.target_id.choices = [(p.id, p.title) for p in merge_targets(proposal)]
    return {
        "merge_form": form if form and form.target_id.choices else None,
        "pending_merge": pending,
        "merge_answerable": bool(pending and merges.can_answer_merge(user, pending)
                                 and merges.decision_of(user, pending) is None),
        "merge_cancellable": bool(pending and merges.can_propose_merge(user, proposal)),
        "joined_by": merges.joined_by(proposal),
    }


@bp.post("/proposals/<int:proposal_id>/merges")
@login_required
def propose_merge(proposal_id: int):
    source = queries.visible_proposal(current_user, proposal_id)
    require(merges.can_propose_merge(current_user, source),
            _("The community office proposes merges."))
    form = MergeForm()
    form.target_id.choices = [(p.id, p.title) for p in merge_targets(source)]
    if not form.validate_on_submit():
        flash_form_errors(form)
    else:
        target = queries.visible_proposal(current_user, form.target_id.data)
        merges_attempt(merges.propose_merge, current_user, source, target,
                       form.reason.data or "",
                       done=_("The merge is proposed; the authors are asked."))
    return redirect(url_for("proposals.show", proposal_id=source.id, _anchor="merge"))


def merges_attempt(*args, **kwargs) -> bool:
    return attempt(*args, raise_forbidden=True, **kwargs)


def _decide(merge_id: int, service, done: str):
    merge = merges.visible_merge(current_user, merge_id)
    merges_attempt(service, current_user, merge, done=done)
    shown = merge.source_id if merge.status != MergeStatus.ACCEPTED else merge.target_id
    return redirect(url_for("proposals.show", proposal_id=shown, _anchor="merge"))


@bp.post("/proposal-merges/<int:merge_id>/accept")
@login_required
def accept_merge(merge_id: int):
    return _decide(merge_id, lambda actor, m: merges.answer_merge(actor, m, True),
                   _("You accepted the merge."))


@bp.post("/proposal-merges/<int:merge_id>/refuse")
@login_required
def refuse_merge(merge_id: int):
    return _decide(merge_id, lambda actor, m: merges.answer_merge(actor, m, False),
                   _("You refused the merge: nothing moves."))


@bp.post("/proposal-merges/<int:merge_id>/cancel")
@login_required
def cancel_merge(merge_id: int):
    return _decide(merge_id, merges.cancel_merge, _("The merge is cancelled."))
