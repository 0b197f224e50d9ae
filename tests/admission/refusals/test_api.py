"""The refusals' API: the answer to a task, the office's and a department's lists, the
public figures; bad input answers a clear error and changes nothing."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from govhub.admission.refusals.models import Refusal
from govhub.extensions import db


def _count() -> int:
    return db.session.scalar(sa.select(sa.func.count(Refusal.id)))


def test_a_worker_gets_the_answer_and_the_record(client, auth, worker, community, statistics):
    response = client.post(f"/api/v1/communities/{community.slug}/refusals",
                           json={"department_id": statistics.id, "channel": "chat_group",
                                 "what": "填报企业统计报表"}, headers=auth(worker))
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["rule"] == "not_admitted" and "整治形式主义为基层减负若干规定" in body["reply"]
    assert body["refusal"]["department"] == "District Statistics Bureau"
    assert body["refusal"]["asked_on"] and _count() == 1


def test_an_admitted_item_records_nothing(client, auth, worker, community, statistics,
                                          catalogue):
    body = client.post(f"/api/v1/communities/{community.slug}/refusals",
                       json={"department_id": statistics.id, "channel": "phone",
                             "what": "医保", "work_item_id": catalogue["XZ-01"].id},
                       headers=auth(worker)).get_json()
    assert body["rule"] == "admitted" and body["refusal"] is None and _count() == 0


@pytest.mark.parametrize(("change", "status", "code"), [
    ({"asked_on": "tomorrow"}, 400, "asked_on_future"),
    ({"department_id": "health"}, 400, "department_unknown"),
    ({"what": " "}, 400, "what_required"),
    ({"channel": "pigeon"}, 422, None),
    ({"asks_certificate": "yes"}, 422, None),
])
def test_bad_input_answers_an_error_and_changes_nothing(client, auth, worker, community,
                                                        statistics, health, today, change,
                                                        status, code):
    body = {"department_id": statistics.id, "channel": "chat_group", "what": "报表", **change}
    if body.get("asked_on") == "tomorrow":
        body["asked_on"] = (today + timedelta(days=1)).isoformat()
    if body["department_id"] == "health":
        body["department_id"] = health.id
    response = client.post(f"/api/v1/communities/{community.slug}/refusals", json=body,
                           headers=auth(worker))
    assert response.status_code == status
    if code:
        assert response.get_json()["error"]["code"] == code
    assert _count() == 0


def test_a_resident_may_not_record(client, auth, make_user, community, statistics):
    response = client.post(f"/api/v1/communities/{community.slug}/refusals",
                           json={"department_id": statistics.id, "channel": "phone",
                                 "what": "报表"}, headers=auth(make_user("resident")))
    assert response.status_code == 403 and _count() == 0


def test_the_lists_are_the_office_s_and_the_department_s_own(client, auth, refuse, worker,
                                                             community, statistics,
                                                             civil_affairs, make_officer):
    refuse("统计报表")
    officer = make_officer(civil_affairs)
    listed = client.get(f"/api/v1/communities/{community.slug}/refusals", headers=auth(worker))
    assert [i["what"] for i in listed.get_json()["items"]] == ["统计报表"]
    assert client.get(f"/api/v1/communities/{community.slug}/refusals",
                      headers=auth(officer)).status_code == 403
    assert client.get(f"/api/v1/departments/{statistics.id}/refusals",
                      headers=auth(officer)).status_code == 403
    own = client.get(f"/api/v1/departments/{civil_affairs.id}/refusals", headers=auth(officer))
    assert own.status_code == 200 and own.get_json()["items"] == []


def test_the_figures_are_public_and_name_nobody(client, refuse, worker, community, street):
    refuse("统计报表")
    body = client.get(f"/api/v1/communities/{community.slug}/refusal-figures").get_json()
    assert body["figures"][0]["not_admitted"] == 1
    assert worker.display_name not in str(body) and "统计报表" not in str(body)
    street_body = client.get(f"/api/v1/streets/{street.id}/refusal-figures").get_json()
    assert street_body["figures"][0]["total"] == 1
    assert client.get("/api/v1/streets/999999/refusal-figures").status_code == 404


def test_the_endpoints_are_documented(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    for path in ("/api/v1/communities/{slug}/refusals", "/api/v1/departments/{department_id}"
                 "/refusals", "/api/v1/communities/{slug}/refusal-figures",
                 "/api/v1/streets/{street_id}/refusal-figures"):
        assert path in paths
