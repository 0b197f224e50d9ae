"""Many residents support a proposal in the same instant: it is queued exactly once.

Each supporter is a thread with its own connection to a throwaway PostgreSQL database
(READ COMMITTED, as deployed), released together at a barrier. The service's one atomic
UPDATE of the counter makes the supporters take turns on the proposal's row, so exactly
one of them sees the count reach the threshold. The same harness shows why that matters:
a read-then-write version (insert the support, count the rows, compare, queue) lets every
supporter whose count was read before the others committed queue it again.
(tests/proposals/test_threshold_race_live.py runs the race through a real server, with
real HTTP clients, on SQLite and PostgreSQL.)
"""

from __future__ import annotations

import itertools
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
import sqlalchemy as sa

from govhub.audit.models import AuditEvent
from govhub.auth.models import User
from govhub.auth.services import create_user
from govhub.communities.services import create_community
from govhub.core.models import utcnow
from govhub.councils.models import Council
from govhub.extensions import db
from govhub.meetings import services as meetings
from govhub.meetings.models import AgendaItem
from govhub.proposals import services
from govhub.proposals.models import Proposal, ProposalSupport
from govhub.proposals.rules import ProposalState
from tests.helpers import PASSWORD
from tests.helpers.servers import committing_app, postgres_database

pytestmark = pytest.mark.postgres

SUPPORTERS = 12  # within the connection pool (5 + 10 overflow): each holds one
THRESHOLD = 6  # the author's own support and five more: crossed in the middle of the rush
TIMEOUT = 30
_serial = itertools.count(1)


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    with postgres_database("race") as url:
        app = committing_app(url, tmp_path_factory.mktemp("race"))
        yield app
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture
def proposal(app):
    """A published proposal (threshold 6, one support: its author's), SUPPORTERS residents
    who have not supported it, and a scheduled meeting whose agenda can take it."""
    with app.app_context():
        community = create_community(None, f"race-{next(_serial)}", "竞速社区")
        council = Council(community_id=community.id, name="居民议事会", kind="residents_meeting")
        db.session.add(council)
        db.session.flush()
        tag = f"{council.id:04d}"
        worker = create_user(None, f"raceworker{tag}", "社工", PASSWORD, role="worker",
                             community=community)
        people = [create_user(None, f"race{tag}r{n:02d}", f"居民{n}", PASSWORD,
                              community=community) for n in range(SUPPORTERS + 1)]
        meetings.create_meeting(worker, council, "下次议事会", utcnow() + timedelta(days=7),
                                place="活动室", is_public=True, items=[])
        services.save_settings(worker, council, threshold_kind="absolute",
                               threshold_value=THRESHOLD, time_limit_days=90,
                               answer_working_days=15, supports_public=False)
        made = services.create_proposal(people[0], council, title="楼道加装扶手",
                                        body="老人上下楼不便。", category="facilities",
                                        publish=True)
        db.session.commit()
        yield made.id, [person.id for person in people[1:]]
        db.session.remove()


def _rush(app, proposal_id: int, user_ids: list[int], support) -> list[Exception]:
    """Every resident supports at once, each in its own thread and connection."""
    barrier = threading.Barrier(len(user_ids))

    def one(user_id: int):
        with app.app_context():
            try:
                user = db.session.get(User, user_id)
                barrier.wait(TIMEOUT)
                support(user, db.session.get(Proposal, proposal_id), barrier)
                db.session.commit()
                return None
            except Exception as exc:  # what a supporter would have been told
                db.session.rollback()
                return exc
            finally:
                db.session.remove()

    with ThreadPoolExecutor(max_workers=len(user_ids)) as pool:
        return [error for error in pool.map(one, user_ids) if error is not None]


def _outcome(app, proposal_id: int) -> dict:
    with app.app_context():
        proposal = db.session.get(Proposal, proposal_id)
        outcome = {
            "state": proposal.state,
            "count": proposal.support_count,
            "rows": db.session.scalar(sa.select(sa.func.count()).select_from(ProposalSupport)
                                      .where(ProposalSupport.proposal_id == proposal_id)),
            "queued": db.session.scalar(sa.select(sa.func.count()).select_from(AuditEvent).where(
                AuditEvent.action == "proposal.threshold_reached",
                AuditEvent.target_id == proposal_id)),
            "agenda_items": db.session.scalar(sa.select(sa.func.count()).select_from(AgendaItem)
                                              .where(AgendaItem.title == proposal.title,
                                                     AgendaItem.meeting.has(
                                                         council_id=proposal.council_id))),
        }
        db.session.remove()
        return outcome


def _the_service(user, proposal, _barrier) -> None:
    services.support_proposal(user, proposal)


def _read_then_write(user, proposal, barrier) -> None:
    """Insert the support, count the rows, and queue when the count reaches the threshold,
    as the state read when the request began allows. The barrier lets every supporter read
    before any commits: the interleaving a hall of phones produces by chance."""
    db.session.add(ProposalSupport(proposal_id=proposal.id, user_id=user.id,
                                   person_key=f"user:{user.id}", source="online"))
    db.session.flush()
    count = db.session.scalar(sa.select(sa.func.count()).select_from(ProposalSupport)
                              .where(ProposalSupport.proposal_id == proposal.id))
    published = proposal.state == ProposalState.PUBLISHED
    barrier.wait(TIMEOUT)
    proposal.support_count = count
    if published and count >= proposal.threshold:
        services.reach_threshold(proposal)


def test_supporters_at_the_same_instant_queue_it_exactly_once(app, proposal):
    proposal_id, supporters = proposal
    assert _rush(app, proposal_id, supporters, _the_service) == []
    assert _outcome(app, proposal_id) == {
        "state": ProposalState.QUEUED, "count": SUPPORTERS + 1, "rows": SUPPORTERS + 1,
        "queued": 1, "agenda_items": 1}


def test_a_read_then_write_version_fails_the_same_test(app, proposal):
    proposal_id, supporters = proposal
    errors = _rush(app, proposal_id, supporters[:THRESHOLD], _read_then_write)
    outcome = _outcome(app, proposal_id)
    # Each supporter counted its own row and the author's, never the others': nobody saw
    # the threshold, the counter lost the updates, and the proposal was never queued.
    assert errors == []
    assert outcome["rows"] == THRESHOLD + 1
    assert outcome["count"] < outcome["rows"]
    assert outcome["queued"] != 1 or outcome["agenda_items"] != 1
