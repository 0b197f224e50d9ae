"""Who sees which refusals: a department's officers their own only, workers their own
community's, everyone the figures (which name nobody)."""

import pytest

from govhub.admission.refusals import permissions, queries
from govhub.extensions import db


@pytest.fixture
def two_refusals(refuse, statistics, civil_affairs):
    return refuse("统计报表"), refuse("低保入户调查表", department_id=civil_affairs.id)


def test_an_officer_sees_only_their_own_department(two_refusals, statistics, civil_affairs,
                                                   make_officer):
    officer = make_officer(statistics)
    assert permissions.can_view_department_refusals(officer, statistics.id)
    assert not permissions.can_view_department_refusals(officer, civil_affairs.id)
    stats, civil = (answer.refusal for answer in two_refusals)
    assert permissions.can_view_refusal(officer, stats)
    assert not permissions.can_view_refusal(officer, civil)
    assert [r.what for r in queries.department_refusals(statistics.id)] == ["统计报表"]


def test_an_officer_without_a_department_or_deactivated_sees_none(make_user, statistics,
                                                                  make_officer):
    assert not permissions.can_view_department_refusals(make_user("officer"), statistics.id)
    officer = make_officer(statistics)
    officer.disabled_at = officer.created_at
    db.session.commit()
    assert not permissions.can_view_department_refusals(officer, statistics.id)


def test_workers_see_only_their_own_community(two_refusals, worker, community, make_user,
                                              make_community):
    elsewhere = make_user("worker", community=make_community())
    assert permissions.can_view_community_refusals(worker, community)
    assert not permissions.can_view_community_refusals(elsewhere, community)
    assert not permissions.can_view_refusal(elsewhere, two_refusals[0].refusal)
    assert not permissions.can_record_refusal(elsewhere, community)


@pytest.mark.parametrize("role", ["resident", "partner", "reviewer"])
def test_others_see_no_refusal(two_refusals, community, make_user, role, statistics):
    user = make_user(role)
    assert not permissions.can_view_community_refusals(user, community)
    assert not permissions.can_view_refusal(user, two_refusals[0].refusal)
    assert not permissions.can_view_department_refusals(user, statistics.id)
    assert not permissions.can_record_refusal(user, community)


def test_the_public_figures_hold_counts_not_names(two_refusals, community, street, worker):
    rows = queries.figures_rows(queries.community_figures(community))
    assert sorted(row["department"] for row in rows) == [
        "District Civil Affairs Bureau", "District Statistics Bureau"]
    text = str(rows) + str(queries.figures_rows(queries.street_figures(street.id)))
    assert worker.display_name not in text and "统计报表" not in text
    assert sum(row["total"] for row in rows) == 2


def test_other_departments_are_one_line_in_public(refuse, community):
    refuse(department_id=None, other_department="张三的私人公司")
    rows = queries.figures_rows(queries.community_figures(community))
    assert [row["department"] for row in rows] == ["Other departments"]
    assert "张三" not in str(rows)
