"""The partner pages, driven like a browser without JavaScript: forms, refusals, both languages."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from govhub.core.models import utcnow
from govhub.core.time import to_local
from govhub.extensions import db
from govhub.partners.enrolments import services as enrolments
from govhub.partners.enrolments.models import Enrolment, EnrolmentStatus
from govhub.partners.offerings.models import Offering, OfferingSession
from govhub.partners.organizations import services
from govhub.partners.organizations.models import Organization, OrganizationStatus
from govhub.partners.requests import services as service_requests
from govhub.partners.requests.models import RequestStatus, ServiceRequest
from tests.partners.conftest import move_to_the_past


def _text(response) -> str:
    return response.get_data(as_text=True)


def _set_language(client, csrf, locale: str) -> None:
    client.post("/language", data={"csrf_token": csrf("/login"), "locale": locale, "next": "/"})


# --- organizations --------------------------------------------------------------------

def test_a_partner_registers_an_organization_through_the_form(client, login, post_form, owner,
                                                              worker):
    login(owner)
    response = post_form("/organizations/new", {
        "name": "幸福里书画社", "kind": "arts_group", "description": "书法与国画。",
        "contact_phone": "13800000000", "service_area": "幸福里社区"})
    organization = db.session.scalar(sa.select(Organization))
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/organizations/{organization.id}")
    page = _text(client.get(response.headers["Location"]))
    assert "幸福里书画社" in page and "Waiting for verification" in page


def test_a_bad_registration_shows_the_error_by_its_field(client, login, post_form, owner):
    login(owner)
    response = post_form("/organizations/new", {"name": "书画社", "kind": "arts_group",
                                                "contact_email": "nope"},
                         page="/organizations/new")
    assert response.status_code == 200
    assert 'id="contact_email-error"' in _text(response)
    assert db.session.scalar(sa.select(sa.func.count(Organization.id))) == 0


def test_residents_cannot_open_the_registration_form(client, login, make_user):
    login(make_user())
    assert client.get("/organizations/new").status_code == 403


def test_an_unverified_organization_is_hidden_from_the_public(client, make_organization):
    organization = make_organization("pending")
    assert client.get(f"/organizations/{organization.id}").status_code == 404


def test_a_verified_organization_shows_its_badge(client, organization):
    page = _text(client.get(f"/organizations/{organization.id}"))
    assert "badge-verified" in page and organization.name in page


def test_staff_verify_from_the_review_list(client, login, post_form, make_organization,
                                           worker):
    organization = make_organization("pending")
    login(worker)
    page = _text(client.get("/organizations/review"))
    assert organization.name in page
    response = post_form(f"/organizations/{organization.id}/review",
                         {"status": "verified", "back": "list"}, page="/organizations/review")
    assert response.headers["Location"].endswith("/organizations/review")
    db.session.refresh(organization)
    assert organization.status == OrganizationStatus.VERIFIED


def test_rejecting_without_a_reason_is_refused_with_a_message(client, login, post_form,
                                                              make_organization, worker):
    organization = make_organization("pending")
    login(worker)
    path = f"/organizations/{organization.id}"
    response = post_form(f"{path}/review", {"status": "rejected", "reason": ""}, page=path)
    page = _text(client.get(response.headers["Location"]))
    assert "This field is required." in page
    db.session.refresh(organization)
    assert organization.status == OrganizationStatus.PENDING


def test_partners_cannot_review(client, login, post_form, make_organization, owner):
    organization = make_organization("pending")
    login(owner)
    path = f"/organizations/{organization.id}"
    assert post_form(f"{path}/review", {"status": "verified"}, page=path).status_code == 403


def test_an_owner_invites_and_the_invitee_accepts(client, login, post_form, organization,
                                                  owner, make_user):
    invitee = make_user("partner", username="colleague")
    login(owner)
    path = f"/organizations/{organization.id}/members"
    response = post_form(path, {"username": "colleague", "role": "editor"})
    assert response.status_code == 302
    assert "Invited, not yet accepted" in _text(client.get(path))
    client.post("/logout", data={"csrf_token": csrf_of(client, path)})
    login(invitee)
    page = _text(client.get("/organizations/mine"))
    membership = organization.members[-1]
    assert f"/invitations/{membership.id}/accept" in page
    post_form(f"/invitations/{membership.id}/accept", page="/organizations/mine")
    db.session.refresh(membership)
    assert membership.is_active


def csrf_of(client, path: str) -> str:
    from tests.conftest import csrf_token_from

    return csrf_token_from(_text(client.get(path)))


def test_inviting_an_unknown_username_says_so(client, login, post_form, organization, owner):
    login(owner)
    response = post_form(f"/organizations/{organization.id}/members", {"username": "ghost"})
    assert response.status_code == 400
    assert "No partner account has this username." in _text(response)


def test_an_editor_sees_members_but_cannot_invite(client, login, post_form, organization, owner,
                                                  make_user):

    editor = make_user("partner")
    services.accept_invitation(editor, services.invite_member(owner, organization,
                                                              editor.username))
    db.session.commit()
    login(editor)
    path = f"/organizations/{organization.id}/members"
    assert "Invite a colleague" not in _text(client.get(path))
    assert post_form(path, {"username": "x"}).status_code == 403


# --- offerings and sessions ----------------------------------------------------------------

def test_a_member_creates_an_offering_and_weekly_sessions(client, login, post_form,
                                                          organization, owner):
    login(owner)
    response = post_form(f"/organizations/{organization.id}/offerings/new", {
        "title": "太极拳晨练", "category": "culture_sports", "mode": "sessions",
        "location_name": "社区广场", "price": ""})
    offering = db.session.scalar(sa.select(Offering))
    assert response.headers["Location"].endswith(f"/offerings/{offering.id}/sessions")
    first = to_local(utcnow(), organization.community.timezone).date() + timedelta(days=2)
    response = post_form(f"/offerings/{offering.id}/sessions/weekly", {
        "weekday": str(first.weekday()), "starts_time": "07:00", "ends_time": "08:00",
        "first_date": first.isoformat(), "count": "4", "capacity": "20"},
        page=f"/offerings/{offering.id}/sessions")
    assert response.status_code == 302
    assert db.session.scalar(sa.select(sa.func.count(OfferingSession.id))) == 4
    post_form(f"/offerings/{offering.id}/status", {"status": "published"},
              page=f"/offerings/{offering.id}")
    db.session.refresh(offering)
    assert offering.status == "published"


def test_a_session_in_the_past_is_refused_on_the_form(client, login, post_form, make_offering,
                                                      owner):
    offering = make_offering()
    login(owner)
    path = f"/offerings/{offering.id}/sessions"
    response = post_form(path, {"date": "2020-01-01", "starts_time": "09:00",
                                "ends_time": "10:00", "capacity": "5"})
    assert response.status_code == 400
    assert "A session cannot start in the past." in _text(response)


def test_capacity_below_the_places_taken_is_refused_on_the_page(client, login, post_form,
                                                                make_session, residents,
                                                                owner):
    session = make_session(capacity=3)
    for person in residents(2):
        enrolments.enrol(person, session)
    db.session.commit()
    login(owner)
    path = f"/offerings/{session.offering_id}/sessions"
    response = post_form(f"/sessions/{session.id}/capacity", {f"s{session.id}-capacity": "1"},
                         page=path)
    assert "2 places are already taken" in _text(client.get(response.headers["Location"]))
    db.session.refresh(session)
    assert session.capacity == 3


def test_a_draft_offering_is_hidden_from_residents(client, login, make_offering, make_user):
    offering = make_offering(status="draft")
    login(make_user())
    assert client.get(f"/offerings/{offering.id}").status_code == 404


def test_other_partners_cannot_edit_an_offering(client, login, make_offering, make_user):
    offering = make_offering()
    login(make_user("partner"))
    assert client.get(f"/offerings/{offering.id}/edit").status_code == 403
    assert client.get(f"/offerings/{offering.id}/sessions").status_code == 403


# --- browsing ------------------------------------------------------------------------------

def test_the_browse_page_filters_by_category_place_and_date(client, community, make_offering,
                                                            make_session):
    taiji = make_offering(title="太极拳晨练", category="culture_sports",
                          location_name="社区广场")
    make_offering(title="法律咨询", category="legal_aid", mode="on_request",
                  location_name="社区服务中心")
    session = make_session(offering=taiji, days=3)
    base = f"/c/{community.slug}/services"
    assert "太极拳晨练" in _text(client.get(base)) and "法律咨询" in _text(client.get(base))
    by_category = _text(client.get(f"{base}?category=legal_aid"))
    assert "法律咨询" in by_category and "太极拳晨练" not in by_category
    by_place = _text(client.get(f"{base}?place=社区广场"))
    assert "太极拳晨练" in by_place and "法律咨询" not in by_place
    day = to_local(session.starts_at, community.timezone).date()
    on_day = _text(client.get(f"{base}?day={day.isoformat()}"))
    assert "太极拳晨练" in on_day and "法律咨询" not in on_day
    other_day = _text(client.get(f"{base}?day={(day + timedelta(days=1)).isoformat()}"))
    assert "太极拳晨练" not in other_day


@pytest.mark.parametrize("query", ["category=gardening", "day=not-a-date", "page=-3",
                                   "place=nowhere", "day=99999-01-01"])
def test_bad_filters_never_fail(client, community, make_offering, query):
    make_offering()
    assert client.get(f"/c/{community.slug}/services?{query}").status_code == 200


def test_the_browse_page_pages(client, community, make_offering):
    for n in range(23):
        make_offering(title=f"课程{n:02d}")
    base = f"/c/{community.slug}/services"
    first, second = _text(client.get(base)), _text(client.get(f"{base}?page=2"))
    assert "课程22" in first and "课程02" not in first
    assert "课程02" in second and "Page 2 of 2" in second


def test_unverified_organizations_are_not_browsed(client, community, make_organization,
                                                  make_offering):
    hidden = make_organization("pending", name="待审核协会")
    make_offering(title="看不见的课", organization=hidden)
    assert "看不见的课" not in _text(client.get(f"/c/{community.slug}/services"))


def test_the_pages_speak_chinese(client, csrf, community, make_session):
    session = make_session()
    _set_language(client, csrf, "zh_CN")
    page = _text(client.get(f"/c/{community.slug}/services"))
    assert "社区服务" in page or "为居民提供的服务" in page
    offering_page = _text(client.get(f"/offerings/{session.offering_id}"))
    assert "剩余" in offering_page


# --- enrolling, requesting, the organization's list ------------------------------------------

def test_a_resident_enrols_then_the_last_place_leads_to_the_waitlist(client, login, post_form,
                                                                     make_session, residents):
    session = make_session(capacity=1)
    first, second = residents(2)
    path = f"/offerings/{session.offering_id}"
    login(first)
    assert "Enrol" in _text(client.get(path))
    post_form(f"/sessions/{session.id}/enrol", {"next": path}, page=path)
    assert "You are enrolled." in _text(client.get(path))
    client.post("/logout", data={"csrf_token": csrf_of(client, path)})
    login(second)
    page = _text(client.get(path))
    assert "Join the waitlist" in page and "Full" in page
    response = post_form(f"/sessions/{session.id}/enrol", {"waitlist": "1", "next": path},
                         page=path)
    assert "number 1" in _text(client.get(response.headers["Location"]))
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
    assert "This session is full" in _text(client.get(response.headers["Location"]))


def test_a_request_reaches_the_organizations_list_with_the_residents_contact(
        client, login, post_form, make_offering, make_user, owner):
    offering = make_offering(mode="on_request", title="上门理发")
    resident = make_user(phone="13912345678")
    login(resident)
    path = f"/offerings/{offering.id}"
    post_form(f"{path}/request", {"message": "周三上午在家"}, page=path)
    service_request = db.session.scalar(sa.select(ServiceRequest))
    assert service_request.message == "周三上午在家"
    client.post("/logout", data={"csrf_token": csrf_of(client, path)})
    login(owner)
    page = _text(client.get(f"/organizations/{offering.organization_id}/requests"))
    assert "13912345678" in page and "周三上午在家" in page
    fragment = _text(client.get(f"/organizations/{offering.organization_id}/requests"
                                "?fragment=1"))
    assert "13912345678" in fragment and "<html" not in fragment


def test_residents_contact_is_never_on_public_pages(client, make_offering, make_user):
    offering = make_offering(mode="on_request")
    resident = make_user(phone="13912345678")
    service_requests.request_service(resident, offering, "hello")
    db.session.commit()
    assert "13912345678" not in _text(client.get(f"/offerings/{offering.id}"))
    assert "13912345678" not in _text(client.get(f"/organizations/{offering.organization_id}"))


@pytest.mark.parametrize("role", ["partner", "resident"])
def test_other_partners_and_residents_cannot_see_the_request_list(client, login, organization,
                                                                  make_user, role):
    login(make_user(role))
    assert client.get(f"/organizations/{organization.id}/requests").status_code == 403


def test_staff_see_the_list_without_answer_buttons(client, login, make_offering, make_user,
                                                   worker):
    offering = make_offering(mode="on_request")
    service_requests.request_service(make_user(phone="13900000000"), offering)
    db.session.commit()
    login(worker)
    page = _text(client.get(f"/organizations/{offering.organization_id}/requests"))
    assert "13900000000" in page and "Accept" not in page


def test_the_organization_accepts_declines_and_completes(client, login, post_form,
                                                         make_offering, residents, owner):
    offering = make_offering(mode="on_request")
    first, second = residents(2)
    accepted = service_requests.request_service(first, offering)
    declined = service_requests.request_service(second, offering)
    db.session.commit()
    login(owner)
    path = f"/organizations/{offering.organization_id}/requests"
    post_form(f"/requests/{accepted.id}/accept", page=path)
    post_form(f"/requests/{accepted.id}/complete", page=path)
    response = post_form(f"/requests/{declined.id}/decline", {"reason": ""}, page=path)
    assert "Say why you decline" in _text(client.get(response.headers["Location"]))
    post_form(f"/requests/{declined.id}/decline", {"reason": "人手不足"}, page=path)
    db.session.refresh(accepted)
    db.session.refresh(declined)
    assert (accepted.status, declined.status) == (RequestStatus.COMPLETED,
                                                  RequestStatus.DECLINED)
    assert declined.decline_reason == "人手不足"


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
    assert "Came" in _text(client.get(path))
    post_form(f"/enrolments/{enrolment.id}/attendance", {"attended": "1"}, page=path)
    db.session.refresh(enrolment)
    assert enrolment.status == EnrolmentStatus.ATTENDED
    client.post("/logout", data={"csrf_token": csrf_of(client, path)})
    login(resident)
    page = _text(client.get("/my/services"))
    assert "Rate it" in page
    post_form(f"/offerings/{session.offering_id}/rate",
              {"score": "5", "comment": "很好", "session_id": str(session.id)},
              page="/my/services")
    page = _text(client.get(f"/offerings/{session.offering_id}"))
    assert "很好" in page and "Rate it" not in _text(client.get("/my/services"))


def test_my_services_lists_and_cancels(client, login, post_form, make_session, residents):
    session = make_session(capacity=1)
    resident = residents(1)[0]
    enrolment = enrolments.enrol(resident, session)
    db.session.commit()
    login(resident)
    page = _text(client.get("/my/services"))
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


def test_a_rating_without_a_score_is_refused(client, login, post_form, make_session, residents):
    session = make_session()
    login(residents(1)[0])
    response = post_form(f"/offerings/{session.offering_id}/rate", {"comment": "x"},
                         page="/my/services")
    assert "Choose from 1 to 5 stars." in _text(client.get(response.headers["Location"]))


def test_the_home_page_leads_to_the_services(client, community):
    assert f"/c/{community.slug}/services" in _text(client.get(f"/c/{community.slug}"))



def test_a_session_rating_without_its_session_is_not_found(client, login, post_form,
                                                          make_session, residents):
    session = make_session()
    login(residents(1)[0])
    response = post_form(f"/offerings/{session.offering_id}/rate", {"score": "4"},
                         page="/my/services")
    assert response.status_code == 404


def test_a_held_session_offers_no_capacity_form(client, login, make_session, owner):
    held = make_session()
    coming = make_session(offering=held.offering, days=5)
    move_to_the_past(held)
    login(owner)
    page = _text(client.get(f"/offerings/{held.offering_id}/sessions"))
    assert f"/sessions/{held.id}/capacity" not in page
    assert f"/sessions/{coming.id}/capacity" in page
