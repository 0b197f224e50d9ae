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
def screenshot(phone, request):
    """screenshot(name) keeps a full-page PNG in $GOVHUB_SCREENSHOTS, when set."""
    folder = os.environ.get("GOVHUB_SCREENSHOTS")

    def take(name: str) -> None:
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
            phone.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)

    return take
