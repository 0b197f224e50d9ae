"""Accounts through the browser's eyes: register, confirm, sign in and out, profile."""

import sqlalchemy as sa

from govhub.audit.models import AuditEvent
from govhub.auth.models import User
from govhub.extensions import db
from tests.helpers import PASSWORD


def _user(username):
    return db.session.scalar(sa.select(User).where(User.username == username))


def test_registration_creates_an_unconfirmed_resident_who_is_signed_in(client, post_form,
                                                                       community):
    response = post_form("/register", {
        "community": community.id, "username": "Lihua", "display_name": "李华",
        "password": "a long secret", "confirm": "a long secret",
    })
    assert response.status_code == 302
    user = _user("lihua")
    assert user.display_name == "李华" and user.community_id == community.id
    assert not user.is_confirmed
    assert "李华" in client.get("/").get_data(as_text=True)


def test_registration_with_a_taken_username_changes_nothing(post_form, community, make_user):
    make_user(username="taken")
    count = db.session.scalar(sa.select(sa.func.count(User.id)))
    response = post_form("/register", {
        "community": community.id, "username": "taken", "display_name": "Someone",
        "password": "a long secret", "confirm": "a long secret",
    })
    assert response.status_code == 200
    assert "taken" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == count


def test_login_without_csrf_token_is_refused(client, make_user):
    user = make_user()
    response = client.post("/login", data={"username": user.username, "password": PASSWORD})
    assert response.status_code == 400
    assert client.get("/account").status_code == 302  # still signed out


def test_login_with_the_right_password_signs_in(client, login, make_user):
    user = make_user(display_name="王芳")
    login(user)
    page = client.get("/account")
    assert page.status_code == 200
    assert "王芳" in page.get_data(as_text=True)
    assert _user(user.username).last_login_at is not None


def test_login_with_a_wrong_password_says_so_and_is_audited(client, csrf, make_user):
    user = make_user()
    response = client.post("/login", data={
        "csrf_token": csrf(), "username": user.username, "password": "not it at all"})
    assert response.status_code == 200
    assert "Wrong username or password" in response.get_data(as_text=True)
    assert client.get("/account").status_code == 302
    actions = db.session.scalars(sa.select(AuditEvent.action)).all()
    assert "user.login_failed" in actions


def test_login_of_an_unknown_user_gives_the_same_answer(client, csrf):
    response = client.post("/login", data={
        "csrf_token": csrf(), "username": "nobody", "password": "whatever it is"})
    assert response.status_code == 200
    assert "Wrong username or password" in response.get_data(as_text=True)


def test_failed_login_attempts_are_rate_limited(client, csrf, make_user):
    """Five failures for one account from one address; tests/auth/test_signin_limits.py has more."""
    user = make_user()
    token = csrf()
    statuses = [client.post("/login", data={"csrf_token": token, "username": user.username,
                                            "password": "wrong password"}).status_code
                for _ in range(6)]
    assert statuses == [200] * 5 + [429]


def test_login_redirects_only_to_local_next_urls(client, csrf, make_user):
    user = make_user()
    response = client.post("/login", data={"csrf_token": csrf(), "username": user.username,
                                           "password": PASSWORD, "next": "https://evil.example/"})
    assert response.headers["Location"] == "/"


def test_logout_signs_out(client, login, post_form, make_user):
    login(make_user())
    response = post_form("/logout", page="/account")
    assert response.status_code == 302
    assert client.get("/account").status_code == 302


def test_profile_update_saves_name_and_language(client, login, post_form, make_user):
    user = make_user()
    login(user)
    response = post_form("/account", {"profile-display_name": "  新 名字 ",
                                       "profile-locale": "zh_CN"})
    assert response.status_code == 302
    user = _user(user.username)
    assert user.display_name == "新 名字" and user.locale == "zh_CN"
    assert "我的账号" in client.get("/account").get_data(as_text=True)


def test_password_change_needs_the_current_password(client, login, post_form, make_user):
    user = make_user()
    login(user)
    response = post_form("/account/password", {
        "password-current_password": "not my password", "password-new_password": "brand new secret",
        "password-confirm": "brand new secret"}, page="/account")
    assert response.status_code == 200
    assert "current password is not right" in response.get_data(as_text=True)


def test_password_change_signs_out_other_browsers(app, client, login, post_form, make_user):
    user = make_user()
    other = app.test_client()
    login(user)
    other_page = other.get("/login").get_data(as_text=True)
    from tests.conftest import csrf_token_from
    other.post("/login", data={"csrf_token": csrf_token_from(other_page),
                               "username": user.username, "password": PASSWORD})
    assert other.get("/account").status_code == 200
    response = post_form("/account/password", {
        "password-current_password": PASSWORD, "password-new_password": "brand new secret",
        "password-confirm": "brand new secret"}, page="/account")
    assert response.status_code == 302
    assert client.get("/account").status_code == 200
    assert other.get("/account").status_code == 302
