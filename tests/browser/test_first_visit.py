"""A visitor's first minutes, in a real browser at phone size."""

import pytest

from tests.browser.conftest import assert_accessible
from tests.helpers import PASSWORD

pytestmark = pytest.mark.browser


def test_a_visitor_switches_to_chinese_and_signs_in_as_a_resident(live_server, phone, screenshot):
    phone.goto(live_server.url + "/")
    assert phone.locator("h1").inner_text() == "Xingfuli Community"
    screenshot("home-en")
    assert_accessible(phone)

    phone.get_by_role("button", name="简体中文").click()
    phone.wait_for_url(live_server.url + "/")
    assert phone.locator("html").get_attribute("lang") == "zh-CN"
    assert phone.locator("h1").inner_text() == "幸福里社区"
    screenshot("home-zh")
    assert_accessible(phone)

    phone.get_by_role("link", name="登录").first.click()
    phone.get_by_label("用户名").fill("resident001")
    phone.get_by_label("密码").fill(PASSWORD)
    screenshot("login-zh")
    phone.locator("form.login button[type=submit], main form button[type=submit]").first.click()

    phone.wait_for_url(live_server.url + "/**")
    phone.locator(".site-menu summary").filter(has_text="菜单").click()  # signing out: the menu
    assert phone.get_by_role("button", name="退出登录").is_visible()
    assert "居民" in phone.locator("main").inner_text()
    screenshot("signed-in-zh")


def test_the_page_fits_a_phone_without_sideways_scrolling(live_server, phone):
    for path in ("/", "/login", "/register"):
        phone.goto(live_server.url + path)
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, (path, width)
        assert_accessible(phone)


def test_a_wrong_password_is_explained_in_the_page(live_server, phone):
    phone.goto(live_server.url + "/login")
    phone.get_by_label("Username").fill("resident001")
    phone.get_by_label("Password").fill("not the password")
    phone.locator("main form button[type=submit]").first.click()
    assert phone.get_by_text("Wrong username or password").is_visible()


def test_the_keyboard_reaches_the_sign_in_form(live_server, phone):
    phone.goto(live_server.url + "/login")
    phone.keyboard.press("Tab")
    focused = phone.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to content"


def test_too_many_wrong_passwords_are_refused_saying_how_long_to_wait(live_server, phone):
    """A name nobody has (counted like a real one), so no other test's account is held back."""
    for attempt in range(6):
        phone.goto(live_server.url + "/login")
        phone.get_by_label("Username").fill("nobody-at-the-door")
        phone.get_by_label("Password").fill(f"guess number {attempt}")
        phone.locator("main form button[type=submit]").first.click()
        phone.wait_for_load_state()
    assert phone.get_by_text("Too many failed sign-ins. Try again in 5 minutes.").is_visible()
    assert phone.get_by_label("Username").is_visible()  # the form stays, to try again later
