"""Merging duplicate proposals: a worker proposes to merge one (the source) into another
(the target) of the same council; each author of the two accepts or refuses. When every
author has accepted, the source's supports move to the target, each person counted once,
and the source is merged (its page points to the target). A refusal settles it: nothing
moves. Services flush, never commit.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm.attributes import set_committed_value

from govhub.audit.services import record
from govhub.auth.models import User
from govhub.core.errors import DomainError, NotFound
from govhub.core.guards import require
from govhub.core.models import is_id, utcnow
from govhub.core.roles import is_staff_of
from govhub.extensions import db
from govhub.meetings import services as meetings
from govhub.notifications.services import notify
from govhub.proposals import permissions, queries, rules, services
from govhub.proposals.merge_models import (
    ConsentDecision,
    MergeStatus,
    ProposalMerge,
    ProposalMergeConsent,
)
from govhub.proposals.models import Proposal, ProposalSupport
from govhub.proposals.rules import ProposalAction, ProposalState

REASON_MAX = 2000


def can_propose_merge(user, proposal) -> bool:
    return is_staff_of(user, proposal.community_id)


def author_ids(merge: ProposalMerge) -> set[int]:
    """Who must accept: the authors of both proposals, their co-authors included."""
    return permissions.author_ids(merge.source) | permissions.author_ids(merge.target)


def can_answer_merge(user, merge: ProposalMerge) -> bool:
    return getattr(user, "id", None) in author_ids(merge)


def decision_of(user, merge: ProposalMerge) -> ConsentDecision | None:
    return next((c.decision for c in merge.consents if c.author_id == user.id), None)


def propose_merge(actor, source: Proposal, target: Proposal, reason: str = "") -> ProposalMerge:
    """A worker proposes to merge `source` into `target`; the authors of both are asked."""
    require(can_propose_merge(actor, source) and can_propose_merge(actor, target),
            _("The community office proposes merges."))
    if source.council_id != target.council_id:
        raise DomainError("other_council", _("Only proposals to the same council can be "
                                             "merged."), "target_id")
    _check(source, target)
    if pending_merge_of(source) is not None:
        raise DomainError("merge_pending", _("A merge of this proposal is already waiting "
                                             "for its authors."), status=409)
    merge = ProposalMerge(source_id=source.id, target_id=target.id, proposed_by_id=actor.id,
                          reason=" ".join(str(reason or "").split())[:REASON_MAX],
                          status=MergeStatus.PENDING)
    try:
        with db.session.begin_nested():
            db.session.add(merge)
            db.session.flush()
    except sa.exc.IntegrityError:
        raise DomainError("merge_pending", _("A merge of this proposal is already waiting "
                                             "for its authors."), status=409) from None
    record(actor, "proposal.merge_proposed", source, merge_id=merge.id, target_id=target.id,
           reason=merge.reason)
    authors = db.session.scalars(sa.select(User).where(User.id.in_(author_ids(merge))))
    notify(list(authors), "proposals.merge_proposed",
           {"proposal": source.title, "target": target.title}, f"/proposals/{source.id}")
    return merge


def answer_merge(actor, merge: ProposalMerge, accept: bool) -> None:
    """An author's answer; the last acceptance carries the merge out, a refusal ends it."""
    require(can_answer_merge(actor, merge),
            _("Only the authors of the two proposals answer a merge."))
    _require_pending(merge)
    if decision_of(actor, merge) is not None:
        raise DomainError("already_answered", _("You already answered this merge."),
                          status=409)
    decision = ConsentDecision.ACCEPTED if accept else ConsentDecision.REFUSED
    merge.consents.append(ProposalMergeConsent(author_id=actor.id, decision=decision,
                                               decided_at=utcnow()))
    db.session.flush()
    record(actor, "proposal.merge_answered", merge.source, merge_id=merge.id,
           decision=str(decision))
    if not accept:
        _close(merge, MergeStatus.REFUSED)
    elif all(decision_of(_Id(a), merge) == ConsentDecision.ACCEPTED for a in author_ids(merge)):
        _carry_out(merge)


def cancel_merge(actor, merge: ProposalMerge) -> None:
    require(can_propose_merge(actor, merge.source), _("The community office cancels merges."))
    _require_pending(merge)
    _close(merge, MergeStatus.CANCELLED)
    record(actor, "proposal.merge_cancelled", merge.source, merge_id=merge.id)


def pending_merge_of(source: Proposal) -> ProposalMerge | None:
    return db.session.scalar(sa.select(ProposalMerge).where(
        ProposalMerge.source_id == source.id, ProposalMerge.status == MergeStatus.PENDING))


def merges_of(proposal: Proposal) -> list[ProposalMerge]:
    """Every merge the proposal took part in, as the source or the target, newest first."""
    return list(db.session.scalars(sa.select(ProposalMerge).where(sa.or_(
        ProposalMerge.source_id == proposal.id, ProposalMerge.target_id == proposal.id))
        .order_by(ProposalMerge.id.desc())))


def joined_by(proposal: Proposal) -> list[Proposal]:
    """The proposals merged into this one."""
    return list(db.session.scalars(sa.select(Proposal).where(
        Proposal.merged_into_id == proposal.id).order_by(Proposal.id)))


# --- carrying it out ---------------------------------------------------------------------

def _carry_out(merge: ProposalMerge) -> None:
    """Lock the target, claim the source, move the supports each person once, recount the
    target from its rows, and queue it if this merge is what reached its threshold."""
    source, target = merge.source, merge.target
    # Both rows, in id order: two merges of one pair in opposite directions accepted at
    # once would otherwise each hold one row and wait for the other (a deadlock, a 500).
    db.session.execute(sa.select(Proposal.id).where(Proposal.id.in_((source.id, target.id)))
                       .order_by(Proposal.id).with_for_update())
    notified = services.supporters_of(source)
    before = db.session.execute(
        sa.update(Proposal).where(Proposal.id == target.id,
                                  Proposal.state.in_(rules.MERGE_TARGETS))
        .values(support_count=Proposal.support_count)
        .returning(Proposal.support_count, Proposal.state),
        execution_options={"synchronize_session": False}).one_or_none()
    _check(source, target, target_state=before.state if before else ProposalState.DRAFT)
    merged = services.transition(source, ProposalAction.MERGE)
    claimed = db.session.execute(
        sa.update(Proposal).where(Proposal.id == source.id,
                                  Proposal.state == ProposalState(source.state))
        # Its supports leave with it: it counts none of its own any more.
        .values(state=merged, merged_into_id=target.id, support_count=0)
        .returning(Proposal.state),
        execution_options={"synchronize_session": False}).one_or_none()
    if claimed is None:
        raise DomainError("transition_not_allowed", _(
            "This cannot be done to the proposal in its present state."), status=409)
    set_committed_value(source, "state", merged)
    set_committed_value(source, "merged_into_id", target.id)
    set_committed_value(source, "support_count", 0)
    count = _move_supports(source, target)
    set_committed_value(target, "support_count", count)
    set_committed_value(target, "state", before.state)
    if (before.state == ProposalState.PUBLISHED
            and rules.crossed(before.support_count, count, target.threshold)):
        services.reach_threshold(target)
    if source.agenda_item is not None and meetings.unqueue_item(source.agenda_item,
                                                               proposal_id=source.id):
        source.agenda_item = None
    _close(merge, MergeStatus.ACCEPTED)
    record(None, "proposal.merged", source, merge_id=merge.id, target_id=target.id,
           count=count)
    _cancel_merges_into(source)
    notify(notified, "proposals.merged", {"proposal": source.title, "target": target.title},
           f"/proposals/{target.id}")


def _move_supports(source: Proposal, target: Proposal) -> int:
    """Supports the target lacks move there (keeping how they were given); the others are
    the same people already counted, and go. One UPDATE recounts the target from its rows."""
    on_target = sa.select(ProposalSupport.person_key).where(
        ProposalSupport.proposal_id == target.id).scalar_subquery()
    sync = {"synchronize_session": False}
    db.session.execute(sa.update(ProposalSupport).where(
        ProposalSupport.proposal_id == source.id, ProposalSupport.person_key.not_in(on_target))
        .values(proposal_id=target.id), execution_options=sync)
    db.session.execute(sa.delete(ProposalSupport).where(
        ProposalSupport.proposal_id == source.id), execution_options=sync)
    counted = (sa.select(sa.func.count()).where(ProposalSupport.proposal_id == target.id)
               .scalar_subquery())
    return db.session.execute(
        sa.update(Proposal).where(Proposal.id == target.id).values(support_count=counted)
        .returning(Proposal.support_count), execution_options=sync).scalar_one()


def _cancel_merges_into(merged: Proposal) -> None:
    """Merges still waiting to join a proposal that has just joined another cannot happen."""
    for waiting in db.session.scalars(sa.select(ProposalMerge).where(
            ProposalMerge.target_id == merged.id, ProposalMerge.status == MergeStatus.PENDING)):
        _close(waiting, MergeStatus.CANCELLED)
        record(None, "proposal.merge_cancelled", waiting.source, merge_id=waiting.id)


# --- small checks --------------------------------------------------------------------------

class _Id:
    def __init__(self, id_: int):
        self.id = id_


def _check(source: Proposal, target: Proposal, target_state=None) -> None:
    try:
        rules.can_merge(source.id, target.id, ProposalState(source.state),
                        ProposalState(target_state or target.state))
    except ValueError as exc:
        if str(exc) == "merge_into_itself":
            raise DomainError("merge_into_itself", _("A proposal cannot be merged into "
                                                     "itself."), "target_id") from None
        raise DomainError("transition_not_allowed", _(
            "Only a proposal still open can be merged, into one still open."),
            status=409) from None


def _require_pending(merge: ProposalMerge) -> None:
    if merge.status != MergeStatus.PENDING:
        raise DomainError("merge_closed", _("This merge is already settled."), status=409)


def _close(merge: ProposalMerge, status: MergeStatus) -> None:
    merge.status, merge.decided_at = status, utcnow()
    db.session.flush()


def visible_merge(actor, merge_id: int) -> ProposalMerge:
    """A merge by id; 404 for an unknown one or one between proposals you cannot see."""
    merge = db.session.get(ProposalMerge, merge_id) if is_id(merge_id) else None
    if merge is None:
        raise NotFound(_("No such merge."))
    try:
        queries.visible_proposal(actor, merge.source_id)
    except NotFound:
        raise NotFound(_("No such merge.")) from None
    return merge
