"""Places, the waitlist and attendance through the services."""

import pytest
import sqlalchemy as sa

from govhub.audit.models import AuditEvent
from govhub.core.errors import DomainError, Forbidden
from govhub.extensions import db
from govhub.notifications.models import Notification
from govhub.partners.enrolments import services as enrolments
from govhub.partners.enrolments.models import Enrolment, EnrolmentStatus
from govhub.partners.enrolments.queries import waiting_entries
from govhub.partners.enrolments.rules import waitlist_order
from govhub.partners.offerings import services as offerings
from tests.partners.conftest import move_to_the_past

ENROLLED, WAITLISTED = EnrolmentStatus.ENROLLED, EnrolmentStatus.WAITLISTED


def _holding(session) -> int:
    """Enrolments holding a place, counted from the rows themselves."""
    return db.session.scalar(sa.select(sa.func.count(Enrolment.id)).where(
        Enrolment.session_id == session.id,
        Enrolment.status.in_(["enrolled", "attended", "no_show"])))


def _consistent(session) -> None:
    db.session.refresh(session)
    assert session.enrolled_count == _holding(session) <= session.capacity


def test_residents_take_places_until_the_session_is_full(make_session, residents):
    session = make_session(capacity=2)
    first, second, third = residents(3)
    assert enrolments.enrol(first, session).status == ENROLLED
    assert enrolments.enrol(second, session).status == ENROLLED
    with pytest.raises(DomainError) as refused:
        enrolments.enrol(third, session)
    assert refused.value.code == "session_full"
    _consistent(session)
    assert session.places_left == 0


def test_when_full_a_resident_may_join_the_waitlist(make_session, residents):
    session = make_session(capacity=1)
    first, second = residents(2)
    enrolments.enrol(first, session)
    waiting = enrolments.enrol(second, session, join_waitlist=True)
    db.session.commit()
    assert waiting.status == WAITLISTED
    _consistent(session)


def test_enrolling_twice_is_refused(make_session, residents):
    session = make_session(capacity=3)
    resident = residents(1)[0]
    enrolments.enrol(resident, session)
    with pytest.raises(DomainError) as refused:
        enrolments.enrol(resident, session, join_waitlist=True)
    assert refused.value.code == "already_enrolled"
    _consistent(session)


def test_the_organization_hears_of_an_enrolment_at_once(make_session, residents, owner,
                                                        broadcasts):
    session = make_session()
    enrolment = enrolments.enrol(residents(1)[0], session)
    db.session.commit()
    note = db.session.scalar(sa.select(Notification).where(
        Notification.user_id == owner.id, Notification.kind == "partners.enrolled"))
    assert note.data["session_id"] == session.id
    organization = session.offering.organization
    assert (f"organization:{organization.id}", "organization:update",
            {"organization_id": organization.id, "kind": "enrolment", "id": enrolment.id,
             "status": "enrolled"}) in broadcasts


def test_a_cancelled_place_goes_to_the_first_in_line(make_session, residents):
    session = make_session(capacity=1)
    holder, early, late = residents(3)
    place = enrolments.enrol(holder, session)
    first_in_line = enrolments.enrol(early, session, join_waitlist=True)
    second_in_line = enrolments.enrol(late, session, join_waitlist=True)
    db.session.commit()
    enrolments.cancel_enrolment(holder, place)
    db.session.commit()
    db.session.refresh(first_in_line)
    db.session.refresh(second_in_line)
    assert place.status == EnrolmentStatus.CANCELLED
    assert first_in_line.status == ENROLLED and first_in_line.promoted_at is not None
    assert second_in_line.status == WAITLISTED
    _consistent(session)
    promoted = db.session.scalar(sa.select(AuditEvent).where(
        AuditEvent.action == "enrolment.promoted"))
    assert promoted.target_id == first_in_line.id
    assert promoted.actor_id is None and promoted.data["freed_by"] == holder.id
    assert db.session.scalar(sa.select(Notification.kind).where(
        Notification.user_id == early.id)) == "partners.promoted"


def test_the_line_keeps_the_order_of_arrival(make_session, residents):
    session = make_session(capacity=1)
    people = residents(5)
    enrolments.enrol(people[0], session)
    line = [enrolments.enrol(person, session, join_waitlist=True) for person in people[1:]]
    enrolments.cancel_enrolment(line[1].resident, line[1])  # the second in line leaves
    db.session.commit()
    assert waitlist_order(waiting_entries(session.id)) == [line[0].id, line[2].id, line[3].id]


def test_raising_the_capacity_promotes_as_many_as_fit(make_session, residents, owner):
    session = make_session(capacity=1)
    people = residents(4)
    enrolments.enrol(people[0], session)
    line = [enrolments.enrol(person, session, join_waitlist=True) for person in people[1:]]
    promoted = enrolments.change_capacity(owner, session, 3)
    db.session.commit()
    assert [e.id for e in promoted] == [line[0].id, line[1].id]
    db.session.refresh(line[2])
    assert line[2].status == WAITLISTED
    _consistent(session)


def test_capacity_below_the_places_taken_is_refused_and_changes_nothing(make_session,
                                                                        residents, owner):
    session = make_session(capacity=3)
    for person in residents(2):
        enrolments.enrol(person, session)
    db.session.commit()
    with pytest.raises(DomainError) as refused:
        enrolments.change_capacity(owner, session, 1)
    assert refused.value.code == "capacity_below_enrolled" and refused.value.field == "capacity"
    db.session.rollback()
    db.session.refresh(session)
    assert session.capacity == 3
    enrolments.change_capacity(owner, session, 2)
    assert session.capacity == 2


def test_leaving_the_line_frees_no_place(make_session, residents):
    session = make_session(capacity=1)
    holder, waiting = residents(2)
    enrolments.enrol(holder, session)
    entry = enrolments.enrol(waiting, session, join_waitlist=True)
    enrolments.cancel_enrolment(waiting, entry)
    db.session.commit()
    _consistent(session)
    assert session.enrolled_count == 1


def test_after_cancelling_one_may_enrol_again_at_the_back(make_session, residents):
    session = make_session(capacity=1)
    holder, other = residents(2)
    place = enrolments.enrol(holder, session)
    enrolments.cancel_enrolment(holder, place)
    enrolments.enrol(other, session)
    again = enrolments.enrol(holder, session, join_waitlist=True)
    assert again.status == WAITLISTED and again.id != place.id


def test_only_the_resident_cancels_their_enrolment(make_session, residents, owner):
    session = make_session()
    enrolment = enrolments.enrol(residents(1)[0], session)
    with pytest.raises(Forbidden):
        enrolments.cancel_enrolment(owner, enrolment)


def test_nothing_is_cancelled_once_the_session_started(make_session, residents):
    session = make_session(capacity=1)
    enrolment = enrolments.enrol(residents(1)[0], session)
    db.session.commit()
    move_to_the_past(session)
    with pytest.raises(DomainError) as refused:
        enrolments.cancel_enrolment(enrolment.resident, enrolment)
    assert refused.value.code == "cannot_cancel"


@pytest.mark.parametrize("case, code", [
    ("started", "session_started"), ("draft", "not_taking_people"),
    ("paused", "not_taking_people"), ("unverified", "not_taking_people"),
    ("on_request", "not_in_sessions"),
])
def test_enrolling_where_no_one_is_taken_is_refused(make_session, make_offering,
                                                    make_organization, residents, owner,
                                                    case, code):
    session = make_session()
    offering = session.offering
    if case == "started":
        move_to_the_past(session)
    elif case == "draft":
        session = make_session(offering=make_offering(status="draft"))
    elif case == "paused":
        offerings.set_offering_status(owner, offering, "paused")
    elif case == "unverified":
        pending = make_organization("pending", name="待审核协会")
        session = make_session(offering=make_offering(organization=pending))
    else:
        offering.mode = "on_request"
    with pytest.raises(DomainError) as refused:
        enrolments.enrol(residents(1)[0], session)
    assert refused.value.code == code


@pytest.mark.parametrize("who", ["partner", "worker", "unconfirmed", "other_community"])
def test_only_confirmed_residents_of_the_community_enrol(make_session, make_user,
                                                         make_community, who):
    session = make_session()
    actor = {"partner": lambda: make_user("partner"), "worker": lambda: make_user("worker"),
             "unconfirmed": lambda: make_user(confirmed=False),
             "other_community": lambda: make_user(community=make_community())}[who]()
    with pytest.raises(Forbidden):
        enrolments.enrol(actor, session)


# --- attendance ------------------------------------------------------------------------------

def test_attendance_is_marked_after_the_start_and_can_be_corrected(make_session, residents,
                                                                   owner):
    session = make_session(capacity=2)
    came, stayed_away = (enrolments.enrol(person, session) for person in residents(2))
    db.session.commit()
    with pytest.raises(DomainError) as refused:
        enrolments.mark_attendance(owner, came, True)
    assert refused.value.code == "cannot_mark"
    move_to_the_past(session)
    enrolments.mark_attendance(owner, came, True)
    enrolments.mark_attendance(owner, stayed_away, False)
    enrolments.mark_attendance(owner, stayed_away, True)
    db.session.commit()
    assert (came.status, stayed_away.status) == (EnrolmentStatus.ATTENDED,) * 2
    _consistent(session)


def test_the_waitlisted_have_no_attendance(make_session, residents, owner):
    session = make_session(capacity=1)
    first, second = residents(2)
    enrolments.enrol(first, session)
    waiting = enrolments.enrol(second, session, join_waitlist=True)
    db.session.commit()
    move_to_the_past(session)
    with pytest.raises(DomainError):
        enrolments.mark_attendance(owner, waiting, True)


def test_residents_and_staff_do_not_mark_attendance(make_session, residents, worker):
    session = make_session()
    enrolment = enrolments.enrol(residents(1)[0], session)
    db.session.commit()
    move_to_the_past(session)
    for actor in (enrolment.resident, worker):
        with pytest.raises(Forbidden):
            enrolments.mark_attendance(actor, enrolment, True)
