"""The office answers a queued proposal from its page, in real Chromium at phone size, and
the trail shows the answer; the demo's traced proposal shows its whole trail (meeting, poll,
resolution, action items). Both languages fit the phone and pass axe.

The proposal is written for this run (its title carries the time), so runs do not depend
on one another or on test_proposals.py. The shared live server's demo has too few
residents for the demo's proposals, so the traced one is read from a second demo server
with 45 residents.
"""

import datetime
import re
import time

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, fits_the_phone, publish_from_the_form, shoot
from tests.browser.test_proposals import FLASH, _council_id, _set_threshold
from tests.helpers.servers import demo_server

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def traced_server(tmp_path_factory):
    """The demo with enough residents (45) for its proposals, the traced one among them."""
    with demo_server(tmp_path_factory.mktemp("trail"), "sqlite", residents=45) as live:
        yield live


def _queued_proposal(live_server, open_phone, signed_in) -> tuple[str, str]:
    """A resident's proposal, supported to a threshold of 2: (its URL, its title)."""
    author = open_phone("zh-CN", storage_state=signed_in("resident004"))
    council_id = _council_id(author, live_server)
    worker = open_phone("en-US", storage_state=signed_in("worker"))
    _set_threshold(worker, live_server, council_id, 2)
    author.goto(f"{live_server.url}/councils/{council_id}/proposals/new")
    title = f"小区西门增设无障碍坡道（{time.strftime('%H%M%S')}）"
    author.locator("input[name=title]").fill(title)
    author.locator("textarea[name=body]").fill("轮椅和婴儿车进出西门要抬过台阶，建议修一段坡道。")
    author.locator("select[name=category]").select_option("facilities")
    publish_from_the_form(author)
    url = author.url
    supporter = open_phone("en-US", storage_state=signed_in("resident005"))
    supporter.goto(url)
    with supporter.expect_navigation():
        supporter.get_by_role("button", name="Support this proposal").click()
    expect(supporter.locator(FLASH)).to_contain_text("Enough residents support it")
    return url, title


def test_the_office_answers_from_the_page_and_the_trail_shows_it(live_server, open_phone,
                                                                  signed_in):
    url, title = _queued_proposal(live_server, open_phone, signed_in)
    worker = open_phone("en-US", storage_state=signed_in("worker"))
    worker.goto(url)
    form = worker.locator("#answer")
    expect(form).to_contain_text("Answer the proposal")
    assert fits_the_phone(worker)
    assert_accessible(worker)
    shoot(worker, "proposal-answer-form-en")

    # A decline without a reason is refused, and nothing changes.
    worker.get_by_label("Not feasible").check()
    with worker.expect_navigation():
        worker.get_by_role("button", name="Give the answer").click()
    expect(worker.locator("#answer .error")).to_contain_text("Say why")  # at its field
    expect(worker.locator("#answer")).to_contain_text("Answer the proposal")
    expect(worker.get_by_label("Not feasible")).to_be_checked()  # the choice is kept
    assert_accessible(worker)

    # Done directly, with a due date: the office's own public action item.
    worker.get_by_label("Do it directly").check()
    due = datetime.date.today() + datetime.timedelta(days=30)
    worker.locator("input[name=due_on]").fill(due.isoformat())
    with worker.expect_navigation():
        worker.get_by_role("button", name="Give the answer").click()
    expect(worker.locator(FLASH)).to_contain_text("Your answer is given: Done by the office.")
    expect(worker.locator("#answer")).to_contain_text("The office's answer")
    expect(worker.locator("a.proposal-office-item")).to_have_attribute(
        "href", re.compile(r"^/actions/\d+$"))
    answer_step = worker.locator("#trail .trail-answer")
    expect(answer_step).to_have_class(re.compile("trail-reached"))
    expect(answer_step).to_contain_text("Done by the office")
    expect(worker.locator("#trail a.trail-action")).to_have_text(title)
    assert fits_the_phone(worker)
    assert_accessible(worker)
    shoot(worker, "proposal-answered-en")
    assert worker.script_errors == []

    author = open_phone("zh-CN", storage_state=signed_in("resident004"))
    author.goto(url)
    expect(author.locator("#answer")).to_contain_text("社区的答复")
    expect(author.locator("#trail .trail-answer")).to_have_class(re.compile("trail-reached"))
    assert fits_the_phone(author)
    assert_accessible(author)
    shoot(author, "proposal-answered-zh")


@pytest.mark.parametrize("locale, lang", [("en-US", "en"), ("zh-CN", "zh")])
def test_the_traced_demo_proposal_shows_its_whole_trail(traced_server, open_phone, locale,
                                                        lang):
    visitor = open_phone(locale)
    visitor.goto(f"{traced_server.url}/c/xingfuli/proposals?state=accepted")
    with visitor.expect_navigation():
        visitor.locator(".proposal-card a.action-title").first.click()
    proposal_path = visitor.url.removeprefix(traced_server.url)
    visitor.locator("#trail").scroll_into_view_if_needed()
    trail = visitor.locator("#trail")
    expect(trail.locator(".trail-reached")).to_have_count(8)
    expect(trail.locator("a.trail-meeting")).to_be_visible()
    expect(trail.locator("a.trail-resolution")).to_have_attribute(
        "href", re.compile(r"^/resolutions/\d+$"))
    expect(trail.locator("a.trail-action").first).to_be_visible()
    assert fits_the_phone(visitor)
    assert_accessible(visitor)
    shoot(visitor, f"proposal-trail-{lang}")
    with visitor.expect_navigation():
        trail.locator("a.trail-resolution").click()
    expect(visitor.locator("a.resolution-proposal")).to_have_attribute(
        "href", proposal_path)
    assert_accessible(visitor)
    shoot(visitor, f"resolution-proposals-{lang}")

    # The council's list links its open data; the feed is Atom.
    with visitor.expect_navigation():
        visitor.locator("a.resolution-proposal").click()
    with visitor.expect_navigation():
        visitor.locator("nav.crumbs a").nth(1).click()
    links = visitor.locator("p.open-data a")
    expect(links).to_have_count(3)
    feed = visitor.request.get(traced_server.url + links.first.get_attribute("href"))
    assert feed.ok and feed.headers["content-type"].startswith("application/atom+xml")
    assert fits_the_phone(visitor)
    assert_accessible(visitor)
    shoot(visitor, f"proposals-council-list-{lang}")
