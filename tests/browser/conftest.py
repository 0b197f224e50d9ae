"""Real headless Chromium (Debian's package) driven by Playwright; no browser downloads."""

import os
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
PHONE = {"width": 360, "height": 740}


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
    """open_phone(locale) -> a page in its own phone-sized context; its script errors are
    collected in `page.script_errors`."""
    contexts = []

    def open_page(locale: str):
        context = chromium.new_context(viewport=PHONE, locale=locale, device_scale_factor=2)
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


def fits_the_phone(page) -> bool:
    """Nothing on the page is wider than the phone (no sideways scrolling)."""
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.fixture
def screenshot(phone, request):
    """screenshot(name) keeps a full-page PNG of the `phone` page, as `shoot` does."""
    return lambda name: shoot(phone, name)
