"""Residents' proposals in real Chromium at phone size: a resident writes a proposal in
Chinese and publishes it, two other residents support it from their own browsers, and with
a threshold of 3 it is queued: its page shows the meeting it goes to. The lists and the
proposal's page fit the phone and pass axe in both languages.

The community office first sets the demo council's threshold to 3 supports through the
settings page. Each run writes its own proposal (its title carries a serial), so runs do
not depend on one another.
"""

import itertools
import re
import time

import pytest
import requests
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, fits_the_phone, shoot
from tests.helpers.api import bearer, token_for

pytestmark = pytest.mark.browser

LANGUAGES = [("en-US", "en"), ("zh-CN", "zh")]
FLASH = ".flashes .flash-success"  # the page's message, not the page's own notes
_serial = itertools.count(1)


def _council_id(page, server) -> int:
    """The first council a resident is offered to propose to (the residents' meeting,
    with the demo's meetings), from the list's buttons."""
    page.goto(f"{server.url}/c/xingfuli/proposals")
    href = page.locator("a[href$='/proposals/new']").first.get_attribute("href")
    return int(re.search(r"/councils/(\d+)/", href).group(1))


def _set_threshold(page, server, council_id: int, supports: int) -> None:
    page.goto(f"{server.url}/councils/{council_id}/proposal-settings")
    assert fits_the_phone(page)
    assert_accessible(page)
    shoot(page, "proposals-settings-en")
    page.locator("select[name=threshold_kind]").select_option("absolute")
    page.locator("input[name=threshold_value]").fill(str(supports))
    page.locator("input[name=time_limit_days]").fill("90")
    page.locator("input[name=answer_working_days]").fill("15")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    expect(page.locator(FLASH)).to_be_visible()


def _neighbours_proposal(server, council_id: int) -> str:
    """resident005 publishes a proposal on the same matter first (over the API)."""
    title = f"3号楼南侧装电动车充电桩（{time.strftime('%H%M%S')}{next(_serial)}）"
    answer = requests.post(
        f"{server.url}/api/v1/councils/{council_id}/proposals", timeout=30,
        headers=bearer(token_for(server.url, "resident005")),
        json={"title": title, "body": "电动自行车在楼道里充电太危险。", "publish": True,
              "category": "safety"})
    assert answer.status_code == 201, answer.text
    return title


def test_a_proposal_written_in_chinese_reaches_its_threshold_and_a_meeting(
        live_server, open_phone, signed_in):
    author = open_phone("zh-CN", storage_state=signed_in("resident001"))
    council_id = _council_id(author, live_server)
    worker = open_phone("en-US", storage_state=signed_in("worker"))
    _set_threshold(worker, live_server, council_id, 3)
    seed = _neighbours_proposal(live_server, council_id)

    # The resident finds the form from the menu, writes in Chinese and publishes.
    author.goto(live_server.url + "/")
    author.locator("summary", has_text="菜单").click()
    author.get_by_role("link", name="居民提议").first.click()
    author.locator(f"a[href='/councils/{council_id}/proposals/new']").click()
    title = f"在3号楼南侧增设电动自行车充电桩（{time.strftime('%H%M%S')}{next(_serial)}）"
    author.locator("input[name=title]").fill(title)
    author.locator("textarea[name=body]").fill(
        "**现状**：电动自行车在楼道里充电，很不安全。\n\n"
        "- 建议在3号楼南侧装 10 个充电口\n- 按次收费")
    author.locator("select[name=category]").select_option("safety")
    assert fits_the_phone(author)
    assert_accessible(author)
    shoot(author, "proposals-new-zh")
    # A neighbour's proposal much like it is shown first; the author publishes theirs anyway.
    with author.expect_navigation():
        author.get_by_role("button", name="发布").click()
    similar = author.locator("#similar-heading")
    expect(similar).to_have_text("已有相似的提议")
    expect(author.locator("section.similar")).to_contain_text(seed)
    assert fits_the_phone(author)
    assert_accessible(author)
    shoot(author, "proposals-similar-zh")
    with author.expect_navigation():
        author.get_by_role("button", name="仍然发布我的提议").click()
    expect(author.locator(FLASH)).to_contain_text("提议已发布")
    expect(author.locator("h1")).to_have_text(title)
    expect(author.locator("main strong", has_text="现状")).to_be_visible()
    expect(author.locator("#support")).to_contain_text("1 / 3 人支持")
    proposal_url = author.url
    assert fits_the_phone(author)
    assert_accessible(author)
    shoot(author, "proposals-detail-zh")

    # Two other residents support it from their own phones.
    for number, username in enumerate(("resident002", "resident003"), start=2):
        supporter = open_phone("en-US", storage_state=signed_in(username))
        supporter.goto(proposal_url)
        with supporter.expect_navigation():
            supporter.get_by_role("button", name="Support this proposal").click()
        expect(supporter.locator(FLASH)).to_contain_text("Your support is counted.")
        expect(supporter.locator("#support")).to_contain_text(f"{number} of 3 supports")
        assert supporter.script_errors == []

    # The third support queued it onto the council's next meeting.
    expect(supporter.locator(FLASH)).to_contain_text("Enough residents support it")
    meeting = supporter.locator("a.proposal-meeting")
    expect(meeting).to_have_attribute("href", re.compile(r"^/meetings/\d+$"))
    assert fits_the_phone(supporter)
    assert_accessible(supporter)
    shoot(supporter, "proposals-detail-queued-en")
    author.reload()
    expect(author.locator(".badge", has_text="已达门槛")).to_be_visible()
    expect(author.locator("a.proposal-meeting")).to_be_visible()
    shoot(author, "proposals-detail-queued-zh")
    with author.expect_navigation():
        author.locator("a.proposal-meeting").click()
    expect(author.locator("main")).to_contain_text(title)   # on the meeting's agenda
    assert author.script_errors == []


@pytest.mark.parametrize("locale, lang", LANGUAGES)
def test_the_list_fits_the_phone_and_passes_axe(live_server, open_phone, signed_in, locale,
                                                lang):
    visitor = open_phone(locale)
    visitor.goto(f"{live_server.url}/c/xingfuli")
    visitor.locator("#proposals-heading a").click()
    expect(visitor.locator("h1")).to_have_text("Proposals" if lang == "en" else "居民提议")
    assert fits_the_phone(visitor)
    assert_accessible(visitor)
    shoot(visitor, f"proposals-list-visitor-{lang}")

    resident = open_phone(locale, storage_state=signed_in("resident004"))
    resident.goto(f"{live_server.url}/c/xingfuli/proposals?sort=most_supported")
    assert fits_the_phone(resident)
    assert_accessible(resident)
    shoot(resident, f"proposals-list-{lang}")
    if resident.locator(".proposal-card a.action-title").count():
        resident.locator(".proposal-card a.action-title").first.click()
        assert fits_the_phone(resident)
        assert_accessible(resident)
        shoot(resident, f"proposals-detail-{lang}-resident")
