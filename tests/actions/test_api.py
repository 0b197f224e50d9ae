"""The action items API: the same services and permissions as the pages, JSON in and out,
errors in the one shape."""

import io
from datetime import timedelta

import pytest

from govhub.actions import services
from govhub.actions.rules import ActionStatus
from govhub.extensions import db
from tests.actions.conftest import ELF, png_bytes
from tests.helpers.api import bearer


def _due(community, days: int = 10) -> str:
    return (services.today_in(community) + timedelta(days=days)).isoformat()


@pytest.fixture
def worker_token(make_token, worker):
    return make_token(worker)


# --- reading ------------------------------------------------------------------------------------

def test_anyone_lists_public_items_and_staff_all_of_theirs(client, make_item, worker_token,
                                                           community):
    public = make_item(title="公开", is_public=True)
    private = make_item(title="内部", is_public=False)
    answer = client.get(f"/api/v1/actions?community_id={community.id}").get_json()
    assert [item["id"] for item in answer["items"]] == [public.id]
    assert answer["total"] == 1 and answer["page"] == 1
    answer = client.get(f"/api/v1/actions?community_id={community.id}",
                        headers=bearer(worker_token)).get_json()
    assert {item["id"] for item in answer["items"]} == {public.id, private.id}


def test_the_list_filters_and_pages(client, make_item, move, worker_token, community):
    blocked = move(make_item(title="受阻", days=3), "blocked")
    make_item(title="计划", days=5)
    query = f"/api/v1/actions?community_id={community.id}&status=blocked"
    answer = client.get(query, headers=bearer(worker_token)).get_json()
    assert [item["id"] for item in answer["items"]] == [blocked.id]
    answer = client.get(f"/api/v1/actions?community_id={community.id}&per_page=1&page=2",
                        headers=bearer(worker_token)).get_json()
    assert (answer["total"], len(answer["items"]), answer["items"][0]["title"]) == (2, 1, "计划")


@pytest.mark.parametrize("query", ["status=nope", "per_page=1000", "page=0", "sort=x",
                                   "council_id=abc", "owner_id=0"])
def test_bad_list_queries_are_422(client, query):
    response = client.get(f"/api/v1/actions?{query}")
    assert response.status_code == 422
    assert response.get_json()["error"]["code"] == "validation_error"


def test_an_item_with_its_timeline_shows_roles_to_the_public_and_names_to_staff(
        client, make_item, worker, worker_token):
    item = make_item(is_public=True, estimated_hours=8)
    services.check_in(worker, item, note="已开工", status="in_progress", reason="材料到位")
    db.session.commit()
    public = client.get(f"/api/v1/actions/{item.id}").get_json()
    assert public["owner"] == {"role": "worker", "id": None, "name": None}
    assert public["estimated_hours"] is None
    assert public["updates"][0]["status_to"] == "in_progress"
    assert public["updates"][0]["author"]["name"] is None
    assert public["deadline"] == {"state": "upcoming", "days": 14, "on": None}
    staff = client.get(f"/api/v1/actions/{item.id}", headers=bearer(worker_token)).get_json()
    assert staff["owner"]["name"] == worker.display_name
    assert staff["estimated_hours"] == "8.00"


def test_a_private_item_is_404_to_those_who_may_not_read_it(client, make_item, make_user,
                                                            make_token):
    item = make_item(is_public=False)
    assert client.get(f"/api/v1/actions/{item.id}").status_code == 404
    response = client.get(f"/api/v1/actions/{item.id}",
                          headers=bearer(make_token(make_user("resident"))))
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"


# --- creating and editing -------------------------------------------------------------------------

def test_a_worker_creates_an_item_from_a_resolution(client, make_resolution, worker,
                                                    worker_token, colleague, community):
    resolution = make_resolution()
    response = client.post("/api/v1/actions", headers=bearer(worker_token), json={
        "resolution_id": resolution.id, "title": "联系电梯公司", "owner_id": worker.id,
        "helper_ids": [colleague.id], "due_on": _due(community), "category": "facilities",
        "estimated_hours": "12.5"})
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert (body["resolution_id"], body["council_id"], body["is_public"]) == (
        resolution.id, resolution.poll.meeting.council_id, True)
    assert body["estimated_hours"] == "12.50" and len(body["helpers"]) == 1


@pytest.mark.parametrize("changes, status, code", [
    ({"due_on": "past"}, 400, "due_date_past"),
    ({"owner_id": 999999}, 400, "invalid_owner"),
    ({"resolution_id": None, "community_id": None}, 422, "community_required"),
    ({"resolution_id": 999999}, 404, "not_found"),
    ({"category": "spaceflight"}, 422, "validation_error"),
    ({"estimated_hours": "-2"}, 422, "validation_error"),
    ({"title": ""}, 422, "validation_error"),
])
def test_bad_items_are_refused_with_a_clear_error(client, make_resolution, worker, worker_token,
                                                  community, changes, status, code):
    body = {"resolution_id": make_resolution().id, "title": "联系电梯公司",
            "owner_id": worker.id, "due_on": _due(community), **changes}
    if body["due_on"] == "past":
        body["due_on"] = _due(community, -1)
    response = client.post("/api/v1/actions", headers=bearer(worker_token), json=body)
    assert response.status_code == status
    assert response.get_json()["error"]["code"] == code


def test_a_resident_cannot_create_items(client, make_token, make_user, worker, community):
    response = client.post("/api/v1/actions", headers=bearer(make_token(make_user("resident"))),
                           json={"community_id": community.id, "title": "x",
                                 "owner_id": worker.id, "due_on": _due(community)})
    assert response.status_code == 403


def test_patch_owner_and_helpers(client, make_item, worker_token, colleague, make_user):
    item, resident = make_item(), make_user("resident")
    base = f"/api/v1/actions/{item.id}"
    assert client.patch(base, headers=bearer(worker_token),
                        json={"title": "新标题", "is_public": True}).get_json()["title"] == "新标题"
    assert client.post(base + "/helpers", headers=bearer(worker_token),
                       json={"user_id": resident.id}).status_code == 200
    assert client.delete(base + f"/helpers/{resident.id}",
                         headers=bearer(worker_token)).status_code == 200
    answer = client.post(base + "/owner", headers=bearer(worker_token),
                         json={"owner_id": colleague.id}).get_json()
    assert answer["owner"]["id"] == colleague.id and item.is_public


# --- check-ins and status ----------------------------------------------------------------

def test_a_json_check_in_is_appended(client, make_item, worker_token):
    item = make_item()
    response = client.post(f"/api/v1/actions/{item.id}/check-ins", headers=bearer(worker_token),
                           json={"note": "踏勘完成", "progress": 20})
    assert response.status_code == 201
    assert response.get_json()["progress"] == 20 and item.progress == 20


@pytest.mark.parametrize("body, status, code", [
    ({"status": "in_progress"}, 400, "reason_required"),
    ({"status": "done", "reason": "x"}, 409, "transition_not_allowed"),
    ({"progress": 101}, 400, "invalid_progress"),
    ({"progress": "50"}, 422, "validation_error"),
    ({"note": ""}, 400, "empty_check_in"),
    ({"note": "x", "corrects_id": 999999}, 400, "invalid_correction"),
])
def test_bad_check_ins_change_nothing(client, make_item, worker_token, body, status, code):
    item = make_item()
    response = client.post(f"/api/v1/actions/{item.id}/check-ins", headers=bearer(worker_token),
                           json=body)
    assert response.status_code == status
    assert response.get_json()["error"]["code"] == code
    db.session.refresh(item)
    assert item.updates == [] and item.status == ActionStatus.PLANNED


def test_status_changes_and_verification_by_someone_else(client, make_item, worker_token,
                                                          make_token, colleague):
    item = make_item()
    base = f"/api/v1/actions/{item.id}/status"
    for status in ("in_progress", "done"):
        assert client.post(base, headers=bearer(worker_token),
                           json={"status": status, "reason": "进展"}).status_code == 200
    mine = client.post(base, headers=bearer(worker_token),
                       json={"status": "verified", "reason": "我自己看过"})
    assert mine.status_code == 403
    theirs = client.post(base, headers=bearer(make_token(colleague)),
                         json={"status": "verified", "reason": "现场查看"})
    assert theirs.status_code == 200 and theirs.get_json()["status"] == "verified"
    assert [u["status_to"] for u in theirs.get_json()["updates"]] == [
        "in_progress", "done", "verified"]


def test_a_check_in_with_a_photo_over_multipart(client, make_item, worker_token, uploads_folder):
    item = make_item()
    before = uploads_folder()
    response = client.post(f"/api/v1/actions/{item.id}/check-ins/files",
                           headers=bearer(worker_token), content_type="multipart/form-data",
                           data={"note": "现场照片", "progress": "40",
                                 "files": [(io.BytesIO(png_bytes()), "现场.png")]})
    assert response.status_code == 201, response.get_json()
    [evidence] = response.get_json()["evidence"]
    assert evidence["content_type"] == "image/png" and evidence["filename"] == "现场.png"
    assert len(uploads_folder() - before) == 1
    assert client.get(evidence["url"]).status_code in (200, 302)


def test_a_renamed_executable_over_multipart_is_415_and_stores_nothing(
        client, make_item, worker_token, uploads_folder):
    item = make_item()
    before = uploads_folder()
    response = client.post(f"/api/v1/actions/{item.id}/check-ins/files",
                           headers=bearer(worker_token), content_type="multipart/form-data",
                           data={"note": "照片", "files": [(io.BytesIO(ELF), "photo.png")]})
    assert response.status_code == 415
    assert response.get_json()["error"]["code"] == "file_type_not_allowed"
    assert uploads_folder() == before
    db.session.refresh(item)
    assert item.updates == []


def test_the_api_needs_a_token_to_change_anything(client, make_item):
    item = make_item(is_public=True)
    response = client.post(f"/api/v1/actions/{item.id}/check-ins", json={"note": "x"})
    assert response.status_code == 401


def test_the_files_endpoint_takes_more_than_an_ordinary_request(app, client, make_item,
                                                                worker_token, monkeypatch):
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 5_000)
    item = make_item()
    photo = png_bytes() + bytes(8_000)
    response = client.post(f"/api/v1/actions/{item.id}/check-ins/files",
                           headers=bearer(worker_token), content_type="multipart/form-data",
                           data={"files": [(io.BytesIO(photo), "a.png")]})
    assert response.status_code == 201
    response = client.post(f"/api/v1/actions/{item.id}/check-ins", headers=bearer(worker_token),
                           json={"note": "x" * 8_000})
    assert response.status_code == 413
    assert response.get_json()["error"]["code"] == "payload_too_large"


# --- the order of refusals: 401 → 404 → 403 → 409 (docs/api.md) ------------------------------

@pytest.mark.parametrize("status", ["done", "verified", "planned", "in_progress"])
def test_a_reader_who_may_not_change_the_item_gets_403_before_409(client, make_item, make_user,
                                                                  make_token, status):
    item = make_item(is_public=True)  # a resident reads it, may not move it on
    response = client.post(f"/api/v1/actions/{item.id}/status",
                           headers=bearer(make_token(make_user())),
                           json={"status": status, "reason": "x"})
    assert response.status_code == 403
    assert response.get_json()["error"]["code"] == "forbidden"


def test_the_status_endpoint_refuses_in_the_documented_order(client, make_item, make_user,
                                                             make_token, worker_token):
    hidden = make_item(is_public=False)
    body = {"status": "done", "reason": "x"}  # planned → done is not a step: 409 last
    path = f"/api/v1/actions/{hidden.id}/status"
    assert client.post(path, json=body).status_code == 401
    resident = bearer(make_token(make_user()))
    assert client.post(path, headers=resident, json=body).status_code == 404
    assert client.post("/api/v1/actions/999999/status", headers=resident,
                       json=body).status_code == 404
    public = make_item(is_public=True)
    path = f"/api/v1/actions/{public.id}/status"
    assert client.post(path, headers=resident, json=body).status_code == 403
    assert client.post(path, headers=bearer(worker_token), json=body).status_code == 409
