"""Merging a duplicate proposal in real Chromium at phone size: the office proposes the merge
from the duplicate's page, each author accepts from a page they find (the notification, the
council's list), and the merged proposal's page points to the one it joined, which counts
the supports carried over, each person once. An author's refusal moves nothing. One author
reads in Chinese, the other in English; every page fits the phone and passes axe.

The proposals are published over the API (their titles carry the time), so runs do not
depend on one another; the threshold is high, so they keep collecting supports.
"""

import itertools
import time

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, fits_the_phone, proposal_over_api, shoot

pytestmark = pytest.mark.browser

FLASH = ".flashes .flash-success"
_serial = itertools.count(1)


def _titles() -> tuple[str, str]:
    """(the duplicate's title, the title of the one it joins), new for each run."""
    stamp = f"{time.strftime('%H%M%S')}{next(_serial)}"
    return f"北门放个快递柜吧（{stamp}）", f"在小区北门增设智能快递柜（{stamp}）"


def _check(page, name: str) -> None:
    assert fits_the_phone(page)
    assert_accessible(page)
    shoot(page, name)
    assert page.script_errors == []


def _propose_the_merge(worker, url: str, target_title: str) -> None:
    """The office, on the duplicate's page, picks the proposal it joins and says why."""
    worker.goto(url)
    form = worker.locator("#merge")
    expect(form.locator("h2")).to_have_text("Propose a merge into…")
    form.get_by_label("Merge into").select_option(label=target_title)
    form.get_by_label("Why they are the same (shown to the authors)").fill(
        "Both ask for a parcel locker at the north gate.")
    _check(worker, "merge-propose-en")
    with worker.expect_navigation():
        form.get_by_role("button", name="Propose the merge").click()
    expect(worker.locator(FLASH)).to_contain_text("The merge is proposed; the authors are asked.")


def _from_the_notification(author, server, source_title: str) -> None:
    """An author opens the notification of the proposed merge (from the menu's link)."""
    author.goto(server.url + "/")
    with author.expect_navigation():
        author.locator(".notifications-link").first.click()
    with author.expect_navigation():
        author.locator(".notification a", has_text=source_title).first.click()


def test_both_authors_accept_and_the_supports_join_counted_once(live_server, browser_page,
                                                                 api_as):
    source_title, target_title = _titles()
    # The duplicate: its author and two supporters; the other: its author and one of them.
    target_id = proposal_over_api(api_as, "resident002", target_title,
                                  supporters=("resident005",))
    source_id = proposal_over_api(api_as, "resident003", source_title,
                                  supporters=("resident004", "resident005"))
    source_url = f"{live_server.url}/proposals/{source_id}"

    worker = browser_page("en-US", user="worker")
    _propose_the_merge(worker, source_url, target_title)
    pending = worker.locator("#merge")
    expect(pending.locator(".proposal-merge")).to_have_text(
        f"The office proposes to merge {source_title} into {target_title}.")
    expect(pending.get_by_role("button", name="Cancel the merge")).to_be_visible()
    expect(pending.get_by_role("button", name="Accept the merge")).to_have_count(0)
    _check(worker, "merge-pending-office-en")

    # The duplicate's author, in Chinese, from the notification.
    source_author = browser_page("zh-CN", user="resident003")
    _from_the_notification(source_author, live_server, source_title)
    assert source_author.url.split("#")[0] == source_url
    merge = source_author.locator("#merge")
    expect(merge.locator("h2")).to_have_text("待定的合并")
    expect(merge).to_contain_text("Both ask for a parcel locker at the north gate.")
    _check(source_author, "merge-pending-author-zh")
    with source_author.expect_navigation():
        merge.get_by_role("button", name="同意合并").click()
    expect(source_author.locator(FLASH)).to_contain_text("您已同意合并。")
    expect(source_author.locator("#merge").get_by_role("button", name="同意合并")).to_have_count(0)
    expect(source_author.locator("#support")).to_contain_text("3 / 50 人支持")  # not yet

    # The other author, in English, finds their own proposal in the council's list.
    target_author = browser_page("en-US", user="resident002")
    target_author.goto(f"{live_server.url}/c/xingfuli/proposals?sort=newest")
    with target_author.expect_navigation():
        target_author.get_by_role("link", name=target_title).click()
    expect(target_author.locator("h1")).to_have_text(target_title)
    expect(target_author.locator("#support")).to_contain_text("2 of 50 supports")
    with target_author.expect_navigation():
        target_author.locator("#merge").get_by_role("button", name="Accept the merge").click()
    expect(target_author.locator(FLASH)).to_contain_text("You accepted the merge.")

    # Their proposal now counts both: resident002, resident005 (once), resident003, resident004.
    expect(target_author.locator("h1")).to_have_text(target_title)
    expect(target_author.locator("#support")).to_contain_text("4 of 50 supports")
    joined = target_author.locator("#joined-by")
    expect(joined.locator("h2")).to_have_text("Joined by")
    expect(target_author.locator("#merge")).to_have_count(0)
    _check(target_author, "merge-target-en")

    # The merged proposal's page says where it went and links there.
    with target_author.expect_navigation():
        joined.get_by_role("link", name=source_title).click()
    expect(target_author.locator("h1")).to_have_text(source_title)
    expect(target_author.locator(".proposal-state")).to_have_text("Merged into another proposal")
    merged_into = target_author.locator("dt", has_text="Merged into").locator("+ dd a")
    expect(merged_into).to_have_text(target_title)
    expect(merged_into).to_have_attribute("href", f"/proposals/{target_id}")
    _check(target_author, "merge-source-merged-en")
    with target_author.expect_navigation():
        merged_into.click()
    expect(target_author.locator("h1")).to_have_text(target_title)

    # The same in Chinese, for the duplicate's author.
    source_author.goto(source_url)
    expect(source_author.locator("dt", has_text="已并入").locator("+ dd a")).to_have_text(
        target_title)
    expect(source_author.get_by_role("button", name="支持这条提议")).to_have_count(0)
    _check(source_author, "merge-source-merged-zh")


def test_an_author_refuses_and_nothing_moves(live_server, browser_page, api_as):
    source_title, target_title = _titles()
    target_id = proposal_over_api(api_as, "resident004", target_title)
    source_id = proposal_over_api(api_as, "resident005", source_title,
                                  supporters=("resident001",))
    source_url = f"{live_server.url}/proposals/{source_id}"
    worker = browser_page("en-US", user="worker")
    _propose_the_merge(worker, source_url, target_title)

    # The other proposal's author, in Chinese, refuses from the notification.
    author = browser_page("zh-CN", user="resident004")
    _from_the_notification(author, live_server, source_title)
    with author.expect_navigation():
        author.locator("#merge").get_by_role("button", name="拒绝合并").click()
    expect(author.locator(FLASH)).to_contain_text("您已拒绝合并：一切保持不变。")
    expect(author.locator("#merge")).to_have_count(0)
    expect(author.locator("#support")).to_contain_text("2 / 50 人支持")
    _check(author, "merge-refused-zh")

    # The duplicate's author is asked nothing more; both proposals are as they were.
    other = browser_page("en-US", user="resident005")
    other.goto(source_url)
    expect(other.locator(".proposal-state")).to_have_text("Collecting supports")
    expect(other.locator("#merge")).to_have_count(0)
    expect(other.locator("dt", has_text="Merged into")).to_have_count(0)
    expect(other.locator("#support")).to_contain_text("2 of 50 supports")
    other.goto(f"{live_server.url}/proposals/{target_id}")
    expect(other.locator("#support")).to_contain_text("1 of 50 supports")
    expect(other.locator("#joined-by")).to_have_count(0)
    _check(other, "merge-refused-target-en")
