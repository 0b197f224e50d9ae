"""Delivery analytics: the figures by their definitions, the staff-only page with its
charts, the open-data exports (public items, nothing private), and no N+1 queries."""

import csv
import io
from datetime import timedelta

import pytest

from govhub.accountability import analytics
from govhub.accountability.exports import COLUMNS
from govhub.actions import services
from govhub.core.models import utcnow
from govhub.extensions import db
from govhub.meetings.models import Meeting
from govhub.partners.organizations.models import Organization, OrganizationKind, OrganizationStatus

EN = {"Accept-Language": "en"}


@pytest.fixture
def office(community, make_resolution, make_item, make_user, worker, colleague, move):
    """Three items: one done 4 days after a resolution decided 10 days ago (first check-in
    6 days after it), one overdue with no check-in, and the office's own private work that
    was done late. A partner organization with a phone helps with the first."""
    now = utcnow()
    resolution = make_resolution(text="同意为1号楼加装电梯")
    resolution.decided_at = now - timedelta(days=10)
    helper = make_user("resident", phone="13912345678", display_name="热心居民")
    organization = Organization(community_id=community.id, name="幸福里志愿者协会",
                                kind=OrganizationKind.VOLUNTEER_ASSOCIATION,
                                contact_phone="021-55550000",
                                status=OrganizationStatus.VERIFIED)
    db.session.add(organization)
    db.session.commit()
    lift = make_item(resolution=resolution, title="规划公示", category="facilities",
                     helpers=[helper], is_public=True)
    lift.organization_id = organization.id
    move(lift, "in_progress", "done")
    lift.done_at = now - timedelta(days=6)
    late = make_item(resolution=resolution, title="补贴申请", category="facilities",
                     owner=colleague, is_public=True)
    late.due_on = services.today_in(community) - timedelta(days=2)
    own = make_item(title="消防通道清理", category="safety", is_public=False)
    move(own, "in_progress", "done")
    own.due_on = services.today_in(community) - timedelta(days=5)
    own.done_at = now - timedelta(days=1)
    db.session.commit()
    # The first check-ins happened "now": move the resolution's clock instead.
    return {"resolution": resolution, "lift": lift, "late": late, "own": own,
            "organization": organization, "helper": helper,
            "council": db.session.get(Meeting, resolution.meeting_id).council}


def test_the_figures_follow_their_definitions(office, community):
    found = analytics.delivery(community)
    summary = found.summary
    assert (summary.items, summary.open, summary.finished) == (3, 1, 2)
    # Due by now: both finished ones and the overdue one; late: the overdue one and the
    # office's work, done four days after its due day.
    assert (summary.due_by_now, summary.late, summary.overdue_now) == (3, 2, 1)
    assert summary.overdue_rate == pytest.approx(0.6667)
    facts = {row.item.id: row.facts for row in found.rows}
    assert facts[office["lift"].id].days_to_first_action == pytest.approx(10, abs=0.01)
    assert facts[office["lift"].id].days_to_done == pytest.approx(4, abs=0.01)
    assert facts[office["late"].id].days_to_first_action is None
    assert facts[office["own"].id].days_to_done == 0  # done "before" it was created


def test_the_figures_are_grouped_by_council_category_worker_and_organization(
        office, community, worker, colleague):
    found = analytics.delivery(community)
    by = {name: {group.key: group for group in groups}
          for name, groups in found.dimensions.items()}
    assert set(by) == {"council", "category", "worker", "organization"}
    assert by["council"][office["council"].id].summary.items == 2
    assert by["council"][None].summary.items == 1
    assert by["category"]["facilities"].summary.overdue_now == 1
    assert by["worker"][worker.id].summary.items == 2
    assert by["worker"][colleague.id].label == colleague.display_name
    assert by["organization"][office["organization"].id].label == "幸福里志愿者协会"
    assert by["organization"][None].summary.items == 2


def test_public_only_leaves_out_what_is_not_public(office, community):
    assert analytics.delivery(community, public_only=True).summary.items == 2


# --- the page ---------------------------------------------------------------------------------

def test_the_office_reads_the_page_with_tables_charts_and_definitions(
        client, login, office, community, worker):
    login(worker)
    page = client.get(f"/c/{community.slug}/work/analytics", headers=EN).get_data(as_text=True)
    for text in ("Delivery analytics", "By council", "By category", "By worker (owner)",
                 "By partner organization", "How these figures are counted",
                 "Late items divided by items due by now.", "幸福里志愿者协会"):
        assert text in page, text
    assert page.count('<svg viewBox="0 0 320') == 8
    assert 'role="img"' in page and "<title id=" in page
    assert 'style="' not in page  # the CSP forbids inline styles: bars are SVG attributes


def test_the_dashboard_links_to_the_analytics(client, login, community, worker):
    login(worker)
    page = client.get(f"/c/{community.slug}/work").get_data(as_text=True)
    assert f'href="/c/{community.slug}/work/analytics"' in page


@pytest.mark.parametrize("role", ["resident", "partner"])
def test_residents_and_partners_may_not_read_the_analytics(client, login, make_user,
                                                           community, role):
    login(make_user(role))
    for suffix in ("", ".csv", ".json"):
        assert client.get(f"/c/{community.slug}/work/analytics{suffix}").status_code == 403


def test_workers_of_another_community_may_not_read_them(client, login, make_user,
                                                        make_community, community):
    login(make_user("worker", community=make_community()))
    assert client.get(f"/c/{community.slug}/work/analytics").status_code == 403


def test_an_unknown_community_has_no_analytics(client, login, make_user):
    login(make_user("admin"))
    assert client.get("/c/nowhere/work/analytics.json").status_code == 404


# --- the exports ---------------------------------------------------------------------------------

def _csv(client, community) -> list[dict]:
    response = client.get(f"/c/{community.slug}/work/analytics.csv", headers=EN)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"  # one charset
    assert "attachment" in response.headers["Content-Disposition"]
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_the_csv_has_one_row_per_public_item_with_its_columns(client, login, office,
                                                              community, worker):
    login(worker)
    rows = _csv(client, community)
    assert list(rows[0]) == COLUMNS
    assert [row["title"] for row in rows] == ["规划公示", "补贴申请"]
    lift, late = rows
    assert lift["owner_role"] == "worker" and lift["status"] == "done"
    assert lift["organization"] == "幸福里志愿者协会"
    assert float(lift["days_to_first_action"]) == pytest.approx(10, abs=0.1)
    assert float(lift["days_to_done"]) == pytest.approx(4, abs=0.1)
    assert (late["overdue_now"], late["late"], late["days_to_done"]) == ("true", "true", "")
    assert late["url"].endswith(f"/actions/{office['late'].id}")


def test_the_exports_hold_nothing_private(client, login, office, community, worker,
                                          colleague):
    login(worker)
    csv_text = client.get(f"/c/{community.slug}/work/analytics.csv").get_data(as_text=True)
    json_text = client.get(f"/c/{community.slug}/work/analytics.json").get_data(as_text=True)
    for text in (csv_text, json_text):
        for private in ("13912345678", "021-55550000", "热心居民", worker.display_name,
                        colleague.display_name, worker.username, "消防通道清理"):
            assert private not in text, private


def test_the_json_has_definitions_summary_groups_and_items(client, login, office, community,
                                                           worker):
    login(worker)
    document = client.get(f"/c/{community.slug}/work/analytics.json", headers=EN).get_json()
    assert set(document) == {"community", "generated_at", "today", "timezone", "scope",
                             "definitions", "summary", "by_council", "by_category",
                             "by_organization", "items"}
    assert document["scope"] == "public_items"
    assert document["summary"]["items"] == 2 and document["summary"]["overdue_now"] == 1
    assert set(document["definitions"]) >= {"days_to_first_action", "days_to_done",
                                            "overdue_rate"}
    [council] = document["by_council"]
    assert council["key"] == office["council"].id and council["overdue_rate"] == 0.5
    assert set(document["items"][0]) == set(COLUMNS)


# --- no N+1 ------------------------------------------------------------------------------------

@pytest.fixture
def grow(make_resolution, make_item, make_user, worker, colleague, move):
    owners = [worker, colleague] + [make_user("worker") for _ in range(3)]

    def add(resolutions: int, items_each: int):
        for r in range(resolutions):
            resolution = make_resolution(text=f"决议 {r}")
            for n in range(items_each):
                owner = owners[(r + n) % len(owners)]
                item = make_item(resolution=resolution, title=f"事项 {r}-{n}", owner=owner,
                                 category=["facilities", "safety", "traffic"][n % 3],
                                 is_public=True)
                services.check_in(owner, item, note="进展", progress=10)
                if n % 2:
                    move(item, "in_progress", "done", actor=owner)
        db.session.commit()

    return add


@pytest.mark.parametrize("suffix", ["", ".csv", ".json"])
def test_the_analytics_run_the_same_queries_for_few_items_as_for_many(
        grow, statements, login, worker, community, suffix):
    path = f"/c/{community.slug}/work/analytics{suffix}"
    login(worker)
    grow(1, 2)
    few = statements(path)
    grow(6, 5)
    assert statements(path) == few
