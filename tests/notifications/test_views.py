"""A user's notifications: the list in their language, the unread count, marking read."""

import sqlalchemy as sa

from govhub.extensions import db
from govhub.notifications.models import Notification
from govhub.notifications.services import notify

EN = {"Accept-Language": "en"}


def _notify(user, title="加装电梯议事会", link="/meetings/1"):
    notify([user], "meeting.minutes_published", {"title": title, "meeting_id": 1}, link=link)
    db.session.commit()


def test_the_list_shows_each_notification_in_the_readers_language(client, login, make_user):
    user = make_user()
    _notify(user)
    login(user)
    page = client.get("/notifications", headers=EN).get_data(as_text=True)
    assert "The minutes of 加装电梯议事会 are published." in page
    assert 'href="/meetings/1"' in page


def test_the_newest_notification_comes_first(client, login, make_user):
    user = make_user()
    _notify(user, title="Older")
    _notify(user, title="Newer")
    login(user)
    page = client.get("/notifications", headers=EN).get_data(as_text=True)
    assert page.index("Newer") < page.index("Older")


def test_nobody_reads_anyone_elses_notifications(client, login, make_user):
    _notify(make_user(), title="Not yours")
    login(make_user())
    assert "Not yours" not in client.get("/notifications").get_data(as_text=True)


def test_the_header_shows_how_many_are_unread(client, login, make_user):
    user = make_user()
    _notify(user)
    _notify(user)
    login(user)
    page = client.get("/", headers=EN).get_data(as_text=True)
    assert '<span class="count">2<span class="visually-hidden"> unread</span></span>' in page


def test_marking_all_read_clears_the_count(client, login, post_form, make_user):
    user = make_user()
    _notify(user)
    login(user)
    response = post_form("/notifications/read", page="/notifications")
    assert response.status_code == 302
    unread = db.session.scalar(sa.select(sa.func.count(Notification.id)).where(
        Notification.user_id == user.id, Notification.read_at.is_(None)))
    assert unread == 0
    assert 'class="count"' not in client.get("/").get_data(as_text=True)


def test_unread_notifications_are_marked_as_new(client, login, make_user):
    user = make_user()
    _notify(user)
    login(user)
    assert 'class="card notification unread"' in client.get("/notifications").get_data(
        as_text=True)


def test_a_link_to_another_site_is_not_offered(client, login, make_user):
    user = make_user()
    _notify(user, link="https://evil.example/phish")
    login(user)
    assert "evil.example" not in client.get("/notifications").get_data(as_text=True)


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get("/notifications")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


def test_a_scheduled_meeting_names_the_council_in_the_readers_language(client, login,
                                                                       make_meeting):
    meeting = make_meeting("scheduled")  # 居民议事会, in English "Residents' council"
    member = meeting.council.test_members[1]
    login(member)
    english = client.get("/notifications", headers=EN).get_data(as_text=True)
    assert "Residents&#39; council will meet: 加装电梯议事会" in english
    assert "居民议事会" not in english
    client.post("/language", data={"csrf_token": _csrf(client), "locale": "zh_CN",
                                   "next": "/"})
    chinese = client.get("/notifications").get_data(as_text=True)
    assert "居民议事会" in chinese and "Residents&#39; council" not in chinese


def test_dates_are_written_out_not_in_the_short_numeric_form(client, login, make_meeting):
    import re

    meeting = make_meeting("scheduled")
    login(meeting.council.test_members[1])
    page = client.get("/notifications", headers=EN).get_data(as_text=True)
    assert not re.search(r"\b\d{1,2}/\d{1,2}/\d{2}\b", page)  # not "12/7/26"
    months = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
    assert len(re.findall(rf"\b(?:{months}) \d{{1,2}}, \d{{4}}, \d{{1,2}}:\d\d\s[AP]M", page)) == 2


def _csrf(client) -> str:
    import re

    page = client.get("/notifications").get_data(as_text=True)
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
