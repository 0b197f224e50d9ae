"""A draft written together, in real Chromium at phone size: its author adds a photo and
invites a neighbour from the draft's page; the neighbour finds the invitation in their
notifications, reads the draft and accepts; the author publishes and both supports count.
The author's pages in Chinese, the neighbour's in English; every page fits the phone and
passes axe.

The draft is made over the API (its title carries the time), so runs do not depend on one
another.
"""

import itertools
import time

import pytest
from playwright.sync_api import expect

from tests.actions.conftest import png_bytes
from tests.browser.conftest import RESIDENTS_COUNCIL, assert_accessible, fits_the_phone, shoot

pytestmark = pytest.mark.browser

_serial = itertools.count(1)
PHOTO = {"name": "北门台阶.png", "mimeType": "image/png", "buffer": png_bytes(120, 80)}


def _check(page, name: str) -> None:
    assert fits_the_phone(page)
    assert_accessible(page)
    shoot(page, name)
    assert page.script_errors == []


def test_a_draft_with_a_photo_and_a_coauthor_is_published_with_both_supports(
        live_server, browser_page, api_as):
    title = f"北门台阶加装扶手（{time.strftime('%H%M%S')}{next(_serial)}）"
    api_as("worker", "PUT", f"/councils/{RESIDENTS_COUNCIL}/proposal-settings", {
        "threshold_kind": "absolute", "threshold_value": 50, "time_limit_days": 90,
        "answer_working_days": 15, "supports_public": False})
    draft = api_as("resident003", "POST", f"/councils/{RESIDENTS_COUNCIL}/proposals", {
        "title": title, "body": "北门的台阶又陡又滑，老人下雨天不敢走。", "category": "facilities"})
    url = f"{live_server.url}/proposals/{draft['id']}"

    # The author, in Chinese: a photo, then the neighbour's username.
    author = browser_page("zh-CN", user="resident003")
    author.goto(url)
    author.locator("input[type=file][name=photos]").set_input_files(PHOTO)
    with author.expect_navigation():
        author.get_by_role("button", name="添加照片").click()
    expect(author.locator("#proposal-photos img")).to_have_count(1)
    author.locator("#coauthors summary").click()
    author.get_by_label("对方的用户名").fill("resident004")
    with author.expect_navigation():
        author.get_by_role("button", name="邀请", exact=True).click()
    expect(author.locator("#coauthors")).to_contain_text("已邀请，尚未答复")
    _check(author, "coauthors-invited-zh")

    # The neighbour, in English, finds the invitation and reads the draft before accepting.
    neighbour = browser_page("en-US", user="resident004")
    neighbour.goto(f"{live_server.url}/notifications")
    with neighbour.expect_navigation():
        neighbour.locator("main a", has_text=title).first.click()
    expect(neighbour.locator("h1")).to_have_text(title)
    expect(neighbour.locator("#proposal-photos img")).to_have_count(1)
    expect(neighbour.locator("#coauthors")).to_contain_text("You are invited to co-author")
    _check(neighbour, "coauthors-invitation-en")
    with neighbour.expect_navigation():
        neighbour.get_by_role("button", name="Accept the invitation").click()
    expect(neighbour.locator("main")).to_contain_text(
        "You co-author this draft: you can edit it; its author publishes it.")
    expect(neighbour.get_by_role("button", name="Publish")).to_have_count(0)

    # The author publishes: the co-author's support counts with theirs.
    author.reload()
    expect(author.locator(".proposal-coauthors")).to_have_text("居民004")
    with author.expect_navigation():
        author.locator("#support, main").get_by_role("button", name="发布").first.click()
    expect(author.locator("#support")).to_contain_text("2 / 50 人支持")
    neighbour.reload()
    expect(neighbour.locator("#support")).to_contain_text("You co-author it: your support counts.")
    expect(neighbour.get_by_role("button", name="Withdraw my support")).to_have_count(0)
    _check(neighbour, "coauthors-published-en")
