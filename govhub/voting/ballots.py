"""Ballots: casting (or changing) a member's ballot, in bulk, by proxy, or on paper.

Every ballot first claims its poll's row with a conditional UPDATE ... WHERE
status = 'open' (govhub/voting/services.py says why), in the same transaction
as the ballot, so a ballot after the close is refused. Who may cast for whom
is `voting.permissions.may_cast`.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from govhub.audit.services import record
from govhub.core.errors import DomainError
from govhub.core.guards import require
from govhub.core.models import is_id, utcnow
from govhub.extensions import db
from govhub.voting import kinds, rules, tallies
from govhub.voting.models import (
    Ballot,
    Entitlement,
    Poll,
    PollStatus,
    Receipt,
    SecretBallot,
    random_key,
)
from govhub.voting.permissions import can_cast, can_enter_paper_ballots, may_cast

KEY_MAX = 64


def _poll_closed() -> DomainError:
    return DomainError("poll_closed", _l("The poll is closed; your ballot was not counted."),
                       status=409)



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
    entitlement = _entitlement(poll, member_id)
    paper = via == "paper"
    if not may_cast(actor.id, member_id, entitlement.holder_id if entitlement else None,
                    paper=paper, keeps_attendance=paper and can_enter_paper_ballots(actor, poll)):
        raise _not_entitled()
    if not paper:
        via = "self" if member_id == actor.id else "proxy"
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
            if not may_cast(member_id, member_id, holders.get(member_id)):  # their own
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
    require(can_enter_paper_ballots(actor, poll))
    if poll.secret:
        raise DomainError("secret_poll", _("Secret polls take no ballots entered by staff."),
                          status=409)
    _require_open(poll)
    if not can_cast(actor, poll, member, paper=True):
        raise DomainError("not_entitled", _("That member is not entitled to vote in this poll."),
                          "user_id", status=403)
    result = cast_ballot(actor, poll, payload, member=member, via="paper")
    record(actor, "poll.paper_ballot", poll.meeting, community_id=poll.meeting.community_id,
           poll_id=poll.id, user_id=member.id)
    return result


def represented_member(actor, poll: Poll, member_id):
    """The member whose ballot `actor` casts as their proxy holder, or a refusal."""
    entitlement = _entitlement(poll, member_id) if is_id(member_id) else None
    if not may_cast(actor.id, member_id, entitlement.holder_id if entitlement else None):
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

