"""Enrolling from the pages without JavaScript: places, the waitlist, attendance, *My services*."""

import sqlalchemy as sa

from govhub.extensions import db
from govhub.partners.enrolments import services as enrolments
from govhub.partners.enrolments.models import Enrolment, EnrolmentStatus
from tests.partners.conftest import move_to_the_past
from tests.partners.pages import csrf_of, text_of

# --- enrolling, requesting, the organization's list ------------------------------------------

def test_a_resident_enrols_then_the_last_place_leads_to_the_waitlist(client, login, post_form,
                                                                     make_session, residents):
    session = make_session(capacity=1)
    first, second = residents(2)
    path = f"/offerings/{session.offering_id}"
    login(first)
    assert "Enrol" in text_of(client.get(path))
    post_form(f"/sessions/{session.id}/enrol", {"next": path}, page=path)
    assert "You are enrolled." in text_of(client.get(path))
    client.post("/logout", data={"csrf_token": csrf_of(client, path)})
    login(second)
    page = text_of(client.get(path))
    assert "Join the waitlist" in page and "Full" in page
    response = post_form(f"/sessions/{session.id}/enrol", {"waitlist": "1", "next": path},
                         page=path)
    assert "number 1" in text_of(client.get(response.headers["Location"]))
    statuses = db.session.scalars(sa.select(Enrolment.status).order_by(Enrolment.id)).all()
    assert statuses == [EnrolmentStatus.ENROLLED, EnrolmentStatus.WAITLISTED]


def test_enrolling_in_a_full_session_without_the_waitlist_says_so(client, login, post_form,
                                                                  make_session, residents):
    session = make_session(capacity=1)
    first, second = residents(2)
    enrolments.enrol(first, session)
    db.session.commit()
    login(second)
    path = f"/offerings/{session.offering_id}"
    response = post_form(f"/sessions/{session.id}/enrol", {"next": path}, page=path)
    assert "This session is full" in text_of(client.get(response.headers["Location"]))


def test_attendance_is_marked_on_the_list_and_the_resident_rates(client, login, post_form,
                                                                 make_session, residents,
                                                                 owner):
    session = make_session()
    resident = residents(1)[0]
    enrolment = enrolments.enrol(resident, session)
    db.session.commit()
    move_to_the_past(session)
    login(owner)
    path = f"/organizations/{session.offering.organization_id}/requests"
    assert "Came" in text_of(client.get(path))
    post_form(f"/enrolments/{enrolment.id}/attendance", {"attended": "1"}, page=path)
    db.session.refresh(enrolment)
    assert enrolment.status == EnrolmentStatus.ATTENDED
    client.post("/logout", data={"csrf_token": csrf_of(client, path)})
    login(resident)
    page = text_of(client.get("/my/services"))
    assert "Rate it" in page
    post_form(f"/offerings/{session.offering_id}/rate",
              {"score": "5", "comment": "很好", "session_id": str(session.id)},
              page="/my/services")
    page = text_of(client.get(f"/offerings/{session.offering_id}"))
    assert "很好" in page and "Rate it" not in text_of(client.get("/my/services"))


def test_my_services_lists_and_cancels(client, login, post_form, make_session, residents):
    session = make_session(capacity=1)
    resident = residents(1)[0]
    enrolment = enrolments.enrol(resident, session)
    db.session.commit()
    login(resident)
    page = text_of(client.get("/my/services"))
    assert session.offering.title in page and "Cancel my place" in page
    post_form(f"/enrolments/{enrolment.id}/cancel", page="/my/services")
    db.session.refresh(enrolment)
    assert enrolment.status == EnrolmentStatus.CANCELLED


def test_someone_elses_enrolment_cannot_be_cancelled(client, login, post_form, make_session,
                                                     residents):
    session = make_session()
    holder, other = residents(2)
    enrolment = enrolments.enrol(holder, session)
    db.session.commit()
    login(other)
    assert post_form(f"/enrolments/{enrolment.id}/cancel",
                     page="/my/services").status_code == 403
