"""A street's public page and its API: communities, departments, the catalogue at a glance,
reached from a community's work items; no one's name on it."""

import pytest

from govhub.admission.catalogue.services import import_catalogue
from govhub.admission.departments import services as departments
from govhub.extensions import db
from tests.admission.conftest import CSV

EN = {"Accept-Language": "en"}
ZH = {"Accept-Language": "zh-CN"}


@pytest.fixture
def published_street(admin, street, make_user):
    import_catalogue(admin, street, CSV)
    health = departments.create_department(admin, street, "卫健委", "Health commission")
    officer = make_user("officer", display_name="王科员")
    departments.appoint_officer(admin, health, officer.username)
    db.session.commit()
    return street


def test_the_street_page_shows_its_communities_departments_and_catalogue(client, community,
                                                                        published_street):
    page = client.get(f"/streets/{published_street.id}", headers=EN).get_data(as_text=True)
    assert "Xingfu Street" in page and "Health commission" in page
    assert f"/c/{community.slug}/work-items" in page
    assert f"/streets/{published_street.id}/catalogue.csv" in page
    assert "Duties by law" in page and "王科员" not in page
    assert "<title>Xingfu Street · GovHub</title>" in page
    for section in ("catalogue", "communities", "departments", "requests", "hours",
                    "refusals"):
        assert page.count(f'id="{section}-heading"') == 1, section


def test_the_street_page_speaks_chinese(client, published_street):
    page = client.get(f"/streets/{published_street.id}", headers=ZH).get_data(as_text=True)
    assert "幸福街道" in page and "卫健委" in page and "依法履职事项" in page


def test_a_community_s_work_items_lead_to_its_street(client, community, published_street):
    page = client.get(f"/c/{community.slug}/work-items", headers=EN).get_data(as_text=True)
    assert f"/streets/{published_street.id}\"" in page
    assert f"/streets/{published_street.id}\"" in client.get("/streets").get_data(as_text=True)


def test_anyone_downloads_the_catalogue(client, published_street):
    response = client.get(f"/streets/{published_street.id}/catalogue.csv")
    assert response.status_code == 200 and "YF-01" in response.get_data(as_text=True)


def test_an_unknown_street_is_a_404_page_and_a_json_error(client):
    assert client.get("/streets/999999").status_code == 404
    response = client.get("/api/v1/streets/999999")
    assert response.status_code == 404 and response.get_json()["error"]


def test_the_api_gives_the_same_overview(client, community, published_street):
    listed = client.get("/api/v1/streets").get_json()["items"]
    assert [s["name"] for s in listed] == ["幸福街道"]
    found = client.get(f"/api/v1/streets/{published_street.id}").get_json()
    assert found["catalogue_version"] == 1
    assert found["items_by_list_type"] == {"duty_by_law": 1, "assisting_government": 1,
                                           "negative_list": 1}
    assert [d["name"] for d in found["departments"]] == ["卫健委"]
    assert [c["slug"] for c in found["communities"]] == [community.slug]
    assert "王科员" not in str(found)


def test_the_street_page_counts_refused_tasks_by_department_without_names(
        client, community, published_street, make_user):
    from govhub.actions.services import today_in
    from govhub.admission.departments.queries import departments_covering
    from govhub.admission.refusals.services import answer_task

    worker = make_user("worker", display_name="赵社工")
    health = departments_covering(community)[0]
    for what in ("上门核查诊所执业许可", "填报健康档案统计表"):
        answer_task(worker, community, department_id=health.id, channel="phone",
                    asked_on=today_in(community), what=what)
    db.session.commit()
    page = client.get(f"/streets/{published_street.id}", headers=EN).get_data(as_text=True)
    row = page[page.index("refusals-heading"):]
    assert "Health commission" in row and ">2<" in row.replace(" ", "")
    assert "赵社工" not in page and "诊所" not in page
    assert f"/streets/{published_street.id}/refusals/figures" in page


def test_the_street_page_counts_requests_by_state_and_overdue_decisions(
        client, community, published_street, make_user):
    from datetime import timedelta

    from govhub.admission.departments.queries import departments_covering
    from govhub.admission.requests import queries as request_queries
    from govhub.admission.requests.models import AdmissionRequest
    from govhub.admission.requests.rules import RequestState

    health = departments_covering(community)[0]
    officer = make_user("officer")
    today = request_queries.today()
    for state, due in [(RequestState.DRAFT, None), (RequestState.CONSULTATION, -2),
                       (RequestState.SUBMITTED, 5), (RequestState.REJECTED, None)]:
        db.session.add(AdmissionRequest(
            street_id=published_street.id, department_id=health.id, officer_id=officer.id,
            title=f"事项{state}", law="《统计法》", article="第七条", why_not_itself="人手不足",
            data_fields="姓名", hours_per_month=2, resources="", description="", state=state,
            period_from=today,
            decision_due_on=today + timedelta(days=due) if due is not None else None))
    db.session.commit()
    page = client.get(f"/streets/{published_street.id}", headers=EN).get_data(as_text=True)
    section = page[page.index("requests-heading"):page.index("refusals-heading")]
    assert "Draft" not in section and f"/streets/{published_street.id}/requests" in section
    found = client.get(f"/api/v1/streets/{published_street.id}").get_json()
    assert found["requests_by_state"] == {"submitted": 1, "consultation": 1, "rejected": 1}
    assert found["decisions_overdue"] == 1


def test_the_street_page_shows_where_the_hours_went_without_names(client, community,
                                                                  published_street, make_user):
    from govhub.admission.catalogue.queries import catalogue_of
    from govhub.admission.hours.services import log_time

    worker = make_user("worker", display_name="钱社工")
    duty = next(i for i in catalogue_of(community)[1] if i.list_type == "duty_by_law")
    assisting = next(i for i in catalogue_of(community)[1]
                     if i.list_type == "assisting_government")
    log_time(worker, "work_item", duty.id, 60)
    log_time(worker, "work_item", assisting.id, 180)
    db.session.commit()
    page = client.get(f"/streets/{published_street.id}", headers=EN).get_data(as_text=True)
    section = page[page.index("hours-heading"):page.index("refusals-heading")]
    assert "75%" in section and "25%" in section and "4.0" not in section
    assert "钱社工" not in page and f"/streets/{published_street.id}/hours" in section
    found = client.get(f"/api/v1/streets/{published_street.id}").get_json()
    assert found["hours_by_type"] == {"duty_by_law": 60, "assisting_government": 180}


def test_the_community_page_leads_to_its_public_admission_figures(client, community,
                                                                  published_street):
    page = client.get(f"/c/{community.slug}", headers=EN).get_data(as_text=True)
    for path in ("work-items", "refusals/figures", "certificates/figures", "hours"):
        assert f"/c/{community.slug}/{path}\"" in page, path
        assert client.get(f"/c/{community.slug}/{path}").status_code == 200, path
