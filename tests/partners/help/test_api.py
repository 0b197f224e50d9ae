"""The JSON API for organizations helping with action items."""

from datetime import timedelta

import pytest

from govhub.actions import services as actions
from govhub.extensions import db
from tests.helpers.api import bearer


@pytest.fixture
def item(community, worker):
    made = actions.create_item(worker, community, title="东门垃圾投放点迁移", owner=worker,
                               is_public=False,
                               due_on=actions.today_in(community) + timedelta(days=14))
    db.session.commit()
    return made


def _call(client, token, method, path, json=None):
    return client.open(f"/api/v1{path}", method=method, json=json,
                       headers=bearer(token))


def test_ask_accept_comment_and_end(client, make_token, item, worker, owner, organization,
                                    make_offering):
    offering = make_offering()
    staff, partner = make_token(worker), make_token(owner)
    asked = _call(client, staff, "POST", f"/actions/{item.id}/help", {
        "organization_id": organization.id, "offering_id": offering.id, "message": "请协助"})
    assert asked.status_code == 201, asked.get_json()
    ask = asked.get_json()
    assert ask["status"] == "asked" and ask["organization"]["name"] == organization.name
    # The partner reads the private item while deciding, and accepts.
    assert _call(client, partner, "GET", f"/actions/{item.id}").status_code == 200
    accepted = _call(client, partner, "POST", f"/help-requests/{ask['id']}/status",
                     {"status": "accepted"})
    assert accepted.get_json()["status"] == "accepted"
    note = _call(client, partner, "POST", f"/actions/{item.id}/check-ins", {"note": "已安排"})
    assert note.status_code == 201
    progress = _call(client, partner, "POST", f"/actions/{item.id}/check-ins", {"progress": 40})
    assert progress.status_code == 403
    assert [a["status"] for a in _call(client, partner, "GET",
                                       f"/actions/{item.id}/help").get_json()] == ["accepted"]
    ended = _call(client, staff, "POST", f"/actions/{item.id}/help/end", {"reason": "结束"})
    assert ended.status_code == 204
    assert _call(client, partner, "GET", f"/actions/{item.id}").status_code == 404


def test_declining_needs_a_reason(client, make_token, item, worker, owner, organization):
    ask = _call(client, make_token(worker), "POST", f"/actions/{item.id}/help",
                {"organization_id": organization.id}).get_json()
    token = make_token(owner)
    refused = _call(client, token, "POST", f"/help-requests/{ask['id']}/status",
                    {"status": "declined"})
    assert refused.status_code == 400 and refused.get_json()["error"]["code"] == "required"
    declined = _call(client, token, "POST", f"/help-requests/{ask['id']}/status",
                     {"status": "declined", "reason": "人手不足"})
    assert declined.get_json()["reason"] == "人手不足"


@pytest.mark.parametrize(("body", "status", "code"), [
    ({"organization_id": 999999}, 404, "unknown_organization"),
    ({"organization_id": "x"}, 422, None),
    ({}, 422, None),
    ({"organization_id": 2**40}, 404, "unknown_organization"),
])
def test_bad_asks_change_nothing(client, make_token, item, worker, body, status, code):
    answer = _call(client, make_token(worker), "POST", f"/actions/{item.id}/help", body)
    assert answer.status_code == status
    if code:
        assert answer.get_json()["error"]["code"] == code
    assert _call(client, make_token(worker), "GET", f"/actions/{item.id}/help").get_json() == []


def test_a_resident_cannot_ask(client, make_token, make_user, community, organization, worker):
    public = actions.create_item(worker, community, title="公开事项", owner=worker,
                                 is_public=True,
                                 due_on=actions.today_in(community) + timedelta(days=3))
    db.session.commit()
    answer = _call(client, make_token(make_user()), "POST", f"/actions/{public.id}/help",
                   {"organization_id": organization.id})
    assert answer.status_code == 403


def test_an_unknown_status_is_refused(client, make_token, item, worker, owner, organization):
    ask = _call(client, make_token(worker), "POST", f"/actions/{item.id}/help",
                {"organization_id": organization.id}).get_json()
    answer = _call(client, make_token(owner), "POST", f"/help-requests/{ask['id']}/status",
                   {"status": "ended"})
    assert answer.status_code == 400


def test_the_item_names_its_partner_and_offering(client, make_token, item, worker, owner,
                                                 organization, make_offering):
    offering = make_offering()
    staff = make_token(worker)
    before = _call(client, staff, "GET", f"/actions/{item.id}").get_json()
    assert before["organization"] is None and before["offering"] is None
    ask = _call(client, staff, "POST", f"/actions/{item.id}/help", {
        "organization_id": organization.id, "offering_id": offering.id}).get_json()
    _call(client, make_token(owner), "POST", f"/help-requests/{ask['id']}/status",
          {"status": "accepted"})
    partner = {"organization": {"id": organization.id, "name": organization.name},
               "offering": {"id": offering.id, "name": offering.title}}
    shown = _call(client, staff, "GET", f"/actions/{item.id}").get_json()
    assert {key: shown[key] for key in partner} == partner
    listed = _call(client, staff, "GET", f"/actions?community_id={item.community_id}")
    [row] = [row for row in listed.get_json()["items"] if row["id"] == item.id]
    assert {key: row[key] for key in partner} == partner


def test_a_partner_asked_without_an_offering_has_none(client, make_token, item, worker, owner,
                                                      organization):
    ask = _call(client, make_token(worker), "POST", f"/actions/{item.id}/help",
                {"organization_id": organization.id}).get_json()
    _call(client, make_token(owner), "POST", f"/help-requests/{ask['id']}/status",
          {"status": "accepted"})
    shown = _call(client, make_token(worker), "GET", f"/actions/{item.id}").get_json()
    assert shown["organization"]["id"] == organization.id and shown["offering"] is None
