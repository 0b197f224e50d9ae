"""The pages residents, partners, staff, officers and reviewers open most, at 360 px in both
languages (the admission pages among them): nothing
scrolls sideways and axe finds no WCAG 2.1 A/AA violation. The organization page and the
accounts list (its role forms) used to scroll sideways in English (395 and 401 px)."""

import pytest
import requests

from tests.browser.conftest import assert_accessible, fits_the_phone, shoot

pytestmark = pytest.mark.browser

LANGUAGES = [("en-US", "en"), ("zh-CN", "zh")]
PAGES = {  # user (None: a visitor) -> the pages they open
    None: ["/c/xingfuli/services", "/c/xingfuli/organizations", "{organization}", "{offering}",
           "{street}", "/c/xingfuli/work-items", "/c/xingfuli/refusals/figures",
           "/c/xingfuli/hours"],
    "admin": ["/users/", "/users/?pending=1", "/admin/communities", "/admin/catalogue",
              "{departments}"],
    "worker": ["/users/", "/c/xingfuli/organizations/activity", "/organizations/review",
               "/notifications", "/account", "/admission/community-requests",
               "/c/xingfuli/certificates", "/c/xingfuli/refusals"],
    "officer": ["/admission/requests", "/admission/requests/new"],
    "reviewer": ["/admission/reviews"],
    "partner": ["/organizations/mine", "{organization}", "{requests}", "/notifications"],
    "resident001": ["/my/services", "/notifications", "/my/following"],
}


@pytest.fixture(scope="module")
def places(live_server) -> dict[str, str]:
    organizations = requests.get(f"{live_server.url}/api/v1/organizations?community=xingfuli",
                                 timeout=10).json()
    volunteers = next(o for o in organizations if o["name"] == "幸福里志愿者协会")
    offerings = requests.get(f"{live_server.url}/api/v1/offerings?community=xingfuli",
                             timeout=10).json()
    offering = (offerings["items"] if isinstance(offerings, dict) else offerings)[0]
    street = requests.get(f"{live_server.url}/api/v1/streets", timeout=10).json()["items"][0]
    return {"organization": f"/organizations/{volunteers['id']}",
            "street": f"/streets/{street['id']}",
            "departments": f"/admin/streets/{street['id']}/departments",
            "requests": f"/organizations/{volunteers['id']}/requests",
            "offering": f"/offerings/{offering['id']}"}


@pytest.mark.parametrize("locale, lang", LANGUAGES)
@pytest.mark.parametrize("user", list(PAGES), ids=lambda user: user or "visitor")
def test_the_lists_fit_a_phone_and_pass_axe(live_server, browser_page, places, user, locale,
                                            lang):
    page = browser_page(locale, user=user)
    wide = []
    for path in PAGES[user]:
        path = path.format(**places)
        page.goto(live_server.url + path)
        if not fits_the_phone(page):
            wide.append((path, page.evaluate("document.documentElement.scrollWidth")))
        assert_accessible(page)
        shoot(page, f"lists-{user or 'visitor'}-{lang}-{path.strip('/').replace('/', '-')}")
    assert not wide, f"these pages scroll sideways at 360 px: {wide}"
