"""The account page's signed-in devices, in a real browser at phone size."""

import pytest

from tests.browser.conftest import fits_the_phone, shoot
from tests.helpers import PASSWORD

pytestmark = pytest.mark.browser


def _sign_in(page, url: str, username: str) -> None:
    page.goto(url + "/login")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(lambda address: "/login" not in address)


@pytest.mark.parametrize("locale, everywhere", [("en-US", "Sign out everywhere"),
                                                ("zh-CN", "退出所有设备的登录")])
def test_sign_out_everywhere_from_the_phone_signs_the_other_browser_out(
        live_server, open_phone, locale, everywhere):
    phone, computer = open_phone(locale), open_phone(locale)
    for page in (phone, computer):
        _sign_in(page, live_server.url, "resident005")
    phone.goto(live_server.url + "/account")
    devices = phone.locator("#devices li")
    assert devices.count() >= 2
    assert fits_the_phone(phone)
    shoot(phone, f"account-devices-{locale}")
    phone.get_by_role("button", name=everywhere).click()
    phone.wait_for_url("**/login**")
    computer.goto(live_server.url + "/account")
    assert "/login" in computer.url
