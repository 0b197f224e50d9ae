"""The demo's eight weeks of hours for worker, worker2 and worker3."""

import sqlalchemy as sa

from govhub.admission.hours import queries, rules
from govhub.admission.hours.models import TimeEntry
from govhub.auth.models import User
from govhub.demo.services import load_demo
from govhub.extensions import db
from tests.helpers import PASSWORD


def test_the_demo_has_eight_weeks_of_hours_mostly_for_departments_once(app):
    load_demo(residents=0, password=PASSWORD)
    db.session.commit()
    workers = db.session.scalars(sa.select(User).where(
        User.username.in_(["worker", "worker2", "worker3"]))).all()
    assert len(workers) == 3 and all(w.role == "worker" for w in workers)
    today = queries.today_of(workers[0])
    rows = queries.workload(rules.week_range(today, 8))
    loaded = [row for row in rows if any(row.weeks.values())]
    assert len(loaded) == 3
    total = sum(row.total(m) for row in loaded for m in row.weeks)
    for_departments = sum(row.share(m, rules.Share.FOR_DEPARTMENTS) for row in loaded
                          for m in row.weeks)
    assert 0.4 < for_departments / total < 0.75
    assert min(min(row.weeks) for row in loaded) == rules.week_range(today, 8).first
    for day_total in db.session.execute(sa.select(sa.func.sum(TimeEntry.minutes)).group_by(
            TimeEntry.worker_id, TimeEntry.day)).scalars():
        assert day_total <= rules.MINUTES_A_DAY
    assert db.session.scalar(sa.select(sa.func.max(TimeEntry.day))) <= today

    count = db.session.scalar(sa.select(sa.func.count()).select_from(TimeEntry))
    load_demo(residents=0, password=PASSWORD)  # again: no more hours
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(TimeEntry)) == count
