"""`govhub remind`: owners hear of items due soon and overdue, once per item, kind and day,
however often it runs; bad arguments are refused with a clear message."""

import os
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from flask_babel import force_locale

from govhub.accountability.models import ActionReminder
from govhub.accountability.reminders import send_reminders
from govhub.actions import services
from govhub.cli import cli
from govhub.core.models import utcnow
from govhub.extensions import db
from govhub.notifications.services import text_of


@pytest.fixture
def due(make_item, worker):
    """due(days, **fields): an item due that many days from today (negative: overdue)."""

    def make(days: int, **fields):
        item = make_item(days=max(days, 0), **fields)
        if days < 0:  # the services refuse past due dates; time passed instead
            item.due_on = services.today_in(item.community) + timedelta(days=days)
            db.session.commit()
        return item

    return make


def _reminders() -> int:
    return db.session.scalar(sa.select(sa.func.count(ActionReminder.id)))


def test_owners_hear_of_items_due_within_the_days_and_of_overdue_ones(due, notes, worker):
    soon, overdue = due(2), due(-3)
    due(10)  # not yet
    found = send_reminders(3)
    db.session.commit()
    assert (found.due_soon, found.overdue, found.owners) == (1, 1, {worker.id})
    [soon_note] = notes(worker, "actions.due_soon")
    [late_note] = notes(worker, "actions.overdue")
    assert soon_note.data["item_id"] == soon.id and late_note.data["item_id"] == overdue.id
    with force_locale("en"):
        assert text_of(late_note).startswith(f"Your action item “{overdue.title}” is overdue")


def test_a_second_run_sends_nothing(due, notes, worker, broadcasts):
    due(1), due(-1)
    send_reminders(3)
    db.session.commit()
    sent = len(broadcasts)
    again = send_reminders(3)
    db.session.commit()
    assert (again.due_soon, again.overdue, again.already) == (0, 0, 2)
    assert len(broadcasts) == sent
    assert len(notes(worker)) == 2 and _reminders() == 2


def test_the_next_day_reminds_again(due, notes, worker):
    item = due(-1)
    send_reminders(3)
    db.session.commit()
    tomorrow = utcnow() + timedelta(days=1)
    found = send_reminders(3, now=tomorrow)
    db.session.commit()
    assert found.overdue == 1 and _reminders() == 2
    days = set(db.session.scalars(sa.select(ActionReminder.day).where(
        ActionReminder.item_id == item.id)))
    assert len(days) == 2


def test_finished_items_are_not_reminded(due, move):
    move(due(1), "in_progress", "done")
    assert send_reminders(3).due_soon == 0


def test_an_owner_with_many_items_gets_one_notification_per_kind(due, notes, worker):
    for _ in range(4):
        due(1)
    send_reminders(3)
    db.session.commit()
    [note] = notes(worker)
    assert note.data["count"] == 4
    with force_locale("en"):
        assert text_of(note) == "4 of your action items are due soon."


def test_each_owner_hears_of_their_own(due, notes, worker, colleague):
    due(1, owner=worker)
    due(1, owner=colleague)
    send_reminders(3)
    db.session.commit()
    assert [n.data["count"] for n in notes(worker, "actions.due_soon")] == [1]
    assert [n.data["count"] for n in notes(colleague, "actions.due_soon")] == [1]


def test_today_is_the_communitys_day(make_community, make_user, make_item, notes):
    # 2030-05-01 20:00 UTC is already May 2 in Shanghai, still May 1 in Honolulu.
    now = datetime(2030, 5, 1, 20, 0, tzinfo=UTC)
    east = make_community(name="East", timezone="Asia/Shanghai")
    west = make_community(name="West", timezone="Pacific/Honolulu")
    found = {}
    for place in (east, west):
        owner = make_user("worker", community=place)
        item = make_item(actor=owner, owner=owner, community=place, days=30)
        item.due_on = datetime(2030, 5, 1).date()
        found[place.id] = (owner, item)
    db.session.commit()
    send_reminders(0, now=now)
    db.session.commit()
    assert [n.kind for n in notes(found[east.id][0])] == ["actions.overdue"]
    assert [n.kind for n in notes(found[west.id][0])] == ["actions.due_soon"]


def test_a_dry_run_counts_without_recording_or_sending(due, notes, worker):
    due(1)
    found = send_reminders(3, dry_run=True)
    assert found.due_soon == 1
    assert notes(worker) == [] and _reminders() == 0


@pytest.mark.parametrize("days", [-1, 61, "3", True])
def test_a_bad_number_of_days_is_refused(app, days):
    with pytest.raises(ValueError):
        send_reminders(days)


# --- the command ----------------------------------------------------------------------------------

@pytest.fixture
def govhub(app, monkeypatch):
    """govhub(*args): the `govhub` command against the test's app and transaction."""
    monkeypatch.setitem(os.environ, "FLASK_RUN_FROM_CLI", "false")
    runner = app.test_cli_runner()
    return lambda *args: runner.invoke(cli, list(args))


def test_the_command_reminds_and_a_second_run_sends_nothing(govhub, due, notes, worker):
    due(2), due(-2)
    first = govhub("remind", "--days", "3")
    assert first.exit_code == 0, first.output
    assert "1 due within 3 day(s), 1 overdue" in first.output
    second = govhub("remind", "--days", "3")
    assert second.exit_code == 0, second.output
    assert "Nothing to remind of." in second.output
    assert "2 reminder(s) of today were already sent" in second.output
    assert len(notes(worker)) == 2


def test_the_command_for_one_community(govhub, due, community, make_community, notes, worker):
    due(1)
    other = govhub("remind", "--community", make_community(name="Elsewhere").slug)
    assert "Nothing to remind of." in other.output
    mine = govhub("remind", "--community", community.slug)
    assert "1 due within 3 day(s)" in mine.output


def test_the_commands_dry_run_sends_nothing(govhub, due, notes, worker):
    due(1)
    result = govhub("remind", "--dry-run")
    assert result.exit_code == 0 and "Would send" in result.output
    assert notes(worker) == [] and _reminders() == 0


@pytest.mark.parametrize("args, message", [
    (["--days", "-1"], "-1 is not in the range 0<=x<=60"),
    (["--days", "soon"], "'soon' is not a valid integer"),
    (["--days", "61"], "61 is not in the range 0<=x<=60"),
    (["--community", "nowhere"], "no community with the short name 'nowhere'"),
    (["--when", "today"], "No such option '--when'"),
])
def test_the_command_refuses_bad_arguments_clearly(govhub, due, args, message, notes, worker):
    due(1)
    result = govhub("remind", *args)
    assert result.exit_code == 2
    assert message in result.output
    assert notes(worker) == [] and _reminders() == 0
