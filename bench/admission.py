"""How fast are a street's admission pages with 2,000 requests?

Builds a fresh database (SQLite, then a throwaway PostgreSQL one; --only to run one),
migrated from empty: a street office of ten communities with the demo's catalogue, its
three departments, 2,000 admission requests in every state (each concerning all ten
communities, with the communities' views on those in consultation) and 1,000 refused tasks
over a year; then, through the app (Flask's test client, HTML included), times the
street's public page, its list of requests (first and a far page), a request's page, the
reviewers' queue, an officer's list, the refusal figures and the JSON of the street.

Target (issue 15): p95 < 100 ms for each, on SQLite and on PostgreSQL.

    .venv/bin/python bench/admission.py                 # both databases
    .venv/bin/python bench/admission.py --only sqlite   # or postgresql
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import sqlalchemy as sa
from offering_search import database, percentiles
from workload import TARGET_MS, RequestClient, _analyze, signed_in

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PASSWORD = "bench password"
CHANNELS = ["chat_group", "phone", "document", "in_person", "other"]
RULES = ["negative_list", "not_admitted", "certificate_not_listed"]


def populate(requests: int, refusals: int, seed: int = 15) -> dict:
    """The street, its people, requests and refusals; returns what the checks need."""
    from govhub.admission.catalogue.models import Street
    from govhub.admission.catalogue.services import import_catalogue, place_community
    from govhub.admission.departments.services import (
        appoint_officer,
        appoint_reviewer,
        create_department,
    )
    from govhub.admission.refusals.models import Refusal
    from govhub.admission.requests.models import (
        AdmissionRequest,
        AdmissionRequestCommunity,
        AdmissionView,
    )
    from govhub.admission.requests.rules import RequestState
    from govhub.auth.services import create_user
    from govhub.communities.services import create_community
    from govhub.demo.catalogue import demo_catalogue_csv
    from govhub.extensions import db

    rng = random.Random(seed)
    admin = create_user(None, "benchadmin", "管理员", PASSWORD, role="admin")
    street = Street(name="幸福街道", name_en="Xingfu Street")
    db.session.add(street)
    db.session.flush()
    import_catalogue(admin, street, demo_catalogue_csv())
    communities = []
    for n in range(10):
        community = create_community(None, f"bench-{n}", f"社区{n}")
        place_community(admin, community, street)
        communities.append(community)
    worker = create_user(None, "benchworker", "社工", PASSWORD, role="worker",
                         community=communities[0])
    departments = [create_department(admin, street, name) for name in
                   ("区民政局", "区卫生健康委员会", "区统计局")]
    officer = create_user(None, "benchofficer", "联络员", PASSWORD, role="officer")
    reviewer = create_user(None, "benchreviewer", "审核人", PASSWORD, role="reviewer")
    appoint_officer(admin, departments[0], officer.username)
    appoint_reviewer(admin, street, reviewer.username)
    db.session.flush()
    today, now = date.today(), datetime.now(UTC)
    states = list(RequestState)
    for n in range(requests):
        state = states[n % len(states)]
        made = AdmissionRequest(
            street_id=street.id, department_id=departments[n % 3].id, officer_id=officer.id,
            title=f"第{n}项：协助开展入户调查", law="《中华人民共和国统计法》", article="第七条",
            why_not_itself="人手不足", data_fields="姓名\n联系电话\n家庭人口",
            hours_per_month=Decimal(rng.randint(1, 20)), resources="经费", description="",
            period_from=today, state=state,
            submitted_at=None if state == RequestState.DRAFT else now,
            decision_due_on=today + timedelta(days=rng.randint(-10, 20)),
            decided_at=now if state in ("approved", "conditional", "rejected") else None,
            reasons="理由" if state in ("approved", "conditional", "rejected") else "")
        made.communities = [AdmissionRequestCommunity(community_id=c.id) for c in communities]
        if state == RequestState.CONSULTATION:
            made.views = [AdmissionView(community_id=c.id, worker_id=worker.id,
                                        burden_hours=Decimal(4), stance="support", comment="")
                          for c in communities[:5]]
        db.session.add(made)
    db.session.flush()
    db.session.execute(sa.insert(Refusal), [
        {"community_id": rng.choice(communities).id, "worker_id": worker.id,
         "department_id": rng.choice(departments).id if rng.random() < 0.9 else None,
         "other_department": "", "channel": rng.choice(CHANNELS),
         "asked_on": today - timedelta(days=rng.randint(0, 364)), "what": "填报统计表",
         "rule": rng.choice(RULES), "created_at": now} for _n in range(refusals)])
    db.session.commit()
    _analyze()
    request_id = db.session.scalar(sa.select(sa.func.max(AdmissionRequest.id)))
    return {"street": street.id, "request": request_id, "officer": officer.username,
            "reviewer": reviewer.username}


def run(postgres: bool, requests: int, refusals: int, rounds: int) -> list[tuple]:
    import flask_migrate

    from govhub import create_app
    from govhub.extensions import db

    with database(postgres) as url, tempfile.TemporaryDirectory() as instance:
        app = create_app({"env": "test", "secret_key": "bench", "database_url": url,
                          "instance_path": instance, "password_hash_profile": "CHEAPEST"})
        with app.app_context():
            flask_migrate.upgrade()
            began = time.perf_counter()
            made = populate(requests, refusals)
            built = time.perf_counter() - began
            backend = db.engine.dialect.name
            public = RequestClient(app, app.response_class, use_cookies=True)
            officer, reviewer = signed_in(app, made["officer"]), signed_in(app, made["reviewer"])
            street = made["street"]
            checks = [
                ("street page (public)", public, f"/streets/{street}"),
                ("street JSON (public)", public, f"/api/v1/streets/{street}"),
                ("street's requests, page 1 of 50", public, f"/streets/{street}/requests"),
                ("street's requests, page 30", public, f"/streets/{street}/requests?page=30"),
                ("decided requests JSON, 100", public,
                 f"/api/v1/streets/{street}/admission-requests?per_page=100"),
                ("a request's page", public, f"/admission/requests/{made['request']}"),
                ("refusal figures of the street", public, f"/streets/{street}/refusals/figures"),
                ("reviewers' queue", reviewer, "/admission/reviews"),
                ("an officer's requests", officer, "/admission/requests"),
            ]
            results = []
            for name, client, path in checks:
                assert client.get(path).status_code == 200, path  # warm
                samples = []
                for _round in range(rounds):
                    start = time.perf_counter()
                    answer = client.get(path)
                    samples.append((time.perf_counter() - start) * 1000)
                    assert answer.status_code == 200, (path, answer.status_code)
                results.append((backend, name, *percentiles(samples)))
            for engine in db.engines.values():
                engine.dispose()
    print(f"{backend}: {requests} requests and {refusals} refusals loaded in {built:.1f} s")
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--refusals", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    results = []
    for backend in ("sqlite", "postgresql"):
        if args.only in (None, backend):
            results += run(backend == "postgresql", args.requests, args.refusals, args.rounds)
    ok = True
    print(f"load average (1 min) {load_before:.1f} before, {os.getloadavg()[0]:.1f} after, "
          f"on {os.cpu_count()} cores")
    for backend, name, median, p95, worst in results:
        passed = p95 < TARGET_MS
        ok = ok and passed
        print(f"{backend:<10} {name:<38} median {median:6.1f} ms  p95 {p95:6.1f} ms  "
              f"max {worst:6.1f} ms  {'ok' if passed else 'SLOW'} (target p95 < {TARGET_MS} ms)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
