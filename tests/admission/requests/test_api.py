"""The admission requests' JSON API: each role's endpoints and refusals."""

from govhub.admission.requests.rules import RequestState

BODY = {"title": "人口信息采集", "law": "《中华人民共和国统计法》", "article": "第七条",
        "why_not_itself": "统计局无入户人员", "data_fields": ["姓名", "身份证号"],
        "hours_per_month": 4.5, "period_from": "2027-01-01", "period_to": "2027-06-30"}


def test_an_officer_creates_checks_and_submits_a_request(client, auth, officer, make_request):
    make_request("submitted", data_fields="姓名\n身份证号码")
    response = client.post("/api/v1/admission-requests", json=BODY, headers=auth(officer))
    assert response.status_code == 201, response.json
    request_id = response.json["id"]
    assert response.json["state"] == "draft" and response.json["hours_per_month"] == "4.50"
    matches = client.get(f"/api/v1/admission-requests/{request_id}/report-once",
                         headers=auth(officer)).json
    assert matches and matches[0]["kind"] == "request"
    response = client.post(f"/api/v1/admission-requests/{request_id}/submit",
                           headers=auth(officer))
    assert response.json["state"] == "submitted" and response.json["decision_due_on"]
    listed = client.get("/api/v1/admission-requests", headers=auth(officer)).json
    assert request_id in [item["id"] for item in listed["items"]]
    assert listed["total"] == len(listed["items"]) == 2


def test_bad_bodies_are_refused_clearly(client, auth, officer):
    response = client.post("/api/v1/admission-requests", json={**BODY, "article": " "},
                           headers=auth(officer))
    assert response.status_code == 400 and response.json["error"]["field"] == "article"
    response = client.post("/api/v1/admission-requests", json={**BODY, "hours_per_month": -1},
                           headers=auth(officer))
    assert response.status_code == 422


def test_an_officer_of_another_department_is_refused(client, auth, make_request,
                                                     make_department, make_officer):
    request = make_request("submitted")
    stranger = make_officer(make_department(name="统计局"))
    response = client.post(f"/api/v1/admission-requests/{request.id}/withdraw", json={},
                           headers=auth(stranger))
    assert response.status_code == 403
    response = client.patch(f"/api/v1/admission-requests/{request.id}", json={"title": "x"},
                            headers=auth(stranger))
    assert response.status_code == 403


def test_a_worker_gives_a_view_and_a_reviewer_decides(client, auth, worker, reviewer,
                                                      make_request, street):
    request = make_request("submitted")
    response = client.post(f"/api/v1/admission-requests/{request.id}/consultation",
                           headers=auth(reviewer))
    assert response.json["state"] == "consultation"
    response = client.put(f"/api/v1/admission-requests/{request.id}/view",
                          json={"burden_hours": 3, "stance": "support"}, headers=auth(worker))
    assert response.status_code == 200 and response.json["views"][0]["stance"] == "support"
    response = client.post(f"/api/v1/admission-requests/{request.id}/decision",
                           json={"decision": "reject", "reasons": ""}, headers=auth(reviewer))
    assert response.status_code == 400 and response.json["error"]["field"] == "reasons"
    response = client.post(f"/api/v1/admission-requests/{request.id}/decision",
                           json={"decision": "approve", "reasons": "确有必要"},
                           headers=auth(reviewer))
    assert response.json["state"] == RequestState.APPROVED and response.json["work_item_id"]
    public = client.get(f"/api/v1/streets/{street.id}/admission-requests").json
    assert [item["id"] for item in public["items"]] == [request.id] and public["total"] == 1
    assert "officer_id" not in public["items"][0]
    assert public["items"][0]["department"] == "民政局"
    assert client.get(f"/api/v1/streets/{street.id}/admission-requests?page=2").json[
        "items"] == []
    assert client.get(f"/api/v1/streets/{street.id}/admission-requests?per_page=0"
                      ).status_code == 422


def test_a_reviewer_of_another_street_is_refused(client, auth, make_request, make_street,
                                                 make_reviewer, make_community):
    request = make_request("consultation")
    elsewhere = make_reviewer(make_street(name="平安街道", name_en="Ping'an",
                                          communities=(make_community(name="平安社区"),)))
    response = client.post(f"/api/v1/admission-requests/{request.id}/decision",
                           json={"decision": "approve", "reasons": "可以"},
                           headers=auth(elsewhere))
    assert response.status_code == 403


def test_drafts_are_hidden_from_the_public(client, make_request):
    draft = make_request()
    assert client.get(f"/api/v1/admission-requests/{draft.id}").status_code == 404
    assert client.get("/api/v1/admission-requests").status_code == 401


def test_the_openapi_document_lists_the_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json["paths"]
    assert "/api/v1/admission-requests/{request_id}/decision" in paths
    assert "/api/v1/streets/{street_id}/admission-requests" in paths
