"""How fast are the workload view and the public hours with a year of a street's hours?

Builds a fresh database (SQLite, then a throwaway PostgreSQL one; --only to run one),
migrated from empty, with two street offices of ten communities each, their catalogue
(the demo's), 200 community workers and a year of their weekdays' time entries — about
500,000, bulk-loaded (COPY on PostgreSQL) — then, through the app (Flask's test client,
HTML included), times:

- the workload page `/hours/workload` for an administrator (the default 8 weeks, a page of
  50 workers: heat map, table, estimated against measured hours), and its JSON
  `/api/v1/hours/workload` (all 200 workers); a worker's own row; the 52-week page, for
  information;
- the public figures of a community and of a street, as a page and as JSON.

Target (issue 15): p95 < 100 ms for each, on SQLite and on PostgreSQL.

    .venv/bin/python bench/workload.py                 # both databases
    .venv/bin/python bench/workload.py --only sqlite   # or postgresql
"""

from __future__ import annotations

import argparse
import io
import os
import random
import re
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa
from flask.testing import FlaskClient
from offering_search import database, percentiles

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TARGET_MS = 100
PASSWORD = "bench password"
COLUMNS = ("worker_id", "community_id", "day", "week", "month", "minutes", "target_kind",
           "work_item_id", "action_item_id", "meeting_id", "work_item_code", "list_type",
           "note", "created_at")


def populate(workers: int, entries: int, seed: int = 15):
    """Streets, communities, workers and their entries; returns (admin, worker, community
    slug, street id)."""
    from govhub.admission.catalogue.models import Street
    from govhub.admission.catalogue.services import import_catalogue, place_community
    from govhub.admission.hours import rules
    from govhub.auth.models import User
    from govhub.auth.passwords import hash_password
    from govhub.communities.services import create_community
    from govhub.demo.catalogue import demo_catalogue_csv
    from govhub.extensions import db

    rng = random.Random(seed)
    now = datetime.now(UTC)
    password = hash_password(PASSWORD)
    db.session.add(User(username="benchadmin", display_name="管理员", role="admin",
                        password_hash=password, confirmed_at=now))
    db.session.flush()
    admin = db.session.scalar(sa.select(User).where(User.username == "benchadmin"))
    communities, streets = [], []
    for s in range(2):
        street = Street(name=f"街道{s}", name_en=f"Street {s}")
        db.session.add(street)
        db.session.flush()
        streets.append(street)
        version = import_catalogue(admin, street, demo_catalogue_csv())
        items = [(i.id, i.code, i.list_type.value) for i in version.items
                 if i.list_type.value != "placard"]
        for c in range(10):
            community = create_community(None, f"bench-{s}-{c}", f"社区{s}-{c}")
            place_community(admin, community, street)
            communities.append((community.id, items))
    db.session.execute(sa.insert(User), [
        {"username": f"worker{n:03d}", "display_name": f"社工{n:03d}", "password_hash": password,
         "role": "worker", "community_id": communities[n % len(communities)][0],
         "confirmed_at": now, "created_at": now} for n in range(workers)])
    people = db.session.execute(sa.select(User.id, User.community_id)
                                .where(User.role == "worker").order_by(User.id)).all()
    today = date.today()
    days = [today - timedelta(days=n) for n in range(365)
            if (today - timedelta(days=n)).weekday() < 5]
    per_day = entries / (len(people) * len(days))
    rows = []
    for worker_id, community_id in people:
        items = dict(communities)[community_id]
        for day in days:
            count = int(per_day) + (1 if rng.random() < per_day % 1 else 0)
            for _n in range(count):
                if rng.random() < 0.1:
                    kind, item = "other", None
                else:
                    kind, item = "work_item", rng.choice(items)
                rows.append((worker_id, community_id, day, rules.week_start(day),
                             rules.month_start(day), rng.choice([15, 30, 45, 60]), kind,
                             item[0] if item else None, None, None,
                             item[1] if item else None, item[2] if item else "other",
                             "" if item else "值班", now))
    _bulk_insert(rows)
    from govhub.admission.hours import totals

    totals.rebuild()  # the sums the services keep entry by entry, in two statements
    db.session.commit()
    _analyze()
    worker = db.session.get(User, people[0][0])
    slug = db.session.scalar(sa.select(sa.text("slug")).select_from(sa.text("communities"))
                             .where(sa.text(f"id = {people[0][1]}")))
    return admin, worker, slug, streets[0].id, len(rows)


def _bulk_insert(rows: list[tuple]) -> None:
    from govhub.admission.hours.models import TimeEntry
    from govhub.extensions import db

    connection = db.session.connection()
    if connection.dialect.name == "postgresql":
        raw = connection.connection.driver_connection
        with raw.cursor() as cursor, cursor.copy(
                f"COPY time_entries ({', '.join(COLUMNS)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    for start in range(0, len(rows), 20_000):
        db.session.execute(sa.insert(TimeEntry), [dict(zip(COLUMNS, row, strict=True))
                                                  for row in rows[start:start + 20_000]])


def _analyze() -> None:
    from govhub.extensions import db

    if db.engine.dialect.name == "postgresql":
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("VACUUM ANALYZE")
    else:
        with db.engine.begin() as connection:
            connection.exec_driver_sql("ANALYZE")


class RequestClient(FlaskClient):
    """Each request in an app context of its own (and `g`), as in production."""

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)


def signed_in(app, username: str):
    client = RequestClient(app, app.response_class, use_cookies=True)
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    answer = client.post("/login", data={"csrf_token": token, "username": username,
                                         "password": PASSWORD})
    assert answer.status_code == 302, answer.status_code
    return client


def run(postgres: bool, workers: int, entries: int, rounds: int) -> list[tuple]:
    import flask_migrate

    from govhub import create_app
    from govhub.auth.services import issue_token
    from govhub.extensions import db

    with database(postgres) as url, tempfile.TemporaryDirectory() as instance:
        app = create_app({"env": "test", "secret_key": "bench", "database_url": url,
                          "instance_path": instance, "password_hash_profile": "CHEAPEST"})
        with app.app_context():
            flask_migrate.upgrade()
            began = time.perf_counter()
            admin, worker, slug, street_id, loaded = populate(workers, entries)
            built = time.perf_counter() - began
            _token, plain = issue_token(admin, name="bench")
            db.session.commit()
            backend = db.engine.dialect.name
            office, own = signed_in(app, admin.username), signed_in(app, worker.username)
            api = {"Authorization": f"Bearer {plain}"}
            public = RequestClient(app, app.response_class, use_cookies=True)
            checks = [
                ("workload page, 8 weeks, 50 workers a page", office, "/hours/workload", {}),
                ("workload page, 8 weeks, page 4", office, "/hours/workload?page=4", {}),
                ("workload JSON, all workers, 8 weeks", public, "/api/v1/hours/workload", api),
                ("workload page, a worker's own row", own, "/hours/workload", {}),
                ("public hours page, a community", public, f"/c/{slug}/hours", {}),
                ("public hours JSON, a community", public,
                 f"/api/v1/communities/{slug}/hours", {}),
                ("public hours page, a street", public, f"/streets/{street_id}/hours", {}),
                ("public hours JSON, a street", public, f"/api/v1/streets/{street_id}/hours",
                 {}),
                ("(info) workload page, 52 weeks, 50 workers", office,
                 "/hours/workload?weeks=52", {}),
            ]
            results = []
            for name, client, path, headers in checks:
                assert client.get(path, headers=headers).status_code == 200, path  # warm
                samples = []
                for _round in range(rounds):
                    start = time.perf_counter()
                    answer = client.get(path, headers=headers)
                    samples.append((time.perf_counter() - start) * 1000)
                    assert answer.status_code == 200, (path, answer.status_code)
                results.append((backend, name, *percentiles(samples)))
            for engine in db.engines.values():
                engine.dispose()
    print(f"{backend}: {loaded} entries of {workers} workers loaded in {built:.1f} s")
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workers", type=int, default=200)
    parser.add_argument("--entries", type=int, default=500_000)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    results = []
    for backend in ("sqlite", "postgresql"):
        if args.only in (None, backend):
            results += run(backend == "postgresql", args.workers, args.entries, args.rounds)
    out = io.StringIO()
    ok = True
    for backend, name, median, p95, worst in results:
        info = name.startswith("(info)")
        passed = info or p95 < TARGET_MS
        ok = ok and passed
        out.write(f"{backend:<10} {name:<45} median {median:6.1f} ms  p95 {p95:6.1f} ms  "
                  f"max {worst:6.1f} ms  {'' if info else ('ok' if passed else 'SLOW')}"
                  f" (target p95 < {TARGET_MS} ms)\n")
    print(f"load average (1 min) {load_before:.1f} before, {os.getloadavg()[0]:.1f} after, "
          f"on {os.cpu_count()} cores")
    print(out.getvalue(), end="")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
