"""The partner rules as plain functions: every lifecycle step, places, the line, schedules."""

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govhub.partners.enrolments import rules as enrolment_rules
from govhub.partners.enrolments.models import EnrolmentStatus as E
from govhub.partners.offerings import rules as offering_rules
from govhub.partners.offerings.models import OfferingStatus as O
from govhub.partners.organizations import rules as organization_rules
from govhub.partners.organizations.models import OrganizationStatus as G
from govhub.partners.organizations.rules import Side
from govhub.partners.requests import rules as request_rules
from govhub.partners.requests.models import RequestStatus as R

# --- organizations ------------------------------------------------------------------

ORGANIZATION_STEPS = {(G.PENDING, G.VERIFIED), (G.PENDING, G.REJECTED),
                      (G.VERIFIED, G.SUSPENDED), (G.SUSPENDED, G.VERIFIED),
                      (G.REJECTED, G.VERIFIED)}


@pytest.mark.parametrize("current", list(G))
@pytest.mark.parametrize("target", list(G))
def test_an_organization_moves_only_by_the_agreed_steps(current, target):
    assert organization_rules.can_move_organization(current, target) is ((current, target)
                                                                         in ORGANIZATION_STEPS)


def test_nothing_goes_back_to_pending():
    assert not any(G.PENDING in targets
                   for targets in organization_rules.ORGANIZATION_TRANSITIONS.values())


def test_rejecting_and_suspending_need_a_reason():
    assert {G.REJECTED, G.SUSPENDED} == organization_rules.NEEDS_REASON


# --- offerings ------------------------------------------------------------------------

OFFERING_STEPS = {(O.DRAFT, O.PUBLISHED), (O.DRAFT, O.ARCHIVED), (O.PUBLISHED, O.PAUSED),
                  (O.PUBLISHED, O.ARCHIVED), (O.PAUSED, O.PUBLISHED), (O.PAUSED, O.ARCHIVED)}


@pytest.mark.parametrize("current", list(O))
@pytest.mark.parametrize("target", list(O))
def test_an_offering_moves_only_by_the_agreed_steps(current, target):
    allowed = (current, target) in OFFERING_STEPS
    assert offering_rules.can_move_offering(current, target) is allowed


@pytest.mark.parametrize("offering", list(O))
@pytest.mark.parametrize("organization", list(G))
def test_only_published_or_paused_offerings_of_verified_organizations_are_public(
        offering, organization):
    expected = offering in (O.PUBLISHED, O.PAUSED) and organization == G.VERIFIED
    assert offering_rules.is_public(offering, organization) is expected


def test_only_a_published_offering_takes_people():
    assert {O.PUBLISHED} == offering_rules.TAKING_PEOPLE


@pytest.mark.parametrize("given, kept", [
    (None, None), (Decimal(0), None), (Decimal("0.00"), None), (Decimal("15"), Decimal("15.00")),
    (Decimal("9.999"), Decimal("10.00")), (Decimal("0.01"), Decimal("0.01")),
    (Decimal("0.004"), None), (Decimal("0.0049999"), None), (Decimal("1E-30"), None),
    (Decimal("0.006"), Decimal("0.01")), (Decimal("-0"), None),
])
def test_a_price_is_free_or_positive_to_the_cent(given, kept):
    assert offering_rules.normalized_price(given) == kept


@pytest.mark.parametrize("bad", [Decimal("-1"), Decimal("NaN"), Decimal("Infinity")])
def test_a_negative_or_absurd_price_is_refused(bad):
    with pytest.raises(ValueError):
        offering_rules.normalized_price(bad)


# --- service requests -------------------------------------------------------------------

REQUEST_STEPS = {
    (R.REQUESTED, R.ACCEPTED, Side.ORGANIZATION), (R.REQUESTED, R.DECLINED, Side.ORGANIZATION),
    (R.REQUESTED, R.CANCELLED, Side.RESIDENT), (R.ACCEPTED, R.COMPLETED, Side.ORGANIZATION),
    (R.ACCEPTED, R.CANCELLED, Side.RESIDENT),
}


@pytest.mark.parametrize("current", list(R))
@pytest.mark.parametrize("target", list(R))
@pytest.mark.parametrize("side", list(Side))
def test_a_request_moves_only_by_the_agreed_steps_and_side(current, target, side):
    assert request_rules.request_step_allowed(current, target, side) is ((current, target, side)
                                                                         in REQUEST_STEPS)


def test_declined_completed_and_cancelled_requests_are_final():
    for status in (R.DECLINED, R.COMPLETED, R.CANCELLED):
        assert not request_rules.REQUEST_TRANSITIONS[status]
    assert {R.REQUESTED, R.ACCEPTED} == request_rules.OPEN_REQUESTS


# --- enrolments --------------------------------------------------------------------------

# (current, target, side, session started)
ENROLMENT_STEPS = {
    (E.ENROLLED, E.CANCELLED, Side.RESIDENT, False),
    (E.WAITLISTED, E.CANCELLED, Side.RESIDENT, False),
    (E.WAITLISTED, E.ENROLLED, Side.SYSTEM, False),
    (E.ENROLLED, E.ATTENDED, Side.ORGANIZATION, True),
    (E.ENROLLED, E.NO_SHOW, Side.ORGANIZATION, True),
    (E.ATTENDED, E.NO_SHOW, Side.ORGANIZATION, True),
    (E.NO_SHOW, E.ATTENDED, Side.ORGANIZATION, True),
}


@pytest.mark.parametrize("current", list(E))
@pytest.mark.parametrize("target", list(E))
@pytest.mark.parametrize("side", list(Side))
@pytest.mark.parametrize("started", [False, True])
def test_an_enrolment_moves_only_by_the_agreed_steps(current, target, side, started):
    expected = (current, target, side, started) in ENROLMENT_STEPS
    assert enrolment_rules.enrolment_step_allowed(current, target, side, started) is expected


def test_the_waitlisted_and_cancelled_hold_no_place():
    assert {E.ENROLLED, E.ATTENDED, E.NO_SHOW} == enrolment_rules.HOLDS_PLACE
    assert enrolment_rules.HOLDS_PLACE | {E.WAITLISTED} == enrolment_rules.ACTIVE_ENROLMENT


def test_the_databases_active_enrolment_index_names_the_same_statuses():
    from govhub.partners.enrolments.models import ACTIVE_ENROLMENT

    for status in E:
        active = status in enrolment_rules.ACTIVE_ENROLMENT
        assert (f"'{status.value}'" in ACTIVE_ENROLMENT) is active


# --- places -------------------------------------------------------------------------------

@pytest.mark.parametrize("capacity, enrolled, left", [(5, 0, 5), (5, 4, 1), (5, 5, 0), (1, 1, 0)])
def test_places_left(capacity, enrolled, left):
    assert enrolment_rules.places_left(capacity, enrolled) == left


@pytest.mark.parametrize("capacity, enrolled, wait, outcome", [
    (5, 4, False, E.ENROLLED), (5, 4, True, E.ENROLLED),
    (5, 5, True, E.WAITLISTED), (5, 5, False, None), (1, 0, False, E.ENROLLED),
])
def test_a_new_enrolment_takes_a_place_or_waits_or_is_refused(capacity, enrolled, wait, outcome):
    assert enrolment_rules.enrolment_outcome(capacity, enrolled, wait) == outcome


@pytest.mark.parametrize("capacity, enrolled, allowed", [
    (5, 3, True), (3, 3, True), (2, 3, False), (0, 0, False), (-1, 0, False), (1, 0, True),
])
def test_capacity_never_goes_below_the_places_taken(capacity, enrolled, allowed):
    assert enrolment_rules.capacity_allowed(capacity, enrolled) is allowed


@pytest.mark.parametrize("capacity, enrolled, waiting, promoted", [
    (5, 5, 3, 0), (5, 4, 3, 1), (8, 5, 2, 2), (8, 5, 0, 0), (8, 5, 10, 3),
])
def test_promotions_fill_free_places_from_the_line(capacity, enrolled, waiting, promoted):
    assert enrolment_rules.promotions(capacity, enrolled, waiting) == promoted


@given(capacity=st.integers(1, 500), enrolled=st.integers(0, 500), waiting=st.integers(0, 500))
def test_promotions_never_overfill_a_session(capacity, enrolled, waiting):
    enrolled = min(enrolled, capacity)
    promoted = enrolment_rules.promotions(capacity, enrolled, waiting)
    assert 0 <= promoted <= waiting
    assert enrolled + promoted <= capacity
    assert promoted == waiting or enrolled + promoted == capacity


@given(st.lists(st.integers(0, 1000), min_size=1, max_size=30, unique=True))
def test_taking_places_one_by_one_stops_exactly_at_capacity(arrivals):
    capacity = max(1, len(arrivals) // 3)
    enrolled, outcomes = 0, []
    for _ in arrivals:
        outcome = enrolment_rules.enrolment_outcome(capacity, enrolled, join_waitlist=True)
        enrolled += outcome == E.ENROLLED
        outcomes.append(outcome)
    assert outcomes.count(E.ENROLLED) == capacity
    assert outcomes[:capacity] == [E.ENROLLED] * capacity


# --- the waiting line ----------------------------------------------------------------------

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def test_the_line_is_first_come_first_served():
    entries = [(T0 + timedelta(seconds=3), 7), (T0, 9), (T0 + timedelta(seconds=1), 4)]
    assert enrolment_rules.waitlist_order(entries) == [9, 4, 7]
    assert enrolment_rules.waitlist_position(entries, 9) == 1
    assert enrolment_rules.waitlist_position(entries, 7) == 3
    assert enrolment_rules.waitlist_position(entries, 99) is None


def test_arrivals_in_the_same_instant_keep_the_order_of_their_ids():
    assert enrolment_rules.waitlist_order([(T0, 12), (T0, 3), (T0, 8)]) == [3, 8, 12]


# --- ratings -------------------------------------------------------------------------------

@pytest.mark.parametrize("score, valid", [(1, True), (5, True), (3, True), (0, False), (6, False),
                                          (True, False), ("5", False), (4.0, False), (None, False)])
def test_a_score_is_a_whole_number_from_one_to_five(score, valid):
    assert request_rules.valid_score(score) is valid


@pytest.mark.parametrize("status", list(E) + [None])
def test_only_those_who_attended_rate_a_session(status):
    assert request_rules.may_rate_session(status) is (status == E.ATTENDED)


def test_an_on_request_offering_is_rated_after_a_completed_request():
    assert request_rules.may_rate_request([R.CANCELLED, R.COMPLETED])
    assert not request_rules.may_rate_request([R.REQUESTED, R.ACCEPTED, R.DECLINED, R.CANCELLED])
    assert not request_rules.may_rate_request([])


# --- schedules ------------------------------------------------------------------------------

def test_weekly_dates_start_on_the_first_matching_weekday():
    # 2026-12-01 is a Tuesday; every Thursday, three times.
    assert offering_rules.weekly_dates(date(2026, 12, 1), 3, count=3) == [
        date(2026, 12, 3), date(2026, 12, 10), date(2026, 12, 17)]


def test_weekly_dates_include_the_first_day_when_it_matches():
    assert offering_rules.weekly_dates(date(2026, 12, 1), 1, count=2) == [date(2026, 12, 1),
                                                                          date(2026, 12, 8)]


def test_weekly_dates_run_until_a_day_inclusive():
    assert offering_rules.weekly_dates(date(2026, 12, 1), 1, until=date(2026, 12, 15)) == [
        date(2026, 12, 1), date(2026, 12, 8), date(2026, 12, 15)]
    assert offering_rules.weekly_dates(date(2026, 12, 2), 1, until=date(2026, 12, 7)) == []


def test_weekly_dates_stop_one_past_the_limit():
    far = offering_rules.weekly_dates(date(2026, 1, 1), 0, until=date(2126, 1, 1), limit=10)
    assert len(far) == 11
    assert len(offering_rules.weekly_dates(date(2026, 1, 1), 0, count=10_000, limit=10)) == 11


@pytest.mark.parametrize("kwargs", [{}, {"count": 2, "until": date(2027, 1, 1)}])
def test_weekly_dates_need_either_a_count_or_an_end(kwargs):
    with pytest.raises(ValueError):
        offering_rules.weekly_dates(date(2026, 12, 1), 1, **kwargs)


@given(first=st.dates(date(2020, 1, 1), date(2090, 1, 1)), weekday=st.integers(0, 6),
       count=st.integers(1, 60))
def test_weekly_dates_are_that_weekday_a_week_apart(first, weekday, count):
    dates = offering_rules.weekly_dates(first, weekday, count=count)
    assert len(dates) == count
    assert all(day.weekday() == weekday for day in dates)
    assert dates[0] >= first and dates[0] - first < timedelta(days=7)
    assert all(b - a == timedelta(weeks=1) for a, b in zip(dates, dates[1:], strict=False))


def test_session_bounds_are_wall_clock_times_in_the_communitys_zone():
    start, end = offering_rules.session_bounds(date(2026, 12, 3), time(9, 30), time(11),
                                               "Asia/Shanghai")
    assert start == datetime(2026, 12, 3, 1, 30, tzinfo=UTC)
    assert end == datetime(2026, 12, 3, 3, 0, tzinfo=UTC)


def test_session_bounds_follow_daylight_saving_time():
    winter, _ = offering_rules.session_bounds(date(2026, 1, 5), time(9), time(10), "Europe/Berlin")
    summer, _ = offering_rules.session_bounds(date(2026, 7, 6), time(9), time(10), "Europe/Berlin")
    assert (winter.hour, summer.hour) == (8, 7)


@pytest.mark.parametrize("hours, valid", [(1, True), (24, True), (0, False), (-1, False),
                                          (25, False)])
def test_a_session_ends_after_it_starts_within_a_day(hours, valid):
    assert offering_rules.session_times_valid(T0, T0 + timedelta(hours=hours)) is valid


def test_a_session_has_started_from_its_first_minute():
    assert offering_rules.has_started(T0, T0)
    assert not offering_rules.has_started(T0, T0 - timedelta(seconds=1))
