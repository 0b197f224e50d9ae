"""Lists of action items: the office's dashboard and load per worker, every item with filters,
sorting and pages, and the public record of resolutions with their items."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from govhub.actions import queries, services
from govhub.actions.queries import Filters
from govhub.extensions import db


def _text(response) -> str:
    return response.get_data(as_text=True)


def _overdue(item, days: int = 3):
    item.due_on = services.today_in(item.community) - timedelta(days=days)
    db.session.commit()
    return item


# --- the dashboard ------------------------------------------------------------------------------

def test_the_dashboard_shows_mine_overdue_this_week_and_blocked(client, login, worker,
                                                                colleague, make_item, move,
                                                                community):
    mine = make_item(title="我的事项", days=30)
    late = _overdue(make_item(title="逾期事项", owner=colleague))
    blocked = move(make_item(title="受阻事项", owner=colleague, days=40), "blocked")
    today = services.today_in(community)
    sunday = today + timedelta(days=6 - today.weekday())
    soon = make_item(title="本周到期", owner=colleague, days=(sunday - today).days)
    sections = queries.dashboard(community.id, worker, today)
    assert [i.id for i in sections["mine"].items] == [mine.id]
    assert [i.id for i in sections["overdue"].items] == [late.id]
    assert [i.id for i in sections["blocked"].items] == [blocked.id]
    assert [i.id for i in sections["this_week"].items] == [soon.id]
    login(worker)
    page = _text(client.get(f"/c/{community.slug}/work"))
    for title in ("我的事项", "逾期事项", "受阻事项", "本周到期"):
        assert title in page
    assert "Overdue by 3 days" in page


def test_the_load_per_worker_counts_open_items_hours_overdue_and_helping(
        worker, colleague, make_item, move, community):
    make_item(estimated_hours=Decimal("10"))
    make_item(estimated_hours=Decimal("2.5"), helpers=[colleague])
    _overdue(make_item(estimated_hours=None))
    move(make_item(estimated_hours=Decimal("100")), "in_progress", "done")  # no longer open
    make_item(owner=colleague, estimated_hours=Decimal("4"))
    loads = {load.worker.id: load for load in queries.workload(
        community.id, services.today_in(community))}
    mine, theirs = loads[worker.id], loads[colleague.id]
    assert (mine.open_items, mine.hours, mine.overdue, mine.helping) == (3, Decimal("12.5"), 1, 0)
    assert (theirs.open_items, theirs.hours, theirs.helping) == (1, Decimal("4"), 1)
    assert (mine.share, theirs.share) == (100, 32)


def test_the_dashboard_is_for_the_communitys_staff(client, login, make_user, community):
    assert client.get(f"/c/{community.slug}/work").status_code == 302
    login(make_user("resident"))
    assert client.get(f"/c/{community.slug}/work").status_code == 403


# Overdue and due this week are decided in SQL (the dashboard, the list's filters): the
# boundaries are tested there, on a Wednesday, 13 May 2026 (that week runs to Sunday the 17th).
WEDNESDAY = date(2026, 5, 13)
DUE = [("yesterday", date(2026, 5, 12), ()), ("today", WEDNESDAY, ()),
       ("sunday", date(2026, 5, 17), ("in_progress",)), ("monday", date(2026, 5, 18), ()),
       ("blocked", date(2026, 5, 10), ("blocked",)),
       ("done late", date(2026, 5, 10), ("in_progress", "done")),
       ("done this week", date(2026, 5, 14), ("in_progress", "done"))]


@pytest.fixture
def due_items(make_item, move):
    items = {}
    for title, due_on, statuses in DUE:
        items[title] = move(make_item(title=title), *statuses)
        items[title].due_on = due_on
    db.session.commit()
    return items


def _titles(items) -> set[str]:
    return {item.title for item in items}


def test_overdue_means_open_and_due_before_today(due_items, worker, community):
    sections = queries.dashboard(community.id, worker, WEDNESDAY)
    assert _titles(sections["overdue"].items) == {"yesterday", "blocked"}
    page = queries.items_page(worker, community.id, Filters(due="overdue"), WEDNESDAY)
    assert _titles(page.items) == {"yesterday", "blocked"}


def test_due_this_week_means_open_and_due_from_today_to_sunday(due_items, worker, community):
    sections = queries.dashboard(community.id, worker, WEDNESDAY)
    assert _titles(sections["this_week"].items) == {"today", "sunday"}
    page = queries.items_page(worker, community.id, Filters(due="this_week"), WEDNESDAY)
    assert _titles(page.items) == {"today", "sunday"}
    later = queries.items_page(worker, community.id, Filters(due="later"), WEDNESDAY)
    assert _titles(later.items) == {"monday"}


# --- every item --------------------------------------------------------------------------------

def test_the_list_filters_and_sorts(client, login, worker, colleague, make_item, move,
                                    community):
    first = make_item(title="东门事项", days=5, category="environment")
    second = make_item(title="南门事项", days=2, category="traffic", owner=colleague)
    move(make_item(title="北门事项", days=9, category="traffic"), "blocked")
    login(worker)
    base = f"/c/{community.slug}/actions"
    page = _text(client.get(base))
    # Due date, soonest first, by default.
    assert page.index("南门事项") < page.index("东门事项") < page.index("北门事项")
    page = _text(client.get(base + "?sort=-due"))
    assert page.index("北门事项") < page.index("东门事项") < page.index("南门事项")
    page = _text(client.get(base + "?category=traffic"))
    assert "南门事项" in page and "北门事项" in page and ">东门事项<" not in page
    page = _text(client.get(base + "?status=blocked"))
    assert "北门事项" in page and ">南门事项<" not in page
    page = _text(client.get(base + f"?owner={colleague.id}"))
    assert "南门事项" in page and ">东门事项<" not in page
    assert first and second


@pytest.mark.parametrize("query", ["?status=nope", "?council=abc", "?sort=drop", "?page=-3",
                                   "?owner=99999999999999999999", "?due=yesterday"])
def test_unknown_filters_are_ignored(client, login, worker, make_item, community, query):
    make_item(title="照常显示")
    login(worker)
    response = client.get(f"/c/{community.slug}/actions{query}")
    assert response.status_code == 200 and "照常显示" in _text(response)


def test_the_public_list_shows_public_items_only(client, make_item, community):
    make_item(title="公开事项", is_public=True)
    make_item(title="内部事项", is_public=False)
    page = _text(client.get(f"/c/{community.slug}/actions"))
    assert "公开事项" in page and "内部事项" not in page


def test_the_list_has_pages(client, login, worker, make_item, community, monkeypatch):
    monkeypatch.setattr(queries, "PER_PAGE", 2)
    for n in range(5):
        make_item(title=f"事项{n}", days=n + 1)
    login(worker)
    page = _text(client.get(f"/c/{community.slug}/actions?category=environment"))
    assert "Page 1 of 3" in page and "事项0" in page and "事项2" not in page
    assert "category=environment" in page and "page=2" in page
    assert "事项4" in _text(client.get(f"/c/{community.slug}/actions?page=3"))


# --- the public record ----------------------------------------------------------------------------

def test_the_public_record_lists_public_resolutions_with_their_public_items(
        client, make_resolution, make_item, community):
    public = make_resolution(text="同意为1号楼加装电梯")
    bare = make_resolution(text="同意增设充电桩")
    hidden = make_resolution(is_public=False, text="内部会议的决议")
    make_item(resolution=public, title="办理加装电梯审批")
    make_item(resolution=public, title="不公开的跟进", is_public=False)
    make_item(title="楼道灯更换", is_public=True)
    page = _text(client.get(f"/c/{community.slug}/results"))
    assert "同意为1号楼加装电梯" in page and "办理加装电梯审批" in page
    assert "同意增设充电桩" in page and "No action item has been published" in page
    assert "内部会议的决议" not in page and "不公开的跟进" not in page
    assert "楼道灯更换" in page                        # the office's own public work
    council_page = _text(client.get(f"/councils/{public.poll.meeting.council_id}/results"))
    assert "办理加装电梯审批" in council_page and "楼道灯更换" not in council_page
    assert bare and hidden


def test_the_meeting_page_shows_its_resolutions_follow_up_to_the_public(
        client, make_resolution, make_item):
    resolution = make_resolution()
    make_item(resolution=resolution, title="办理加装电梯审批")
    page = _text(client.get(f"/meetings/{resolution.meeting_id}"))
    assert 'id="followup"' in page and "办理加装电梯审批" in page
    assert "/actions/new" not in page                  # no button for visitors


def test_the_community_and_council_pages_link_to_the_public_record(client, make_council,
                                                                   community):
    council = make_council()
    assert f"/c/{community.slug}/results" in _text(client.get(f"/c/{community.slug}"))
    assert f"/councils/{council.id}/results" in _text(client.get(f"/councils/{council.id}"))


def test_workers_find_their_items_from_the_header(client, login, worker, community):
    login(worker)
    assert f'href="/c/{community.slug}/work"' in _text(client.get("/"))
