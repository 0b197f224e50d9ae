"""Real headless Chromium (Debian's package) driven by Playwright; no browser downloads."""

import os
import re
from pathlib import Path

import pytest
import requests
from playwright.sync_api import expect

from tests.helpers import PASSWORD

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
PHONE = {"width": 360, "height": 740}
PROJECTOR = {"width": 1280, "height": 720}
LIVE = "[data-live-root][data-live='on']"  # a live page whose socket is connected


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: run `make system-deps` (Debian package chromium).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def phone(chromium):
    """A fresh phone-sized browser context (no cookies), speaking English first."""
    context = chromium.new_context(viewport=PHONE, locale="en-US", device_scale_factor=2)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def open_phone(chromium):
    """open_phone(locale, viewport=PHONE, storage_state=None, scale=2) -> a page in a fresh
    context of its own (signed in when given a storage state); its script errors are
    collected in `page.script_errors`."""
    contexts = []

    def open_page(locale: str, viewport: dict = PHONE, storage_state: dict | None = None,
                  scale: int = 2):
        context = chromium.new_context(viewport=viewport, locale=locale,
                                       device_scale_factor=scale, storage_state=storage_state)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.script_errors = errors
        return page

    yield open_page
    for context in contexts:
        context.close()


def shoot(page, name: str, full_page: bool = True) -> None:
    """Keep a PNG of the page in $GOVHUB_SCREENSHOTS, when set (to look at by eye)."""
    folder = os.environ.get("GOVHUB_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=full_page)


# axe-core from npm (tests/browser/package.json, pinned; `make test` installs it when missing).
AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def assert_accessible(page, allow: tuple[str, ...] = ()) -> None:
    """Run axe-core's WCAG 2.1 A and AA rules on the page as it is now; fail on any violation
    (each listed with the elements concerned). `allow`: rule ids tolerated on this page, each
    with its reason at the call."""
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `make test` (or `cd tests/browser && npm ci`).")
    page.wait_for_load_state("load")  # its styles applied: contrast is measured on them
    if not page.evaluate("typeof window.axe === 'object'"):
        # Not page.add_script_tag: an inline <script> is refused by GovHub's CSP (script-src
        # 'self'), rightly; the DevTools protocol's evaluation is not subject to it.
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})", AXE_TAGS)
    found = [v for v in result["violations"] if v["id"] not in allow]
    assert not found, f"axe on {page.url}:\n" + "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']}: "
        + "; ".join(" ".join(map(str, node["target"])) for node in v["nodes"][:5]) for v in found)


WIDEST = """() => [...document.querySelectorAll("body *")]
    .filter(element => element.getBoundingClientRect().right > innerWidth + 0.5)
    .slice(0, 5).map(element => element.outerHTML.slice(0, 160))"""


def fits_the_phone(page) -> bool:
    """Nothing on the page is wider than the phone (no sideways scrolling). When something
    is, the elements that reach past the edge are printed (pytest shows them on failure).

    It waits for the page's load event first: a click that navigates returns once the new
    page commits, and measured before its stylesheets apply, a page is as wide as its
    unstyled tables."""
    page.wait_for_load_state("load")
    if page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]:
        return True
    print("wider than the phone:", *page.evaluate(WIDEST), sep="\n  ")
    return False


@pytest.fixture
def screenshot(phone, request):
    """screenshot(name) keeps a full-page PNG of the `phone` page, as `shoot` does."""
    return lambda name: shoot(phone, name)


# --- the demo's meeting in session, and its people signed in -------------------------------

def in_session_meeting(server) -> int:
    """The id of a public meeting in session, from the links the front page offers (or,
    failing that, by asking the first rooms)."""
    home = requests.get(server.url + "/", timeout=10).text
    linked = [int(n) for n in re.findall(r'href="/meetings/(\d+)(?:/room)?"', home)]
    for meeting_id in dict.fromkeys(linked + list(range(1, 21))):
        room = requests.get(f"{server.url}/meetings/{meeting_id}/room", timeout=10)
        if room.status_code == 200 and 'data-status="in_session"' in room.text:
            return meeting_id
    raise AssertionError("the demo has no public meeting in session")


@pytest.fixture(scope="module")
def meeting_id(live_server):
    return in_session_meeting(live_server)


@pytest.fixture(scope="module")
def signed_in(chromium, live_server):
    """signed_in(username) -> the cookies of one sign-in per user, shared by the module's
    pages (like several tabs), so that the tests stay under the sign-in rate limit."""
    states = {}

    def state(username: str) -> dict:
        if username not in states:
            context = chromium.new_context()
            page = context.new_page()
            page.goto(live_server.url + "/login")
            page.locator("input[name=username]").fill(username)
            page.locator("input[name=password]").fill(PASSWORD)
            page.locator("main form button[type=submit]").first.click()
            page.wait_for_url(lambda url: "/login" not in url)
            states[username] = context.storage_state()
            context.close()
        return states[username]

    return state


@pytest.fixture
def browser_page(open_phone, signed_in):
    """browser_page(locale, viewport=PHONE, user=None) -> a page in a fresh context of its own,
    signed in as `user` when one is named."""

    def open_page(locale: str = "en-US", viewport: dict = PHONE, user: str | None = None):
        return open_phone(locale, viewport, signed_in(user) if user else None, scale=1)

    return open_page


# --- live pages ----------------------------------------------------------------------------

def open_live(page, url: str) -> None:
    """Open a live page, wait until it joined its room over the websocket, and mark it, so
    that `not_reloaded` can tell whether it was reloaded since."""
    page.goto(url)
    expect(page.locator(LIVE)).to_have_count(1)
    page.evaluate("window.stillTheSamePage = true")


def not_reloaded(page) -> None:
    assert page.evaluate("window.stillTheSamePage === true")
    assert page.script_errors == []


def shown_text(page, key: str, **values) -> str:
    """What the page's own text template says, filled in: the page's language, not the test's."""
    text = page.locator(f"template[data-text='{key}']").evaluate(
        "t => t.content.textContent.trim()")
    for name, value in values.items():
        text = text.replace("{" + name + "}", str(value))
    return text


@pytest.fixture
def attendee(browser_page, live_server, meeting_id):
    """attendee(username, locale) -> a phone in the room, checked in; those it checked in
    are checked out again afterwards, so that the other stories find the room as it was."""
    arrived = []

    def arrive(username: str, locale: str = "en-US"):
        phone = browser_page(locale, user=username)
        open_live(phone, f"{live_server.url}/meetings/{meeting_id}/room")
        button = phone.locator("form[data-event='attendance:check_in']:visible button")
        if button.count():
            button.click()
            arrived.append(phone)
        expect(phone.locator("form[data-event='attendance:check_out']")).to_be_visible()
        return phone

    yield arrive
    for phone in arrived:
        phone.locator("form[data-event='attendance:check_out'] button").click()
        expect(phone.locator("form[data-event='attendance:check_in']")).to_be_visible()


def publish_from_the_form(page) -> None:
    """Press the proposal form's Publish; when similar proposals are shown first (another
    test may have written one like it), publish anyway."""
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile(r"^(发布|Publish)$")).click()
    anyway = page.get_by_role("button", name=re.compile("仍然发布我的提议|Publish mine anyway"))
    if anyway.count():
        with page.expect_navigation():
            anyway.click()


# --- setting a story up over the JSON API --------------------------------------------------

RESIDENTS_COUNCIL = 1  # the demo's residents' meeting (its proposals' council)


@pytest.fixture(scope="module")
def api_as(live_server):
    """api_as(username, method, path, json=None) -> the JSON of a successful /api/v1 request
    as that user: what a story needs in place before the browser tells it. One token per
    user per module."""
    from tests.helpers.api import bearer, token_for

    tokens = {}

    def call(username: str, method: str, path: str, json=None) -> dict:
        if username not in tokens:
            tokens[username] = token_for(live_server.url, username)
        answer = requests.request(method, f"{live_server.url}/api/v1{path}", json=json,
                                  headers=bearer(tokens[username]), timeout=30)
        assert answer.status_code in (200, 201), answer.text
        return answer.json()

    return call


def proposal_over_api(api_as, author: str, title: str, threshold: int = 50,
                      supporters: tuple[str, ...] = ()) -> int:
    """The office sets the residents' council's threshold, `author` publishes a proposal and
    `supporters` support it, over the API: its id."""
    api_as("worker", "PUT", f"/councils/{RESIDENTS_COUNCIL}/proposal-settings", {
        "threshold_kind": "absolute", "threshold_value": threshold, "time_limit_days": 90,
        "answer_working_days": 15, "supports_public": False})
    made = api_as(author, "POST", f"/councils/{RESIDENTS_COUNCIL}/proposals", {
        "title": title, "body": "快递经常堆在门卫室，老人取件要排队。", "category": "facilities",
        "publish": True})
    for username in supporters:
        api_as(username, "PUT", f"/proposals/{made['id']}/support")
    return made["id"]
