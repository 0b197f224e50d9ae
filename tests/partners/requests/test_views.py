"""Requests on the pages without JavaScript: the organization's list, answers, ratings, contact
data."""

import pytest
import sqlalchemy as sa

from govhub.extensions import db
from govhub.partners.requests import services as service_requests
from govhub.partners.requests.models import RequestStatus, ServiceRequest
from tests.partners.pages import csrf_of, text_of


def test_a_request_reaches_the_organizations_list_with_the_residents_contact(
        client, login, post_form, make_offering, make_user, owner):
    offering = make_offering(mode="on_request", title="上门理发")
    resident = make_user(phone="13912345678")
    login(resident)
    path = f"/offerings/{offering.id}"
    post_form(f"{path}/request", {"message": "周三上午在家"}, page=path)
    service_request = db.session.scalar(sa.select(ServiceRequest))
    assert service_request.message == "周三上午在家"
    client.post("/logout", data={"csrf_token": csrf_of(client, path)})
    login(owner)
    page = text_of(client.get(f"/organizations/{offering.organization_id}/requests"))
    assert "13912345678" in page and "周三上午在家" in page
    fragment = text_of(client.get(f"/organizations/{offering.organization_id}/requests"
                                "?fragment=1"))
    assert "13912345678" in fragment and "<html" not in fragment


def test_residents_contact_is_never_on_public_pages(client, make_offering, make_user):
    offering = make_offering(mode="on_request")
    resident = make_user(phone="13912345678")
    service_requests.request_service(resident, offering, "hello")
    db.session.commit()
    assert "13912345678" not in text_of(client.get(f"/offerings/{offering.id}"))
    assert "13912345678" not in text_of(client.get(f"/organizations/{offering.organization_id}"))


@pytest.mark.parametrize("role", ["partner", "resident"])
def test_other_partners_and_residents_cannot_see_the_request_list(client, login, organization,
                                                                  make_user, role):
    login(make_user(role))
    assert client.get(f"/organizations/{organization.id}/requests").status_code == 403


def test_staff_see_the_list_without_answer_buttons(client, login, make_offering, make_user,
                                                   worker):
    offering = make_offering(mode="on_request")
    service_requests.request_service(make_user(phone="13900000000"), offering)
    db.session.commit()
    login(worker)
    page = text_of(client.get(f"/organizations/{offering.organization_id}/requests"))
    assert "13900000000" in page and "Accept" not in page


def test_the_organization_accepts_declines_and_completes(client, login, post_form,
                                                         make_offering, residents, owner):
    offering = make_offering(mode="on_request")
    first, second = residents(2)
    accepted = service_requests.request_service(first, offering)
    declined = service_requests.request_service(second, offering)
    db.session.commit()
    login(owner)
    path = f"/organizations/{offering.organization_id}/requests"
    post_form(f"/requests/{accepted.id}/accept", page=path)
    post_form(f"/requests/{accepted.id}/complete", page=path)
    response = post_form(f"/requests/{declined.id}/decline", {"reason": ""}, page=path)
    assert "Say why you decline" in text_of(client.get(response.headers["Location"]))
    post_form(f"/requests/{declined.id}/decline", {"reason": "人手不足"}, page=path)
    db.session.refresh(accepted)
    db.session.refresh(declined)
    assert (accepted.status, declined.status) == (RequestStatus.COMPLETED,
                                                  RequestStatus.DECLINED)
    assert declined.decline_reason == "人手不足"


def test_a_rating_without_a_score_is_refused(client, login, post_form, make_session, residents):
    session = make_session()
    login(residents(1)[0])
    response = post_form(f"/offerings/{session.offering_id}/rate", {"comment": "x"},
                         page="/my/services")
    assert "Choose from 1 to 5 stars." in text_of(client.get(response.headers["Location"]))


def test_a_session_rating_without_its_session_is_not_found(client, login, post_form,
                                                          make_session, residents):
    session = make_session()
    login(residents(1)[0])
    response = post_form(f"/offerings/{session.offering_id}/rate", {"score": "4"},
                         page="/my/services")
    assert response.status_code == 404
