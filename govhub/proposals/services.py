"""Proposals: writing, publishing, supporting, and the threshold that queues them.

Every change checks its transition in rules.py, writes an audit event and
flushes; the adapter commits once. A support is one atomic UPDATE of the
proposal's counter (which also locks its row until the commit) and one row
keyed by person: the transaction whose UPDATE takes the count to the
threshold is the only one that queues the proposal, on SQLite and PostgreSQL
alike, however many residents support it in the same instant.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy.orm.attributes import set_committed_value

from govhub.actions.rules import ActionCategory, local_today
from govhub.audit.services import record
from govhub.auth.models import User
from govhub.core.errors import DomainError
from govhub.core.guards import require
from govhub.core.models import utcnow
from govhub.core.roles import Role
from govhub.core.working_days import add_working_days
from govhub.extensions import db
from govhub.meetings import services as meetings
from govhub.notifications.services import notify
from govhub.proposals import permissions, queries, rules
from govhub.proposals.models import (
    CoauthorStatus,
    Proposal,
    ProposalSettings,
    ProposalSupport,
    SupportSource,
)
from govhub.proposals.rules import ProposalAction, ProposalState

TITLE_MAX = 200
BODY_MAX = 20_000
REASON_MAX = 2_000  # a withdrawal's or an answer's reason


# --- settings --------------------------------------------------------------------------

def save_settings(actor, council, *, threshold_kind, threshold_value, time_limit_days,
                  answer_working_days, supports_public: bool) -> ProposalSettings:
    """Set a council's threshold, time limit and answer deadline (proposals already
    published keep the threshold they were published with)."""
    require(permissions.can_manage_settings(actor, council))
    kind, value = _threshold(threshold_kind, threshold_value)
    try:
        rules.check_settings(kind, value, _whole(time_limit_days), _whole(answer_working_days))
    except ValueError as exc:
        raise DomainError("invalid_settings", _settings_message(str(exc))) from None
    settings = db.session.get(ProposalSettings, council.id) or ProposalSettings(
        council_id=council.id)
    settings.threshold_kind, settings.threshold_value = kind, value
    settings.time_limit_days = int(time_limit_days)
    settings.answer_working_days = int(answer_working_days)
    settings.supports_public = bool(supports_public)
    db.session.add(settings)
    db.session.flush()
    record(actor, "proposal.settings_saved", council, threshold_kind=str(kind),
           threshold_value=str(value), time_limit_days=settings.time_limit_days,
           answer_working_days=settings.answer_working_days,
           supports_public=settings.supports_public)
    return settings


def _threshold(kind, value) -> tuple[rules.ThresholdKind, Decimal]:
    try:
        return rules.ThresholdKind(kind), Decimal(str(value).strip())
    except (ValueError, InvalidOperation):
        raise DomainError("invalid_settings", _settings_message("threshold")) from None


def _whole(value) -> int:
    if isinstance(value, bool) or not str(value).strip().isdigit():
        raise DomainError("invalid_settings", _settings_message("days"))
    return int(value)


def _settings_message(problem: str) -> str:
    if "days" in problem or "limit" in problem:
        return _("Time limits are whole days: 1 to 3,650 for supports, 1 to 365 to answer.")
    return _("A threshold is a number of supports of at least 1, or a share of residents "
             "above 0 and at most 1.")


# --- writing and publishing ---------------------------------------------------------------

def create_proposal(actor, council, *, title: str, body: str, category=ActionCategory.OTHER,
                    publish: bool = False) -> Proposal:
    """A resident's proposal to the council, as a draft or published at once."""
    require(permissions.can_propose(actor, council),
            _("Only confirmed residents of the community can make proposals."))
    proposal = Proposal(community_id=council.community_id, council_id=council.id,
                        author_id=actor.id, title=_title(title), body=_body(body),
                        category=_category(category), state=ProposalState.DRAFT)
    db.session.add(proposal)
    db.session.flush()
    record(actor, "proposal.created", proposal, title=proposal.title)
    if publish:
        publish_proposal(actor, proposal)
    return proposal


def update_draft(actor, proposal: Proposal, *, title: str, body: str, category) -> None:
    require(permissions.can_edit_draft(actor, proposal))
    proposal.title, proposal.body = _title(title), _body(body)
    proposal.category = _category(category)
    record(actor, "proposal.draft_updated", proposal)


def publish_proposal(actor, proposal: Proposal) -> None:
    """Open it for supports: freeze its threshold, start its time limit, count its author."""
    require(permissions.is_author(actor, proposal))
    settings = queries.settings_of(proposal.council_id)
    proposal.state = transition(proposal, ProposalAction.PUBLISH)
    proposal.threshold = rules.threshold_for(settings.threshold_kind, settings.threshold_value,
                                             queries.confirmed_residents(proposal.community_id))
    proposal.published_at = utcnow()
    proposal.expires_on = rules.expires_on(today_of(proposal), settings.time_limit_days)
    db.session.flush()
    record(actor, "proposal.published", proposal, threshold=proposal.threshold,
           expires_on=proposal.expires_on.isoformat())
    _add_support(proposal, actor, SupportSource.ONLINE)
    for coauthorship in proposal.coauthorships:  # each co-author who accepted counts too
        if coauthorship.status == CoauthorStatus.ACCEPTED:
            _add_support(proposal, coauthorship.user, SupportSource.ONLINE)


def withdraw_proposal(actor, proposal: Proposal, reason: str) -> None:
    """Its author takes it back, saying why; supports stay on record, counted no more."""
    require(permissions.is_author(actor, proposal))
    reason = one_line(reason)
    if not reason:
        raise DomainError("reason_required", _("Say why you withdraw the proposal."), "reason")
    proposal.state = transition(proposal, ProposalAction.WITHDRAW)
    proposal.reason = reason
    record(actor, "proposal.withdrawn", proposal, reason=proposal.reason)


# --- supports ----------------------------------------------------------------------------

def support_proposal(actor, proposal: Proposal) -> bool:
    """Add the resident's support; True when it is the one that reached the threshold."""
    require(permissions.can_support(actor, proposal),
            _("Only confirmed residents of the community can support its proposals."))
    return _add_support(proposal, actor, SupportSource.ONLINE)


def withdraw_support(actor, proposal: Proposal) -> None:
    """Take a support back, while the proposal is still collecting (then it is signed)."""
    require(permissions.can_support(actor, proposal))
    if permissions.is_one_of_its_authors(actor, proposal):
        raise DomainError("author_support", _("An author's support cannot be withdrawn; "
                                              "withdraw the proposal instead."), status=409)
    with db.session.begin_nested():
        updated = db.session.execute(
            sa.update(Proposal)
            .where(Proposal.id == proposal.id, Proposal.state == ProposalState.PUBLISHED)
            .values(support_count=Proposal.support_count - 1)
            .returning(Proposal.support_count),
            execution_options={"synchronize_session": False}).scalar_one_or_none()
        if updated is None:
            raise DomainError("support_signed", _(
                "Supports can be withdrawn only while the proposal collects them."), status=409)
        deleted = db.session.execute(sa.delete(ProposalSupport).where(
            ProposalSupport.proposal_id == proposal.id,
            ProposalSupport.person_key == queries.person_key(actor)),
            execution_options={"synchronize_session": False}).rowcount
        if deleted != 1:
            raise DomainError("not_supported", _("You do not support this proposal."),
                              status=409)
    set_committed_value(proposal, "support_count", updated)
    record(actor, "proposal.support_withdrawn", proposal)


def _add_support(proposal: Proposal, user: User, source: SupportSource) -> bool:
    count, crossed = count_support(proposal, queries.person_key(user), user.id, source)
    record(user, "proposal.supported", proposal, source=str(source), count=count)
    if crossed:
        reach_threshold(proposal)
    return crossed


def count_support(proposal: Proposal, person_key: str, user_id: int | None,
                  source: SupportSource, **fields) -> tuple[int, bool]:
    """Count one person's support (online or from a paper sheet: `fields` are the support's
    other columns) -> (the new count, whether this support crossed the threshold). The
    counter's UPDATE locks the proposal's row until the commit, so concurrent supporters take
    their turn and exactly one sees the crossing; the caller then calls reach_threshold."""
    try:
        with db.session.begin_nested():
            row = db.session.execute(
                sa.update(Proposal)
                .where(Proposal.id == proposal.id, Proposal.state.in_(rules.OPEN_FOR_SUPPORT))
                .values(support_count=Proposal.support_count + 1)
                .returning(Proposal.support_count, Proposal.state),
                execution_options={"synchronize_session": False}).one_or_none()
            if row is None:
                raise DomainError("not_open", _("This proposal does not collect supports."),
                                  status=409)
            db.session.add(ProposalSupport(proposal_id=proposal.id, user_id=user_id,
                                           person_key=person_key, source=source, **fields))
            db.session.flush()
    except sa.exc.IntegrityError:
        raise DomainError("already_supported", _("You already support this proposal."),
                          status=409) from None
    count, state = row
    set_committed_value(proposal, "support_count", count)
    crossed = (state == ProposalState.PUBLISHED
               and rules.crossed(count - 1, count, proposal.threshold))
    return count, crossed


# --- the threshold -----------------------------------------------------------------------

def reach_threshold(proposal: Proposal) -> None:
    """Queue it onto the council's next meeting (or the waiting list), give it an
    evaluator and an answer deadline, and tell its authors and supporters."""
    proposal.state = transition(proposal, ProposalAction.REACH_THRESHOLD)
    proposal.reached_at = utcnow()
    settings = queries.settings_of(proposal.council_id)
    proposal.answer_due_on = add_working_days(today_of(proposal), settings.answer_working_days,
                                              **_calendar())
    proposal.evaluator = _least_busy_worker(proposal.community_id)
    meeting = queries.next_meeting(proposal.council_id)
    if meeting is not None:
        proposal.agenda_item = meetings.queue_item(meeting, proposal.title, _agenda_text(proposal),
                                                   proposal_id=proposal.id)
    db.session.flush()
    record(None, "proposal.threshold_reached", proposal, count=proposal.support_count,
           threshold=proposal.threshold, meeting_id=meeting.id if meeting else None,
           evaluator_id=proposal.evaluator_id)
    _tell_supporters(proposal, meeting)


def _tell_supporters(proposal: Proposal, meeting) -> None:
    data = {"proposal": proposal.title}
    link = f"/proposals/{proposal.id}"
    kind = "proposals.queued" if meeting is not None else "proposals.waiting"
    notify(supporters_of(proposal), kind, {**data, "meeting": meeting.title if meeting else ""},
           link)
    if proposal.evaluator is not None:
        notify([proposal.evaluator], "proposals.evaluate",
               {**data, "due": proposal.answer_due_on.isoformat()}, link)


def supporters_of(proposal: Proposal) -> list[User]:
    return list(db.session.scalars(sa.select(User).where(
        User.id.in_(queries.supporter_ids(proposal.id)))))


def _least_busy_worker(community_id: int) -> User | None:
    """The community worker with the fewest proposals to answer: the load is shared."""
    open_load = (sa.select(sa.func.count()).where(
        Proposal.evaluator_id == User.id, Proposal.state == ProposalState.QUEUED)
        .correlate(User).scalar_subquery())
    return db.session.scalar(
        sa.select(User).where(User.community_id == community_id, User.role == Role.WORKER,
                              User.disabled_at.is_(None))
        .order_by(open_load, User.id).limit(1))


def _agenda_text(proposal: Proposal) -> str:
    """The item says what the residents wrote, in their words (the proposal links to it)."""
    return proposal.body


# --- the clock's work (timers.py) -----------------------------------------------------------

def archive_if_expired(proposal: Proposal) -> bool:
    """Archive a proposal whose time ran out before its threshold; False if it has not,
    or if something else (a last support, another process) changed it first."""
    if proposal.expires_on is None or today_of(proposal) <= proposal.expires_on:
        return False  # expires_on is its last day (rules.expires_on), in its community
    claimed = db.session.execute(
        sa.update(Proposal).where(Proposal.id == proposal.id,
                                  Proposal.state == ProposalState.PUBLISHED)
        .values(state=rules.next_state(ProposalState.PUBLISHED, ProposalAction.ARCHIVE)),
        execution_options={"synchronize_session": False}).rowcount
    if claimed != 1:
        return False
    set_committed_value(proposal, "state", ProposalState.ARCHIVED)
    record(None, "proposal.archived", proposal, count=proposal.support_count,
           threshold=proposal.threshold)
    return True


def place_on_next_meeting(proposal: Proposal) -> bool:
    """Put a waiting proposal on its council's next meeting, once: the conditional UPDATE
    claims it, so two processes sweeping at once place it on one agenda only."""
    meeting = queries.next_meeting(proposal.council_id)
    if meeting is None or proposal.agenda_item_id is not None:
        return False
    item = meetings.queue_item(meeting, proposal.title, _agenda_text(proposal),
                               proposal_id=proposal.id)
    claimed = db.session.execute(
        sa.update(Proposal).where(Proposal.id == proposal.id,
                                  Proposal.agenda_item_id.is_(None))
        .values(agenda_item_id=item.id),
        execution_options={"synchronize_session": False}).rowcount
    if claimed != 1:
        raise DomainError("already_placed", "placed by another process")  # rolls back the item
    set_committed_value(proposal, "agenda_item_id", item.id)
    record(None, "proposal.placed_on_agenda", proposal, meeting_id=meeting.id,
           item_id=item.id)
    notify(supporters_of(proposal), "proposals.queued",
           {"proposal": proposal.title, "meeting": meeting.title}, f"/proposals/{proposal.id}")
    return True


# --- small checks --------------------------------------------------------------------------

def transition(proposal: Proposal, action: ProposalAction) -> ProposalState:
    try:
        return rules.next_state(ProposalState(proposal.state), action)
    except rules.TransitionNotAllowed:
        raise DomainError("transition_not_allowed",
                          _("This cannot be done to the proposal in its present state."),
                          status=409) from None


def one_line(value, maximum: int = REASON_MAX) -> str:
    """A reason as it is kept and shown: whitespace collapsed to single spaces, cut."""
    return " ".join(str(value or "").split())[:maximum]


def _title(value) -> str:
    title = " ".join(str(value or "").split())
    if not title:
        raise DomainError("title_required", _("Give the proposal a title."), "title")
    if len(title) > TITLE_MAX:
        raise DomainError("title_too_long", _("A title has at most %(max)d characters.",
                                              max=TITLE_MAX), "title")
    return title


def _body(value) -> str:
    body = str(value or "").strip()
    if not body:
        raise DomainError("body_required", _("Say what you propose and why."), "body")
    if len(body) > BODY_MAX:
        raise DomainError("body_too_long", _("A proposal has at most %(max)d characters.",
                                             max=BODY_MAX), "body")
    return body


def _category(value) -> ActionCategory:
    try:
        return ActionCategory(value)
    except ValueError:
        raise DomainError("invalid_category", _("Choose a category from the list."),
                          "category") from None


def today_of(proposal: Proposal):
    """Today in the proposal's community's calendar."""
    return local_today(utcnow(), proposal.council.community.timezone)



def _calendar() -> dict:
    """The office's calendar (settings: holidays, workdays; checked when the app starts)."""
    config = current_app.config["GOVHUB"]
    return {"holidays": frozenset(date.fromisoformat(d) for d in config.get("holidays", [])),
            "workdays": frozenset(date.fromisoformat(d) for d in config.get("workdays", []))}
