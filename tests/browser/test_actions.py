"""Action items in real Chromium at phone size: a worker posts a check-in with a photo from
the item's page, then a visitor who is not signed in sees it, photo and all, on the public
pages; in English and in Chinese.

The demo's item on leafleting for waste sorting is found from the public record's links.
Each run adds its own check-in (with its own note), so the stories do not depend on order.
"""


import pytest
from playwright.sync_api import expect

from govhub.demo.actions import picture
from tests.browser.conftest import assert_accessible, fits_the_phone, shoot
from tests.helpers import PASSWORD

pytestmark = pytest.mark.browser

ITEM = "定时定点投放宣传入户"
LANGUAGES = [("en-US", "en"), ("zh-CN", "zh")]


def _sign_in(page, server, username: str) -> None:
    page.goto(server.url + "/login")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(lambda url: "/login" not in url)


@pytest.mark.parametrize("locale, lang", LANGUAGES)
def test_a_worker_checks_in_with_a_photo_and_a_visitor_sees_it(live_server, open_phone,
                                                               locale, lang):
    worker = open_phone(locale)
    _sign_in(worker, live_server, "worker")
    worker.goto(f"{live_server.url}/c/xingfuli/work")
    assert fits_the_phone(worker)
    assert_accessible(worker)
    shoot(worker, f"actions-dashboard-{lang}")

    worker.goto(f"{live_server.url}/c/xingfuli/results")
    worker.get_by_role("link", name=ITEM).first.click()
    item_url = worker.url
    note = f"3号楼入户讲解完成，共 48 户（{lang}）"
    form = worker.locator("#check-in form")
    form.locator("textarea[name=note]").fill(note)
    form.locator("input[name=progress]").fill("65")
    # Leave the number field: Chromium scrolls a focused field back into view after the
    # full-page screenshot resizes the page, which would move the button under the click.
    form.locator("input[name=progress]").press("Tab")
    form.locator("input[name=files]").set_input_files(
        {"name": "入户宣传.png", "mimeType": "image/png", "buffer": picture("notice")})
    shoot(worker, f"actions-check-in-{lang}")
    with worker.expect_navigation():
        form.locator("button[type=submit]").click()
    assert worker.url.endswith("#timeline")
    expect(worker.locator(".flash-success")).to_be_visible()
    newest = worker.locator(".timeline-entry").first
    expect(newest).to_contain_text(note)
    expect(newest.locator("img.evidence-thumb")).to_be_visible()
    assert fits_the_phone(worker)
    assert_accessible(worker)
    shoot(worker, f"actions-item-worker-{lang}")
    assert worker.script_errors == []

    visitor = open_phone(locale)
    visitor.goto(item_url)
    assert visitor.locator("a[href='/login']").first.is_visible()   # not signed in
    entry = visitor.locator(".timeline-entry", has_text=note)
    expect(entry).to_be_visible()
    photo = entry.locator("img.evidence-thumb")
    expect(photo).to_be_visible()
    photo.scroll_into_view_if_needed()
    visitor.wait_for_function("img => img.complete && img.naturalWidth > 0",
                              arg=photo.element_handle())
    assert visitor.locator("#check-in").count() == 0                  # no form for visitors
    expect(visitor.locator("#item-progress")).to_have_attribute("value", "65")
    assert fits_the_phone(visitor)
    assert_accessible(visitor)
    shoot(visitor, f"actions-item-public-{lang}")

    visitor.goto(f"{live_server.url}/c/xingfuli/results")
    card = visitor.locator(".action-card", has_text=ITEM).first
    expect(card.locator("progress")).to_have_attribute("value", "65")
    assert fits_the_phone(visitor)
    assert_accessible(visitor)
    shoot(visitor, f"actions-results-public-{lang}")
    assert visitor.script_errors == []


@pytest.mark.parametrize("locale, lang", LANGUAGES)
def test_the_public_pages_fit_a_phone(live_server, open_phone, locale, lang):
    visitor = open_phone(locale)
    for path in ("/c/xingfuli/results", "/c/xingfuli/actions?status=blocked"):
        visitor.goto(live_server.url + path)
        assert fits_the_phone(visitor)
        assert_accessible(visitor)
    visitor.goto(live_server.url + "/c/xingfuli/results")
    visitor.get_by_role("link", name="3号楼南侧充电桩安装").first.click()
    expect(visitor.locator(".timeline-change").first).to_be_visible()
    assert fits_the_phone(visitor)
    assert_accessible(visitor)
    shoot(visitor, f"actions-reopened-item-{lang}")
