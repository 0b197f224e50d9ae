"""A refused task recorded from a phone at 360 px, in English and in Chinese: the worker opens
the form from the menu, taps the department and the channel, says what was asked and gets
the reply to send back, citing the rule; both pages fit the phone and pass axe."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, fits_the_phone, shoot

pytestmark = pytest.mark.browser

LANGUAGES = [("en-US", "en", "Statistics Bureau"), ("zh-CN", "zh", "统计局")]


@pytest.mark.parametrize("locale, lang, department", LANGUAGES)
def test_a_worker_records_a_refusal_from_a_phone(browser_page, live_server, locale, lang,
                                                 department):
    page = browser_page(locale, user="worker")
    page.goto(live_server.url + "/")
    page.locator("summary").first.click()
    page.locator('a[href="/c/xingfuli/refusals/new"]').click()
    expect(page.locator("input[name=asked_on]")).not_to_have_value("")
    assert fits_the_phone(page)
    assert_accessible(page)
    shoot(page, f"refusal-form-{lang}")

    page.locator(".tile label", has_text=department).click()
    page.locator("label[for=channel-0]").click()  # the chat group
    page.locator("input[name=what]").fill(f"在工作群要求填报小微企业统计报表（{lang}）")
    page.locator("main form button[type=submit]").click()

    reply = page.locator("#reply-text")
    expect(reply).to_contain_text("《整治形式主义为基层减负若干规定》")
    expect(reply).to_contain_text(f"（{lang}）")
    expect(page.locator("[data-copy]")).to_be_visible()
    assert fits_the_phone(page)
    assert_accessible(page)
    assert page.script_errors == []
    shoot(page, f"refusal-answer-{lang}")
