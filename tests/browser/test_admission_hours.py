"""Workers' hours in real Chromium at phone size, in English and in Chinese: the demo's
worker logs an hour from the quick form, sees it among their entries and in the week's
sheet, and their own workload; every page fits the phone and passes axe."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, fits_the_phone, shoot

pytestmark = pytest.mark.browser

LANGUAGES = [("en-US", "en"), ("zh-CN", "zh")]


@pytest.mark.parametrize("locale, lang", LANGUAGES)
def test_a_worker_logs_an_hour_from_a_phone(live_server, browser_page, locale, lang):
    page = browser_page(locale, user="worker")
    page.goto(f"{live_server.url}/hours")
    assert fits_the_phone(page)
    assert_accessible(page)
    form = page.locator("form.quick-log")
    value = form.locator("select[name=target] option[value^='work_item:']").first.get_attribute(
        "value")
    form.locator("select[name=target]").select_option(value)
    form.locator("input[name=quick][value='60']").check()
    note = f"入户核对信息（{lang}）"
    form.locator("input[name=note]").fill(note)
    shoot(page, f"hours-quick-{lang}")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    expect(page.locator(".flash-info")).to_be_visible()
    expect(page.locator(".time-entry").first).to_contain_text(note)
    assert fits_the_phone(page)

    page.goto(f"{live_server.url}/hours/week")
    cell = page.locator(f"input[name^='cell-{value}-']").filter(has_not=page.locator("[disabled]"))
    expect(page.locator(f"input[name^='cell-{value}-']").first).to_be_attached()
    assert cell.count() >= 1
    assert fits_the_phone(page)
    assert_accessible(page)
    shoot(page, f"hours-week-{lang}")

    page.goto(f"{live_server.url}/hours/workload")
    expect(page.locator("svg[role=img] title").first).to_be_attached()
    assert fits_the_phone(page)
    assert_accessible(page)
    shoot(page, f"hours-workload-{lang}")
