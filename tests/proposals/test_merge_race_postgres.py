"""A merge accepted while residents support the source and the target in the same instant.

Each actor is a thread with its own connection to a throwaway PostgreSQL database (READ
COMMITTED, as deployed), released together at a barrier: the source's author gives the
last consent (which carries the merge out), residents support the source, residents
support the target, one person supports both. Two late supporters wait until the merge has
moved the supports but not committed, and then support: they are held on the proposals'
rows until it commits. Whatever the interleaving, when everything has committed:

- the target's count is the number of distinct people among its supports, each counted
  once across the two proposals, and every support that was accepted is among them;
- a support that reached the source after the merge was refused (409 "not_open", also over
  the API), one that reached the target for someone already counted was refused
  ("already_supported"): nothing lost silently, nothing a 500;
- the target was queued exactly once (one agenda item, one threshold_reached event).

And two merges of one pair in opposite directions (A into B, B into A: the API lets the
office propose both), accepted at the same instant through the API: one is carried out, the
other is refused with a 409, never a 500.
"""

from __future__ import annotations

import itertools
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta

import pytest
import sqlalchemy as sa

from govhub.audit.models import AuditEvent
from govhub.auth.models import User
from govhub.auth.services import create_user, issue_token
from govhub.communities.services import create_community
from govhub.core.errors import DomainError
from govhub.core.models import utcnow
from govhub.councils.models import Council
from govhub.extensions import db
from govhub.meetings import services as meetings
from govhub.meetings.models import AgendaItem
from govhub.proposals import merges, services
from govhub.proposals.merge_models import MergeStatus, ProposalMerge
from govhub.proposals.models import Proposal, ProposalSupport
from govhub.proposals.rules import ProposalState
from tests.helpers import PASSWORD
from tests.helpers.api import bearer
from tests.helpers.servers import committing_app, postgres_database

pytestmark = pytest.mark.postgres

SOURCE_THRESHOLD = 50  # the duplicate never reaches its own: the merge is what is raced
# The target's: 8 is reached by the merge or by a support after it, never before it; 6 may
# be reached by its own supporters before the merge, while it is carried out, or after.
TARGET_THRESHOLDS = (8, 6)
TIMEOUT = 30
_serial = itertools.count(1)

# Who supports what before the race (besides the two authors, whose support counts).
BEFORE = {"both": ("source", "target"), "src": ("source",), "src2": ("source",),
          "tgt": ("target",)}
# The race: (name, person, what) released at once; "late" ones wait for the carried-out
# but uncommitted merge. 12 threads, each holding one connection of the pool (5 + 10).
RACE = [("merge", "a", "accept"),
        ("s1", "r1", "source"), ("s2", "r2", "source"), ("s-tgt", "tgt", "source"),
        ("s-x", "x", "source"),
        ("t1", "r3", "target"), ("t2", "r4", "target"), ("t-src", "src", "target"),
        ("t-x", "x", "target"),
        ("late-source", "r5", "late source"), ("late-counted", "src2", "late target"),
        ("late-new", "r6", "late target")]


@dataclass
class Scene:
    source_id: int
    target_id: int
    merge_id: int
    people: dict[str, int]  # name -> user id


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    with postgres_database("mergerace") as url:
        app = committing_app(url, tmp_path_factory.mktemp("mergerace"))
        yield app
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


def _propose(worker, council, author, title: str, threshold: int) -> Proposal:
    services.save_settings(worker, council, threshold_kind="absolute",
                           threshold_value=threshold, time_limit_days=90,
                           answer_working_days=15, supports_public=False)
    return services.create_proposal(author, council, title=title, body="老人上下楼不便。",
                                    category="facilities", publish=True)


@pytest.fixture
def scene(app, request):
    """Two open proposals of one council (a duplicate and the one it joins, whose threshold
    is the parameter), supported as BEFORE says, a merge the target's author has accepted,
    and a scheduled meeting."""
    threshold = getattr(request, "param", TARGET_THRESHOLDS[0])
    with app.app_context():
        community = create_community(None, f"merge-race-{next(_serial)}", "合并竞速社区")
        council = Council(community_id=community.id, name="居民议事会", kind="residents_meeting")
        db.session.add(council)
        db.session.flush()
        tag = f"{council.id:04d}"
        worker = create_user(None, f"mergeworker{tag}", "社工", PASSWORD, role="worker",
                             community=community)
        names = {name for _, name, _ in RACE} | set(BEFORE) | {"a", "b", "late-http"}
        people = {name: create_user(None, f"merge{tag}{name}".replace("-", ""), f"居民{name}",
                                    PASSWORD, community=community) for name in sorted(names)}
        meetings.create_meeting(worker, council, "下次议事会", utcnow() + timedelta(days=7),
                                place="活动室", is_public=True, items=[])
        source = _propose(worker, council, people["a"], "楼道装扶手", SOURCE_THRESHOLD)
        target = _propose(worker, council, people["b"], "楼道加装扶手", threshold)
        for name, which in BEFORE.items():
            for proposal in (source if w == "source" else target for w in which):
                services.support_proposal(people[name], proposal)
        merge = merges.propose_merge(worker, source, target, "同一件事")
        merges.answer_merge(people["b"], merge, True)
        db.session.commit()
        made = Scene(source.id, target.id, merge.id,
                     {name: user.id for name, user in people.items()})
        db.session.remove()
    # Not inside that app context: requests of the test client would share it (and the
    # language it was worded in).
    return made


def _backend_pid() -> int:
    """The PostgreSQL backend of this thread's session (held until its transaction ends)."""
    return db.session.scalar(sa.text("select pg_backend_pid()"))


def _wait_until_blocked(pids: list[int]) -> None:
    """Until every one of `pids` waits on a lock (the merge's: it holds both rows). Each
    look is its own transaction: pg_stat_activity is a snapshot per transaction."""
    deadline = time.monotonic() + TIMEOUT
    query = sa.text("select count(*) from pg_stat_activity "
                    "where pid = any(:pids) and wait_event_type = 'Lock'")
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as watcher:
        while watcher.scalar(query, {"pids": pids}) < len(pids):
            assert time.monotonic() < deadline, "the late supporters never met the merge"
            time.sleep(0.005)


def _race(app, scene: Scene) -> dict[str, Exception | None]:
    barrier = threading.Barrier(len(RACE))
    carried_out = threading.Event()
    late_pids: list[int] = []  # all known once the barrier lets anyone go

    def one(job) -> tuple[str, Exception | None]:
        name, person, what = job
        with app.app_context():
            try:
                user = db.session.get(User, scene.people[person])
                source = db.session.get(Proposal, scene.source_id)
                target = db.session.get(Proposal, scene.target_id)
                merge = db.session.get(ProposalMerge, scene.merge_id)
                if what.startswith("late"):
                    late_pids.append(_backend_pid())
                barrier.wait(TIMEOUT)
                if what == "accept":
                    try:
                        merges.answer_merge(user, merge, True)
                    finally:
                        carried_out.set()
                    _wait_until_blocked(list(late_pids))
                else:
                    if what.startswith("late"):
                        assert carried_out.wait(TIMEOUT)
                    services.support_proposal(user, source if what.endswith("source")
                                              else target)
                db.session.commit()
                return name, None
            except Exception as exc:  # what this resident would have been told
                db.session.rollback()
                return name, exc
            finally:
                db.session.remove()

    with ThreadPoolExecutor(max_workers=len(RACE)) as pool:
        return dict(pool.map(one, RACE))


def _code(error: Exception | None) -> str | None:
    if error is None:
        return None
    assert isinstance(error, DomainError), repr(error)  # never an unexpected failure
    assert error.status == 409 and error.message, repr(error)
    return error.code


@pytest.mark.parametrize("scene", TARGET_THRESHOLDS, indirect=True)
def test_supports_at_the_instant_of_the_merge_count_once_and_queue_once(app, scene):
    outcome = _race(app, scene)
    codes = {name: _code(error) for name, error in outcome.items()}

    assert codes["merge"] is None
    # Held on the source's row by the merge, then refused: the source is merged.
    assert codes["late-source"] == "not_open"
    # Held on the target's row, then refused: their support on the source moved there.
    assert codes["late-counted"] == "already_supported"
    assert codes["late-new"] is None
    for name, _person, what in RACE:
        if what == "source":  # refused only when the merge came first
            assert codes[name] in (None, "not_open"), name
        elif what == "target":  # refused only when already counted through the source
            assert codes[name] in (None, "already_supported"), name

    counted = {"a", "b", *BEFORE} | {person for name, person, what in RACE
                                     if what != "accept" and codes[name] is None}
    with app.app_context():
        source = db.session.get(Proposal, scene.source_id)
        target = db.session.get(Proposal, scene.target_id)
        assert (source.state, source.merged_into_id) == (ProposalState.MERGED, target.id)
        assert db.session.get(ProposalMerge, scene.merge_id).status == MergeStatus.ACCEPTED
        rows = db.session.execute(sa.select(ProposalSupport.proposal_id,
                                            ProposalSupport.person_key)
                                  .where(ProposalSupport.proposal_id.in_(
                                      [source.id, target.id]))).all()
        keys = [key for proposal_id, key in rows if proposal_id == target.id]
        # Nothing is left on the source; nobody twice; every accepted support is there.
        assert [row for row in rows if row.proposal_id == source.id] == []
        assert len(keys) == len(set(keys))
        assert set(keys) == {f"user:{scene.people[name]}" for name in counted}
        assert target.support_count == len(set(keys)) >= target.threshold
        # Queued exactly once, onto the one meeting.
        assert target.state == ProposalState.QUEUED
        reached = db.session.scalars(sa.select(AuditEvent.target_id).where(
            AuditEvent.action == "proposal.threshold_reached")).all()
        assert [r for r in reached if r in (source.id, target.id)] == [target.id]
        assert db.session.scalar(sa.select(sa.func.count()).select_from(AgendaItem).where(
            AgendaItem.title == target.title,
            AgendaItem.meeting.has(council_id=target.council_id))) == 1
        db.session.remove()


def test_a_support_to_the_merged_proposal_is_refused_over_the_api(app, scene):
    """After the race, the same refusal as a resident's client sees it: a 409 that says why
    in their language, and nothing counted."""
    assert _race(app, scene)["merge"] is None
    with app.app_context():
        late = db.session.get(User, scene.people["late-http"])
        _, token = issue_token(late, name="test")
        db.session.commit()
        before = db.session.get(Proposal, scene.target_id).support_count
        db.session.remove()
    client = app.test_client()
    for language, message in (("zh-CN", "这个提议不在征集支持。"),
                              ("en", "This proposal does not collect supports.")):
        response = client.put(f"/api/v1/proposals/{scene.source_id}/support",
                              headers={**bearer(token), "Accept-Language": language})
        assert response.status_code == 409, response.get_data(as_text=True)
        error = response.get_json()["error"]
        assert (error["code"], error["message"]) == ("not_open", message)
    with app.app_context():
        assert db.session.get(Proposal, scene.target_id).support_count == before
        assert db.session.scalar(sa.select(sa.func.count()).select_from(ProposalSupport).where(
            ProposalSupport.user_id == scene.people["late-http"])) == 0
        db.session.remove()


# --- two merges of one pair, in opposite directions, accepted at once ----------------------

@dataclass
class Mutual:
    a: int  # proposal ids, by residents a and b
    b: int
    merges: list[int]  # A into B, and B into A unless the office was refused that one
    tokens: list[str]  # two of a's (using one token locks its row): a accepts both at once


@pytest.fixture
def mutual(app) -> Mutual:
    """Proposals A (by a) and B (by b); the office proposes A into B and B into A over the
    API; b accepts both first, so a's acceptance of each is the last, which carries it out."""
    with app.app_context():
        community = create_community(None, f"mutual-{next(_serial)}", "互并社区")
        council = Council(community_id=community.id, name="居民议事会", kind="residents_meeting")
        db.session.add(council)
        db.session.flush()
        worker, a, b = (
            create_user(None, f"mutual{council.id:04d}{name}", name, PASSWORD, role=role,
                        community=community)
            for name, role in (("w", "worker"), ("a", "resident"), ("b", "resident")))
        first = _propose(worker, council, a, "东门装雨棚", SOURCE_THRESHOLD)
        second = _propose(worker, council, b, "东门加装雨棚", SOURCE_THRESHOLD)
        office, b_token, *a_tokens = (issue_token(user, name="test")[1]
                                      for user in (worker, b, a, a))
        made = Mutual(first.id, second.id, [], a_tokens)
        db.session.commit()
        db.session.remove()
    client = app.test_client()
    for source, target in ((made.a, made.b), (made.b, made.a)):
        response = client.post(f"/api/v1/proposals/{source}/merges", headers=bearer(office),
                               json={"target_id": target, "reason": "同一件事"})
        if response.status_code == 201:
            made.merges.append(response.get_json()["id"])
        else:  # the office may not propose the opposite merge: a clear refusal
            assert response.status_code == 409, response.get_data(as_text=True)
            assert response.get_json()["error"]["message"]
    for merge_id in made.merges:
        accepted = client.post(f"/api/v1/proposal-merges/{merge_id}/accept",
                               headers=bearer(b_token))
        assert accepted.status_code == 200, accepted.get_data(as_text=True)
    return made


def _wait_until_blocked_count(count: int) -> None:
    """Until `count` backends of this database wait for a lock another one holds."""
    deadline = time.monotonic() + TIMEOUT
    query = sa.text("select count(*) from pg_stat_activity where datname = current_database()"
                    " and cardinality(pg_blocking_pids(pid)) > 0")
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as watcher:
        while watcher.scalar(query) != count:
            assert time.monotonic() < deadline, f"never {count} waiting on a lock"
            time.sleep(0.005)


def _accept_at_once(app, pair: Mutual) -> list[tuple[int, dict]]:
    """The author accepts each merge from a phone of their own, at the same instant, lined
    up by the database: two transactions hold A's and B's rows (FOR UPDATE: held as a
    support holds them until it commits, but leaving no new row version, after which
    PostgreSQL may reorder the waiters), so each acceptance waits on the first row it
    locks; B's is released first, then, once the acceptances wait again, A's: the
    interleaving two phones produce by chance, every time."""

    def accept(merge_id: int, token: str):
        response = app.test_client().post(f"/api/v1/proposal-merges/{merge_id}/accept",
                                          headers=bearer(token))
        return response.status_code, response.get_json()

    with (app.app_context(), db.engine.connect() as hold_a, db.engine.connect() as hold_b,
          ThreadPoolExecutor(max_workers=2) as pool):
        for holder, proposal_id in ((hold_a, pair.a), (hold_b, pair.b)):
            holder.execute(sa.select(Proposal.id).where(Proposal.id == proposal_id)
                           .with_for_update())
        answers = [pool.submit(accept, merge_id, token)
                   for merge_id, token in zip(pair.merges, pair.tokens, strict=False)]
        for holder in (hold_b, hold_a):
            _wait_until_blocked_count(len(pair.merges))
            holder.commit()
        return [answer.result(TIMEOUT) for answer in answers]


def test_opposite_merges_accepted_at_once_one_is_refused_never_a_500(app, mutual):
    answers = _accept_at_once(app, mutual)
    # One is carried out; the other (if the office could propose it) is refused with a 409.
    assert sorted(status for status, _ in answers) == [200, 409][:len(mutual.merges)], answers
    refused = [body["error"] for status, body in answers if status == 409]
    assert all(error["code"] in ("transition_not_allowed", "merge_closed") and error["message"]
               for error in refused), refused
    with app.app_context():
        first, second = (db.session.get(Proposal, pid) for pid in (mutual.a, mutual.b))
        [merged] = [p for p in (first, second) if p.state == ProposalState.MERGED]
        [kept] = [p for p in (first, second) if p is not merged]
        assert (kept.state, merged.merged_into_id) == (ProposalState.PUBLISHED, kept.id)
        keys = db.session.scalars(sa.select(ProposalSupport.person_key).where(
            ProposalSupport.proposal_id.in_([mutual.a, mutual.b]))).all()
        assert kept.support_count == len(keys) == len(set(keys)) == 2  # a and b, once
        db.session.remove()
