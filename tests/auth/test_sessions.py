"""Signed-in browsers are kept on the server: signing out ends them for good, copies included."""

import re
from datetime import timedelta

import sqlalchemy as sa

from govhub.auth.models import ApiToken, UserSession
from govhub.core.models import utcnow
from govhub.extensions import db
from tests.conftest import csrf_token_from
from tests.helpers import PASSWORD


def _cookies(client) -> dict[str, str]:
    return {name: client.get_cookie(name).value
            for name in ("session", "remember_token") if client.get_cookie(name)}


def _browser_with(app, cookies: dict[str, str]):
    """Another browser, holding copies of these cookies."""
    thief = app.test_client()
    for name, value in cookies.items():
        thief.set_cookie(name, value)
    return thief


def _signed_in_browser(app, user, remember: bool = False, user_agent: str | None = None):
    browser = app.test_client()
    if user_agent:
        browser.environ_base["HTTP_USER_AGENT"] = user_agent
    page = browser.get("/login").get_data(as_text=True)
    data = {"csrf_token": csrf_token_from(page), "username": user.username, "password": PASSWORD}
    if remember:
        data["remember"] = "y"
    assert browser.post("/login", data=data).status_code == 302
    return browser


def _post(browser, path: str, page: str = "/account"):
    token = csrf_token_from(browser.get(page).get_data(as_text=True))
    return browser.post(path, data={"csrf_token": token})


def test_a_copied_cookie_opens_nothing_after_sign_out(app, make_user):
    browser = _signed_in_browser(app, make_user())
    copied = _cookies(browser)
    assert _post(browser, "/logout").status_code == 302
    assert _browser_with(app, copied).get("/account").status_code == 302


def test_a_copied_remember_me_cookie_does_not_bring_a_signed_out_session_back(app, make_user):
    browser = _signed_in_browser(app, make_user(), remember=True)
    copied = _cookies(browser)
    _post(browser, "/logout")
    thief = _browser_with(app, copied)
    assert thief.get("/account").status_code == 302
    thief.delete_cookie("session")  # a browser that restarted keeps only what was to last
    assert thief.get("/account").status_code == 302


def test_keep_me_signed_in_makes_the_session_cookie_outlast_the_browser(app, make_user):
    user = make_user()
    remembered = _signed_in_browser(app, user, remember=True).get_cookie("session")
    for_now = _signed_in_browser(app, user).get_cookie("session")
    assert remembered.expires is not None and for_now.expires is None


def test_only_a_hash_of_the_session_key_is_stored(app, make_user):
    from flask.sessions import SecureCookieSessionInterface

    user = make_user()
    browser = _signed_in_browser(app, user)
    serializer = SecureCookieSessionInterface().get_signing_serializer(app)
    key = serializer.loads(browser.get_cookie("session").value)["govhub_session"]
    stored = db.session.scalar(sa.select(UserSession).where(UserSession.user_id == user.id))
    assert key not in (stored.key_hash, stored.device) and len(stored.key_hash) == 64


def test_a_session_unseen_for_its_lifetime_has_ended(app, make_user):
    user = make_user()
    browser = _signed_in_browser(app, user)
    stored = db.session.scalar(sa.select(UserSession).where(UserSession.user_id == user.id))
    stored.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert browser.get("/account").status_code == 302


def test_a_browser_seen_again_keeps_its_session_alive(app, make_user):
    user = make_user()
    browser = _signed_in_browser(app, user)
    stored = db.session.scalar(sa.select(UserSession).where(UserSession.user_id == user.id))
    stored.last_seen_at = stored.last_seen_at - timedelta(days=3)
    stored.expires_at = stored.expires_at - timedelta(days=3)
    db.session.commit()
    assert browser.get("/account").status_code == 200
    db.session.refresh(stored)
    assert stored.expires_at > utcnow() + timedelta(days=13)


def test_sign_out_everywhere_ends_another_browsers_session(app, make_user):
    user = make_user()
    phone, computer = _signed_in_browser(app, user), _signed_in_browser(app, user)
    response = _post(computer, "/account/sign-out-everywhere")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    assert phone.get("/account").status_code == 302
    assert computer.get("/account").status_code == 302


def test_sign_out_everywhere_leaves_api_tokens_alone(app, make_user, make_token):
    user = make_user()
    token = make_token(user)
    _post(_signed_in_browser(app, user), "/account/sign-out-everywhere")
    me = app.test_client().get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200


def test_the_account_page_lists_the_devices_and_tokens(app, make_user, make_token):
    user = make_user()
    make_token(user)
    _signed_in_browser(app, user, user_agent=(
        "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36 "
        "MicroMessenger/8.0.47"))
    page = _signed_in_browser(app, user).get("/account").get_data(as_text=True)
    assert "WeChat on Android" in page and "This device" in page
    assert "Sign out everywhere" in page and "gh_" in page
    # the lists are the page's content, once, not also inside its <title>
    assert "<title>Your account" in page and page.count('id="devices"') == 1
    assert not re.search(r"\b\d{1,2}/\d{1,2}/\d{2}\b", page)  # dates as everywhere, not 12/7/26


def test_one_device_is_signed_out_from_the_account_page(app, make_user):
    user = make_user()
    phone, computer = _signed_in_browser(app, user), _signed_in_browser(app, user)
    sessions = db.session.scalars(sa.select(UserSession).where(UserSession.user_id == user.id)
                                  .order_by(UserSession.id)).all()
    assert _post(computer, f"/account/sessions/{sessions[0].id}/end").status_code == 302
    assert phone.get("/account").status_code == 302
    assert computer.get("/account").status_code == 200


def test_another_users_device_cannot_be_signed_out(app, make_user):
    victim, other = make_user(), make_user()
    _signed_in_browser(app, victim)
    theirs = db.session.scalar(sa.select(UserSession).where(UserSession.user_id == victim.id))
    response = _post(_signed_in_browser(app, other), f"/account/sessions/{theirs.id}/end")
    assert response.status_code == 404
    db.session.refresh(theirs)
    assert theirs.revoked_at is None


def test_a_token_is_revoked_from_the_account_page(app, make_user, make_token):
    user = make_user()
    token = make_token(user)
    stored = db.session.scalar(sa.select(ApiToken).where(ApiToken.user_id == user.id))
    assert _post(_signed_in_browser(app, user),
                 f"/account/tokens/{stored.id}/revoke").status_code == 302
    me = app.test_client().get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 401


def test_another_users_token_cannot_be_revoked(app, make_user, make_token):
    victim = make_user()
    make_token(victim)
    stored = db.session.scalar(sa.select(ApiToken).where(ApiToken.user_id == victim.id))
    response = _post(_signed_in_browser(app, make_user()), f"/account/tokens/{stored.id}/revoke")
    assert response.status_code == 404
    db.session.refresh(stored)
    assert stored.revoked_at is None


def test_changing_the_password_keeps_this_browser_and_ends_a_copy_of_the_others(app, make_user):
    user = make_user()
    phone, computer = _signed_in_browser(app, user), _signed_in_browser(app, user)
    copied = _cookies(phone)
    page = computer.get("/account").get_data(as_text=True)
    computer.post("/account/password", data={
        "csrf_token": csrf_token_from(page), "password-current_password": PASSWORD,
        "password-new_password": "brand new secret", "password-confirm": "brand new secret"})
    assert computer.get("/account").status_code == 200
    assert _browser_with(app, copied).get("/account").status_code == 302
