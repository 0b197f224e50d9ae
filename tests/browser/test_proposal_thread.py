"""A proposal's deliberation in real Chromium at phone size, in both languages: residents
comment in Chinese with their stances, a fourth replies and reports another's a comment (after a
confirmation), its author edits it and the history shows what it said before, and the
community office hides one with a reason. Every page fits the phone and passes axe.

Each run writes its own proposal (its title carries a serial), so runs do not depend on one
another; the council's threshold is set high so that it keeps collecting supports.
"""

import itertools
import re
import time

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, fits_the_phone, publish_from_the_form, shoot

pytestmark = pytest.mark.browser

FLASH = ".flashes .flash-success"
_serial = itertools.count(1)


def _publish_proposal(live_server, open_phone, signed_in) -> str:
    """resident001 publishes a proposal to the first council (threshold 50): its URL."""
    author = open_phone("zh-CN", storage_state=signed_in("resident001"))
    author.goto(f"{live_server.url}/c/xingfuli/proposals")
    href = author.locator("a[href$='/proposals/new']").first.get_attribute("href")
    council_id = int(re.search(r"/councils/(\d+)/", href).group(1))
    worker = open_phone("en-US", storage_state=signed_in("worker"))
    worker.goto(f"{live_server.url}/councils/{council_id}/proposal-settings")
    worker.locator("select[name=threshold_kind]").select_option("absolute")
    worker.locator("input[name=threshold_value]").fill("50")
    worker.locator("input[name=time_limit_days]").fill("90")
    worker.locator("input[name=answer_working_days]").fill("15")
    with worker.expect_navigation():
        worker.locator("main form button[type=submit]").click()
    author.goto(f"{live_server.url}/councils/{council_id}/proposals/new")
    author.locator("input[name=title]").fill(
        f"小区东门增设无障碍坡道（{time.strftime('%H%M%S')}{next(_serial)}）")
    author.locator("textarea[name=body]").fill("轮椅和婴儿车进出东门很困难。")
    publish_from_the_form(author)
    expect(author.locator(FLASH)).to_contain_text("提议已发布")
    return author.url.split("#")[0]


def _comment(page, url: str, stance: str, body: str) -> None:
    page.goto(url)
    page.locator("#thread").get_by_label(stance, exact=True).check()
    page.locator("#comment-body").fill(body)
    _submit(page, page.locator("#thread .comment-form button[type=submit]"))


def _submit(page, button) -> None:
    """Post a form and wait for its message. (Chromium may follow a redirect that only adds
    a #comment-N to the page's own address without a new "load", so wait for the message,
    not for a navigation.)"""
    page.evaluate("document.querySelectorAll('.flashes').forEach(f => f.remove())")
    button.click()
    expect(page.locator(".flashes .flash")).to_be_visible()


def _check(page, name: str) -> None:
    assert fits_the_phone(page)
    assert_accessible(page)
    shoot(page, name)
    assert page.script_errors == []


def test_residents_deliberate_report_edit_and_the_office_hides(live_server, open_phone,
                                                               signed_in):
    url = _publish_proposal(live_server, open_phone, signed_in)

    # Three residents comment in Chinese, each with a stance.
    first = open_phone("zh-CN", storage_state=signed_in("resident002"))
    _comment(first, url, "支持", "支持！\n坡道最好在东门左侧，不挡车道。")
    expect(first.locator(FLASH)).to_contain_text("评论已发表")
    second = open_phone("zh-CN", storage_state=signed_in("resident003"))
    _comment(second, url, "反对", "<script>alert(1)</script>预算不够，先修路灯。")
    third = open_phone("en-US", storage_state=signed_in("resident004"))
    _comment(third, url, "Question", "Who pays for it, the property company?")
    thread = third.locator("#thread")
    expect(thread.locator(".stance-counts")).to_contain_text("For 1")
    expect(thread).to_contain_text("<script>alert(1)</script>预算不够")   # shown as text
    _check(third, "thread-en")

    # A fourth replies to the first comment, in Chinese.
    replier = open_phone("zh-CN", storage_state=signed_in("resident005"))
    replier.goto(url)
    first_comment = replier.locator("#thread .comments > li").first
    first_comment.locator(".reply-form > summary").click()
    first_comment.get_by_label(re.compile("^回复")).fill("同意，左侧更安全。")
    _submit(replier, first_comment.get_by_role("button", name="发表回复"))
    expect(replier.locator(FLASH)).to_contain_text("回复已发表")
    expect(replier.locator("#thread .replies")).to_contain_text("同意，左侧更安全。")
    assert re.search(r"#comment-\d+$", replier.url)

    # The same resident reports the second comment, after a confirmation.
    reporter = replier
    reporter.goto(url)
    reported = reporter.locator("#thread .comments > li").nth(1)
    reported.locator(".comment-tool > summary", has_text="举报").click()
    expect(reported).to_contain_text("三位居民举报后")
    reported.locator(".reply-form > summary").click()
    _check(reporter, "thread-zh-report-open")
    _submit(reporter, reported.get_by_role("button", name="确认举报"))
    expect(reporter.locator(FLASH)).to_contain_text("管理员会查看")
    expect(reporter.locator("#thread .comments > li").nth(1)).to_contain_text("你已举报")

    # The first commenter edits; the history keeps what it said.
    first.goto(url)
    with first.expect_navigation():
        first.locator("#thread .comment-tools a[href$='/edit']").first.click()
    expect(first.locator("h1")).to_have_text("修改你的评论")
    first.locator("textarea[name=body]").fill("有条件支持：坡道放东门左侧。")
    _submit(first, first.get_by_role("button", name="保存修改"))
    expect(first.locator(FLASH)).to_contain_text("评论已修改")
    with first.expect_navigation():
        first.locator("#thread a", has_text="已修改").first.click()
    expect(first.locator(".history")).to_contain_text("坡道最好在东门左侧")
    _check(first, "thread-history-zh")

    # The office hides the second comment with a reason; residents see the reason.
    worker = open_phone("en-US", storage_state=signed_in("worker"))
    worker.goto(url)
    hidden = worker.locator("#thread .comments > li").nth(1)
    hidden.locator(".comment-tool > summary", has_text="Hide").click()
    hidden.get_by_label("Reason residents will see").fill("Off topic")
    _submit(worker, hidden.get_by_role("button", name="Hide the comment"))
    expect(worker.locator("#thread")).to_contain_text("Hidden by moderators: Off topic")
    _check(worker, "thread-staff-en")
    reporter.goto(url)
    expect(reporter.locator("#thread")).to_contain_text("已被管理员隐藏：Off topic")
    expect(reporter.locator("#thread")).not_to_contain_text("预算不够")
    _check(reporter, "thread-zh")
