from datetime import timedelta
from decimal import Decimal

import pytest
import sqlalchemy as sa

from govhub.admission.catalogue.models import Street
from govhub.admission.catalogue.services import import_catalogue
from govhub.admission.hours import queries, rules, services
from govhub.admission.hours.models import TimeEntry
from govhub.admission.hours.rules import HoursType, TargetKind
from govhub.audit.models import AuditEvent
from govhub.core.errors import DomainError, Forbidden
from govhub.extensions import db
from tests.admission.conftest import CSV, OFFICE


def count() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(TimeEntry))


def refused(code, call, *args, **kwargs):
    before = count()
    with pytest.raises(DomainError) as raised:
        call(*args, **kwargs)
    db.session.rollback()
    assert raised.value.code == code
    assert count() == before
    return raised.value


def test_a_worker_logs_time_against_a_work_item_keeping_its_list_type(worker, items, today):
    entry = services.log_time(worker, "work_item", items["XZ-01"].id, 30)
    db.session.commit()
    assert (entry.day, entry.minutes, entry.list_type) == (
        today, 30, HoursType.ASSISTING_GOVERNMENT)
    assert entry.work_item_code == "XZ-01" and entry.community_id == worker.community_id
    assert entry.week == rules.week_start(today) and entry.month == today.replace(day=1)


def test_action_items_and_meetings_count_as_self_government(worker, action, make_meeting):
    meeting = make_meeting(status="scheduled")
    first = services.log_time(worker, TargetKind.ACTION_ITEM, action.id, 60)
    second = services.log_time(worker, TargetKind.MEETING, meeting.id, 120, note="议事会")
    assert first.list_type == second.list_type == HoursType.SELF_GOVERNMENT
    assert second.note == "议事会" and second.meeting_id == meeting.id


def test_other_work_needs_a_note(worker):
    refused("required", services.log_time, worker, "other", None, 30)
    assert services.log_time(worker, "other", None, 30, note="接待来访").list_type == "other"


def test_a_future_day_is_refused(worker, items, today):
    error = refused("future", services.log_time, worker, "work_item", items["YF-01"].id, 30,
                    today + timedelta(days=1))
    assert error.field == "day"


@pytest.mark.parametrize("minutes", [0, -30, 1441])
def test_minutes_out_of_range_are_refused(worker, items, minutes):
    refused("not_positive" if minutes <= 0 else "over_a_day", services.log_time, worker,
            "work_item", items["YF-01"].id, minutes)


def test_more_than_24_hours_a_day_is_refused(worker, items, today):
    services.log_time(worker, "work_item", items["YF-01"].id, 1400)
    db.session.commit()
    refused("day_full", services.log_time, worker, "other", None, 41, note="加班")
    services.log_time(worker, "other", None, 40, note="加班")


def test_targets_of_another_community_are_refused(worker, make_user, other_community,
                                                  make_street, make_meeting, make_council):
    from govhub.actions import services as action_services

    make_street(name="光明街道", name_en="Guangming", communities=(other_community,))
    theirs = make_user("worker", community=other_community)
    their_action = action_services.create_item(
        theirs, other_community, title="路灯", owner=theirs, category="environment",
        due_on=action_services.today_in(other_community) + timedelta(days=3))
    their_meeting = make_meeting(status="scheduled",
                                 council=make_council(community=other_community))
    street = db.session.scalar(sa.select(Street).where(Street.name == "光明街道"))
    their_item = import_catalogue(OFFICE, street, CSV).items[0]
    db.session.commit()
    for kind, target in (("work_item", their_item.id), ("action_item", their_action.id),
                         ("meeting", their_meeting.id)):
        refused("wrong_target", services.log_time, worker, kind, target, 30)


def test_an_item_of_an_old_catalogue_version_is_refused(worker, items, street):
    import_catalogue(OFFICE, street, CSV)
    db.session.commit()
    refused("wrong_target", services.log_time, worker, "work_item", items["YF-01"].id, 30)


def test_unknown_kinds_and_ids_are_refused(worker, items):
    refused("no_target", services.log_time, worker, "holiday", 1, 30)
    refused("no_target", services.log_time, worker, "work_item", None, 30)
    refused("no_target", services.log_time, worker, "work_item", 2**40, 30)
    refused("wrong_target", services.log_time, worker, "work_item", 2**31 - 1, 30)
    refused("wrong_target", services.log_time, worker, "other", 5, 30, note="x")


@pytest.mark.parametrize("role", ["admin", "resident", "partner", "officer", "reviewer"])
def test_only_workers_log_time(make_user, items, role):
    with pytest.raises(Forbidden):
        services.log_time(make_user(role), "work_item", items["YF-01"].id, 30)


def test_hours_keep_their_list_type_when_the_catalogue_changes(worker, items, street, today):
    services.log_time(worker, "work_item", items["XZ-01"].id, 60)
    db.session.commit()
    import_catalogue(OFFICE, street, CSV.replace("XZ-01,高龄津贴申报初审,Old-age allowance,"
                                                 "assisting_government",
                                                 "XZ-01,高龄津贴申报初审,Old-age allowance,"
                                                 "duty_by_law"))
    db.session.commit()
    row = queries.workload(rules.week_range(today, 1), worker.id)[0]
    assert row.weeks[rules.week_start(today)] == {HoursType.ASSISTING_GOVERNMENT: 60}


def test_a_worker_edits_and_deletes_their_entry_audited_outside_the_community(worker, items,
                                                                               today):
    entry = services.log_time(worker, "work_item", items["YF-01"].id, 30)
    services.edit_entry(worker, entry, 45, today - timedelta(days=1), "改")
    db.session.commit()
    assert (entry.minutes, entry.day, entry.note) == (45, today - timedelta(days=1), "改")
    assert entry.week == rules.week_start(today - timedelta(days=1))
    services.delete_entry(worker, entry)
    db.session.commit()
    assert count() == 0
    events = db.session.scalars(sa.select(AuditEvent).where(
        AuditEvent.action.like("hours.%")).order_by(AuditEvent.id)).all()
    assert [e.action for e in events] == ["hours.logged", "hours.edited", "hours.deleted"]
    assert all(e.community_id is None for e in events)
    assert events[1].data["before"]["minutes"] == 30


def test_a_colleague_cannot_change_an_entry(worker, colleague, items):
    entry = services.log_time(worker, "work_item", items["YF-01"].id, 30)
    db.session.commit()
    with pytest.raises(Forbidden):
        services.edit_entry(colleague, entry, 60, entry.day)
    with pytest.raises(Forbidden):
        services.delete_entry(colleague, entry)


def test_entries_older_than_14_days_are_fixed(worker, items, today):
    entry = services.log_time(worker, "work_item", items["YF-01"].id, 30,
                              today - timedelta(days=15))
    db.session.commit()
    with pytest.raises(Forbidden):
        services.edit_entry(worker, entry, 60, today)
    with pytest.raises(Forbidden):
        services.delete_entry(worker, entry)
    recent = services.log_time(worker, "work_item", items["YF-01"].id, 30)
    db.session.commit()
    refused("too_old", services.edit_entry, worker, recent, 30, today - timedelta(days=20))


def test_editing_checks_the_day_total_without_the_entry_itself(worker, items, today):
    entry = services.log_time(worker, "work_item", items["YF-01"].id, 1000)
    services.log_time(worker, "other", None, 400, note="值班")
    db.session.commit()
    services.edit_entry(worker, entry, 1040, today)
    refused("day_full", services.edit_entry, worker, entry, 1041, today)


def test_changing_a_cell_on_the_week_sheet_keeps_what_its_entries_said(worker, items,
                                                                       today):
    item = items["XZ-01"]
    services.log_time(worker, "work_item", item.id, 30, today, note="初审十户")
    services.log_time(worker, "work_item", item.id, 30, today, note="电话回访")
    db.session.commit()
    services.save_week(worker, rules.week_start(today), {(f"work_item:{item.id}", today): 90})
    db.session.commit()
    entries = list(db.session.scalars(sa.select(TimeEntry).where(
        TimeEntry.worker_id == worker.id)))
    assert [(e.minutes, e.note) for e in entries] == [(90, "初审十户; 电话回访")]


def test_the_week_sheet_saves_all_cells_at_once(worker, items, action, today):
    monday = rules.week_start(today)
    key, other_key = f"work_item:{items['XZ-01'].id}", f"action_item:{action.id}"
    changed = services.save_week(worker, monday, {(key, monday): 120, (other_key, monday): 60,
                                                  (key, today): 30})
    db.session.commit()
    assert changed == (2 if today == monday else 3)
    cells = services.week_cells(worker.id, monday)
    assert cells[(key, monday)] == (30 if today == monday else 120)
    services.save_week(worker, monday, {(key, monday): 0, (other_key, monday): 60})
    db.session.commit()
    assert (key, monday) not in services.week_cells(worker.id, monday)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEvent).where(
        AuditEvent.action == "hours.week_saved")) == 2


def test_a_bad_sheet_changes_nothing(worker, items, action, today):
    monday = rules.week_start(today)
    key, other_key = f"work_item:{items['XZ-01'].id}", f"action_item:{action.id}"
    services.save_week(worker, monday, {(key, today): 60})
    db.session.commit()
    refused("day_full", services.save_week, worker, monday,
            {(key, today): 800, (other_key, today): 700})
    refused("future", services.save_week, worker, monday,
            {(key, today + timedelta(days=1)): 30})
    refused("wrong_target", services.save_week, worker, monday, {("meeting:x", today): 30})
    assert services.week_cells(worker.id, monday) == {(key, today): 60}


def test_workload_sums_per_worker_week_and_type(worker, colleague, items, action, today):
    services.log_time(worker, "work_item", items["XZ-01"].id, 90)
    services.log_time(worker, "work_item", items["XZ-01"].id, 30)
    services.log_time(worker, "action_item", action.id, 60)
    services.log_time(colleague, "work_item", items["YF-01"].id, 15)
    db.session.commit()
    span = rules.week_range(today, 2)
    rows = {row.worker_id: row for row in queries.workload(span)}
    monday = rules.week_start(today)
    assert rows[worker.id].weeks[monday] == {HoursType.ASSISTING_GOVERNMENT: 120,
                                             HoursType.SELF_GOVERNMENT: 60}
    assert rows[worker.id].share(monday, rules.Share.FOR_DEPARTMENTS) == 120
    assert rows[worker.id].total(monday) == 180 and rows[colleague.id].total(monday) == 15
    assert [r.worker_id for r in queries.workload(span, worker.id)] == [worker.id]


def test_measured_hours_per_community_and_month(worker, items, community, today):
    services.log_time(worker, "work_item", items["XZ-01"].id, 600)
    db.session.commit()
    since = today - timedelta(days=29)
    months = queries.months_between(since, today)
    expected = (Decimal(10) / months).quantize(Decimal("0.1"))
    assert queries.measured_hours("XZ-01", [community.id], since, today) == expected
    assert queries.measured_hours("XZ-01", [community.id, 2**30], since, today) == (
        Decimal(5) / months).quantize(Decimal("0.1"))
    assert queries.measured_hours("YF-01", [community.id], since, today) == Decimal("0.0")
    assert queries.measured_hours("XZ-01", [], since, today) == Decimal("0.0")
    assert queries.measured_hours("XZ-01", [community.id], today, since) == Decimal("0.0")


def test_public_figures_sum_the_community_by_month_and_type(worker, colleague, items,
                                                            community, today):
    services.log_time(worker, "work_item", items["XZ-01"].id, 90)
    services.log_time(colleague, "work_item", items["XZ-01"].id, 30)
    db.session.commit()
    months = queries.last_months(today)
    assert len(months) == 12 and months[-1] == today.replace(day=1)
    figures = queries.monthly([community.id], months[0], months[-1])
    assert figures == {today.replace(day=1): {HoursType.ASSISTING_GOVERNMENT: 120}}


def _sums():
    from govhub.admission.hours.models import ItemWeeklyHours, MonthlyHours, WeeklyHours

    weekly = {(r.worker_id, r.week, r.list_type): r.minutes
              for r in db.session.scalars(sa.select(WeeklyHours)) if r.minutes}
    monthly = {(r.community_id, r.month, r.list_type): r.minutes
               for r in db.session.scalars(sa.select(MonthlyHours)) if r.minutes}
    items = {(r.community_id, r.week, r.work_item_code): r.minutes
             for r in db.session.scalars(sa.select(ItemWeeklyHours)) if r.minutes}
    return weekly, monthly, items


def test_the_sums_follow_every_change(worker, colleague, items, action, today):
    from govhub.admission.hours import totals

    monday = rules.week_start(today)
    first = services.log_time(worker, "work_item", items["XZ-01"].id, 90)
    services.log_time(colleague, "action_item", action.id, 30,
                      today - timedelta(days=10))
    second = services.log_time(worker, "work_item", items["YF-01"].id, 60,
                               today - timedelta(days=8))
    services.edit_entry(worker, first, 45, today - timedelta(days=9))
    services.delete_entry(worker, second)
    key = f"work_item:{items['XZ-01'].id}"
    services.save_week(worker, monday, {(key, today): 120})
    db.session.commit()
    kept = _sums()
    totals.rebuild()
    db.session.commit()
    assert _sums() == kept
    assert kept[0][(worker.id, monday, HoursType.ASSISTING_GOVERNMENT)] == 120
    assert kept[2][(worker.community_id, monday, "XZ-01")] == 120


def test_the_workload_comes_a_page_of_workers_at_a_time(worker, colleague, items, today):
    services.log_time(worker, "work_item", items["XZ-01"].id, 30)
    db.session.commit()
    span = rules.week_range(today, 2)
    everyone = queries.workload(span)
    first, second = (queries.workload(span, page=n, per_page=1) for n in (1, 2))
    assert [r.worker_id for r in first + second] == [r.worker_id for r in everyone][:2]
    assert {r.worker_id: r.total(rules.week_start(today)) for r in first + second}[
        worker.id] == 30
