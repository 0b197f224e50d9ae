"""Partner services in real Chromium at phone size: a resident finds an offering and enrols or
asks for it, and the organization's request list shows it without reloading.

The demo's volunteer association (its owner is the `partner` account) is found through
the API, its offerings by title on the browse page; each test uses its own resident.
"""


import pytest
import requests
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, assert_accessible, fits_the_phone, shoot
from tests.helpers import PASSWORD

pytestmark = pytest.mark.browser

VOLUNTEERS = "幸福里志愿者协会"


@pytest.fixture(scope="module")
def organization_id(live_server):
    answer = requests.get(f"{live_server.url}/api/v1/organizations?community=xingfuli",
                          timeout=10).json()
    return next(o["id"] for o in answer if o["name"] == VOLUNTEERS)


@pytest.fixture
def open_page(chromium, live_server):
    """open_page(user, locale) -> a phone page in its own context, signed in as `user`."""
    contexts = []

    def make(user: str, locale: str = "en-US"):
        context = chromium.new_context(viewport=PHONE, locale=locale, device_scale_factor=1)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.goto(live_server.url + "/login")
        page.locator("input[name=username]").fill(user)
        page.locator("input[name=password]").fill(PASSWORD)
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_url(lambda url: "/login" not in url)
        return page

    yield make
    for context in contexts:
        context.close()


def _request_list(open_page, live_server, organization_id, locale="zh-CN"):
    page = open_page("partner", locale)
    page.goto(f"{live_server.url}/organizations/{organization_id}/requests")
    expect(page.locator("[data-organization-requests][data-live='joined']")).to_be_attached()
    return page


def test_an_enrolment_appears_on_the_organizations_list_without_reload(
        open_page, live_server, organization_id):
    partner = _request_list(open_page, live_server, organization_id)
    resident = open_page("resident001")
    resident.goto(f"{live_server.url}/c/xingfuli/services")
    resident.select_option("#category", "volunteer_service")
    resident.get_by_role("button", name="Show").click()
    shoot(resident, "partners-browse-en")
    resident.get_by_role("link", name="周末楼道清洁志愿服务").click()
    first = resident.locator(".session").first
    expect(first.locator(".places")).to_contain_text("places left")
    assert fits_the_phone(resident)  # measured once the offering's page has loaded
    assert_accessible(resident)
    first.get_by_role("button", name="Enrol").click()
    expect(resident.locator(".flash-success")).to_contain_text("You are enrolled")
    expect(resident.locator(".session").first.locator(".mine")).to_have_text("You are enrolled.")
    shoot(resident, "partners-offering-en")

    # The partner's page was not reloaded: the list came over the organization's room.
    row = partner.locator(".person-line", has_text="居民001").filter(
        has=partner.locator(".enrolment-enrolled"))
    expect(row.first).to_be_visible()
    assert partner.evaluate("performance.getEntriesByType('navigation').length") == 1
    assert fits_the_phone(partner)
    assert_accessible(partner)
    shoot(partner, "partners-requests-zh")


def test_a_request_appears_and_is_declined_with_a_reason(open_page, live_server,
                                                         organization_id):
    partner = _request_list(open_page, live_server, organization_id, locale="en-US")
    before = partner.locator("#open-requests .request-row").count()
    resident = open_page("resident003", "zh-CN")
    resident.goto(f"{live_server.url}/c/xingfuli/services?category=elderly_care")
    resident.get_by_role("link", name="爱心义剪（上门理发）").click()
    assert_accessible(resident)
    # A home visit: without a phone and an address the request is refused, in the form.
    resident.locator("input[name=phone]").fill("")
    resident.locator("textarea[name=message]").fill("周五下午在家，1 号楼 301。")
    resident.get_by_role("button", name="提交申请").click()
    expect(resident.locator(".has-error input[name=phone]")).to_be_visible()
    assert resident.locator(".flash-success").count() == 0
    resident.locator("input[name=phone]").fill("139 0000 0301")
    resident.locator("input[name=address]").fill("1号楼1单元301")
    shoot(resident, "partners-request-form-zh")
    assert_accessible(resident)
    resident.get_by_role("button", name="提交申请").click()
    expect(resident.locator(".flash-success")).to_be_visible()

    fresh = partner.locator("#open-requests .request-row", has_text="1 号楼 301")
    expect(fresh).to_be_visible()
    expect(partner.locator("#open-requests .request-row")).to_have_count(before + 1)
    expect(fresh.locator(".visit-contact")).to_contain_text("139 0000 0301")
    expect(fresh.locator(".visit-contact")).to_contain_text("1号楼1单元301")
    expect(fresh).not_to_contain_text("No contact details given")
    shoot(partner, "partners-home-visit-en")
    fresh.locator("summary").click()
    fresh.locator("textarea[name=reason]").fill("This month's home visits are fully booked.")
    fresh.get_by_role("button", name="Decline").click()
    expect(partner.locator(".flash-success")).to_contain_text("declined")

    resident.goto(f"{live_server.url}/my/services")
    shoot(resident, "partners-my-services-zh")
    expect(resident.locator(".service-row", has_text="爱心义剪")).to_contain_text(
        "This month's home visits are fully booked.")
