"""Language: first guess from Accept-Language, then the browser's and the user's choice."""

import pytest

from govhub.extensions import db
from govhub.web.locale import LOCALE_COOKIE
from tests.conftest import csrf_token_from
from tests.helpers import PASSWORD


def _lang(response):
    html = response.get_data(as_text=True)
    return "zh-CN" if '<html lang="zh-CN">' in html else "en" if '<html lang="en">' in html else "?"


@pytest.mark.parametrize("header, expected", [
    ("zh-CN,zh;q=0.9,en;q=0.8", "zh-CN"),
    ("zh", "zh-CN"),
    ("en-US,en;q=0.9", "en"),
    ("fr-FR", "en"),
    ("", "en"),
])
def test_the_first_guess_comes_from_accept_language(client, header, expected):
    assert _lang(client.get("/login", headers={"Accept-Language": header})) == expected


def test_the_chinese_page_is_translated(client):
    html = client.get("/login", headers={"Accept-Language": "zh-CN"}).get_data(as_text=True)
    assert "登录" in html and "Sign in" not in html


def test_switching_language_is_remembered_by_the_browser(client, post_form):
    response = post_form("/language", {"locale": "zh_CN", "next": "/register"}, page="/login")
    assert response.status_code == 302 and response.headers["Location"] == "/register"
    assert LOCALE_COOKIE in response.headers["Set-Cookie"]
    assert _lang(client.get("/login", headers={"Accept-Language": "en"})) == "zh-CN"


def test_switching_language_is_remembered_for_the_user(app, client, login, post_form, make_user):
    user = make_user()
    login(user)
    post_form("/language", {"locale": "zh_CN"}, page="/account")
    db.session.expire(user)
    assert user.locale == "zh_CN"
    elsewhere = app.test_client()  # another browser, no cookie, English Accept-Language
    elsewhere.post("/login", data={"csrf_token": csrf_token_from(elsewhere.get("/login").get_data(
        as_text=True)), "username": user.username, "password": PASSWORD})
    assert _lang(elsewhere.get("/account", headers={"Accept-Language": "en"})) == "zh-CN"


def test_an_unknown_language_is_refused_and_nothing_changes(client, post_form):
    response = post_form("/language", {"locale": "xx"}, page="/login", follow_redirects=True)
    assert "That language is not available" in response.get_data(as_text=True)
    assert client.get_cookie(LOCALE_COOKIE) is None


def test_the_language_switch_never_redirects_off_site(post_form):
    response = post_form("/language", {"locale": "en", "next": "//evil.example/"}, page="/login")
    assert response.headers["Location"] == "/"
