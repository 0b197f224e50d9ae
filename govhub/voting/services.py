"""Polls: preparing, opening (entitlements frozen), voting, closing (atomically).

Opening and closing a poll, and every ballot, first claim the poll's row
with a conditional UPDATE ... WHERE status = 'open'. That one statement both
checks that the poll is open and takes the row's write lock, so a close
waits for ballots in flight and a ballot after the close is refused: the
frozen tally always equals a recount of the stored ballots.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from govhub.audit.services import record
from govhub.core.errors import DomainError
from govhub.core.guards import require
from govhub.core.models import is_id, utcnow
from govhub.councils.rules import RULE_SETS
from govhub.extensions import db
from govhub.meetings.models import Meeting, MeetingStatus
from govhub.meetings.permissions import can_chair, can_organise, can_record_attendance
from govhub.meetings.services import broadcast_agenda
from govhub.realtime import publish
from govhub.realtime.rooms import meeting_room, user_room
from govhub.voting import kinds, rules, secrecy, tallies
from govhub.voting.models import (
    Ballot,
    Entitlement,
    Poll,
    PollOption,
    PollStatus,
    Receipt,
    Resolution,
    SecretBallot,
    random_key,
)
from govhub.voting.queries import (
    ballots_of_holder,
    entitled_members,
    members_now,
    overdue_polls,
    poll_payload,
    result_of,
)

OPTIONS_MAX = 20
TIMER_SECONDS = (10, 24 * 3600)
KEY_MAX = 64


def _poll_closed() -> DomainError:
    return DomainError("poll_closed", _l("The poll is closed; your ballot was not counted."),
                       status=409)


# --- preparing -----------------------------------------------------------------------

def create_poll(actor, meeting: Meeting, item, title: str, kind: str, *,
                options: Sequence[str] = (), secret: bool = False, live_results: bool = True,
                allow_change: bool = True, rule_set: str = "", min_choices: int = 1,
                max_choices: int | None = None) -> Poll:
    """Prepare a poll on an agenda item, before or during the meeting."""
    require(can_organise(actor, meeting) or can_chair(actor, meeting))
    if meeting.status not in (MeetingStatus.DRAFT, MeetingStatus.SCHEDULED,
                              MeetingStatus.IN_SESSION):
        raise DomainError("wrong_status", _("Polls are prepared until the meeting ends."),
                          status=409)
    if item is None or item.meeting_id != meeting.id:
        raise DomainError("unknown_item", _("That item is not on this agenda."), "item_id")
    kind = _kind(kind)
    labels = _options(kind, options)
    min_choices, max_choices = kind.choice_limits(len(labels), min_choices, max_choices)
    if rule_set and rule_set not in RULE_SETS:
        raise DomainError("invalid_choice", _("Choose one of the offered options."), "rule_set")
    poll = Poll(meeting_id=meeting.id, agenda_item_id=item.id, title=_title(title), kind=kind.value,
                secret=bool(secret), live_results=bool(live_results),
                # A secret ballot cannot be found again to be changed: nothing links it.
                allow_change=bool(allow_change) and not secret,
                rule_set=rule_set or "", min_choices=min_choices, max_choices=max_choices,
                created_by_id=getattr(actor, "id", None))
    poll.options = [PollOption(position=n, label=label) for n, label in enumerate(labels, 1)]
    db.session.add(poll)
    db.session.flush()
    record(actor, "poll.created", meeting, community_id=meeting.community_id, poll_id=poll.id,
           kind=kind.value, secret=poll.secret)
    _broadcast_polls(meeting)
    return poll


def _title(value: str) -> str:
    title = " ".join((value or "").split())
    if not title:
        raise DomainError("required", _("This field is required."), "title")
    if len(title) > 300:
        raise DomainError("too_long", _("At most %(max)d characters.", max=300), "title")
    return title


def _kind(value) -> kinds.Kind:
    kind = kinds.find(value)
    if kind is None:
        raise DomainError("invalid_choice", _("Choose one of the offered options."), "kind")
    return kind


def _options(kind: kinds.Kind, options: Sequence[str]) -> list[str]:
    if not kind.has_options:
        return []
    labels = [" ".join(str(o).split()) for o in options or [] if str(o).strip()]
    if not 2 <= len(labels) <= OPTIONS_MAX or any(len(label) > 200 for label in labels):
        raise DomainError("invalid_options",
                          _("Give between 2 and 20 options of at most 200 characters."),
                          "options")
    if len(set(labels)) != len(labels):
        raise DomainError("invalid_options", _("Each option must be different."), "options")
    return labels


# --- opening and closing -------------------------------------------------------------------

def open_poll(actor, poll: Poll, closes_in_seconds: int | None = None) -> None:
    """Open the poll on the current item; who may vote (and with what weight) is frozen now."""
    meeting = poll.meeting
    require(can_chair(actor, meeting))
    if meeting.status != MeetingStatus.IN_SESSION:
        raise DomainError("not_in_session", _("The meeting is not in session."), status=409)
    if poll.status != PollStatus.DRAFT:
        raise DomainError("wrong_status", _("This poll has already been opened."), status=409)
    if meeting.current_item is None or meeting.current_item.id != poll.agenda_item_id:
        raise DomainError("not_current", _("Take up the poll's agenda item first."), status=409)
    if db.session.scalar(sa.select(Poll.id).where(Poll.meeting_id == meeting.id,
                                                  Poll.status == PollStatus.OPEN)):
        raise DomainError("poll_open", _("Close the open poll first."), status=409)
    if closes_in_seconds is not None and (
            isinstance(closes_in_seconds, bool) or not isinstance(closes_in_seconds, int)
            or not TIMER_SECONDS[0] <= closes_in_seconds <= TIMER_SECONDS[1]):
        raise DomainError("invalid_timer", _("A timer runs from 10 seconds to 24 hours."),
                          "closes_in_seconds")
    entitled = entitled_members(meeting)
    if not entitled:
        raise DomainError("nobody_entitled", _("Nobody is entitled to vote yet."), status=409)
    # One executemany on the table, not through the ORM: a hall of two
    # thousand would otherwise keep the chair (and the first voters) waiting.
    db.session.execute(sa.insert(Entitlement.__table__), [
        {"poll_id": poll.id, "user_id": member_id, "weight": weight, "holder_id": holder_id}
        for member_id, weight, holder_id in entitled])
    # The base of its quorum and of "a majority of all members", frozen with them.
    poll.members_weight = members_now(meeting)
    now = utcnow()
    poll.status, poll.opened_at = PollStatus.OPEN, now
    poll.closes_at = now + timedelta(seconds=closes_in_seconds) if closes_in_seconds else None
    db.session.flush()
    record(actor, "poll.opened", meeting, community_id=meeting.community_id, poll_id=poll.id,
           entitled=len(entitled))
    publish(meeting_room(meeting.id), "poll:opened", poll_payload(poll))
    # A proxy holder learns whose ballots they cast; everyone else's is their own.
    for holder_id in sorted({holder for member, _weight, holder in entitled if holder != member}):
        publish(user_room(holder_id), "poll:ballots", ballots_of_holder(poll, holder_id))
    tallies.mark_dirty(poll)  # starts the loop that also runs the poll's timer


def close_poll(actor, poll: Poll) -> None:
    """Close by hand (the chair) or by the timer (actor None); freeze the result."""
    meeting = poll.meeting
    if actor is not None:
        require(can_chair(actor, meeting))
    closed_at = utcnow()
    if actor is None and poll.closes_at is not None and poll.closes_at < closed_at:
        # The timer ran out then (ballots were refused from that moment), even
        # if no server ran to close it until later.
        closed_at = poll.closes_at
    claimed = db.session.execute(
        sa.update(Poll).where(Poll.id == poll.id, Poll.status == PollStatus.OPEN)
        .values(status=PollStatus.CLOSED, closed_at=closed_at)
        .execution_options(synchronize_session=False))
    if claimed.rowcount != 1:
        raise DomainError("poll_not_open", _("This poll is not open."), status=409)
    db.session.refresh(poll)
    poll.result = result_of(poll)
    poll.passed = poll.result["outcome"]["passed"]
    if poll.secret:
        secrecy.rewrite(poll)  # nothing stored may keep the order the ballots arrived in
    if poll.passed:
        db.session.add(Resolution(meeting_id=meeting.id, poll_id=poll.id,
                                  agenda_item_id=poll.agenda_item_id, text=poll.title,
                                  tally=poll.result, rule_set=poll.result["rule_set"],
                                  decided_at=poll.closed_at))
    db.session.flush()
    record(actor, "poll.closed", meeting, community_id=meeting.community_id, poll_id=poll.id,
           passed=poll.passed, by_timer=actor is None)
    publish(meeting_room(meeting.id), "poll:closed", poll_payload(poll))


def close_due_polls() -> int:
    """Close every open poll whose timer has run out; safe to run in several processes."""
    closed = 0
    for poll in overdue_polls():
        try:
            close_poll(None, poll)
            closed += 1
        except DomainError:
            pass  # another process closed it first
    return closed


# --- voting --------------------------------------------------------------------------------

def cast_ballot(actor, poll: Poll, payload: dict, *, member=None, key: str = "",
                via: str | None = None) -> dict:
    """Cast (or change) one member's ballot; `member` is someone whose proxy the actor holds.

    Returns {"poll_id", "member_id", "new", "changed"}: `new` for a ballot
    stored now, `changed` for one that replaced the member's earlier ballot.
    A retry with the same key returns neither and counts nothing twice.
    """
    return _cast(actor, poll, payload, member=member, key=_key(key), via=via)


def _key(key) -> str:
    """The client's idempotency key; refused when too long to be one."""
    if key is None:
        return ""
    if not isinstance(key, str) or len(key) > KEY_MAX:
        raise DomainError("invalid_key", _l("A ballot's key is a text of at most %(max)d "
                                            "characters.", max=KEY_MAX), "key", status=422)
    return key


def _require_open(poll: Poll) -> None:
    """Refuse a ballot for a poll that is not open, before asking who may vote in it."""
    if poll.status != PollStatus.OPEN:
        raise _refused_poll(poll)


def _cast(actor, poll: Poll, payload: dict, *, member, key: str, via: str | None) -> dict:
    member_id = (member or actor).id
    _require_open(poll)
    if via != "paper":
        entitlement = _entitlement(poll, member_id)
        if entitlement is None or entitlement.holder_id != actor.id:
            raise _not_entitled()
        via = "self" if member_id == actor.id else "proxy"
    else:
        entitlement = _entitlement(poll, member_id)
    _claim_open(poll)
    content = _content(poll, payload)
    result = (_cast_secret if poll.secret else _cast_named)(
        poll, member_id, actor.id, content, entitlement.weight, key, via)
    tallies.mark_dirty(poll)
    return {"poll_id": poll.id, "member_id": member_id, **result}


@dataclass
class Vote:
    """One member's own ballot from the live room, answered in the member's language."""

    user: object
    payload: dict
    locale: str


def cast_many(poll: Poll, votes: Sequence[Vote]) -> list[dict]:
    """Cast many members' own ballots in one poll, in a few statements; one answer each.

    The live room's burst: 2,000 ballots within a second cannot each pay for
    six statements. Here the poll is claimed once, the entitlements and any
    earlier ballots of the whole batch are read in one query each, and the
    new ballots are written in one multi-row INSERT (still under the unique
    constraint). What the bulk path does not decide — a changed ballot, a
    member twice in the batch, a conflict with a ballot cast elsewhere at the
    same moment — goes through `cast_ballot`, one at a time, so the answers
    are exactly those `cast_ballot` would give. Answers are ack dicts:
    {"ok": true, poll_id, member_id, new, changed} or {"ok": false, error}.
    """
    answers: list[dict | None] = [None] * len(votes)
    try:
        _require_open(poll)
        _claim_open(poll)
    except DomainError as exc:
        return [_refusal(exc, vote.locale) for vote in votes]
    option_ids = [option.id for option in poll.options]
    ids = {vote.user.id for vote in votes}
    rows = db.session.execute(sa.select(Entitlement.user_id, Entitlement.holder_id,
                                        Entitlement.weight)
                              .where(Entitlement.poll_id == poll.id, Entitlement.user_id.in_(ids)))
    holders, weights = {}, {}
    for member_id, holder_id, weight in rows:
        holders[member_id], weights[member_id] = holder_id, weight
    earlier = _earlier_keys(poll, ids)
    fresh: dict[int, tuple[int, list, str]] = {}  # member id -> (vote index, content, key)
    one_by_one: list[int] = []
    careful: set[int] = set()  # members with a ballot on the careful path
    for index, vote in enumerate(votes):
        member_id = vote.user.id
        try:
            key = _key(vote.payload.get("key"))
            if holders.get(member_id) != member_id:
                raise _not_entitled()
            content = _content_of(poll, option_ids, vote.payload)
        except DomainError as exc:
            answers[index] = _refusal(exc, vote.locale)
            continue
        if member_id in careful:
            # Once a member's ballot takes the careful path, their later ones follow it in
            # order: that change may have replaced the key a later "retry" repeats.
            one_by_one.append(index)
        elif key and key == (fresh[member_id][2] if member_id in fresh
                             else earlier.get(member_id)):
            answers[index] = _accepted(poll, member_id, new=False)  # a retry: counted once
        elif member_id in fresh or member_id in earlier:
            one_by_one.append(index)  # a change, or a second ballot: the careful path decides
            careful.add(member_id)
        else:
            fresh[member_id] = (index, content, key)
    if fresh and not _insert_fresh(poll, fresh, weights):
        one_by_one.extend(index for index, *_rest in fresh.values())
        one_by_one.sort()
        fresh = {}
    for index, *_rest in fresh.values():
        answers[index] = _accepted(poll, votes[index].user.id, new=True)
    for index in one_by_one:
        vote = votes[index]
        try:
            with force_locale(vote.locale), db.session.begin_nested():
                answers[index] = {"ok": True, **cast_ballot(vote.user, poll, vote.payload,
                                                            key=vote.payload.get("key"))}
        except DomainError as exc:
            answers[index] = _refusal(exc, vote.locale)
    if fresh:
        tallies.mark_dirty(poll)
    return answers


def _earlier_keys(poll: Poll, member_ids) -> dict[int, str]:
    """Members of `member_ids` who already voted in the poll, with their ballot's key."""
    table = Receipt if poll.secret else Ballot
    return dict(db.session.execute(sa.select(table.voter_id, table.key).where(
        table.poll_id == poll.id, table.voter_id.in_(member_ids))).all())


def _insert_fresh(poll: Poll, fresh: dict, weights: dict) -> bool:
    """Write first ballots in one INSERT; False (and nothing written) on a conflict.

    The inserts go to the tables, not through the ORM's bulk path: nothing
    needs objects back, and in a burst the ORM's bookkeeping cost more than
    the writes.
    """
    now = utcnow()
    try:
        with db.session.begin_nested():
            if poll.secret:
                db.session.execute(sa.insert(Receipt.__table__), [
                    {"poll_id": poll.id, "voter_id": member_id, "cast_by_id": member_id,
                     "via": "self", "key": key}
                    for member_id, (_index, _content, key) in fresh.items()])
                contents = [(content, weights[member_id])
                            for member_id, (_index, content, _key) in fresh.items()]
                random.shuffle(contents)  # the rows' order says nothing of who voted when
                db.session.execute(sa.insert(SecretBallot.__table__), [
                    {"key": random_key(), "poll_id": poll.id, "content": content,
                     "weight": weight} for content, weight in contents])
            else:
                db.session.execute(sa.insert(Ballot.__table__), [
                    {"poll_id": poll.id, "voter_id": member_id, "cast_by_id": member_id,
                     "via": "self", "content": content, "weight": weights[member_id],
                     "key": key, "cast_at": now}
                    for member_id, (_index, content, key) in fresh.items()])
    except sa.exc.IntegrityError:  # someone's ballot arrived by another path meanwhile
        return False
    return True


def _accepted(poll: Poll, member_id: int, new: bool) -> dict:
    return {"ok": True, "poll_id": poll.id, "member_id": member_id, "new": new, "changed": False}


def _refusal(exc: DomainError, locale: str) -> dict:
    """The refusal as an ack, worded in the voter's language (its message is lazy)."""
    with force_locale(locale):
        return {"ok": False, "error": exc.to_dict()}


def _refused_poll(poll: Poll) -> DomainError:
    if poll.status == PollStatus.DRAFT:
        return DomainError("poll_not_open", _l("This poll is not open."), status=409)
    return _poll_closed()


def _not_entitled() -> DomainError:
    return DomainError("not_entitled", _l("You are not entitled to vote in this poll."),
                       status=403)


def cast_all(actor, poll: Poll, payload: dict, key: str = "") -> list[dict]:
    """A proxy holder casts the same ballot for themself and everyone they represent."""
    held = db.session.scalars(sa.select(Entitlement.user_id).where(
        Entitlement.poll_id == poll.id, Entitlement.holder_id == actor.id)).all()
    if not held:
        raise _not_entitled()
    key = _key(key)
    return [_cast(actor, poll, payload, member=_user(member_id),
                  key=f"{key}:{member_id}" if key else "", via=None)
            for member_id in held]


def record_paper_ballot(actor, poll: Poll, member, payload: dict) -> dict:
    """A worker enters the paper ballot of a member without a phone (named polls only)."""
    require(can_record_attendance(actor, poll.meeting))
    if poll.secret:
        raise DomainError("secret_poll", _("Secret polls take no ballots entered by staff."),
                          status=409)
    _require_open(poll)
    if member is None or _entitlement(poll, member.id) is None:
        raise DomainError("not_entitled", _("That member is not entitled to vote in this poll."),
                          "user_id", status=403)
    result = cast_ballot(actor, poll, payload, member=member, via="paper")
    record(actor, "poll.paper_ballot", poll.meeting, community_id=poll.meeting.community_id,
           poll_id=poll.id, user_id=member.id)
    return result


def represented_member(actor, poll: Poll, member_id):
    """The member whose ballot `actor` casts as their proxy holder, or a refusal."""
    entitlement = _entitlement(poll, member_id) if is_id(member_id) else None
    if entitlement is None or entitlement.holder_id != actor.id:
        raise DomainError("not_entitled", _("You do not hold that member's proxy."),
                          "member_id", status=403)
    return _user(member_id)


def _entitlement(poll: Poll, member_id: int) -> Entitlement | None:
    return db.session.scalar(sa.select(Entitlement).where(
        Entitlement.poll_id == poll.id, Entitlement.user_id == member_id))


def _user(user_id: int):
    from govhub.auth.models import User

    return db.session.get(User, user_id)


def _claim_open(poll: Poll) -> None:
    """Check the poll is open and lock its row until this transaction ends."""
    if poll.closes_at is not None and poll.closes_at <= utcnow():
        raise _poll_closed()
    claimed = db.session.execute(
        sa.update(Poll).where(Poll.id == poll.id, Poll.status == PollStatus.OPEN)
        .values(status=PollStatus.OPEN).execution_options(synchronize_session=False))
    if claimed.rowcount != 1:
        raise _refused_poll(poll)


def _content(poll: Poll, payload: dict) -> list:
    return _content_of(poll, [option.id for option in poll.options], payload)


def _content_of(poll: Poll, option_ids: list[int], payload: dict) -> list:
    """The ballot's normalised content, or a refusal saying what is wrong with it."""
    try:
        content = kinds.get(poll.kind).ballot(payload, option_ids,
                                              poll.min_choices, poll.max_choices)
    except rules.BallotProblem as problem:
        raise DomainError(problem.code, _ballot_message(problem.code), "choice",
                          status=422) from None
    return list(content)


def _ballot_message(code: str):
    return {
        "too_few_choices": _l("Choose more options."),
        "too_many_choices": _l("Choose fewer options."),
        "duplicate_choice": _l("Choose each option only once."),
        "incomplete_ranking": _l("Rank every option, each once."),
    }.get(code, _l("That is not one of the poll's options."))


def _cast_named(poll, member_id, cast_by_id, content, weight, key, via) -> dict:
    existing = db.session.scalar(sa.select(Ballot).where(
        Ballot.poll_id == poll.id, Ballot.voter_id == member_id))
    if existing is None:
        try:
            with db.session.begin_nested():
                db.session.add(Ballot(poll_id=poll.id, voter_id=member_id, cast_by_id=cast_by_id,
                                      via=via, content=content, weight=weight, key=key,
                                      cast_at=utcnow()))
            return {"new": True, "changed": False}
        except sa.exc.IntegrityError:  # the same member, at the same moment, elsewhere
            existing = db.session.scalar(sa.select(Ballot).where(
                Ballot.poll_id == poll.id, Ballot.voter_id == member_id))
    if key and existing.key == key:
        return {"new": False, "changed": False}  # a retry: already counted
    if not poll.allow_change:
        raise DomainError("already_voted", _("Your ballot is already recorded."), status=409)
    existing.content, existing.key, existing.cast_at = content, key, utcnow()
    existing.cast_by_id, existing.via = cast_by_id, via
    return {"new": False, "changed": True}


def _cast_secret(poll, member_id, cast_by_id, content, weight, key, via) -> dict:
    existing = db.session.scalar(sa.select(Receipt).where(
        Receipt.poll_id == poll.id, Receipt.voter_id == member_id))
    if existing is not None:
        if key and existing.key == key:
            return {"new": False, "changed": False}
        raise DomainError("already_voted", _("Your ballot is already recorded."), status=409)
    try:
        with db.session.begin_nested():
            db.session.add(Receipt(poll_id=poll.id, voter_id=member_id, cast_by_id=cast_by_id,
                                   via=via, key=key))
            db.session.flush()
            db.session.add(SecretBallot(poll_id=poll.id, content=content, weight=weight))
    except sa.exc.IntegrityError:
        raise DomainError("already_voted", _("Your ballot is already recorded."),
                          status=409) from None
    return {"new": True, "changed": False}


def _broadcast_polls(meeting: Meeting) -> None:
    """Polls travel with the agenda: a new one reaches every room as agenda:update."""
    broadcast_agenda(meeting)
