"""Organizations, offerings, sessions, enrolments and requests over the JSON API."""

from datetime import datetime, time, timedelta

import pytest
import sqlalchemy as sa

from govhub.core.models import utcnow
from govhub.core.time import to_local
from govhub.extensions import db
from govhub.partners.enrolments import services as enrolments
from govhub.partners.enrolments.models import Enrolment
from govhub.partners.organizations.models import Organization
from govhub.partners.requests import services as service_requests
from govhub.partners.requests.models import RequestStatus
from tests.helpers.api import api_error, api_ok

# --- organizations ---------------------------------------------------------------------------

def test_a_partner_registers_and_staff_verify(client, auth, owner, worker):
    body = api_ok(client.post("/api/v1/organizations", headers=auth(owner), json={
        "name": "幸福里社工站", "kind": "social_work_agency"}), 201)
    assert body["status"] == "pending" and body["your_role"] == "owner"
    api_error(client.get(f"/api/v1/organizations/{body['id']}"), 404)
    reviewed = api_ok(client.post(f"/api/v1/organizations/{body['id']}/review",
                               headers=auth(worker), json={"status": "verified"}))
    assert reviewed["status"] == "verified"
    assert api_ok(client.get(f"/api/v1/organizations/{body['id']}"))["name"] == "幸福里社工站"


def test_bad_registrations_answer_with_the_field(client, auth, owner, make_user):
    assert api_error(client.post("/api/v1/organizations", headers=auth(owner), json={
        "name": "x", "kind": "guild"}), 400)["code"] == "unknown_kind"
    assert api_error(client.post("/api/v1/organizations", headers=auth(owner), json={
        "kind": "other"}), 422)["code"] == "validation_error"
    assert api_error(client.post("/api/v1/organizations", headers=auth(make_user()), json={
        "name": "x", "kind": "other"}), 403)["code"] == "forbidden"
    assert db.session.scalar(sa.select(sa.func.count(Organization.id))) == 0


def test_the_directory_lists_verified_organizations(client, community, make_organization):
    shown = make_organization()
    make_organization("pending", name="待审核")
    body = api_ok(client.get(f"/api/v1/organizations?community={community.slug}"))
    assert [o["id"] for o in body] == [shown.id]
    api_error(client.get("/api/v1/organizations?community=nowhere"), 404)


# --- offerings -------------------------------------------------------------------------------

def test_offerings_are_created_published_and_listed(client, auth, owner, organization,
                                                    community):
    created = api_ok(client.post(f"/api/v1/organizations/{organization.id}/offerings",
                              headers=auth(owner), json={
                                  "title": "儿童托管", "category": "childcare",
                                  "price": "15.5", "location_name": "四点半课堂"}), 201)
    assert created["status"] == "draft" and created["price"] == "15.50"
    listed = api_ok(client.get(f"/api/v1/offerings?community={community.slug}"))
    assert listed["total"] == 0
    api_ok(client.post(f"/api/v1/offerings/{created['id']}/status", headers=auth(owner),
                    json={"status": "published"}))
    listed = api_ok(client.get(f"/api/v1/offerings?community={community.slug}&category=childcare"))
    assert [o["title"] for o in listed["items"]] == ["儿童托管"]
    assert listed["items"][0]["url"].endswith(f"/offerings/{created['id']}")


@pytest.mark.parametrize("price, kept", [("0.004", None), ("0.001", None), ("1e-9", None),
                                         ("0.006", "0.01")])
def test_a_price_under_half_a_cent_is_free_not_a_500(client, auth, owner, organization, price,
                                                     kept):
    created = api_ok(client.post(f"/api/v1/organizations/{organization.id}/offerings",
                              headers=auth(owner), json={"title": "义诊", "category": "health",
                                                         "price": price}), 201)
    assert created["price"] == kept


def test_an_unknown_category_is_refused(client, auth, owner, organization, community):
    assert api_error(client.post(f"/api/v1/organizations/{organization.id}/offerings",
                              headers=auth(owner), json={"title": "x", "category": "magic"}),
                  400)["code"] == "unknown_category"
    assert api_error(client.get(f"/api/v1/offerings?community={community.slug}&category=magic"),
                  422)["code"] == "validation_error"


def test_others_cannot_create_offerings(client, auth, organization, make_user):
    assert api_error(client.post(f"/api/v1/organizations/{organization.id}/offerings",
                              headers=auth(make_user("partner")),
                              json={"title": "x", "category": "other"}), 403)


def test_a_hidden_offering_answers_404(client, make_offering):
    offering = make_offering(status="draft")
    api_error(client.get(f"/api/v1/offerings/{offering.id}"), 404)
    api_error(client.get(f"/api/v1/offerings/{offering.id}/sessions"), 404)


# --- sessions ---------------------------------------------------------------------------------

def test_sessions_one_off_and_weekly(client, auth, owner, make_offering):
    offering = make_offering()
    start = utcnow() + timedelta(days=3)
    one = api_ok(client.post(f"/api/v1/offerings/{offering.id}/sessions", headers=auth(owner),
                          json={"starts_at": start.isoformat(),
                                "ends_at": (start + timedelta(hours=1)).isoformat(),
                                "capacity": 8}), 201)
    assert one[0]["places_left"] == 8
    first = (utcnow() + timedelta(days=2)).date()
    weekly = api_ok(client.post(f"/api/v1/offerings/{offering.id}/sessions", headers=auth(owner),
                             json={"capacity": 10, "weekly": {
                                 "weekday": 5, "starts_time": "09:00", "ends_time": "10:30",
                                 "first_date": first.isoformat(), "count": 3}}), 201)
    assert len(weekly) == 3 and len({s["schedule_id"] for s in weekly}) == 1
    detail = api_ok(client.get(f"/api/v1/offerings/{offering.id}"))
    assert len(detail["sessions"]) == 4


@pytest.mark.parametrize("body, status, code", [
    ({"capacity": 5}, 422, "validation_error"),
    ({"capacity": 0, "starts_at": "2099-01-01T09:00:00+08:00",
      "ends_at": "2099-01-01T10:00:00+08:00"}, 422, "validation_error"),
    ({"capacity": 5, "starts_at": "2020-01-01T09:00:00+08:00",
      "ends_at": "2020-01-01T10:00:00+08:00"}, 400, "in_the_past"),
    ({"capacity": 5, "starts_at": "2099-01-01T09:00:00", "ends_at": "2099-01-01T10:00:00"},
     422, "validation_error"),
    ({"capacity": 5, "weekly": {"weekday": 1, "starts_time": "09:00", "ends_time": "10:00",
                                "first_date": "2099-01-01"}}, 400, "count_or_until"),
])
def test_bad_sessions_are_refused(client, auth, owner, make_offering, body, status, code):
    offering = make_offering()
    response = client.post(f"/api/v1/offerings/{offering.id}/sessions", headers=auth(owner),
                           json=body)
    assert api_error(response, status)["code"] == code


def test_capacity_is_never_below_the_places_taken(client, auth, owner, make_session,
                                                  residents):
    session = make_session(capacity=3)
    for person in residents(2):
        enrolments.enrol(person, session)
    db.session.commit()
    response = client.post(f"/api/v1/sessions/{session.id}/capacity", headers=auth(owner),
                           json={"capacity": 1})
    assert api_error(response, 409)["code"] == "capacity_below_enrolled"
    body = api_ok(client.post(f"/api/v1/sessions/{session.id}/capacity", headers=auth(owner),
                           json={"capacity": 2}))
    assert body["capacity"] == 2 and body["places_left"] == 0


# --- enrolments ------------------------------------------------------------------------------

def test_enrol_full_waitlist_cancel_and_promotion(client, auth, make_session, residents):
    session = make_session(capacity=1)
    first, second = residents(2)
    mine = api_ok(client.post(f"/api/v1/sessions/{session.id}/enrolments", headers=auth(first),
                           json={}), 201)
    assert mine["status"] == "enrolled"
    full = client.post(f"/api/v1/sessions/{session.id}/enrolments", headers=auth(second),
                       json={})
    assert api_error(full, 409)["code"] == "session_full"
    waiting = api_ok(client.post(f"/api/v1/sessions/{session.id}/enrolments",
                              headers=auth(second), json={"waitlist": True}), 201)
    assert waiting["status"] == "waitlisted" and waiting["position"] == 1
    again = client.post(f"/api/v1/sessions/{session.id}/enrolments", headers=auth(second),
                        json={"waitlist": True})
    assert api_error(again, 409)["code"] == "already_enrolled"
    cancelled = api_ok(client.post(f"/api/v1/enrolments/{mine['id']}/cancel",
                                headers=auth(first)))
    assert cancelled["status"] == "cancelled"
    services = api_ok(client.get("/api/v1/me/services", headers=auth(second)))
    assert services["enrolments"][0]["status"] == "enrolled"


def test_someone_elses_enrolment_answers_404(client, auth, make_session, residents):
    session = make_session()
    holder, other = residents(2)
    enrolment = enrolments.enrol(holder, session)
    db.session.commit()
    api_error(client.post(f"/api/v1/enrolments/{enrolment.id}/cancel", headers=auth(other)), 404)
    assert db.session.get(Enrolment, enrolment.id).status == "enrolled"


# --- requests --------------------------------------------------------------------------------

def test_a_request_is_answered_over_the_api(client, auth, make_offering, make_user, owner):
    offering = make_offering(mode="on_request")
    resident = make_user(phone="13912345678")
    created = api_ok(client.post(f"/api/v1/offerings/{offering.id}/requests",
                              headers=auth(resident), json={"message": "下午在家"}), 201)
    assert created["resident"] == {"id": resident.id, "name": resident.display_name}
    listed = api_ok(client.get(f"/api/v1/organizations/{offering.organization_id}/requests",
                            headers=auth(owner)))
    assert listed["requests"][0]["resident"]["phone"] == "13912345678"
    declined = client.post(f"/api/v1/requests/{created['id']}/status", headers=auth(owner),
                           json={"status": "declined"})
    assert api_error(declined, 400)["field"] == "reason"
    accepted = api_ok(client.post(f"/api/v1/requests/{created['id']}/status", headers=auth(owner),
                               json={"status": "accepted"}))
    assert accepted["status"] == "accepted"
    bogus = client.post(f"/api/v1/requests/{created['id']}/status", headers=auth(owner),
                        json={"status": "teleported"})
    assert api_error(bogus, 400)["code"] == "invalid_status"
    cancelled = api_ok(client.post(f"/api/v1/requests/{created['id']}/status",
                                headers=auth(resident), json={"status": "cancelled"}))
    assert cancelled["status"] == "cancelled"


def test_the_request_list_is_for_the_organization_and_staff(client, auth, organization,
                                                            make_user, worker):
    path = f"/api/v1/organizations/{organization.id}/requests"
    api_error(client.get(path, headers=auth(make_user("partner"))), 403)
    api_error(client.get(path, headers=auth(make_user())), 403)
    api_ok(client.get(path, headers=auth(worker)))


def test_a_resident_cannot_answer_their_own_request(client, auth, make_offering, residents):
    offering = make_offering(mode="on_request")
    resident = residents(1)[0]
    request = service_requests.request_service(resident, offering)
    db.session.commit()
    response = client.post(f"/api/v1/requests/{request.id}/status", headers=auth(resident),
                           json={"status": "accepted"})
    api_error(response, 403)
    db.session.refresh(request)
    assert request.status == RequestStatus.REQUESTED


def test_the_openapi_document_lists_the_partner_routes(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    assert "/api/v1/sessions/{session_id}/enrolments" in paths
    assert "/api/v1/offerings" in paths


def test_weekly_times_are_wall_clock_in_the_community(client, auth, owner, make_offering,
                                                      community):
    offering = make_offering()
    first = (utcnow() + timedelta(days=2)).date()
    made = api_ok(client.post(f"/api/v1/offerings/{offering.id}/sessions", headers=auth(owner),
                           json={"capacity": 5, "weekly": {
                               "weekday": first.weekday(), "starts_time": "09:30",
                               "ends_time": "11:00", "first_date": first.isoformat(),
                               "count": 1}}), 201)
    starts = datetime.fromisoformat(made[0]["starts_at"])
    assert to_local(starts, community.timezone).time() == time(9, 30)
