"""Voting in the live room: `poll:vote` for members, `poll:open` and `poll:close` for the chair.

`poll:vote` is the burst's event. Its handler hands the ballot to the
ballot box (voting/ballot_box.py), which batches ballots, commits and
answers; what a ballot's payload means is decided here, in the box's
transaction (`CASTING`): which poll, whose ballot (the voter's own, a
represented member's, or all the voter holds), and a refusal for a poll the
voter may not see masked as one that does not exist.
"""

from __future__ import annotations

from flask_babel import force_locale
from flask_babel import gettext as _

from govhub.auth.models import User
from govhub.core.errors import DomainError
from govhub.core.models import is_id
from govhub.extensions import db
from govhub.meetings.permissions import can_view
from govhub.realtime.events import live_event
from govhub.voting import ballot_box, ballots, services
from govhub.voting.queries import find_poll, unknown_poll, visible_poll


def _poll(user, payload: dict):
    return visible_poll(user, payload.get("poll_id"), getattr(user, "projector_key", None))


@live_event("poll:vote", commits_itself=True, identity_only=True)
def vote(user, payload):
    """{poll_id, choice | choices | ranking, key, member_id? | for_all?} → ack after commit."""
    if not getattr(user, "is_authenticated", False):
        raise DomainError("unauthorized", _("Sign in to vote."), status=401)
    return ballot_box.submit(user, payload, user.browser_locale, CASTING)


@live_event("poll:open")
def open_poll(user, payload):
    services.open_poll(user, _poll(user, payload), payload.get("closes_in_seconds"))


@live_event("poll:close")
def close_poll(user, payload):
    services.close_poll(user, _poll(user, payload))


# --- what a ballot's payload means (in the ballot box's transaction) ---------------------

def cast_one(voter, payload: dict) -> dict:
    """Cast one ballot from its payload; the ack's fields, or a DomainError."""
    return _cast(_user(voter), payload)


def cast_batch(votes: list[ballots.Vote]) -> list[dict]:
    """Cast a batch of standing voters' ballots; one ack each, in order, refusals included.

    Proxies' ballots go one by one, each in a savepoint; then the plain ballots
    (a member's own) of each poll together, through `ballots.cast_many`.
    """
    answers: list[dict | None] = [None] * len(votes)
    plain: dict[int | None, list[int]] = {}  # poll id -> indexes of plain ballots in the batch
    for index, vote in enumerate(votes):
        if _is_plain(vote.payload):
            poll_id = vote.payload.get("poll_id")
            plain.setdefault(poll_id if is_id(poll_id) else None, []).append(index)
        else:
            answers[index] = _cast_one(_user(vote.user), vote)
    for poll_id, indexes in plain.items():
        poll = find_poll(poll_id)
        if poll is None:
            for index in indexes:
                with force_locale(votes[index].locale):
                    answers[index] = {"ok": False, "error": unknown_poll().to_dict()}
            continue
        of_poll = [votes[i] for i in indexes]
        for index, vote, answer in zip(indexes, of_poll, ballots.cast_many(poll, of_poll),
                                       strict=True):
            answers[index] = _masked(vote, poll, answer)
    return answers


CASTING = ballot_box.Casting(one=cast_one, batch=cast_batch)


def _cast(user, payload: dict) -> dict:
    poll = find_poll(payload.get("poll_id"))
    if poll is None:
        raise unknown_poll()
    try:
        return _cast_in(user, poll, payload)
    except DomainError:
        # Only a refusal asks who may see the poll: one that is hidden from
        # this user answers exactly like one that does not exist.
        if not can_view(user, poll.meeting):
            raise unknown_poll() from None
        raise


def _cast_in(user, poll, payload: dict) -> dict:
    key = payload.get("key")  # the service refuses anything but a short text
    if payload.get("for_all") is True:
        results = ballots.cast_all(user, poll, payload, key=key)
        return {"poll_id": poll.id, "members": [r["member_id"] for r in results]}
    member = None
    if payload.get("member_id") is not None:
        member = ballots.represented_member(user, poll, payload.get("member_id"))
    return ballots.cast_ballot(user, poll, payload, member=member, key=key)


def _user(voter):
    """The whole account, for the rarer paths that ask what its holder may see or hold."""
    return db.session.get(User, voter.id)


def _is_plain(payload: dict) -> bool:
    """A member's own ballot, not a proxy's: the kind cast in bulk."""
    return payload.get("member_id") is None and payload.get("for_all") is not True


def _cast_one(user, vote: ballots.Vote) -> dict:
    with force_locale(vote.locale):
        try:
            with db.session.begin_nested():
                return {"ok": True, **_cast(user, vote.payload)}
        except DomainError as exc:
            return {"ok": False, "error": exc.to_dict()}


def _masked(vote: ballots.Vote, poll, answer: dict) -> dict:
    """A refusal for a poll the voter may not see answers like one that does not exist."""
    if answer["ok"] or can_view(_user(vote.user), poll.meeting):
        return answer
    with force_locale(vote.locale):
        return {"ok": False, "error": unknown_poll().to_dict()}
