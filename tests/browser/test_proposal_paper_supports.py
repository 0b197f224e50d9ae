"""Paper supports in real Chromium at phone size: the community office types in a signature
sheet from the proposal's page and adds its photo; the count goes up, and a signer who
already supports online is counted once (the page says which line). A resident sees no way
to the form, and its address and the sheet's are refused. The office's pages in Chinese and
in English, the resident's in English; every page fits the phone and passes axe.

The proposal is published over the API (its title carries the time), so runs do not depend
on one another; the threshold is high, so it keeps collecting supports.
"""

import itertools
import re
import time

import pytest
from playwright.sync_api import expect

from tests.actions.conftest import png_bytes
from tests.browser.conftest import assert_accessible, fits_the_phone, proposal_over_api, shoot

pytestmark = pytest.mark.browser

_serial = itertools.count(1)
SHEET = {"name": "签名表.png", "mimeType": "image/png", "buffer": png_bytes()}


def _check(page, name: str) -> None:
    assert fits_the_phone(page)
    assert_accessible(page)
    shoot(page, name)
    assert page.script_errors == []


def _record(page, lines: str, button: str) -> None:
    page.locator("input[type=file][name=sheet]").set_input_files(SHEET)
    page.locator("textarea[name=lines]").fill(lines)
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()


def test_the_office_records_a_sheet_and_each_person_counts_once(live_server, browser_page,
                                                                api_as):
    title = f"北门增设快递柜（{time.strftime('%H%M%S')}{next(_serial)}）"
    proposal_id = proposal_over_api(api_as, "resident001", title, supporters=("resident002",))
    url = f"{live_server.url}/proposals/{proposal_id}"

    # The office, in Chinese, goes from the proposal's page to the sheet's form.
    worker = browser_page("zh-CN", user="worker")
    worker.goto(url)
    expect(worker.locator("#support")).to_contain_text("2 / 50 人支持")
    with worker.expect_navigation():
        worker.get_by_role("link", name="从签名表录入纸质支持").click()
    expect(worker.locator("h1")).to_have_text("纸质支持")
    expect(worker.locator("main")).to_contain_text("目前支持人数：2。")
    _check(worker, "paper-form-zh")

    # Three lines: two new signers, and resident002 (who supports online) by username.
    _record(worker, "王丽, 3号楼2单元201\n张伟，5-101\n李四, 2-202, resident002", "录入支持")
    result = worker.locator("#result")
    expect(result.locator("h2")).to_have_text("签名表已录入")
    expect(result).to_contain_text("计入了 2 个支持。")
    expect(result).to_contain_text("以下已计入，不再重复计数：")
    expect(result.locator("li")).to_have_text(["第 3 行：李四"])
    expect(worker.locator("main")).to_contain_text("目前支持人数：4。")
    sheet_link = worker.locator("a", has_text="签名表.png")
    expect(sheet_link).to_have_count(1)
    sheet_href = sheet_link.get_attribute("href")
    assert re.fullmatch(rf"/proposals/{proposal_id}/paper-supports/sheets/\d+", sheet_href)
    _check(worker, "paper-result-zh")
    with worker.expect_navigation():
        worker.locator("nav.crumbs a", has_text=title).click()
    expect(worker.locator("#support")).to_contain_text("4 / 50 人支持")

    # In English, a second sheet with the same person written a little differently.
    office = browser_page("en-US", user="worker")
    office.goto(url)
    with office.expect_navigation():
        office.get_by_role("link", name="Record paper supports from a signature sheet").click()
    _record(office, "王丽 ,  3号楼2单元201\n赵六, 7-303", "Record the supports")
    result = office.locator("#result")
    expect(result).to_contain_text("1 support counted.")
    expect(result).to_contain_text("Already counted, so not counted again:")
    expect(result.locator("li")).to_have_text(["Line 1: 王丽"])
    expect(office.locator("main")).to_contain_text("Supports so far: 5.")
    expect(office.locator("a", has_text="签名表.png")).to_have_count(2)
    _check(office, "paper-result-en")

    # A resident (not the office) has no link to the form; its address and the sheet's are
    # refused, and nothing was counted by trying.
    resident = browser_page("en-US", user="resident003")
    resident.goto(url)
    expect(resident.locator("#support")).to_contain_text("5 of 50 supports")
    expect(resident.get_by_role("link", name=re.compile("paper supports"))).to_have_count(0)
    expect(resident.locator("a[href$='/paper-supports']")).to_have_count(0)
    _check(resident, "paper-resident-en")
    refused = resident.goto(f"{url}/paper-supports")
    assert refused.status == 403
    expect(resident.locator("main")).to_contain_text(
        "Only the community's office records paper supports.")
    expect(resident.locator("textarea[name=lines]")).to_have_count(0)
    assert resident.goto(live_server.url + sheet_href).status == 403
    resident.goto(url)
    expect(resident.locator("#support")).to_contain_text("5 of 50 supports")
