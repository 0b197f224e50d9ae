"""Offerings and sessions through their services: drafts, publishing, one-off and weekly."""

from datetime import date, time, timedelta
from decimal import Decimal

import pytest
import sqlalchemy as sa

from govhub.core.errors import DomainError, Forbidden
from govhub.core.models import utcnow
from govhub.core.time import to_local
from govhub.extensions import db
from govhub.partners.enrolments import services as enrolments
from govhub.partners.offerings import services as offerings
from govhub.partners.offerings.models import OfferingSession, OfferingStatus


def test_an_offering_starts_as_a_draft_and_is_published(organization, owner):
    offering = offerings.create_offering(owner, organization, title="家庭医生签约咨询",
                                         category="health", mode="on_request", price="0")
    assert offering.status == OfferingStatus.DRAFT and offering.is_free
    offerings.set_offering_status(owner, offering, "published")
    db.session.commit()
    assert offering.status == OfferingStatus.PUBLISHED and offering.published_at is not None


@pytest.mark.parametrize("field, value, code", [
    ("category", "gardening", "unknown_category"), ("title", "", "required"),
    ("price", "-5", "invalid_price"), ("price", "free", "invalid_price"),
    ("price", "1000000", "invalid_price"), ("mode", "sometimes", "unknown_mode"),
])
def test_bad_offerings_are_refused(organization, owner, field, value, code):
    fields = {"title": "书法班", "category": "culture_sports", field: value}
    with pytest.raises(DomainError) as refused:
        offerings.create_offering(owner, organization, **fields)
    assert (refused.value.code, refused.value.field) == (code, field)


def test_a_price_is_kept_to_the_cent(organization, owner):
    offering = offerings.create_offering(owner, organization, title="书法班",
                                         category="culture_sports", price="30.5")
    assert offering.price == Decimal("30.50")


def test_an_archived_offering_stays_archived(make_offering, owner):
    offering = make_offering(status="archived")
    with pytest.raises(DomainError) as refused:
        offerings.set_offering_status(owner, offering, "published")
    assert refused.value.code == "wrong_status"
    with pytest.raises(DomainError):
        offerings.update_offering(owner, offering, title="x", category="other")


def test_a_suspended_organization_cannot_change_offerings(make_organization, owner):
    organization = make_organization("suspended")
    with pytest.raises(DomainError) as refused:
        offerings.create_offering(owner, organization, title="x", category="other")
    assert refused.value.code == "organization_inactive"


def test_partners_of_other_organizations_cannot_touch_an_offering(make_offering, make_user,
                                                                  make_organization):
    offering = make_offering()
    stranger = make_user("partner")
    make_organization(owner=stranger, name="另一个协会")
    for attempt in (lambda: offerings.set_offering_status(stranger, offering, "paused"),
                    lambda: offerings.update_offering(stranger, offering, title="x",
                                                      category="other")):
        with pytest.raises(Forbidden):
            attempt()


def test_the_way_of_working_is_locked_once_people_may_have_come(make_session, owner):
    session = make_session()
    with pytest.raises(DomainError) as refused:
        offerings.update_offering(owner, session.offering, title="x", category="other",
                                  mode="on_request")
    assert refused.value.code == "mode_locked"


# --- sessions -------------------------------------------------------------------------------

def test_a_session_cannot_start_in_the_past(make_offering, owner):
    offering = make_offering()
    with pytest.raises(DomainError) as refused:
        past = utcnow() - timedelta(minutes=1)
        offerings.add_session(owner, offering, past, past + timedelta(hours=1), 5)
    assert refused.value.code == "in_the_past"


@pytest.mark.parametrize("capacity", [0, -3, 1001, True, "5", 2.5])
def test_a_session_has_a_sane_capacity(make_offering, owner, capacity):
    start = utcnow() + timedelta(days=1)
    with pytest.raises(DomainError) as refused:
        offerings.add_session(owner, make_offering(), start, start + timedelta(hours=1),
                              capacity)
    assert refused.value.code == "invalid_capacity"


def test_a_session_ends_after_it_starts(make_offering, owner):
    start = utcnow() + timedelta(days=1)
    with pytest.raises(DomainError) as refused:
        offerings.add_session(owner, make_offering(), start, start, 5)
    assert refused.value.code == "invalid_times"


def test_an_on_request_offering_has_no_sessions(make_offering, owner):
    start = utcnow() + timedelta(days=1)
    with pytest.raises(DomainError) as refused:
        offerings.add_session(owner, make_offering(mode="on_request"), start,
                              start + timedelta(hours=1), 5)
    assert refused.value.code == "not_in_sessions"


def test_a_weekly_schedule_generates_concrete_sessions(make_offering, owner, community):
    offering = make_offering()
    first = (utcnow() + timedelta(days=2)).date()
    sessions = offerings.add_weekly_sessions(
        owner, offering, weekday=2, starts_time=time(9, 30), ends_time=time(11),
        first_date=first, count=4, capacity=12)
    db.session.commit()
    assert len(sessions) == 4 and all(s.capacity == 12 for s in sessions)
    local = [to_local(s.starts_at, community.timezone) for s in sessions]
    assert all(moment.weekday() == 2 and moment.time() == time(9, 30) for moment in local)
    assert all(b - a == timedelta(weeks=1) for a, b in zip(local, local[1:], strict=False))
    schedule = offering.schedules[0]
    assert (schedule.weekday, schedule.count, schedule.timezone) == (2, 4, "Asia/Shanghai")
    assert all(s.schedule_id == schedule.id for s in sessions)


def test_a_weekly_schedule_runs_until_a_date(make_offering, owner):
    first = date.today() + timedelta(days=2)
    sessions = offerings.add_weekly_sessions(
        owner, make_offering(), weekday=first.weekday(), starts_time=time(14),
        ends_time=time(16), first_date=first, until=first + timedelta(weeks=2), capacity=5)
    assert len(sessions) == 3


@pytest.mark.parametrize("kwargs, code", [
    ({"count": 3, "until": date(2099, 1, 1)}, "count_or_until"),
    ({}, "count_or_until"),
    ({"count": 0}, "too_many_sessions"),
    ({"count": 200}, "too_many_sessions"),
    ({"until": date(2200, 1, 1)}, "too_many_sessions"),
    ({"count": 2, "weekday": 9}, "invalid_weekday"),
    ({"count": 2, "first_date": date(2020, 1, 1)}, "in_the_past"),
    ({"count": 2, "ends_time": time(9)}, "invalid_times"),
])
def test_bad_weekly_schedules_are_refused_and_change_nothing(make_offering, owner, kwargs, code):
    offering = make_offering()
    fields = {"weekday": 3, "starts_time": time(10), "ends_time": time(11),
              "first_date": date.today() + timedelta(days=2), "capacity": 5, **kwargs}
    with pytest.raises(DomainError) as refused:
        offerings.add_weekly_sessions(owner, offering, **fields)
    assert refused.value.code == code
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count(OfferingSession.id))) == 0


def test_a_session_with_people_cannot_be_removed(make_session, owner, residents):
    session = make_session()
    enrolment = enrolments.enrol(residents(1)[0], session)
    with pytest.raises(DomainError) as refused:
        offerings.remove_session(owner, session)
    assert refused.value.code == "session_has_people"
    enrolments.cancel_enrolment(enrolment.resident, enrolment)
    offerings.remove_session(owner, session)
    db.session.commit()
    assert db.session.get(OfferingSession, session.id) is None
