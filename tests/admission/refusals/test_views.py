"""The refusal pages: the two-tap form and its answer, the lists, the public figures."""

from datetime import timedelta

import sqlalchemy as sa

from govhub.admission.refusals.models import Refusal
from govhub.extensions import db


def _form(statistics, today, **fields):
    return {"department": statistics.id, "channel": "chat_group",
            "asked_on": today.isoformat(), "what": "填报企业统计报表", "work_item": 0, **fields}


def test_the_form_has_big_tiles_and_today(client, login, worker, community, statistics,
                                          civil_affairs, health, today):
    login(worker)
    html = client.get(f"/c/{community.slug}/refusals/new").get_data(as_text=True)
    assert 'class="tile"' in html and "District Statistics Bureau" in html
    assert "District Health Commission" not in html  # it does not cover the community
    assert f'value="{today.isoformat()}"' in html


def test_a_worker_records_a_refusal_and_sees_the_reply(client, login, post_form, worker,
                                                       community, statistics, today):
    login(worker)
    path = f"/c/{community.slug}/refusals/new"
    response = post_form(path, _form(statistics, today))
    assert response.status_code == 302
    refusal = db.session.scalar(sa.select(Refusal))
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Not admitted" in page and "整治形式主义为基层减负若干规定" in page
    assert 'data-copy="reply-text"' in page and refusal.what in page


def test_an_admitted_item_is_answered_without_a_record(client, login, post_form, worker,
                                                       community, statistics, today,
                                                       catalogue):
    login(worker)
    response = post_form(f"/c/{community.slug}/refusals/new",
                         _form(statistics, today, work_item=catalogue["XZ-01"].id))
    assert response.status_code == 200 and "Nothing was recorded" in response.get_data(
        as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Refusal.id))) == 0


def test_a_future_day_or_an_empty_task_is_refused_on_the_form(login, post_form, worker,
                                                              community, statistics, today):
    login(worker)
    path = f"/c/{community.slug}/refusals/new"
    future = post_form(path, _form(statistics, today,
                                   asked_on=(today + timedelta(days=1)).isoformat()))
    assert future.status_code == 400 and "future" in future.get_data(as_text=True)
    empty = post_form(path, _form(statistics, today, what="  "))
    assert empty.status_code == 400 and "Say what was asked" in empty.get_data(as_text=True)
    unknown = post_form(path, _form(statistics, today, department=999_999))
    assert unknown.status_code == 400
    assert db.session.scalar(sa.select(sa.func.count(Refusal.id))) == 0


def test_the_community_list_is_its_workers(client, login, refuse, worker, community):
    refuse("统计报表")
    login(worker)
    assert "统计报表" in client.get(f"/c/{community.slug}/refusals").get_data(as_text=True)


def test_a_resident_may_not_see_the_list(client, login, refuse, community, make_user):
    refuse("统计报表")
    login(make_user("resident"))
    assert client.get(f"/c/{community.slug}/refusals").status_code == 403
    assert client.get(f"/c/{community.slug}/refusals/new").status_code == 403


def test_an_officer_sees_their_department_s_page_only(client, login, refuse, statistics,
                                                      civil_affairs, make_officer, community):
    answer = refuse("统计报表")
    login(make_officer(statistics))
    page = client.get(f"/departments/{statistics.id}/refusals").get_data(as_text=True)
    assert "统计报表" in page and f"/c/{community.slug}/refusals/{answer.refusal.id}" in page
    assert client.get(f"/departments/{civil_affairs.id}/refusals").status_code == 403
    assert client.get(f"/c/{community.slug}/refusals/{answer.refusal.id}").status_code == 200
    assert client.get(f"/c/{community.slug}/refusals").status_code == 403


def test_the_menu_leads_workers_to_the_form(client, login, worker, community):
    login(worker)
    html = client.get("/").get_data(as_text=True)
    assert f"/c/{community.slug}/refusals/new" in html


def test_the_menu_leads_officers_to_their_department(client, login, statistics, make_officer):
    login(make_officer(statistics))
    assert f"/departments/{statistics.id}/refusals" in client.get("/").get_data(as_text=True)


def test_the_public_figures_page_and_exports_name_nobody(client, refuse, worker, community,
                                                         street):
    refuse("统计报表")
    page = client.get(f"/c/{community.slug}/refusals/figures").get_data(as_text=True)
    assert "District Statistics Bureau" in page and worker.display_name not in page
    assert f"/streets/{street.id}/refusals/figures" in page
    assert "统计报表" not in page
    csv = client.get(f"/c/{community.slug}/refusals/figures.csv").get_data(as_text=True)
    assert csv.splitlines()[0].lstrip("\ufeff").startswith("month,department_id,department")
    body = client.get(f"/c/{community.slug}/refusals/figures.json").get_json()
    assert body["figures"][0]["not_admitted"] == 1
    street_body = client.get(f"/streets/{street.id}/refusals/figures.json").get_json()
    assert street_body["figures"][0]["total"] == 1
    assert client.get(f"/streets/{street.id}/refusals/figures").status_code == 200
    assert client.get(f"/streets/{street.id}/refusals/figures.csv").status_code == 200
    home = client.get(f"/c/{community.slug}").get_data(as_text=True)
    assert f"/c/{community.slug}/refusals/figures" in home


def test_an_unknown_street_or_refusal_answers_404(client, login, worker, community):
    assert client.get("/streets/999999/refusals/figures").status_code == 404
    login(worker)
    assert client.get(f"/c/{community.slug}/refusals/999999").status_code == 404
