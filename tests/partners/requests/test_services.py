"""Service requests and ratings through their services."""

import pytest
import sqlalchemy as sa

from govhub.audit.models import AuditEvent
from govhub.core.errors import DomainError, Forbidden
from govhub.extensions import db
from govhub.notifications.models import Notification
from govhub.partners.enrolments import services as enrolments
from govhub.partners.requests import services as service_requests
from govhub.partners.requests.models import Rating, RequestStatus
from tests.partners.conftest import move_to_the_past


@pytest.fixture
def on_request(make_offering):
    return make_offering(mode="on_request", title="上门理发", category="elderly_care")


def _kinds(user) -> list[str]:
    return list(db.session.scalars(sa.select(Notification.kind).where(
        Notification.user_id == user.id).order_by(Notification.id)))


def test_a_request_is_accepted_then_completed(on_request, residents, owner, broadcasts):
    resident = residents(1)[0]
    request = service_requests.request_service(resident, on_request, "每周三上午在家。")
    db.session.commit()
    assert "partners.requested" in _kinds(owner)
    service_requests.accept_request(owner, request)
    service_requests.complete_request(owner, request)
    db.session.commit()
    assert request.status == RequestStatus.COMPLETED and request.handled_by_id == owner.id
    assert request.answered_at and request.closed_at
    assert _kinds(resident) == ["partners.request_accepted", "partners.request_completed"]
    actions = db.session.scalars(sa.select(AuditEvent.action).where(
        AuditEvent.target_type == "service_requests")).all()
    assert actions == ["service_request.created", "service_request.accepted",
                       "service_request.completed"]
    room = f"organization:{on_request.organization_id}"
    assert [p["status"] for r, e, p in broadcasts if r == room] == [
        "requested", "accepted", "completed"]


def test_declining_needs_a_reason_the_resident_reads(on_request, residents, owner):
    resident = residents(1)[0]
    request = service_requests.request_service(resident, on_request)
    with pytest.raises(DomainError) as refused:
        service_requests.decline_request(owner, request, "  ")
    assert refused.value.field == "reason" and request.status == RequestStatus.REQUESTED
    service_requests.decline_request(owner, request, "本周理发师休假，请下周再约。")
    db.session.commit()
    note = db.session.scalar(sa.select(Notification).where(Notification.user_id == resident.id))
    assert note.data["reason"] == "本周理发师休假，请下周再约。"


def test_one_open_request_per_offering(on_request, residents, owner):
    resident = residents(1)[0]
    first = service_requests.request_service(resident, on_request)
    with pytest.raises(DomainError) as refused:
        service_requests.request_service(resident, on_request)
    assert refused.value.code == "already_requested"
    service_requests.cancel_request(resident, first)
    again = service_requests.request_service(resident, on_request)
    assert again.status == RequestStatus.REQUESTED


def test_the_resident_cancels_and_the_organization_hears(on_request, residents, owner):
    resident = residents(1)[0]
    request = service_requests.request_service(resident, on_request)
    service_requests.accept_request(owner, request)
    service_requests.cancel_request(resident, request)
    db.session.commit()
    assert request.status == RequestStatus.CANCELLED
    assert _kinds(owner)[-1] == "partners.request_cancelled"


@pytest.mark.parametrize("step", ["accept", "decline", "complete", "cancel"])
def test_closed_requests_stay_closed(on_request, residents, owner, step):
    resident = residents(1)[0]
    request = service_requests.request_service(resident, on_request)
    service_requests.decline_request(owner, request, "名额已满")
    attempt = {"accept": lambda: service_requests.accept_request(owner, request),
               "decline": lambda: service_requests.decline_request(owner, request, "x"),
               "complete": lambda: service_requests.complete_request(owner, request),
               "cancel": lambda: service_requests.cancel_request(resident, request)}[step]
    with pytest.raises(DomainError) as refused:
        attempt()
    assert refused.value.code == "wrong_status"


def test_a_request_is_completed_only_once_accepted(on_request, residents, owner):
    request = service_requests.request_service(residents(1)[0], on_request)
    with pytest.raises(DomainError):
        service_requests.complete_request(owner, request)


def test_others_cannot_answer_or_cancel_a_request(on_request, residents, make_user, worker):
    resident, neighbour = residents(2)
    request = service_requests.request_service(resident, on_request)
    for actor in (make_user("partner"), worker, neighbour, resident):
        with pytest.raises(Forbidden):
            service_requests.accept_request(actor, request)
    with pytest.raises(Forbidden):
        service_requests.cancel_request(neighbour, request)


def test_sessions_are_enrolled_in_not_requested(make_offering, residents):
    with pytest.raises(DomainError) as refused:
        service_requests.request_service(residents(1)[0], make_offering())
    assert refused.value.code == "not_on_request"


def test_a_message_has_a_limit(on_request, residents):
    with pytest.raises(DomainError) as refused:
        service_requests.request_service(residents(1)[0], on_request, "字" * 2001)
    assert refused.value.field == "message"


# --- ratings --------------------------------------------------------------------------------

def test_a_completed_request_can_be_rated_once(on_request, residents, owner):
    resident = residents(1)[0]
    request = service_requests.request_service(resident, on_request)
    with pytest.raises(DomainError) as refused:
        service_requests.rate(resident, on_request, 5)
    assert refused.value.code == "not_served"
    service_requests.accept_request(owner, request)
    service_requests.complete_request(owner, request)
    rating = service_requests.rate(resident, on_request, 5, "师傅很耐心。")
    db.session.commit()
    assert (rating.score, rating.session_id) == (5, None)
    with pytest.raises(DomainError) as refused:
        service_requests.rate(resident, on_request, 4)
    assert refused.value.code == "already_rated"


def test_a_session_is_rated_by_those_who_attended(make_session, residents, owner):
    session = make_session(capacity=2)
    came, absent = residents(2)
    mine = enrolments.enrol(came, session)
    theirs = enrolments.enrol(absent, session)
    db.session.commit()
    with pytest.raises(DomainError) as refused:
        service_requests.rate(came, session.offering, 4, session=session)
    assert refused.value.code == "not_served"
    move_to_the_past(session)
    enrolments.mark_attendance(owner, mine, True)
    enrolments.mark_attendance(owner, theirs, False)
    service_requests.rate(came, session.offering, 4, "老师讲得很清楚。", session=session)
    db.session.commit()
    with pytest.raises(DomainError):
        service_requests.rate(absent, session.offering, 1, session=session)
    with pytest.raises(DomainError) as refused:
        service_requests.rate(came, session.offering, 5, session=session)
    assert refused.value.code == "already_rated"
    assert db.session.scalar(sa.select(sa.func.count(Rating.id))) == 1


@pytest.mark.parametrize("score", [0, 6, "5", None, 4.5, True])
def test_a_rating_is_one_to_five(on_request, residents, score):
    with pytest.raises(DomainError) as refused:
        service_requests.rate(residents(1)[0], on_request, score)
    assert refused.value.code == "invalid_score"


def test_a_session_of_another_offering_cannot_be_rated_here(make_session, make_offering,
                                                            residents):
    session = make_session()
    with pytest.raises(DomainError) as refused:
        service_requests.rate(residents(1)[0], make_offering(title="另一门课"), 5, session=session)
    assert refused.value.code == "unknown_session"
