"""The admission pages, as each role uses them (real client, real database)."""

import sqlalchemy as sa

from govhub.admission.requests.models import AdmissionRequest
from govhub.admission.requests.rules import RequestState
from govhub.extensions import db

EN = {"Accept-Language": "en"}
FORM = {"title": "独居老人基本信息采集", "law": "《中华人民共和国老年人权益保障法》",
        "article": "第三十三条", "why_not_itself": "民政局没有入户人员",
        "data_fields": "姓名\n联系电话", "hours_per_month": "6", "period_from": "2027-01-01",
        "period_to": "", "resources": "经费", "list_type": "assisting_government",
        "emergency": ""}


def test_an_officer_writes_sees_the_report_once_check_and_submits(
        client, login, post_form, officer, make_request):
    make_request("submitted", title="空巢老人摸底", data_fields="姓名\n联系电话\n住址")
    login(officer)
    assert "department" in client.get("/admission/requests",
                                                         headers=EN).get_data(as_text=True)
    response = post_form("/admission/requests/new", FORM, headers=EN)
    assert response.status_code == 302
    page = client.get(response.location, headers=EN).get_data(as_text=True)
    assert "Report once" in page and "空巢老人摸底" in page
    request_id = int(response.location.rsplit("/", 1)[1])
    post_form(f"/admission/requests/{request_id}/submit", page=f"/admission/requests/{request_id}")
    assert db.session.get(AdmissionRequest, request_id).state == RequestState.SUBMITTED


def test_a_request_without_its_legal_basis_is_refused_and_nothing_is_stored(
        client, login, post_form, officer):
    login(officer)
    response = post_form("/admission/requests/new", {**FORM, "article": ""}, headers=EN)
    assert response.status_code == 400
    assert "this is required" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(AdmissionRequest.id))) == 0


def test_an_officer_of_another_department_cannot_see_a_draft_or_edit(
        client, login, make_request, make_department, make_officer):
    request = make_request()
    login(make_officer(make_department(name="卫健委")))
    assert client.get(f"/admission/requests/{request.id}").status_code == 404
    assert client.get(f"/admission/requests/{request.id}/edit").status_code == 404


def test_a_worker_gives_the_view_of_their_community(client, login, post_form, worker,
                                                    make_request):
    request = make_request("consultation")
    login(worker)
    listing = client.get("/admission/community-requests", headers=EN).get_data(as_text=True)
    assert request.title in listing
    page = f"/admission/requests/{request.id}"
    assert "Give your view" in client.get(page, headers=EN).get_data(as_text=True)
    response = post_form(f"{page}/view", {"burden_hours": "abc", "stance": "support"},
                         page=page, headers=EN)
    assert response.status_code == 400
    response = post_form(f"{page}/view", {"burden_hours": "8", "stance": "object",
                                          "comment": "人手不足"}, page=page)
    assert response.status_code == 302
    assert "人手不足" in client.get(page).get_data(as_text=True)


def test_the_reviewer_sees_the_queue_and_approves_with_a_condition(
        client, login, post_form, reviewer, make_request, community):
    request = make_request("consultation")
    login(reviewer)
    assert request.title in client.get("/admission/reviews").get_data(as_text=True)
    page = f"/admission/requests/{request.id}"
    response = post_form(f"{page}/decide", {"decision": "approve_with_conditions",
                                            "reasons": "确需社区协助", "conditions": ""},
                         page=page, headers=EN)
    assert response.status_code == 400
    response = post_form(f"{page}/decide", {"decision": "approve_with_conditions",
                                            "reasons": "确需社区协助",
                                            "conditions": "经费随事项下达"}, page=page)
    assert response.status_code == 302
    catalogue = client.get(f"/c/{community.slug}/work-items").get_data(as_text=True)
    assert request.title in catalogue and "经费随事项下达" in catalogue


def test_the_public_street_page_names_departments_not_officers(client, make_request, street,
                                                               officer):
    make_request("submitted")
    make_request(title="草稿不公开")
    page = client.get(f"/streets/{street.id}/requests").get_data(as_text=True)
    assert "独居老人基本信息采集" in page and "民政局" in page
    assert "草稿不公开" not in page and officer.display_name not in page
    assert client.get("/streets/999999/requests").status_code == 404


def test_menus_lead_each_role_to_its_pages(client, login, officer):
    login(officer)
    assert "/admission/requests" in client.get("/", headers=EN).get_data(as_text=True)


def test_a_reviewer_of_no_street_has_no_queue(client, login, make_user):
    login(make_user("reviewer"))
    assert client.get("/admission/reviews").status_code == 403


def test_an_officer_edits_then_withdraws_from_the_pages(client, login, post_form, officer,
                                                        make_request):
    request = make_request("submitted")
    login(officer)
    page = f"/admission/requests/{request.id}"
    form = client.get(f"{page}/edit").get_data(as_text=True)
    assert "《中华人民共和国老年人权益保障法》" in form
    response = post_form(f"{page}/edit", {**FORM, "title": "独居老人信息核对"})
    assert response.status_code == 302 and request.title == "独居老人信息核对"
    response = post_form(f"{page}/withdraw", {"reason": "任务取消"}, page=page)
    assert response.status_code == 302 and request.state == RequestState.WITHDRAWN
    assert client.get(f"{page}/edit").status_code == 403


def test_anyone_downloads_the_streets_requests_as_open_data(client, make_request, officer,
                                                            street):
    import csv
    import io

    draft, submitted = make_request("draft", title="草稿事项"), make_request("submitted")
    page = client.get(f"/streets/{street.id}/requests").get_data(as_text=True)
    assert f"/streets/{street.id}/requests.csv" in page
    response = client.get(f"/streets/{street.id}/requests.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert [int(r["id"]) for r in rows] == [submitted.id] and draft.id != submitted.id
    assert rows[0]["state"] == "submitted" and rows[0]["decision_due_on"]
    assert officer.display_name not in response.get_data(as_text=True)
    assert client.get("/streets/999999/requests.csv").status_code == 404
