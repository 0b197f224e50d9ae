"""The councils' JSON API: founding councils, their rules, seating and unseating members."""

import pytest
import sqlalchemy as sa

from govhub.audit.models import AuditEvent
from govhub.councils.models import Council, CouncilMembership
from govhub.extensions import db
from tests.helpers.api import api_error


@pytest.fixture
def worker(make_user):
    return make_user(role="worker")


# --- reading ------------------------------------------------------------------------

def test_anyone_lists_a_communitys_councils(client, community, make_council):
    council = make_council()
    response = client.get(f"/api/v1/communities/{community.slug}/councils")
    assert response.status_code == 200
    [listed] = response.get_json()
    assert listed["id"] == council.id and listed["rule_set"] == "organic_law"
    assert listed["rules"] == {"key": "organic_law", "passing_base": "present",
                               "quorum": {"numerator": 1, "denominator": 2, "strict": True},
                               "passing": {"numerator": 1, "denominator": 2, "strict": True}}


def test_an_unknown_community_is_a_json_404(client):
    assert api_error(client.get("/api/v1/communities/nowhere/councils"), 404)["code"] == "not_found"


def test_a_bad_token_on_a_public_read_is_401_not_anonymous(client, community):
    response = client.get(f"/api/v1/communities/{community.slug}/councils",
                          headers={"Authorization": "Bearer gh_forged"})
    assert api_error(response, 401)["code"] == "unauthorized"


def test_anonymous_readers_see_a_council_but_not_its_members(client, make_council):
    council = make_council()
    body = client.get(f"/api/v1/councils/{council.id}").get_json()
    assert body["council"]["name"] == "居民议事会"
    assert body["members"] is None


def test_residents_of_the_community_see_who_sits_on_the_council(client, auth, make_council,
                                                                 make_user):
    council = make_council(members=2)
    body = client.get(f"/api/v1/councils/{council.id}", headers=auth(make_user())).get_json()
    assert [m["user_id"] for m in body["members"]] == [u.id for u in council.test_members]
    assert body["members"][0] == {
        "id": body["members"][0]["id"], "user_id": council.test_members[0].id,
        "username": council.test_members[0].username,
        "display_name": council.test_members[0].display_name, "role": "chair",
        "vote_weight": "1", "active": True, "votes": True}


def test_residents_of_another_community_do_not_see_the_members(client, auth, make_council,
                                                               make_community, make_user):
    council = make_council()
    stranger = make_user(community=make_community())
    body = client.get(f"/api/v1/councils/{council.id}", headers=auth(stranger)).get_json()
    assert body["members"] is None


@pytest.mark.parametrize("council_id", [999_999, 10**30])
def test_an_unknown_council_is_a_json_404(client, council_id):
    assert api_error(client.get(f"/api/v1/councils/{council_id}"), 404)["code"] == "not_found"


# --- founding and changing a council --------------------------------------------------

def test_a_worker_founds_a_council(client, auth, community, worker):
    response = client.post(f"/api/v1/communities/{community.slug}/councils", headers=auth(worker),
                           json={"name": "3号楼议事会", "kind": "building_council",
                                 "rule_set": "two_thirds", "max_proxies": 2})
    assert response.status_code == 201
    body = response.get_json()
    assert body["kind"] == "building_council" and body["max_proxies"] == 2
    assert body["rules"]["passing"] == {"numerator": 2, "denominator": 3, "strict": False}
    council = db.session.get(Council, body["id"])
    assert council.community_id == community.id
    assert db.session.scalar(sa.select(AuditEvent.action).where(
        AuditEvent.target_type == "councils", AuditEvent.target_id == council.id)) == (
        "council.created")


def test_an_admin_founds_a_council_in_any_community(client, auth, community, make_user):
    response = client.post(f"/api/v1/communities/{community.slug}/councils",
                           headers=auth(make_user(role="admin")),
                           json={"name": "居民议事会", "kind": "residents_meeting"})
    assert response.status_code == 201
    assert response.get_json()["rule_set"] == "organic_law"


def test_founding_a_council_needs_a_token(client, community):
    response = client.post(f"/api/v1/communities/{community.slug}/councils",
                           json={"name": "议事会", "kind": "residents_meeting"})
    assert api_error(response, 401)["code"] == "unauthorized"


@pytest.mark.parametrize("role", ["resident", "partner"])
def test_residents_and_partners_cannot_found_a_council(client, auth, community, make_user,
                                                       role):
    response = client.post(f"/api/v1/communities/{community.slug}/councils",
                           headers=auth(make_user(role=role)),
                           json={"name": "议事会", "kind": "residents_meeting"})
    assert api_error(response, 403)["code"] == "forbidden"
    assert db.session.scalar(sa.select(sa.func.count(Council.id))) == 0


def test_a_worker_cannot_found_a_council_in_another_community(client, auth, make_community,
                                                               worker):
    other = make_community()
    response = client.post(f"/api/v1/communities/{other.slug}/councils", headers=auth(worker),
                           json={"name": "议事会", "kind": "residents_meeting"})
    assert response.status_code == 403


@pytest.mark.parametrize("body, field", [
    ({"kind": "residents_meeting"}, "name"),
    ({"name": "议事会"}, "kind"),
    ({"name": "议事会", "kind": "parliament"}, "kind"),
    ({"name": "议事会", "kind": "residents_meeting", "rule_set": "unanimity"}, "rule_set"),
    ({"name": "议事会", "kind": "residents_meeting", "max_proxies": "2"}, "max_proxies"),
    ({"name": "议事会", "kind": "residents_meeting", "max_proxies": 11}, "max_proxies"),
    ({"name": "x" * 121, "kind": "residents_meeting"}, "name"),
    ({"name": "议事会", "kind": "residents_meeting", "founded": "today"}, "founded"),
])
def test_a_bad_council_body_names_the_field(client, auth, community, worker, body, field):
    response = client.post(f"/api/v1/communities/{community.slug}/councils",
                           headers=auth(worker), json=body)
    error = api_error(response, 422)
    assert error["code"] == "validation_error" and field in error["fields"]


def test_a_blank_name_is_refused_by_the_service(client, auth, community, worker):
    response = client.post(f"/api/v1/communities/{community.slug}/councils",
                           headers=auth(worker), json={"name": "   ", "kind": "residents_meeting"})
    error = api_error(response, 400)
    assert error == {"code": "required", "message": error["message"], "field": "name"}


@pytest.mark.parametrize("body", [["name", "kind"], "议事会", 42])
def test_a_body_that_is_not_an_object_is_refused(client, auth, community, worker, body):
    response = client.post(f"/api/v1/communities/{community.slug}/councils",
                           headers=auth(worker), json=body)
    assert response.status_code == 422
    assert response.get_json()["error"]["code"] == "validation_error"


def test_patching_a_council_changes_only_what_is_sent(client, auth, make_council, worker):
    council = make_council()
    response = client.patch(f"/api/v1/councils/{council.id}", headers=auth(worker),
                            json={"rule_set": "simple_majority"})
    assert response.status_code == 200
    body = response.get_json()
    assert body["rule_set"] == "simple_majority" and body["name"] == "居民议事会"
    assert body["kind"] == "residents_meeting" and body["max_proxies"] == 1
    changed = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "council.updated"))
    assert changed.data["before"]["rule_set"] == "organic_law"


def test_the_chair_cannot_change_the_councils_rules(client, auth, make_council):
    council = make_council()
    response = client.patch(f"/api/v1/councils/{council.id}",
                            headers=auth(council.test_members[0]), json={"rule_set": "two_thirds"})
    assert response.status_code == 403
    assert council.rule_set == "organic_law"


def test_patching_an_unknown_council_is_404(client, auth, worker):
    response = client.patch("/api/v1/councils/424242", headers=auth(worker), json={"name": "x"})
    assert response.status_code == 404


def test_patching_with_a_bad_rule_set_is_422(client, auth, make_council, worker):
    council = make_council()
    response = client.patch(f"/api/v1/councils/{council.id}", headers=auth(worker),
                            json={"rule_set": None})
    assert "rule_set" in api_error(response, 422)["fields"]


# --- members ---------------------------------------------------------------------------

def test_a_worker_seats_a_resident_by_username_with_half_a_vote(client, auth, make_council,
                                                                worker, make_user):
    council, resident = make_council(members=0), make_user()
    response = client.post(f"/api/v1/councils/{council.id}/members", headers=auth(worker),
                           json={"username": resident.username.upper(), "role": "secretary",
                                 "vote_weight": "0.5"})
    assert response.status_code == 201
    body = response.get_json()
    assert (body["user_id"], body["role"], body["vote_weight"]) == (resident.id, "secretary", "0.5")
    membership = db.session.get(CouncilMembership, body["id"])
    assert str(membership.vote_weight.normalize()) == "0.5"


def test_a_worker_seats_a_resident_by_id_as_an_observer(client, auth, make_council, worker,
                                                        make_user):
    council, resident = make_council(members=0), make_user()
    response = client.post(f"/api/v1/councils/{council.id}/members", headers=auth(worker),
                           json={"user_id": resident.id, "role": "observer", "vote_weight": 1})
    assert response.status_code == 201
    assert response.get_json()["votes"] is False


def test_seating_someone_already_seated_is_409(client, auth, make_council, worker):
    council = make_council()
    response = client.post(f"/api/v1/councils/{council.id}/members", headers=auth(worker),
                           json={"user_id": council.test_members[1].id})
    assert api_error(response, 409)["code"] == "already_member"


def test_only_people_of_the_community_can_be_seated(client, auth, make_council, worker,
                                                    make_community, make_user):
    council = make_council(members=0)
    stranger = make_user(community=make_community())
    for body in ({"user_id": stranger.id}, {"username": "nobody-at-all"}, {"user_id": 10**12}):
        response = client.post(f"/api/v1/councils/{council.id}/members", headers=auth(worker),
                               json=body)
        assert api_error(response, 400)["code"] == "not_in_community"
    assert db.session.scalar(sa.select(sa.func.count(CouncilMembership.id))) == 0


@pytest.mark.parametrize("body, field", [
    ({}, "user_id"),
    ({"user_id": 1, "username": "someone"}, "user_id"),
    ({"user_id": "1"}, "user_id"),
    ({"user_id": True}, "user_id"),
    ({"user_id": 10**30}, "user_id"),
    ({"user_id": 1, "role": "king"}, "role"),
    ({"user_id": 1, "vote_weight": 1001}, "vote_weight"),
    ({"user_id": 1, "vote_weight": -1}, "vote_weight"),
    ({"user_id": 1, "vote_weight": "a lot"}, "vote_weight"),
    ({"user_id": 1, "vote_weight": "NaN"}, "vote_weight"),
])
def test_a_bad_member_body_names_the_field(client, auth, make_council, worker, body, field):
    council = make_council(members=0)
    response = client.post(f"/api/v1/councils/{council.id}/members", headers=auth(worker),
                           json=body)
    assert field in api_error(response, 422)["fields"]


def test_a_weight_finer_than_a_thousandth_is_refused(client, auth, make_council, worker,
                                                     make_user):
    council, resident = make_council(members=0), make_user()
    response = client.post(f"/api/v1/councils/{council.id}/members", headers=auth(worker),
                           json={"user_id": resident.id, "vote_weight": "0.0001"})
    assert api_error(response, 400)["field"] == "vote_weight"


def test_residents_cannot_seat_members(client, auth, make_council, make_user):
    council = make_council()
    response = client.post(f"/api/v1/councils/{council.id}/members",
                           headers=auth(council.test_members[0]),
                           json={"user_id": make_user().id})
    assert response.status_code == 403


def test_seating_needs_a_token(client, make_council):
    council = make_council()
    assert client.post(f"/api/v1/councils/{council.id}/members",
                       json={"user_id": 1}).status_code == 401


def _membership(council, user):
    return db.session.scalar(sa.select(CouncilMembership).where(
        CouncilMembership.council_id == council.id, CouncilMembership.user_id == user.id))


def test_a_worker_changes_a_members_role_and_weight(client, auth, make_council, worker):
    council = make_council()
    membership = _membership(council, council.test_members[1])
    response = client.patch(f"/api/v1/councils/{council.id}/members/{membership.id}",
                            headers=auth(worker), json={"vote_weight": 2.5})
    assert response.status_code == 200
    assert response.get_json()["vote_weight"] == "2.5"
    assert response.get_json()["role"] == "member"
    response = client.patch(f"/api/v1/councils/{council.id}/members/{membership.id}",
                            headers=auth(worker), json={"role": "secretary"})
    assert response.get_json()["role"] == "secretary"
    assert response.get_json()["vote_weight"] == "2.5"


def test_a_membership_of_another_council_is_404_here(client, auth, make_council, worker):
    council, other = make_council(), make_council()
    membership = _membership(other, other.test_members[0])
    for method in ("patch", "delete"):
        response = getattr(client, method)(
            f"/api/v1/councils/{council.id}/members/{membership.id}", headers=auth(worker),
            json={"role": "member"} if method == "patch" else None)
        assert response.status_code == 404


def test_unseating_keeps_the_record(client, auth, make_council, worker):
    council = make_council()
    seated = council.test_members[2]
    membership = _membership(council, seated)
    response = client.delete(f"/api/v1/councils/{council.id}/members/{membership.id}",
                             headers=auth(worker))
    assert response.status_code == 200
    assert response.get_json()["active"] is False
    staff_view = client.get(f"/api/v1/councils/{council.id}", headers=auth(worker)).get_json()
    assert {"user_id": seated.id, "active": False}.items() <= next(
        m for m in staff_view["members"] if m["user_id"] == seated.id).items()
    resident_view = client.get(f"/api/v1/councils/{council.id}",
                               headers=auth(council.test_members[0])).get_json()
    assert seated.id not in [m["user_id"] for m in resident_view["members"]]


def test_unseating_twice_is_409(client, auth, make_council, worker):
    council = make_council()
    membership = _membership(council, council.test_members[1])
    url = f"/api/v1/councils/{council.id}/members/{membership.id}"
    assert client.delete(url, headers=auth(worker)).status_code == 200
    assert api_error(client.delete(url, headers=auth(worker)), 409)["code"] == "not_member"


def test_an_unseated_member_can_be_seated_again(client, auth, make_council, worker):
    council = make_council()
    person = council.test_members[1]
    membership = _membership(council, person)
    client.delete(f"/api/v1/councils/{council.id}/members/{membership.id}", headers=auth(worker))
    response = client.post(f"/api/v1/councils/{council.id}/members", headers=auth(worker),
                           json={"user_id": person.id, "role": "observer"})
    assert response.status_code == 201
    assert response.get_json()["id"] == membership.id and response.get_json()["active"] is True


def test_members_cannot_unseat_each_other(client, auth, make_council):
    council = make_council()
    membership = _membership(council, council.test_members[1])
    response = client.delete(f"/api/v1/councils/{council.id}/members/{membership.id}",
                             headers=auth(council.test_members[0]))
    assert response.status_code == 403
    assert membership.active is True


def test_the_openapi_document_describes_the_council_endpoints(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    members = spec["paths"]["/api/v1/councils/{council_id}/members"]["post"]
    assert members["security"] == [{"bearerAuth": []}]
    assert {"201", "401", "403", "404", "409", "422"} <= set(members["responses"])
    listing = spec["paths"]["/api/v1/communities/{slug}/councils"]["get"]
    assert {} in listing["security"]
