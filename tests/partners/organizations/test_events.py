"""The organization's room over /live: who may join, and what its members hear."""

import pytest

from govhub.extensions import db
from govhub.partners.enrolments import services as enrolments
from govhub.partners.requests import services as service_requests
from govhub.realtime.rooms import NAMESPACE
from tests.helpers.live import call, heard


def test_a_member_hears_new_enrolments_and_requests(connect, make_session, make_offering,
                                                   residents, owner):
    session = make_session()
    organization = session.offering.organization
    live = connect(owner)
    assert call(live, "organization:join", {"organization_id": organization.id}) == {
        "ok": True, "organization_id": organization.id}
    resident = residents(1)[0]
    enrolment = enrolments.enrol(resident, session)
    request = service_requests.request_service(resident, make_offering(mode="on_request"))
    db.session.commit()
    changes = heard(live, "organization:update")
    assert {"organization_id": organization.id, "kind": "enrolment", "id": enrolment.id,
            "status": "enrolled"} in changes
    assert {"organization_id": organization.id, "kind": "request", "id": request.id,
            "status": "requested"} in changes


@pytest.mark.parametrize("who", ["resident", "other_partner"])
def test_others_cannot_join_an_organizations_room(connect, organization, make_user, who):
    live = connect(make_user("partner" if who == "other_partner" else "resident"))
    ack = call(live, "organization:join", {"organization_id": organization.id})
    assert ack["ok"] is False and ack["error"]["code"] == "unknown_organization"


@pytest.mark.parametrize("payload", [{}, {"organization_id": "1"}, {"organization_id": 10**30},
                                     {"organization_id": True}])
def test_a_bad_organization_id_is_refused(connect, owner, organization, payload):
    ack = call(connect(owner), "organization:join", payload)
    assert ack["ok"] is False and ack["error"]["code"] == "unknown_organization"


def test_a_member_who_did_not_join_hears_nothing_in_the_room(connect, make_session, residents,
                                                             owner):
    session = make_session()
    live = connect(owner)
    enrolments.enrol(residents(1)[0], session)
    db.session.commit()
    received = live.get_received(NAMESPACE)
    assert [m["name"] for m in received] == ["notification"]
    assert received[0]["args"][0]["kind"] == "partners.enrolled"
