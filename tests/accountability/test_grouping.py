"""Notifications in digests: the same kind about the same thing merges while unread, the
live push updates the reader's bell instead of adding to it, and reading starts afresh."""

from datetime import timedelta

from flask_babel import force_locale

from govhub.extensions import db
from govhub.notifications import services
from govhub.notifications.services import notify, text_of

KIND = "actions.status_changed"


def _data(n: int, status: str = "in_progress") -> dict:
    return {"item_id": n, "title": f"事项 {n}", "status": status, "due_on": "2030-05-01",
            "resolution_id": 9, "resolution": "同意为1号楼加装电梯", "reason": "开工"}


def _changed(users, n: int, status: str = "in_progress", group: str = "resolution:9"):
    found = notify(users, KIND, _data(n, status), f"/actions/{n}", group=group, subject=n,
                   digest_link="/resolutions/9")
    db.session.commit()
    return found


def test_changes_of_items_of_one_resolution_merge_into_one_notification(make_user, notes):
    resident = make_user()
    for n in range(1, 21):
        _changed([resident], n)
    [only] = notes(resident)
    assert only.data["count"] == 20 and only.read_at is None
    assert only.link == "/resolutions/9"
    with force_locale("en"):
        assert text_of(only) == "20 action items of “同意为1号楼加装电梯” changed status."
    with force_locale("zh_CN"):
        assert "20" in text_of(only) and "同意为1号楼加装电梯" in text_of(only)


def test_one_change_reads_as_itself_and_links_to_the_item(make_user, notes):
    resident = make_user()
    _changed([resident], 3, status="blocked")
    [only] = notes(resident)
    with force_locale("en"):
        assert text_of(only) == "“事项 3” is now: Blocked."
    assert only.link == "/actions/3"


def test_the_same_item_changing_twice_counts_once_and_tells_its_latest_status(
        make_user, notes):
    resident = make_user()
    _changed([resident], 3, status="in_progress")
    _changed([resident], 3, status="done")
    [only] = notes(resident)
    assert only.data["count"] == 1
    with force_locale("en"):
        assert text_of(only) == "“事项 3” is now: Done, awaiting verification."


def test_another_resolution_is_another_notification(make_user, notes):
    resident = make_user()
    _changed([resident], 1)
    _changed([resident], 2, group="resolution:10")
    assert len(notes(resident)) == 2


def test_a_read_notification_takes_no_more_news(make_user, notes):
    resident = make_user()
    _changed([resident], 1)
    services.mark_read(resident, notes(resident))
    db.session.commit()
    _changed([resident], 2)
    first, second = notes(resident)
    assert first.data["count"] == 1 and first.read_at is not None
    assert second.data["count"] == 1 and second.read_at is None


def test_news_after_the_window_starts_a_new_notification(make_user, notes):
    resident = make_user()
    [old] = _changed([resident], 1)
    old.created_at = old.created_at - services.GROUP_WINDOW - timedelta(minutes=1)
    db.session.commit()
    _changed([resident], 2)
    assert [n.data["count"] for n in notes(resident)] == [1, 1]


def test_each_reader_has_their_own_digest(make_user, notes):
    early, late = make_user(), make_user()
    _changed([early], 1)
    _changed([early, late], 2)
    assert notes(early)[0].data["count"] == 2
    assert notes(late)[0].data["count"] == 1


def test_the_live_push_of_a_merge_names_the_same_notification_and_the_unread_count(
        make_user, notes, broadcasts):
    resident = make_user()
    notify([resident], "meeting.minutes_published", {"title": "会议"}, "/meetings/1")
    db.session.commit()
    _changed([resident], 1)
    _changed([resident], 2)
    pushes = [payload for room, event, payload in broadcasts
              if room == f"user:{resident.id}" and event == "notification"]
    assert [p["unread"] for p in pushes] == [1, 2, 2]
    assert [p["merged"] for p in pushes] == [False, False, True]
    assert pushes[1]["id"] == pushes[2]["id"] and pushes[2]["count"] == 2


def test_several_subjects_at_once_make_one_digest(make_user, notes):
    owner = make_user("worker")
    notify([owner], "actions.overdue", _data(1), "/actions/1", group="overdue",
           subjects=[1, 2, 3], digest_link="/c/x/actions?due=overdue")
    db.session.commit()
    [only] = notes(owner)
    assert only.data["count"] == 3 and only.link == "/c/x/actions?due=overdue"
    with force_locale("en"):
        assert text_of(only) == "3 of your action items are overdue."


def test_notifications_without_a_group_never_merge(make_user, notes):
    resident = make_user()
    for _ in range(3):
        notify([resident], "meeting.minutes_published", {"title": "会议"}, "/meetings/1")
    db.session.commit()
    assert len(notes(resident, "meeting.minutes_published")) == 3


def test_a_merged_notification_comes_first_in_the_list(client, login, make_user):
    resident = make_user()
    _changed([resident], 1)
    notify([resident], "meeting.minutes_published", {"title": "后来的会议"}, "/meetings/1")
    db.session.commit()
    _changed([resident], 2)
    login(resident)
    page = client.get("/notifications", headers={"Accept-Language": "en"}).get_data(
        as_text=True)
    assert page.index("2 action items of") < page.index("后来的会议")
    assert '<span class="count">2<span class="visually-hidden"> unread' in page
