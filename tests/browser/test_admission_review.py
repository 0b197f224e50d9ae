"""An admission request from department to catalogue, in real Chromium at phone size, in
English and in Chinese: the demo's officer (民政局) writes and submits a request, the
reviewer asks the communities, the demo community's worker gives its view, the reviewer
approves it with a condition, and the task appears in the community's public catalogue.
Each run's title carries a serial, so runs do not depend on one another."""

import itertools
import time

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, fits_the_phone, shoot

pytestmark = pytest.mark.browser

FLASH = ".flashes .flash-success"
_serial = itertools.count(1)


def _checked(page, name: str) -> None:
    assert fits_the_phone(page)
    assert_accessible(page)
    shoot(page, name)


def _press(page, action: str) -> None:
    with page.expect_navigation():
        page.locator(f"form[action$='/{action}'] button[type=submit]").click()
    expect(page.locator(FLASH)).to_be_visible()


@pytest.mark.parametrize("locale", ["en-US", "zh-CN"])
def test_a_request_is_submitted_heard_approved_and_catalogued(live_server, browser_page,
                                                              locale):
    lang = locale[:2]
    title = f"独居老人紧急呼叫设备登记（{time.strftime('%H%M%S')}{next(_serial)}{lang}）"

    # The officer reaches the form from the menu, writes the request and saves it.
    officer = browser_page(locale, user="officer")
    officer.goto(live_server.url + "/")
    officer.locator("summary").first.click()
    officer.locator("nav a[href='/admission/requests']").click()
    _checked(officer, f"admission-mine-{lang}")
    officer.locator("a[href='/admission/requests/new']").click()
    officer.locator("input[name=title]").fill(title)
    officer.locator("input[name=law]").fill("《中华人民共和国老年人权益保障法》")
    officer.locator("input[name=article]").fill("第三十条")
    officer.locator("textarea[name=why_not_itself]").fill("设备登记需入户，民政局没有人手")
    officer.locator("textarea[name=data_fields]").fill("姓名\n住址\n紧急联系人电话")
    officer.locator("input[name=hours_per_month]").fill("2")
    officer.locator("input[name=period_from]").fill("2027-01-01")
    officer.locator("textarea[name=resources]").fill("设备和安装费用由民政局承担")
    _checked(officer, f"admission-new-{lang}")
    with officer.expect_navigation():
        officer.locator("form.admission-form button[type=submit]").click()
    _checked(officer, f"admission-draft-{lang}")
    _press(officer, "submit")
    request_url = officer.url.split("#")[0]

    # The reviewer finds it in the queue and asks the communities for their view.
    reviewer = browser_page(locale, user="reviewer")
    reviewer.goto(live_server.url + "/admission/reviews")
    _checked(reviewer, f"admission-reviews-{lang}")
    reviewer.get_by_role("link", name=title).click()
    _press(reviewer, "consult")

    # The worker finds it from the menu and gives the community's view.
    worker = browser_page(locale, user="worker")
    worker.goto(live_server.url + "/")
    worker.locator("summary").first.click()
    worker.locator("nav a[href='/admission/community-requests']").click()
    worker.get_by_role("link", name=title).click()
    worker.locator("input[name=burden_hours]").fill("3")
    worker.locator("input[name=stance][value=support]").check()
    worker.locator("textarea[name=comment]").fill("可以承担，需提供设备清单")
    _checked(worker, f"admission-view-{lang}")
    _press(worker, "view")

    # The reviewer sees the view and approves with a condition.
    reviewer.goto(request_url)
    expect(reviewer.locator("#views")).to_contain_text("可以承担")
    reviewer.locator("input[name=decision][value=approve_with_conditions]").check()
    reviewer.locator("textarea[name=reasons]").fill("涉及独居老人安全，社区协助登记确有必要")
    reviewer.locator("textarea[name=conditions]").fill("设备清单须在事项开始前提供给社区")
    _checked(reviewer, f"admission-decide-{lang}")
    _press(reviewer, "decide")

    # Anyone now finds the task in the community's public catalogue.
    visitor = browser_page(locale)
    visitor.goto(live_server.url + "/c/xingfuli/work-items")
    expect(visitor.get_by_role("heading", name=title)).to_be_visible()
    expect(visitor.locator("main")).to_contain_text("设备清单须在事项开始前提供给社区")
    _checked(visitor, f"admission-catalogue-{lang}")
