"""Offerings given at the resident's home: a request must leave a phone and an address, and
the organization sees them on its request list (as residents' contact details are shown:
docs/partners.md); before, a partner read "No contact details given" for a home visit."""

import pytest
import sqlalchemy as sa

from govhub.core.errors import DomainError
from govhub.extensions import db
from govhub.partners.requests import services as service_requests
from govhub.partners.requests.models import ServiceRequest
from tests.helpers.api import api_error, api_ok
from tests.partners.pages import csrf_of, text_of


@pytest.fixture
def haircut(make_offering):
    return make_offering(mode="on_request", title="爱心义剪（上门理发）", at_home=True,
                         category="elderly_care")


@pytest.mark.parametrize(("phone", "address", "code", "field"), [
    ("", "3号楼502", "contact_required", "phone"),
    ("13900000502", "", "contact_required", "address"),
    ("  ", " ", "contact_required", "phone"),
    ("call me", "3号楼502", "invalid_phone", "phone"),
    ("13900000502", "楼" * 301, "too_long", "address"),
])
def test_a_home_visit_request_needs_a_phone_and_an_address(haircut, residents, phone, address,
                                                           code, field):
    with pytest.raises(DomainError) as refused:
        service_requests.request_service(residents(1)[0], haircut, "", phone, address)
    assert (refused.value.code, refused.value.field) == (code, field)
    assert db.session.scalar(sa.select(sa.func.count(ServiceRequest.id))) == 0


def test_a_home_visit_request_keeps_its_phone_and_address(haircut, residents):
    request = service_requests.request_service(residents(1)[0], haircut, "周三上午在家",
                                               " 139 0000 0502 ", "3号楼502")
    assert (request.contact_phone, request.visit_address) == ("139 0000 0502", "3号楼502")


def test_other_offerings_ask_for_nothing_and_keep_nothing(make_offering, residents):
    offering = make_offering(mode="on_request")
    request = service_requests.request_service(residents(1)[0], offering, "", "139", "somewhere")
    assert (request.contact_phone, request.visit_address) == ("", "")


def test_the_form_asks_for_them_and_the_partner_sees_them(client, login, post_form, haircut,
                                                          make_user, owner):
    resident = make_user()  # no phone or e-mail in the profile
    login(resident)
    path = f"/offerings/{haircut.id}"
    page = text_of(client.get(path, headers={"Accept-Language": "en"}))
    assert 'name="phone"' in page and 'name="address"' in page
    refused = post_form(f"{path}/request", {"message": "周三上午在家"}, page=path)
    assert refused.status_code == 400
    assert "leave a phone number" in text_of(refused)
    assert db.session.scalar(sa.select(sa.func.count(ServiceRequest.id))) == 0
    post_form(f"{path}/request", {"message": "周三上午在家", "phone": "139 0000 0502",
                                  "address": "3号楼502"}, page=path)
    assert db.session.scalar(sa.select(ServiceRequest.visit_address)) == "3号楼502"

    client.post("/logout", data={"csrf_token": csrf_of(client, path)})
    login(owner)
    listing = text_of(client.get(f"/organizations/{haircut.organization_id}/requests",
                               headers={"Accept-Language": "en"}))
    assert "139 0000 0502" in listing and "3号楼502" in listing
    assert "No contact details given" not in listing


def test_the_phone_is_prefilled_from_the_profile_and_only_for_home_visits(
        client, login, haircut, make_offering, make_user):
    login(make_user(phone="13912345678"))
    assert 'value="13912345678"' in text_of(client.get(f"/offerings/{haircut.id}"))
    other = make_offering(mode="on_request", title="养老政策咨询")
    assert 'name="address"' not in text_of(client.get(f"/offerings/{other.id}"))


def test_the_visit_is_never_on_public_pages(client, haircut, residents):
    service_requests.request_service(residents(1)[0], haircut, "", "13900000502", "3号楼502")
    db.session.commit()
    assert "13900000502" not in text_of(client.get(f"/offerings/{haircut.id}"))
    assert "3号楼502" not in text_of(client.get(f"/organizations/{haircut.organization_id}"))


def test_the_api_requires_them_and_shows_them_to_the_organization(client, auth, haircut,  # noqa: F811
                                                                  residents, owner, make_user):
    resident = residents(1)[0]
    path = f"/api/v1/offerings/{haircut.id}/requests"
    error = api_error(client.post(path, headers=auth(resident), json={"message": "hi"}), 400)
    assert error["code"] == "contact_required"
    made = api_ok(client.post(path, headers=auth(resident),
                           json={"phone": "13900000502", "address": "3号楼502"}), 201)
    assert made["visit"] == {"phone": "13900000502", "address": "3号楼502"}
    listing = api_ok(client.get(f"/api/v1/organizations/{haircut.organization_id}/requests",
                             headers=auth(owner)))
    assert listing["requests"][0]["visit"] == {"phone": "13900000502", "address": "3号楼502"}
    offering = api_ok(client.get(f"/api/v1/offerings/{haircut.id}"))
    assert offering["at_home"] is True


def test_the_organization_marks_an_offering_as_given_at_home(client, login, post_form, owner,
                                                             make_offering):
    offering = make_offering(mode="on_request")
    login(owner)
    path = f"/offerings/{offering.id}/edit"
    post_form(path, {"title": offering.title, "category": "elderly_care", "mode": "on_request",
                     "location_name": "", "address": "", "price": "", "at_home": "y"})
    db.session.refresh(offering)
    assert offering.at_home is True
