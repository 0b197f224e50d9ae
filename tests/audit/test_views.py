"""The audit page and its CSV: scoped to what the reader may see, filters that filter, pages,
no secrets, and wrong filters answered with a message rather than an error."""

import csv
import io
import re
from datetime import UTC, datetime

import pytest

from govhub.audit.services import record
from govhub.extensions import db


@pytest.fixture
def other_community(make_community):
    return make_community(name="和平里社区", name_en="Hepingli Community")


@pytest.fixture
def event(make_user):
    """event(action, actor=None, target=None, at=None, community_id=None, **data) -> stored."""

    def make(action, actor=None, target=None, at=None, community_id=None, **data):
        made = record(actor, action, target, community_id=community_id, **data)
        if at is not None:
            made.created_at = at
        db.session.commit()
        return made

    return make


def _text(response) -> str:
    return response.get_data(as_text=True)


def _shown(response) -> set[int]:
    """The ids of the events a page lists."""
    return {int(n) for n in re.findall(r'id="event-(\d+)"', _text(response))}


def _csv(response) -> list[dict]:
    body = response.get_data(as_text=True)
    assert body.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(body[1:])))


@pytest.fixture
def staff(make_user, community, other_community):
    return {"admin": make_user("admin", display_name="管理员甲"),
            "worker": make_user("worker", display_name="工作者乙"),
            "elsewhere": make_user("worker", community=other_community)}


@pytest.fixture
def three_places(staff, event, community, other_community):
    """An event here, one in the other community, one of no community."""
    return (event("meeting.created", staff["worker"], community_id=community.id),
            event("meeting.created", staff["elsewhere"], community_id=other_community.id),
            event("user.login_failed", None))


def test_a_worker_sees_only_their_communitys_events(client, login, staff, three_places):
    here, there, nowhere = three_places
    login(staff["worker"])
    shown = _shown(client.get("/audit/"))
    assert here.id in shown and there.id not in shown and nowhere.id not in shown
    exported = {int(row["id"]) for row in _csv(client.get("/audit/events.csv"))}
    assert here.id in exported and there.id not in exported and nowhere.id not in exported


def test_an_admin_sees_every_event(client, login, staff, three_places):
    login(staff["admin"])
    assert {event.id for event in three_places} <= _shown(client.get("/audit/"))


@pytest.mark.parametrize("role", ["resident", "partner"])
def test_residents_and_partners_are_refused(client, login, make_user, role):
    login(make_user(role))
    assert client.get("/audit/").status_code == 403
    assert client.get("/audit/events.csv").status_code == 403
    assert 'href="/audit/"' not in _text(client.get("/"))


def test_the_office_menu_links_the_audit_page(client, login, staff):
    login(staff["worker"])
    assert 'href="/audit/"' in _text(client.get("/"))


def test_the_filters_filter(client, login, staff, event, community, other_community,
                            make_council):
    council = make_council(members=0)
    worker, admin = staff["worker"], staff["admin"]
    old = event("council.updated", worker, council, at=datetime(2026, 3, 1, 2, tzinfo=UTC))
    seated = event("council.member_seated", admin, council, user_id=worker.id, role="member",
                   vote_weight="1")
    other = event("meeting.created", worker, community_id=community.id)
    far = event("meeting.created", staff["elsewhere"], community_id=other_community.id)
    login(admin)

    def shown(query: str) -> set[int]:
        response = client.get("/audit/?" + query)
        assert response.status_code == 200, _text(response)[:300]
        return _shown(response) & {old.id, seated.id, other.id, far.id}

    assert shown(f"actor={worker.username}") == {old.id, other.id}
    assert shown("action=council.member_seated") == {seated.id}
    assert shown(f"object_type=councils&object_id={council.id}") == {old.id, seated.id}
    assert shown("object_type=councils") == {old.id, seated.id}
    assert shown(f"community={other_community.id}") == {far.id}
    # Days are the community's (Shanghai): 02:00 UTC on 1 March is 10:00 there.
    assert shown(f"community={community.id}&since=2026-03-01&until=2026-03-01") == {old.id}
    assert shown(f"community={community.id}&until=2026-02-28") == set()
    assert shown(f"community={community.id}&since=2026-03-02") == {seated.id, other.id}


def test_an_event_is_shown_in_words_with_links(client, login, staff, event, make_council):
    council = make_council(members=0)
    event("council.member_seated", staff["admin"], council, user_id=staff["worker"].id,
          role="member", vote_weight="1")
    login(staff["admin"])
    page = _text(client.get(f"/audit/?object_type=councils&object_id={council.id}"))
    assert "Seated a council member" in page
    assert f'href="/councils/{council.id}"' in page
    assert "管理员甲" in page and "工作者乙" in page  # the actor, and the person seated
    zh = _text(client.get(f"/audit/?object_type=councils&object_id={council.id}",
                          headers={"Accept-Language": "zh-CN"}))
    assert "增补了议事成员" in zh


def test_the_list_comes_in_pages_newest_first(client, login, staff, event, community):
    made = [event("meeting.updated", staff["worker"], community_id=community.id).id
            for _ in range(55)]
    login(staff["worker"])
    first = client.get("/audit/?action=meeting.updated")
    second = client.get("/audit/?action=meeting.updated&page=2")
    assert len(_shown(first)) == 50 and _shown(second) == set(made[:5])
    assert "55 events" in _text(first)
    ids = [int(n) for n in re.findall(r'id="event-(\d+)"', _text(first))]
    assert ids == sorted(ids, reverse=True)


def test_the_csv_is_the_filtered_list_without_secrets(client, login, staff, event,
                                                       community, make_user):
    worker = staff["worker"]
    shown = event("token.issued", worker, community_id=community.id, name="脚本",
                  token="plain-secret-token")
    event("user.login_failed", None, community_id=community.id, username="hunter2-password")
    event("meeting.created", make_user("worker", display_name="=SUM(A1)"),
          community_id=community.id)
    login(staff["admin"])
    response = client.get(f"/audit/events.csv?actor={worker.username}&action=token.issued"
                          "&page=3")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"].startswith('attachment; filename="audit-')
    rows = _csv(response)
    assert [int(row["id"]) for row in rows] == [shown.id]  # every page, not the third
    assert rows[0]["action_label"] == "Issued an API token"
    assert rows[0]["actor"] == "工作者乙" and rows[0]["community"] == "Xingfuli Community"
    assert rows[0]["details"] == '{"name": "脚本"}'
    everything = client.get("/audit/events.csv").get_data(as_text=True)
    assert "plain-secret-token" not in everything and "hunter2-password" not in everything
    assert ",'=SUM(A1)," in everything  # a name, never a formula
    assert "hunter2-password" not in _text(client.get("/audit/"))


@pytest.mark.parametrize("query, message", [
    ("since=2026-13-45", "Not a valid date value."),
    ("since=2026-05-03&until=2026-05-01", "The last day comes before the first."),
    ("since=0001-01-01", "Choose days between the years 2000 and 9998."),
    ("object_id=abc&object_type=councils", "Not a valid integer value."),
    ("object_id=99999999999999999999&object_type=councils", "Number must be between"),
    ("object_id=5", "Choose the kind of object too."),
    ("action=user.exploded", "Not a valid choice."),
    ("object_type=secrets", "Not a valid choice."),
    ("actor=nobody-at-all", "No account has this username."),
])
def test_wrong_filters_are_explained_not_a_server_error(client, login, staff, query,
                                                        message):
    login(staff["worker"])
    for path in ("/audit/", "/audit/events.csv"):
        response = client.get(f"{path}?{query}")
        assert response.status_code == 400, (path, query)
        assert message in _text(response)
        assert "Some filters cannot be used" in _text(response)


def test_a_worker_cannot_choose_another_community(client, login, staff, other_community):
    login(staff["worker"])
    response = client.get(f"/audit/?community={other_community.id}")
    assert response.status_code == 400
    assert "Not a valid choice." in _text(response)
