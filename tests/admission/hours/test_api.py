import pytest

from govhub.admission.hours import services
from govhub.extensions import db


def test_a_worker_logs_lists_edits_and_deletes_through_the_api(client, auth, worker, items,
                                                               today):
    headers = auth(worker)
    created = client.post("/api/v1/hours/entries", headers=headers, json={
        "target_kind": "work_item", "target_id": items["XZ-01"].id, "minutes": 30})
    assert created.status_code == 201, created.json
    body = created.json
    assert (body["minutes"], body["list_type"], body["day"], body["editable"]) == (
        30, "assisting_government", today.isoformat(), True)
    listed = client.get("/api/v1/hours/entries", headers=headers).json
    assert [e["id"] for e in listed] == [body["id"]]
    changed = client.patch(f"/api/v1/hours/entries/{body['id']}", headers=headers,
                           json={"minutes": 45})
    assert changed.status_code == 200 and changed.json["minutes"] == 45
    assert client.delete(f"/api/v1/hours/entries/{body['id']}",
                         headers=headers).status_code == 204
    assert client.get("/api/v1/hours/entries", headers=headers).json == []


@pytest.mark.parametrize(("body", "status", "code"), [
    ({"target_kind": "other", "minutes": 30}, 400, "required"),
    ({"target_kind": "other", "minutes": 30, "note": "x", "day": "2099-01-01"}, 400, "future"),
    ({"target_kind": "meeting", "target_id": 999999, "minutes": 30}, 400, "wrong_target"),
    ({"target_kind": "other", "minutes": 0, "note": "x"}, 422, None),
    ({"target_kind": "other", "minutes": 1441, "note": "x"}, 422, None),
    ({"target_kind": "other", "minutes": "30", "note": "x"}, 422, None),
    ({"target_kind": "holiday", "minutes": 30}, 422, None),
])
def test_bad_entries_are_refused(client, auth, worker, body, status, code):
    response = client.post("/api/v1/hours/entries", headers=auth(worker), json=body)
    assert response.status_code == status, response.json
    if code:
        assert response.json["error"]["code"] == code
    assert client.get("/api/v1/hours/entries", headers=auth(worker)).json == []


@pytest.fixture
def logged(worker, colleague, items):
    services.log_time(worker, "work_item", items["XZ-01"].id, 120)
    services.log_time(colleague, "work_item", items["YF-01"].id, 45)
    db.session.commit()


def test_the_workload_api_shows_admins_everyone_and_workers_themselves(
        client, auth, make_user, worker, colleague, logged):
    everyone = client.get("/api/v1/hours/workload?weeks=2", headers=auth(make_user("admin")))
    assert everyone.status_code == 200
    names = {w["name"] for w in everyone.json["workers"]}
    assert {"王芳", "李强"} <= names
    mine = client.get("/api/v1/hours/workload", headers=auth(worker)).json
    assert [w["worker_id"] for w in mine["workers"]] == [worker.id]
    assert len(mine["workers"][0]["weeks"]) == 8
    assert mine["workers"][0]["weeks"][-1]["minutes"] == {"assisting_government": 120}
    assert mine["workers"][0]["weeks"][-1]["shares"]["for_departments"] == 120
    assert client.get("/api/v1/hours/workload?weeks=53",
                      headers=auth(worker)).status_code == 422


@pytest.mark.parametrize("role", ["resident", "partner", "officer", "reviewer"])
def test_other_roles_get_no_entries_nor_workload(client, auth, make_user, logged, role):
    headers = auth(make_user(role))
    assert client.get("/api/v1/hours/workload", headers=headers).status_code == 403
    assert client.get("/api/v1/hours/entries", headers=headers).status_code == 403


def test_a_colleague_cannot_touch_an_entry(client, auth, worker, colleague, items):
    entry = services.log_time(worker, "work_item", items["XZ-01"].id, 30)
    db.session.commit()
    headers = auth(colleague)
    assert client.patch(f"/api/v1/hours/entries/{entry.id}", headers=headers,
                        json={"minutes": 60}).status_code == 404
    assert client.delete(f"/api/v1/hours/entries/{entry.id}",
                         headers=headers).status_code == 404
    assert [e["id"] for e in client.get("/api/v1/hours/entries", headers=headers).json] == []


def test_public_figures_are_sums_without_names(client, community, street, logged, today):
    for path in (f"/api/v1/communities/{community.slug}/hours",
                 f"/api/v1/streets/{street.id}/hours"):
        body = client.get(path).json
        assert len(body["months"]) == 12
        assert body["months"][-1] == {"month": today.strftime("%Y-%m"), "total_minutes": 165,
                                      "minutes": {"assisting_government": 120,
                                                  "duty_by_law": 45}}
        assert "王芳" not in str(body)
    assert client.get("/api/v1/streets/999999/hours").status_code == 404


def test_the_endpoints_are_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").json["paths"]
    for path in ("/api/v1/hours/entries", "/api/v1/hours/entries/{entry_id}",
                 "/api/v1/hours/workload", "/api/v1/communities/{slug}/hours",
                 "/api/v1/streets/{street_id}/hours"):
        assert path in paths, path
