"""Helpers the voting page tests share: a meeting's chair, a poll on its current item,
the poll's named ballots, and what a response shows (its HTML, the flashed messages)."""

import sqlalchemy as sa

from govhub.extensions import db
from govhub.voting.models import Ballot
from tests.voting.polls import draft_poll, open_by_chair


def _chair(meeting):
    return meeting.council.test_members[0]


def _poll(meeting, kind="yes_no_abstain", opened=True, **options):
    poll = draft_poll(meeting, kind=kind, **options)
    if opened:
        open_by_chair(meeting, poll)
    return poll


def _ballots(poll) -> list[Ballot]:
    return db.session.scalars(sa.select(Ballot).where(Ballot.poll_id == poll.id)).all()


def _html(response) -> str:
    return response.get_data(as_text=True)


def _flashed(client) -> list[str]:
    with client.session_transaction() as session:
        return [message for _category, message in session.get("_flashes", [])]
