"""Action item pages: the item and its timeline, creating and editing, owner and helpers,
check-ins with files through the form, verification, and the evidence files' headers."""

import io
from datetime import timedelta

import pytest
import sqlalchemy as sa

from govhub.actions import services
from govhub.actions.models import ActionItem, ActionUpdate
from govhub.actions.rules import ActionStatus
from govhub.core.uploads import Upload
from govhub.extensions import db
from tests.actions.conftest import ELF, PDF, png_bytes


def _text(response) -> str:
    return response.get_data(as_text=True)


def _due(item_or_community, days: int = 10) -> str:
    community = getattr(item_or_community, "community", item_or_community)
    return (services.today_in(community) + timedelta(days=days)).isoformat()


# --- the item's page ----------------------------------------------------------------------

def test_a_public_item_shows_status_progress_deadline_and_timeline_to_anyone(
        client, make_item, worker, make_user):
    item = make_item(is_public=True, days=-0)
    services.check_in(worker, item, status="in_progress", reason="施工队已进场", progress=40,
                      note="投放点地面已硬化", files=[Upload("现场.png", png_bytes())])
    db.session.commit()
    page = _text(client.get(f"/actions/{item.id}"))
    assert item.title in page and "施工队已进场" in page and "投放点地面已硬化" in page
    assert '<progress id="item-progress" max="100" value="40">' in page
    assert "Due today" in page
    evidence = item.updates[0].evidence[0]
    assert f'src="/evidence/{evidence.id}"' in page and 'alt="Photo: 现场.png"' in page


def test_the_public_sees_the_owners_role_and_never_names_or_contact_data(
        client, make_item, make_user, login):
    owner = make_user("worker", display_name="王某某", phone="13800001111",
                      email="owner@example.org")
    helper = make_user("resident", display_name="李某某", phone="13900002222")
    item = make_item(is_public=True, owner=owner, helpers=[helper])
    page = _text(client.get(f"/actions/{item.id}"))
    assert "Community worker" in page and "1 person helps" in page
    for private in ("王某某", "李某某", "13800001111", "13900002222", "owner@example.org"):
        assert private not in page
    login(make_user("resident"))
    page = _text(client.get(f"/actions/{item.id}"))
    assert "王某某" in page and "李某某" in page          # the community's own people see names
    assert "13800001111" not in page and "13900002222" not in page


def test_a_private_item_asks_the_anonymous_to_sign_in_and_refuses_residents(
        client, make_item, make_user, login):
    item = make_item(is_public=False)
    response = client.get(f"/actions/{item.id}")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    login(make_user("resident"))
    assert client.get(f"/actions/{item.id}").status_code == 403


def test_an_unknown_item_is_404(client):
    assert client.get("/actions/999999").status_code == 404
    assert client.get("/actions/99999999999999999999").status_code == 404


# --- creating -------------------------------------------------------------------------------

def test_a_worker_creates_an_item_from_a_resolution_on_the_meeting_page(
        client, login, worker, colleague, make_resolution, post_form):
    resolution = make_resolution()
    meeting = resolution.poll.meeting
    login(worker)
    page = _text(client.get(f"/meetings/{meeting.id}"))
    assert f'href="/resolutions/{resolution.id}/actions/new"' in page
    path = f"/resolutions/{resolution.id}/actions/new"
    response = post_form(path, {"title": "联系电梯公司出具方案", "owner_id": worker.id,
                                "helper_ids": [colleague.id], "due_on": _due(meeting.council),
                                "category": "facilities", "estimated_hours": "12.5",
                                "is_public": "y", "description": ""})
    assert response.status_code == 302, _text(response)[:2000]
    item = db.session.scalar(sa.select(ActionItem))
    assert (item.resolution_id, item.helpers, item.is_public) == (resolution.id, [colleague],
                                                                  True)
    page = _text(client.get(f"/meetings/{meeting.id}"))
    assert "联系电梯公司出具方案" in page and 'id="followup"' in page


def test_a_past_due_date_is_refused_on_the_form_and_nothing_is_created(
        client, login, worker, make_resolution, post_form):
    resolution = make_resolution()
    login(worker)
    response = post_form(f"/resolutions/{resolution.id}/actions/new", {
        "title": "补划停车位", "owner_id": worker.id, "category": "traffic",
        "due_on": _due(worker.community, days=-1)})
    assert response.status_code == 200
    assert "The due date cannot be in the past." in _text(response)
    assert db.session.scalar(sa.select(sa.func.count(ActionItem.id))) == 0


def test_a_resident_cannot_open_the_new_item_form(client, login, make_user, make_resolution,
                                                 community):
    resolution = make_resolution()
    login(make_user("resident"))
    assert client.get(f"/resolutions/{resolution.id}/actions/new").status_code == 403
    assert client.get(f"/c/{community.slug}/actions/new").status_code == 403


def test_a_worker_creates_standalone_work(client, login, worker, community, post_form):
    login(worker)
    response = post_form(f"/c/{community.slug}/actions/new", {
        "title": "3号楼楼道灯更换", "owner_id": worker.id, "category": "safety",
        "due_on": _due(community)})
    assert response.status_code == 302
    item = db.session.scalar(sa.select(ActionItem))
    assert item.council_id is None and not item.is_public


# --- editing, owner, helpers ------------------------------------------------------------------

def test_edit_reassign_and_helpers_through_the_forms(client, login, worker, colleague,
                                                     make_item, make_user, post_form):
    item, resident = make_item(), make_user("resident")
    login(worker)
    edit = f"/actions/{item.id}/edit"
    assert post_form(edit, {"title": "新标题", "due_on": _due(item, 20), "category": "other",
                            "description": "说明"}).status_code == 302
    assert post_form(f"/actions/{item.id}/helpers", {"username": resident.username},
                     page=edit).status_code == 302
    assert post_form(f"/actions/{item.id}/owner", {"owner_id": colleague.id},
                     page=edit).status_code == 302
    db.session.refresh(item)
    assert (item.title, item.owner_id, item.helpers) == ("新标题", colleague.id, [resident])
    assert post_form(f"/actions/{item.id}/helpers/{resident.id}/remove",
                     page=edit).status_code == 302
    db.session.refresh(item)
    assert item.helpers == []


def test_an_unknown_helper_is_refused_on_the_form(client, login, worker, make_item, post_form):
    item = make_item()
    login(worker)
    response = post_form(f"/actions/{item.id}/helpers", {"username": "nobody-here"},
                         page=f"/actions/{item.id}/edit")
    assert response.status_code == 400
    assert "Helpers are active accounts of this community." in _text(response)


# --- check-ins through the form --------------------------------------------------------------

def _check_in(client, csrf, item, data, files=()):
    token = csrf(f"/actions/{item.id}")
    body = {"csrf_token": token, **data,
            "files": [(io.BytesIO(content), name) for name, content in files]}
    return client.post(f"/actions/{item.id}/check-ins", data=body,
                       content_type="multipart/form-data")


def test_a_check_in_with_a_photo_goes_on_the_timeline(client, csrf, login, worker, make_item,
                                                      uploads_folder):
    item = make_item(is_public=True)
    login(worker)
    before = uploads_folder()
    response = _check_in(client, csrf, item, {"note": "新投放点启用", "status": "in_progress",
                                              "reason": "已开工", "progress": "30"},
                         files=[("新投放点.png", png_bytes())])
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/actions/{item.id}#timeline")
    db.session.refresh(item)
    assert (item.status, item.progress) == (ActionStatus.IN_PROGRESS, 30)
    [update] = item.updates
    assert len(update.evidence) == 1 and len(uploads_folder() - before) == 1


def test_a_renamed_executable_is_refused_with_a_message_and_nothing_is_kept(
        client, csrf, login, worker, make_item, uploads_folder):
    item = make_item()
    login(worker)
    before = uploads_folder()
    response = _check_in(client, csrf, item, {"note": "照片"}, files=[("photo.png", ELF)])
    assert response.status_code == 415
    assert "is not a photo or PDF GovHub accepts" in _text(response)
    assert uploads_folder() == before
    assert db.session.scalar(sa.select(sa.func.count(ActionUpdate.id))) == 0


def test_an_oversized_file_is_refused_on_the_form(app, client, csrf, login, worker, make_item,
                                                  uploads_folder, monkeypatch):
    monkeypatch.setitem(app.config, "GOVHUB", {**app.config["GOVHUB"], "upload_max_bytes": 500})
    item = make_item()
    login(worker)
    before = uploads_folder()
    response = _check_in(client, csrf, item, {"note": "照片"},
                         files=[("big.png", png_bytes() + bytes(1_000))])
    assert response.status_code == 413 and "is too large: at most 1 KB" in _text(response)
    assert uploads_folder() == before


def test_a_body_beyond_the_upload_limit_gets_a_413_page(app, client, csrf, login, worker,
                                                        make_item, uploads_folder, monkeypatch):
    monkeypatch.setitem(app.config, "GOVHUB", {**app.config["GOVHUB"], "upload_max_bytes": 1_000})
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 2_000)
    item = make_item()
    login(worker)
    before = uploads_folder()
    response = _check_in(client, csrf, item, {"note": "照片"},
                         files=[("huge.png", png_bytes() + bytes(50_000))])
    assert response.status_code == 413
    assert "What you sent is too large." in _text(response)
    assert uploads_folder() == before


def test_the_upload_page_takes_more_than_an_ordinary_form(app, client, csrf, login, worker,
                                                          make_item, monkeypatch):
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 5_000)
    item = make_item()
    login(worker)
    photo = png_bytes() + bytes(8_000)  # over the ordinary limit, within a file's
    assert _check_in(client, csrf, item, {"note": "照片"},
                     files=[("a.png", photo)]).status_code == 302
    response = client.post(f"/actions/{item.id}/review",
                           data={"csrf_token": csrf(f"/actions/{item.id}"), "reason": "x" * 8_000})
    assert response.status_code == 413


@pytest.mark.parametrize("data, message", [
    ({"status": "in_progress", "reason": ""}, "Say why the status changes."),
    ({"status": "done", "reason": "完成"}, "cannot become"),
    ({"progress": "150"}, "Number must be between 0 and 100."),
    ({"note": "  "}, "Write a note, change the status, report progress or add a file."),
])
def test_bad_check_ins_are_refused_with_a_message(client, csrf, login, worker, make_item, data,
                                                  message):
    item = make_item()
    login(worker)
    response = _check_in(client, csrf, item, data)
    assert response.status_code in (400, 409)
    assert message in _text(response)
    assert db.session.scalar(sa.select(sa.func.count(ActionUpdate.id))) == 0


def test_a_resident_cannot_post_a_check_in(client, csrf, login, make_user, make_item):
    item = make_item(is_public=True)
    login(make_user("resident"))
    assert _check_in(client, csrf, item, {"note": "我来说两句"}).status_code == 403


def test_a_correction_link_prefills_the_form(client, login, worker, make_item):
    item = make_item()
    wrong = services.check_in(worker, item, note="进度 80%", progress=80)
    db.session.commit()
    login(worker)
    page = _text(client.get(f"/actions/{item.id}?corrects={wrong.id}"))
    assert f'name="corrects_id" type="hidden" value="{wrong.id}"' in page


# --- verification ------------------------------------------------------------------------------

def test_a_colleague_verifies_and_the_owner_is_not_offered_to(client, csrf, login, relogin,
                                                              worker, colleague, make_item, move):
    item = move(make_item(), "in_progress", "done")
    login(worker)
    page = _text(client.get(f"/actions/{item.id}"))
    assert 'value="reopen"' in page and 'value="verify"' not in page
    relogin(colleague)
    response = client.post(f"/actions/{item.id}/review", data={
        "csrf_token": csrf(f"/actions/{item.id}"), "reason": "现场查看无误",
        "decision": "verify"})
    assert response.status_code == 302
    db.session.refresh(item)
    assert item.status == ActionStatus.VERIFIED


def test_the_owner_posting_verify_anyway_is_refused(client, csrf, login, worker, colleague,
                                                    make_item, move):
    item = move(make_item(), "in_progress", "done")
    login(worker)
    response = client.post(f"/actions/{item.id}/review", data={
        "csrf_token": csrf(f"/actions/{item.id}"), "reason": "我看过了", "decision": "verify"})
    assert response.status_code == 403
    db.session.refresh(item)
    assert item.status == ActionStatus.DONE


# --- evidence files ----------------------------------------------------------------------------

def _evidence(worker, item, name, data):
    update = services.check_in(worker, item, files=[Upload(name, data)])
    db.session.commit()
    return update.evidence[0]


def test_a_photo_is_served_inline_with_its_checked_type_and_safe_headers(client, worker,
                                                                         make_item):
    data = png_bytes()
    evidence = _evidence(worker, make_item(is_public=True), "东门 照片.png", data)
    response = client.get(f"/evidence/{evidence.id}")
    assert response.status_code == 200 and response.data == data
    assert response.headers["Content-Type"] == "image/png"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Disposition"].startswith("inline;")
    assert "filename*=UTF-8''%E4%B8%9C%E9%97%A8%20%E7%85%A7%E7%89%87.png" in response.headers[
        "Content-Disposition"]
    assert "sandbox" in response.headers["Content-Security-Policy"]
    assert response.headers["Cache-Control"] == "private, no-cache"


def test_a_pdf_is_served_as_an_attachment(client, worker, make_item):
    evidence = _evidence(worker, make_item(is_public=True), "验收单.pdf", PDF)
    response = client.get(f"/evidence/{evidence.id}")
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["Content-Disposition"].startswith("attachment;")


def test_a_private_items_evidence_is_read_like_the_item(client, login, relogin, worker,
                                                        make_item, make_user):
    evidence = _evidence(worker, make_item(is_public=False), "a.png", png_bytes())
    response = client.get(f"/evidence/{evidence.id}")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    login(make_user("resident"))
    assert client.get(f"/evidence/{evidence.id}").status_code == 404
    relogin(worker)
    assert client.get(f"/evidence/{evidence.id}").status_code == 200


def test_an_unchanged_file_answers_304(client, worker, make_item):
    evidence = _evidence(worker, make_item(is_public=True), "a.png", png_bytes())
    first = client.get(f"/evidence/{evidence.id}")
    again = client.get(f"/evidence/{evidence.id}",
                       headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304


def test_the_chairs_verification_is_shown_as_the_chairs(client, make_resolution, make_item,
                                                        move):
    resolution = make_resolution()
    chair = resolution.poll.meeting.council.test_members[0]
    item = move(make_item(resolution=resolution, is_public=True), "in_progress", "done")
    services.verify(chair, item, "主持人现场查看")
    db.session.commit()
    page = _text(client.get(f"/actions/{item.id}"))
    assert "Chair of Residents&#39; council" in page and chair.display_name not in page
