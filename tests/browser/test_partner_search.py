"""Keyword search in real Chromium at phone size: a resident finds an offering by a Chinese
word typed without spaces, enrols, and the partner's request list (open in another browser
context) shows the enrolment without reloading. Screenshots in both languages.
"""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, fits_the_phone, shoot
from tests.browser.test_partners import (  # noqa: F401  (fixtures)
    _request_list,
    open_page,
    organization_id,
)

pytestmark = pytest.mark.browser


def test_a_chinese_keyword_finds_the_class_and_the_enrolment_shows_live(
        open_page, live_server, organization_id):  # noqa: F811
    partner = _request_list(open_page, live_server, organization_id, locale="en-US")
    resident = open_page("resident005", "zh-CN")
    resident.goto(f"{live_server.url}/c/xingfuli/services")
    resident.locator("input[name=q]").fill("手机")
    resident.locator("form[role=search] button[type=submit]").click()
    expect(resident.locator(".offering-card")).to_have_count(1)
    expect(resident.locator(".offering-card")).to_contain_text("长者智能手机课")
    assert fits_the_phone(resident)
    assert_accessible(resident)
    shoot(resident, "partners-search-zh")

    resident.get_by_role("link", name="长者智能手机课").click()
    session = resident.locator(".session").filter(
        has=resident.get_by_role("button", name="报名", exact=True)).first
    session.get_by_role("button", name="报名", exact=True).click()
    expect(resident.locator(".flash-success")).to_be_visible()

    row = partner.locator(".person-line", has_text="居民005").filter(
        has=partner.locator(".enrolment-enrolled"))
    expect(row.first).to_be_visible()
    assert partner.evaluate("performance.getEntriesByType('navigation').length") == 1
    shoot(partner, "partners-requests-en")


def test_an_english_visitor_searches_and_sees_no_match_explained(open_page, live_server):  # noqa: F811
    page = open_page("resident004", "en-US")
    page.goto(f"{live_server.url}/c/xingfuli/services?q=书法")
    expect(page.locator(".offering-card")).to_contain_text("少儿书法班")
    shoot(page, "partners-search-en")
    # English words find the Chinese offerings through the synonyms.
    page.locator("input[name=q]").fill("elderly")
    page.locator("form[role=search] button[type=submit]").click()
    expect(page.locator(".offering-card", has_text="独居老人结对探访")).to_be_visible()
    expect(page.locator(".offering-card", has_text="长者智能手机课")).to_be_visible()
    assert_accessible(page)
    shoot(page, "partners-search-elderly-en")
    page.locator("input[name=q]").fill("swimming")
    page.locator("form[role=search] button[type=submit]").click()
    expect(page.get_by_text("No service matches")).to_be_visible()
    expect(page.get_by_text("mostly written in Chinese")).to_be_visible()
    shoot(page, "partners-search-none-en")
    assert fits_the_phone(page)
    assert_accessible(page)


def test_staff_see_each_organizations_activity(open_page, live_server):  # noqa: F811
    for locale, name in (("zh-CN", "zh"), ("en-US", "en")):
        page = open_page("worker", locale)
        page.goto(f"{live_server.url}/c/xingfuli/organizations/activity")
        expect(page.locator(".activity-card")).to_have_count(4)
        shoot(page, f"partners-activity-{name}")


def test_the_partner_opens_the_item(open_page, live_server, organization_id):  # noqa: F811
    for locale, name in (("zh-CN", "zh"), ("en-US", "en")):
        page = open_page("partner", locale)
        page.goto(f"{live_server.url}/organizations/{organization_id}")
        page.get_by_role("link", name="招募长者食堂助餐志愿者").click()
        expect(page.locator(".carried-out-with")).to_contain_text("幸福里志愿者协会")
        expect(page.locator("#check-in textarea[name=note]")).to_be_visible()
        assert fits_the_phone(page)
        assert_accessible(page)
        shoot(page, f"partners-item-helped-{name}")
