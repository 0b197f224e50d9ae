from datetime import timedelta
from xml.etree import ElementTree

import pytest
import sqlalchemy as sa

from govhub.admission.hours import services
from govhub.admission.hours.models import TimeEntry
from govhub.extensions import db


def entries() -> list[TimeEntry]:
    return list(db.session.scalars(sa.select(TimeEntry)))


def test_a_worker_logs_time_with_the_quick_form(client, login, post_form, worker, items):
    login(worker)
    page = client.get("/hours")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "XZ-01" in html and 'value="60"' in html
    response = post_form("/hours", {"target": f"work_item:{items['XZ-01'].id}",
                                    "quick": "60"})
    assert response.status_code == 302
    assert [(e.minutes, e.work_item_code) for e in entries()] == [(60, "XZ-01")]
    assert "1.0" in client.get("/hours").get_data(as_text=True)


def test_the_typed_minutes_win_over_the_quick_choice(client, login, post_form, worker, items):
    login(worker)
    post_form("/hours", {"target": f"work_item:{items['YF-01'].id}", "quick": "15",
                         "minutes": "45"})
    assert [e.minutes for e in entries()] == [45]


@pytest.mark.parametrize(("data", "message"), [
    ({"quick": "30", "day": "2099-01-01"}, "future"),
    ({"minutes": "0"}, "Number must be between"),
    ({}, "whole number"),
    ({"target": "other", "quick": "30"}, "note"),
    ({"target": "meeting:999999", "quick": "30"}, "Not a valid choice"),
    ({"target": "bogus", "quick": "30"}, "Not a valid choice"),
])
def test_bad_entries_are_refused_and_change_nothing(client, login, post_form, worker, items,
                                                   data, message):
    login(worker)
    data = {"target": f"work_item:{items['YF-01'].id}", **data}
    response = post_form("/hours", data)
    assert response.status_code in (400, 200)
    assert response.status_code != 302
    assert message in response.get_data(as_text=True)
    assert entries() == []


@pytest.mark.parametrize("role", ["admin", "resident", "partner", "officer", "reviewer"])
def test_my_hours_is_for_workers_only(client, login, make_user, role):
    login(make_user(role))
    assert client.get("/hours").status_code == 403
    assert client.get("/hours/week").status_code == 403


def test_a_worker_edits_and_deletes_their_entry(client, login, post_form, worker, items,
                                                today):
    entry = services.log_time(worker, "work_item", items["YF-01"].id, 30)
    db.session.commit()
    login(worker)
    path = f"/hours/entries/{entry.id}/edit"
    assert post_form(path, {"minutes": "50", "day": today.isoformat(), "note": "改"}
                     ).status_code == 302
    assert entry.minutes == 50
    assert post_form(path, {"minutes": "50", "day": (today + timedelta(days=1)).isoformat()}
                     ).status_code == 400
    assert post_form(f"/hours/entries/{entry.id}/delete", page="/hours").status_code == 302
    assert entries() == []


@pytest.mark.parametrize("role", ["colleague", "resident", "officer", "reviewer"])
def test_anothers_entry_is_not_found(client, login, post_form, worker, colleague, make_user,
                                     items, community, role):
    entry = services.log_time(worker, "work_item", items["YF-01"].id, 30)
    db.session.commit()
    login(colleague if role == "colleague" else make_user(role))
    assert client.get(f"/hours/entries/{entry.id}/edit").status_code == 404
    assert post_form(f"/hours/entries/{entry.id}/delete",
                     page=f"/c/{community.slug}/hours").status_code == 404
    assert len(entries()) == 1


def test_the_week_sheet_saves_at_once(client, login, post_form, worker, items, action, today):
    services.log_time(worker, "work_item", items["XZ-01"].id, 30)
    db.session.commit()
    login(worker)
    page = client.get("/hours/week").get_data(as_text=True)
    name = f"cell-work_item:{items['XZ-01'].id}-{today.isoformat()}"
    assert f'name="{name}"' in page and 'value="30"' in page
    action_cell = f"cell-action_item:{action.id}-{today.isoformat()}"
    assert post_form("/hours/week", {name: "90", action_cell: "60"}).status_code == 302
    assert sorted(e.minutes for e in entries()) == [60, 90]
    response = post_form("/hours/week", {name: "1000", action_cell: "600"})
    assert response.status_code == 400 and "24 hours" in response.get_data(as_text=True)
    response = post_form("/hours/week", {name: "abc"})
    assert response.status_code == 400
    assert sorted(e.minutes for e in entries()) == [60, 90]


@pytest.fixture
def logged(worker, colleague, items, action):
    services.log_time(worker, "work_item", items["XZ-01"].id, 120)
    services.log_time(worker, "action_item", action.id, 60)
    services.log_time(colleague, "work_item", items["YF-01"].id, 45)
    db.session.commit()


def test_administrators_see_every_workers_workload(client, login, make_user, logged):
    login(make_user("admin"))
    response = client.get("/hours/workload?weeks=4")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "王芳" in html and "李强" in html and "67%" in html
    assert "XZ-01" in html  # estimated against measured


def test_a_worker_sees_only_their_own_row(client, login, worker, logged):
    login(worker)
    html = client.get("/hours/workload").get_data(as_text=True)
    assert "王芳" in html and "李强" not in html


@pytest.mark.parametrize("role", ["resident", "partner", "officer", "reviewer"])
def test_others_see_no_workload(client, login, make_user, logged, role):
    login(make_user(role))
    assert client.get("/hours/workload").status_code == 403


def test_the_heat_map_is_well_formed_svg_with_a_title(client, login, make_user, logged):
    login(make_user("admin"))
    html = client.get("/hours/workload?weeks=52").get_data(as_text=True)
    svg = html[html.index("<svg"):html.index("</svg>") + len("</svg>")]
    root = ElementTree.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.get("role") == "img"
    title = root.find(f"{ns}title")
    assert title is not None and root.get("aria-labelledby") == title.get("id")
    assert "for departments" in title.text
    assert len(root.findall(f"{ns}g")) == 2 * 52
    assert "67%" in [t.text for t in root.iter(f"{ns}text")]


@pytest.mark.parametrize("weeks", ["0", "-1", "999", "x", "1e9"])
def test_a_bad_range_falls_back_within_bounds(client, login, make_user, logged, weeks):
    login(make_user("admin"))
    assert client.get(f"/hours/workload?weeks={weeks}").status_code == 200


def test_the_public_figures_name_no_worker(client, community, street, logged, today):
    for path in (f"/c/{community.slug}/hours", f"/streets/{street.id}/hours"):
        html = client.get(path).get_data(as_text=True)
        assert "王芳" not in html and "李强" not in html
        assert "3.8" in html  # 120 + 60 + 45 minutes this month
    csv_text = client.get(f"/c/{community.slug}/hours.csv").get_data(as_text=True)
    assert csv_text.splitlines()[0].lstrip("\ufeff").startswith("month,duty_by_law")
    assert f"{today.strftime('%Y-%m')},0.8,2.0,0.0,0.0,0.0,1.0,0.0,3.8" in csv_text
    assert client.get("/streets/999999/hours").status_code == 404
    assert client.get("/c/nowhere/hours.csv").status_code == 404


def test_the_menu_offers_my_hours_to_workers(client, login, worker):
    login(worker)
    html = client.get("/hours/workload").get_data(as_text=True)
    assert 'href="/hours"' in html and 'href="/hours/workload"' not in html.split("<main")[0]


def test_the_menu_offers_the_workload_to_admins(client, login, make_user):
    login(make_user("admin"))
    html = client.get("/hours/workload").get_data(as_text=True)
    assert 'href="/hours/workload"' in html and 'href="/hours"' not in html


@pytest.mark.parametrize("page", ["0", "2", "abc", "99999999"])
def test_any_page_of_workers_answers(client, login, make_user, logged, page):
    login(make_user("admin"))
    response = client.get(f"/hours/workload?page={page}")
    assert response.status_code == 200 and "王芳" in response.get_data(as_text=True)
