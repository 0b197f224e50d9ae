"""Who is told what when action items change: owners, helpers, followers, the council's
members, and those who verify. Everything goes through the actions services' listeners."""

import pytest
from flask_babel import force_locale

from govhub.actions import services
from govhub.core.errors import DomainError
from govhub.core.models import utcnow
from govhub.extensions import db
from govhub.meetings.models import Meeting
from govhub.notifications.services import text_of


def _council(resolution):
    return db.session.get(Meeting, resolution.meeting_id).council


@pytest.fixture
def story(make_resolution, make_item, make_user, follow, worker):
    """A public resolution with one item owned by the worker, a follower and a helper."""
    resolution = make_resolution()
    helper = make_user("resident")
    item = make_item(resolution=resolution, helpers=[helper])
    follower = make_user("resident")
    follow(follower, resolution)
    council = _council(resolution)
    return {"resolution": resolution, "item": item, "follower": follower, "helper": helper,
            "chair": council.test_members[0], "member": council.test_members[1]}


def _kinds(notes, user) -> list[str]:
    return [n.kind for n in notes(user)]


# --- owners and helpers -----------------------------------------------------------------------

def test_the_owner_hears_when_someone_else_gives_them_an_item(make_item, worker, colleague,
                                                               notes):
    item = make_item(actor=colleague, owner=worker)
    [note] = notes(worker, "actions.assigned")
    assert note.link == f"/actions/{item.id}"
    with force_locale("en"):
        assert text_of(note).startswith(f"You now own the action item “{item.title}”, due on")
    assert notes(colleague) == []


def test_nobody_is_told_of_what_they_did_themselves(make_item, worker, notes):
    make_item(actor=worker, owner=worker)
    assert notes(worker) == []


def test_many_new_items_for_one_owner_make_one_notification(make_item, worker, colleague,
                                                            notes):
    for n in range(4):
        make_item(actor=colleague, owner=worker, title=f"事项 {n}")
    [note] = notes(worker)
    assert note.data["count"] == 4
    assert note.link.startswith("/c/") and f"owner={worker.id}" in note.link


def test_handing_over_tells_the_new_owner_and_the_old_one(make_item, worker, colleague,
                                                          make_user, notes):
    item = make_item(actor=worker, owner=worker)
    boss = make_user("worker")
    services.reassign_owner(boss, item, colleague)
    db.session.commit()
    assert _kinds(notes, colleague) == ["actions.assigned"]
    assert _kinds(notes, worker) == ["actions.unassigned"]
    assert notes(boss) == []


def test_a_new_helper_hears_they_help(make_item, make_user, worker, notes):
    item = make_item()
    helper = make_user("partner")
    services.add_helper(worker, item, helper)
    db.session.commit()
    assert _kinds(notes, helper) == ["actions.helping"]


# --- status changes ---------------------------------------------------------------------------

def test_a_status_change_reaches_followers_members_and_helpers_not_the_actor(story, move,
                                                                             notes, worker):
    move(story["item"], "in_progress")
    for who in ("follower", "member", "chair"):
        assert _kinds(notes, story[who]) == ["actions.status_changed"], who
    assert _kinds(notes, story["helper"]) == ["actions.helping", "actions.status_changed"]
    assert notes(worker) == []
    note = notes(story["follower"])[0]
    assert note.link == f"/actions/{story['item'].id}"
    with force_locale("en"):
        assert text_of(note) == f"“{story['item'].title}” is now: In progress."


def test_the_owner_hears_when_the_chair_reopens_their_item(story, move, notes, worker):
    move(story["item"], "in_progress", "done")
    services.reopen(story["chair"], story["item"], reason="南侧扶手还没装")
    db.session.commit()
    assert "actions.status_changed" in _kinds(notes, worker)


def test_followers_do_not_hear_of_an_item_that_is_not_public(story, move, notes, worker):
    item = story["item"]
    services.update_item(worker, item, title=item.title, description="", due_on=item.due_on,
                         category=item.category, estimated_hours=None, is_public=False)
    db.session.commit()
    move(item, "in_progress")
    assert notes(story["follower"]) == []
    assert notes(story["member"]) == []
    assert _kinds(notes, story["chair"]) == ["actions.status_changed"]
    assert _kinds(notes, story["helper"]) == ["actions.helping", "actions.status_changed"]


def test_a_disabled_follower_hears_nothing(story, move, notes):
    story["follower"].disabled_at = utcnow()
    db.session.commit()
    move(story["item"], "in_progress")
    assert notes(story["follower"]) == []


def test_done_asks_the_chair_and_other_workers_to_verify(story, move, notes, worker,
                                                         colleague):
    move(story["item"], "in_progress")
    move(story["item"], "done")
    assert _kinds(notes, story["chair"]) == ["actions.status_changed",
                                             "actions.awaiting_verification"]
    assert _kinds(notes, colleague) == ["actions.awaiting_verification"]
    # The follower hears of both changes, in one notification about one item.
    [note] = notes(story["follower"])
    assert note.data["count"] == 1 and note.data["status"] == "done"
    assert notes(worker) == []
    assert "actions.awaiting_verification" not in _kinds(notes, story["helper"])


def test_a_busy_day_gives_a_follower_one_notification(story, make_item, move, notes):
    items = [story["item"]] + [make_item(resolution=story["resolution"], title=f"事项 {n}")
                               for n in range(4)]
    for item in items:
        move(item, "in_progress")
    [note] = notes(story["follower"])
    assert note.data["count"] == 5
    assert note.link == f"/resolutions/{story['resolution'].id}"
    with force_locale("en"):
        assert text_of(note) == (f"5 action items of “{story['resolution'].text}” "
                                 "changed status.")


def test_a_refused_change_notifies_nobody(story, notes, worker):
    with pytest.raises(DomainError):
        services.check_in(worker, story["item"], status="done", reason="跳过")
    db.session.rollback()
    assert notes(story["follower"]) == [] and notes(story["chair"]) == []


def test_a_note_without_a_status_change_notifies_nobody(story, notes, worker):
    services.check_in(worker, story["item"], note="与施工方沟通")
    db.session.commit()
    assert notes(story["follower"]) == [] and notes(story["member"]) == []
