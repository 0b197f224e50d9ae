"""How fast are the proposals' lists, search and supports with a street's worth of them?

Builds a fresh database (SQLite by default, or a throwaway PostgreSQL one with
--postgres), migrated from empty, with one community, its council, 2,000 confirmed
residents and 10,000 proposals in every state carrying 200,000 supports and 50,000
comments (bulk-loaded; the keyword index rebuilt the way the migration builds it). Then,
through the app (Flask's test client, HTML included), it times:

- the list page `/c/<slug>/proposals` with each sort and a few filters;
- the same page with keywords (`?q=`), Chinese and English;
- a resident's support, `PUT /api/v1/proposals/<id>/support`, each by a different
  resident on a proposal still collecting (the count's atomic UPDATE, the row, the audit
  event, and the threshold's queueing when it is reached).

Targets (issue 14): list and search p95 < 50 ms, a support p95 < 30 ms, on SQLite and on
PostgreSQL.

    .venv/bin/python bench/proposals.py
    .venv/bin/python bench/proposals.py --postgres   # GOVHUB_TEST_POSTGRES_URL or local
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa
from offering_search import database, percentiles

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

LIST_TARGET_MS, SUPPORT_TARGET_MS = 50, 30
PLACES = ["1号楼", "3号楼南侧", "东门", "中心广场", "地下车库", "自行车棚", "长者食堂",
          "社区活动室"]
WISHES = ["加装电梯", "增设座椅", "安装路灯", "增加充电桩", "修补路面", "设置快递柜", "加装雨棚",
          "清理小广告", "增设垃圾分类点", "开设四点半课堂", "增加绿化", "划设停车位"]
ENGLISH = ["Benches by the playground", "Lights for the back gate", "A parcel locker",
           "Charging points for e-bikes"]
REASONS = ["老人上下楼不便。", "晚上太暗，不安全。", "雨天没有地方避雨。", "孩子放学后没人照看。",
           "电动车在楼道充电很危险。", "The path floods after rain."]
QUERIES = ["电梯", "充电桩", "东门 雨棚", "座椅", "路灯", "快递柜", "parcel", "lights", "老人"]
SORTS = ["newest", "most_supported", "closest"]
STATES = ["published"] * 12 + ["queued"] * 4 + ["accepted", "not_feasible", "withdrawn",
                                                "archived"]


def populate(proposals: int, supports: int, comments: int, residents: int, seed: int = 7):
    """Bulk-load the street's proposals; returns (slug, council_id, open proposal ids,
    resident ids)."""
    from govhub.auth.models import User
    from govhub.auth.passwords import hash_password
    from govhub.communities.services import create_community
    from govhub.councils.models import Council
    from govhub.extensions import db
    from govhub.proposals.models import Proposal, ProposalComment, ProposalSupport

    rng = random.Random(seed)
    community = create_community(None, "bench", "幸福里社区", name_en="Xingfuli")
    council = Council(community_id=community.id, name="居民会议", kind="residents_meeting")
    db.session.add(council)
    db.session.flush()
    now = datetime.now(UTC)
    password = hash_password("bench password")
    db.session.execute(sa.insert(User), [
        {"username": f"bench{n:05d}", "display_name": f"居民{n}", "password_hash": password,
         "role": "resident", "community_id": community.id, "confirmed_at": now,
         "created_at": now} for n in range(residents)])
    people = list(db.session.scalars(sa.select(User.id).where(User.username.like("bench%"))))
    per = supports // proposals
    rows, open_ids = [], []
    for n in range(proposals):
        state = rng.choice(STATES)
        published = now - timedelta(days=rng.randint(0, 200), minutes=n)
        title = rng.choice(ENGLISH) if rng.random() < 0.1 else (
            rng.choice(PLACES) + rng.choice(WISHES))
        rows.append({
            "community_id": community.id, "council_id": council.id,
            "author_id": rng.choice(people), "title": f"{title}（{n}）",
            "body": "".join(rng.choices(REASONS, k=3)), "category": "facilities",
            "state": state, "threshold": per * 2, "support_count": per,
            "published_at": published, "expires_on": (published + timedelta(days=90)).date(),
            "reached_at": published + timedelta(days=3) if state != "published" else None,
            "reason": "", "created_at": published})
    db.session.execute(sa.insert(Proposal), rows)
    ids = list(db.session.scalars(sa.select(Proposal.id).order_by(Proposal.id)))
    states = dict(db.session.execute(sa.select(Proposal.id, Proposal.state)).all())
    open_ids = [i for i in ids if states[i] == "published"]
    for start in range(0, len(ids), 500):
        batch = []
        for proposal_id in ids[start:start + 500]:
            for user_id in rng.sample(people, per):
                batch.append({"proposal_id": proposal_id, "user_id": user_id,
                              "person_key": f"user:{user_id}", "source": "online",
                              "created_at": now})
        db.session.execute(sa.insert(ProposalSupport), batch)
    db.session.execute(sa.insert(ProposalComment), [
        {"proposal_id": rng.choice(ids), "author_id": rng.choice(people),
         "stance": rng.choice(["for", "against", "question"]),
         "body": "".join(rng.choices(REASONS, k=2)), "report_count": 0, "hidden_reason": "",
         "created_at": now} for _ in range(comments)])
    _reindex()
    db.session.commit()
    if db.engine.dialect.name == "postgresql":
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("VACUUM ANALYZE")
    return community.slug, council.id, open_ids, people


def _reindex() -> None:
    """The keyword index, rebuilt for rows loaded in bulk (the session hooks see ORM
    objects only)."""
    try:
        from govhub.proposals import search
    except ImportError:
        return
    from govhub.extensions import db
    from govhub.proposals.models import Proposal

    search.reindex(db.session.connection(), sa.select(Proposal.id))


def timed(samples: list[float], call, *args, **kwargs):
    start = time.perf_counter()
    result = call(*args, **kwargs)
    samples.append((time.perf_counter() - start) * 1000)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--proposals", type=int, default=10_000)
    parser.add_argument("--supports", type=int, default=200_000)
    parser.add_argument("--comments", type=int, default=50_000)
    parser.add_argument("--residents", type=int, default=2_000)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()

    import flask_migrate

    from govhub import create_app
    from govhub.auth.models import User
    from govhub.auth.services import issue_token
    from govhub.extensions import db

    with database(args.postgres) as url, tempfile.TemporaryDirectory() as instance:
        app = create_app({"env": "test", "secret_key": "bench", "database_url": url,
                          "instance_path": instance, "password_hash_profile": "CHEAPEST"})
        with app.app_context():
            flask_migrate.upgrade()
            began = time.perf_counter()
            slug, council_id, open_ids, people = populate(
                args.proposals, args.supports, args.comments, args.residents)
            built = time.perf_counter() - began
            backend = db.engine.dialect.name
            client = app.test_client()
            load_before = os.getloadavg()[0]
            lists, searches, supports = [], [], []
            for _round in range(args.rounds):
                for sort in SORTS:
                    for filters in ({}, {"state": "published"}, {"category": "facilities"},
                                    {"page": "5"}):
                        answer = timed(lists, client.get, f"/c/{slug}/proposals",
                                       query_string={"sort": sort, **filters})
                        assert answer.status_code == 200, answer.status_code
                for query in QUERIES:
                    answer = timed(searches, client.get, f"/c/{slug}/proposals",
                                   query_string={"q": query})
                    assert answer.status_code == 200, answer.status_code
            rng = random.Random(3)
            supporters = rng.sample(people, 200)
            tokens = []
            for user_id in supporters:
                _token, plain = issue_token(db.session.get(User, user_id), name="bench")
                tokens.append(plain)
            db.session.commit()
            for token in tokens:
                proposal_id = rng.choice(open_ids)
                answer = timed(supports, client.put, f"/api/v1/proposals/{proposal_id}/support",
                               headers={"Authorization": f"Bearer {token}"})
                assert answer.status_code in (200, 409), answer.get_data(as_text=True)
            load_after = os.getloadavg()[0]
            for engine in db.engines.values():
                engine.dispose()

    print(f"load average (1 min) {load_before:.1f} before, {load_after:.1f} after, on "
          f"{os.cpu_count()} cores")
    print(f"proposals on {backend}: {args.proposals} proposals, {args.supports} supports, "
          f"{args.comments} comments, {args.residents} residents; loaded in {built:.1f} s")
    ok = True
    for name, samples, target in (
            ("list page (sorts, filters, paging)", lists, LIST_TARGET_MS),
            ("search page (?q=)", searches, LIST_TARGET_MS),
            ("PUT /api/v1/proposals/<id>/support", supports, SUPPORT_TARGET_MS)):
        p50, p95, worst = percentiles(samples)
        met = p95 < target
        ok &= met
        print(f"{name:36} n={len(samples):4} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  "
              f"max {worst:6.1f} ms  target p95 < {target} ms: {'met' if met else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
