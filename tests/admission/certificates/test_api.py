"""The certificates' API: issue a listed type; another type is refused and changes nothing;
the office's list; the public counts."""

import sqlalchemy as sa

from govhub.admission.certificates.models import Certificate
from govhub.extensions import db


def _count() -> int:
    return db.session.scalar(sa.select(sa.func.count(Certificate.id)))


def test_a_worker_issues_a_listed_type(client, auth, worker, community, make_user):
    make_user("resident", username="lisi", display_name="李四")
    response = client.post(f"/api/v1/communities/{community.slug}/certificates",
                           json={"code": "ZM-01", "resident_username": "lisi"},
                           headers=auth(worker))
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["resident"] == "李四" and _count() == 1
    listed = client.get(f"/api/v1/communities/{community.slug}/certificates",
                        headers=auth(worker)).get_json()
    assert [i["code"] for i in listed["items"]] == ["ZM-01"]


def test_a_type_not_on_the_list_is_refused(client, auth, worker, community):
    response = client.post(f"/api/v1/communities/{community.slug}/certificates",
                           json={"code": "无犯罪记录证明", "resident_name": "张三"},
                           headers=auth(worker))
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "certificate_not_listed" and _count() == 0


def test_a_resident_may_not_issue_nor_list(client, auth, make_user, community, catalogue):
    resident = make_user("resident")
    assert client.post(f"/api/v1/communities/{community.slug}/certificates",
                       json={"code": "ZM-01", "resident_name": "张三"},
                       headers=auth(resident)).status_code == 403
    assert client.get(f"/api/v1/communities/{community.slug}/certificates",
                      headers=auth(resident)).status_code == 403


def test_the_public_counts_have_no_names(client, auth, worker, community):
    client.post(f"/api/v1/communities/{community.slug}/certificates",
                json={"code": "ZM-02", "resident_name": "张三"}, headers=auth(worker))
    body = client.get(f"/api/v1/communities/{community.slug}/certificate-figures").get_json()
    assert [(f["code"], f["count"]) for f in body["figures"]] == [("ZM-02", 1)]
    assert "张三" not in str(body)


def test_the_endpoints_are_documented(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    assert "/api/v1/communities/{slug}/certificates" in paths
    assert "/api/v1/communities/{slug}/certificate-figures" in paths
