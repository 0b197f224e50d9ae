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
