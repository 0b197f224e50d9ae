"""A secret vote with really committed transactions, for the storage tests to inspect.

The usual test app rolls every test back (one outer transaction), so
nothing reaches the database file. These tests get an app over a database
of their own whose commits are real, and vote through the real services
one ballot per transaction, as phones do when the hall is quiet: the case
where the order of arrival is written most plainly.
"""

from __future__ import annotations

import itertools
import random
import secrets
from dataclasses import dataclass, field
from statistics import mean

import pytest

from govhub.extensions import db
from govhub.meetings import attendance
from govhub.voting import ballots, services
from tests.voting.sqlite_pages import kendall

VOTERS = 30
POLLS = 4
OPTIONS = ["东侧", "西侧", "北侧", "南侧", "中庭"]
# Kendall's τ between a random order of a poll's 30 rows and their arrival,
# counted within pages (a poll's rows spread over a few): the mean of four
# |τ| is 0.12 on average and, in 20,000 simulated runs with the rows over
# four pages, never above 0.33. Rows in arrival order give 1; before the
# close rewrote them, the ballots' cells gave 0.5 (a page split rewrites a
# page in key order) and every index and the receipts 1.
UNRELATED = 0.35


@dataclass
class SecretVote:
    poll: object
    arrival: list[int]  # voter ids, in the order their ballots were committed
    rankings: dict[int, list[int]]  # voter id -> the ranking they cast (each one different)
    client_keys: list[str]
    ballot_keys: list[str] = field(default_factory=list)  # as stored before the close

    def voter_of(self, content) -> int:
        """The voter whose (distinct) ranking this stored content is."""
        return {tuple(r): voter for voter, r in self.rankings.items()}[tuple(content)]


@pytest.fixture
def hall(make_meeting, make_council):
    meeting = make_meeting("in_session", council=make_council(VOTERS))
    for member in meeting.council.test_members:
        attendance.check_in(member, meeting)
    db.session.commit()
    return meeting


def vote_secretly(meeting, rng: random.Random) -> SecretVote:
    """Open a ranked secret poll; every member casts a different ranking, in a random order."""
    from govhub.voting.models import SecretBallot

    chair = meeting.council.test_members[0]
    poll = services.create_poll(chair, meeting, meeting.current_item, "电梯井放在哪一侧？",
                                "ranked", options=OPTIONS, secret=True, live_results=False)
    services.open_poll(chair, poll)
    db.session.commit()
    option_ids = [option.id for option in poll.options]
    members = list(meeting.council.test_members)
    rng.shuffle(members)
    rankings = rng.sample(list(itertools.permutations(option_ids)), len(members))
    vote = SecretVote(poll, [m.id for m in members],
                      {m.id: list(r) for m, r in zip(members, rankings, strict=True)}, [])
    for member in members:
        key = f"phone-{secrets.token_hex(12)}"
        vote.client_keys.append(key)
        ballots.cast_ballot(member, poll, {"ranking": vote.rankings[member.id]}, key=key)
        db.session.commit()
    vote.ballot_keys = list(db.session.scalars(
        db.select(SecretBallot.key).where(SecretBallot.poll_id == poll.id)))
    return vote


def close(vote: SecretVote) -> None:
    services.close_poll(vote.poll.meeting.council.test_members[0], vote.poll)
    db.session.commit()


def unrelated(votes: list[SecretVote], order_of) -> float:
    """The mean |τ| between arrival and the order in which `order_of(vote)` lists
    (group, voter id) — the rows as they lie, grouped by page (see kendall)."""
    return mean(abs(kendall([(group, vote.arrival.index(voter))
                             for group, voter in order_of(vote)])) for vote in votes)
