"""The audit trail in real Chromium at phone size, in English and Chinese: a community worker
finds it in the menu, filters it by action, reads the events in words, and the page fits the
phone and passes axe's WCAG 2.1 AA rules."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, fits_the_phone, shoot

pytestmark = pytest.mark.browser

WORDS = {
    "en": {"heading": "Audit trail", "menu": "Menu", "signed_in": "Signed in",
           "show": "Show"},
    "zh": {"heading": "操作记录", "menu": "菜单", "signed_in": "登录", "show": "查看"},
}


@pytest.mark.parametrize("locale, lang", [("en-US", "en"), ("zh-CN", "zh")])
def test_a_worker_reads_the_audit_trail_on_a_phone(live_server, browser_page, locale, lang):
    words = WORDS[lang]
    page = browser_page(locale, user="worker")
    page.goto(live_server.url + "/")
    page.locator("summary", has_text=words["menu"]).click()
    page.get_by_role("link", name=words["heading"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(words["heading"])
    expect(page.locator(".audit-event").first).to_be_visible()
    assert fits_the_phone(page)
    assert_accessible(page)

    page.locator("select[name=action]").select_option("user.login")
    page.get_by_role("button", name=words["show"]).click()
    page.wait_for_url(lambda url: "action=user.login" in url)
    heads = page.locator(".audit-event .audit-head")
    expect(heads.first).to_have_text(words["signed_in"])
    assert set(heads.all_inner_texts()) == {words["signed_in"]}
    assert fits_the_phone(page)
    assert_accessible(page)
    shoot(page, f"audit-{lang}")
    assert page.script_errors == []
