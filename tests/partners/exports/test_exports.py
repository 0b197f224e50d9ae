"""The HSDS 3.0 catalogue, validated against the published schema, and the workers'
activity view with its CSV."""

import csv
import gzip
import io
import json
import uuid
from datetime import date, time, timedelta
from pathlib import Path

import jsonschema
import pytest

from govhub.actions import services as actions
from govhub.core.models import utcnow
from govhub.extensions import db
from govhub.partners.enrolments import services as enrolments
from govhub.partners.enrolments.queries import people_of_session
from govhub.partners.help import services as helping
from govhub.partners.offerings import services as offerings
from govhub.partners.requests import services as service_requests
from tests.partners.conftest import move_to_the_past

SCHEMA = Path(__file__).parent / "hsds" / "compiled_organization.json.gz"


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(gzip.decompress(SCHEMA.read_bytes()))
    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


@pytest.fixture
def catalogue(make_organization, make_offering, owner, community):
    """A verified organization with a weekly class, a one-off paid talk and an on-request
    service; a draft and an archived offering; a pending and a rejected organization."""
    organization = make_organization(
        name="幸福里志愿者协会", contact_phone="010-12345678", contact_email="hi@example.org",
        website="https://example.org/volunteers", service_area="幸福里社区全域",
        registration_number="51110000MJ0000000X")
    weekly = make_offering(title="老年书法班", organization=organization,
                           eligibility="60岁以上本社区居民", address="幸福里3号楼一层")
    offerings.add_weekly_sessions(owner, weekly, weekday=2, starts_time=time(9, 30),
                                  ends_time=time(11), capacity=12, count=4,
                                  first_date=date.today() + timedelta(days=3))
    talk = make_offering(title="防诈骗讲座", organization=organization, price="20",
                         location_name="", address="")
    starts = utcnow() + timedelta(days=5)
    offerings.add_session(owner, talk, starts, starts + timedelta(hours=1), 50)
    make_offering(title="上门理发", mode="on_request", organization=organization,
                  status="paused")
    make_offering(title="草稿课程", organization=organization, status="draft")
    make_offering(title="旧课程", organization=organization, status="archived")
    pending = make_organization(status="pending", name="待审核协会")
    make_offering(title="未审核的课", organization=pending)
    make_organization(status="rejected", name="被驳回协会")
    db.session.commit()
    return organization


def _export(client, community) -> dict:
    response = client.get(f"/c/{community.slug}/services/hsds.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    return response.get_json()


def test_every_organization_validates_against_hsds_3(client, community, catalogue, validator):
    document = _export(client, community)
    assert document["hsds_version"] == "3.0"
    assert document["organizations"]
    for organization in document["organizations"]:
        errors = sorted(validator.iter_errors(organization), key=lambda e: list(e.path))
        assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


def test_only_verified_organizations_and_public_offerings_appear(client, community, catalogue):
    document = _export(client, community)
    assert [o["name"] for o in document["organizations"]] == ["幸福里志愿者协会"]
    names = sorted(s["name"] for s in document["organizations"][0]["services"])
    assert names == ["上门理发", "老年书法班", "防诈骗讲座"]
    text = json.dumps(document, ensure_ascii=False)
    for hidden in ("草稿课程", "旧课程", "待审核协会", "未审核的课", "被驳回协会"):
        assert hidden not in text


def test_the_mapping_keeps_schedules_prices_places_and_eligibility(client, community,
                                                                   catalogue):
    services_ = {s["name"]: s for s in _export(client, community)["organizations"][0]["services"]}
    weekly = services_["老年书法班"]
    assert weekly["status"] == "active"
    assert weekly["eligibility_description"] == "60岁以上本社区居民"
    assert weekly["fees_description"] == "free" and weekly["cost_options"] == []
    [schedule] = weekly["schedules"]
    assert (schedule["freq"], schedule["byday"], schedule["count"]) == ("WEEKLY", "WE", 4)
    assert (schedule["opens_at"], schedule["closes_at"]) == ("09:30+08:00", "11:00+08:00")
    assert schedule["timezone"] == 8
    [place] = weekly["service_at_locations"]
    assert place["location"]["name"] == "社区活动室"
    assert place["location"]["addresses"][0]["address_1"] == "幸福里3号楼一层"
    talk = services_["防诈骗讲座"]
    assert talk["cost_options"][0]["amount"] == 20 and talk["cost_options"][0]["currency"] == "CNY"
    assert talk["schedules"][0]["count"] == 1 and talk["service_at_locations"] == []
    assert services_["上门理发"]["status"] == "temporarily closed"


def test_only_the_organizations_own_contact_is_exported(client, community, catalogue,
                                                        make_user, owner):
    resident = make_user(phone="13900000001", email="resident@example.org")
    on_request = next(o for o in catalogue.offerings if o.title == "上门理发")
    offerings.set_offering_status(owner, on_request, "published")
    service_requests.request_service(resident, on_request, "请周六上门")
    db.session.commit()
    organization = _export(client, community)["organizations"][0]
    assert organization["phones"][0]["number"] == "010-12345678"
    assert organization["contacts"][0]["email"] == "hi@example.org"
    text = json.dumps(organization, ensure_ascii=False)
    assert "13900000001" not in text and "resident@example.org" not in text
    assert "请周六上门" not in text


def test_identifiers_are_stable_uuids(client, community, catalogue):
    first, second = _export(client, community), _export(client, community)
    assert first["organizations"][0]["id"] == second["organizations"][0]["id"]
    uuid.UUID(first["organizations"][0]["services"][0]["id"])


def test_the_api_gives_the_same_catalogue(client, community, catalogue):
    page = _export(client, community)
    api = client.get(f"/api/v1/hsds?community={community.slug}").get_json()
    assert api["organizations"] == page["organizations"]


def test_an_unknown_community_has_no_catalogue(client):
    assert client.get("/c/nowhere/services/hsds.json").status_code == 404
    assert client.get("/api/v1/hsds?community=nowhere").status_code == 404


def test_an_empty_community_exports_an_empty_list(client, community):
    assert _export(client, community)["organizations"] == []


# --- the workers' view ----------------------------------------------------------------------

@pytest.fixture
def busy(make_organization, make_offering, make_session, residents, owner, worker, community):
    """An organization with enrolments (marked), a waitlist, requests and ratings, and an
    action item it helps with."""
    organization = make_organization(name="=HYPERLINK(\"x\")协会")
    session = make_session(capacity=2, offering=make_offering(organization=organization))
    people = residents(4)
    for person in people[:3]:
        enrolments.enrol(person, session, join_waitlist=True)
    db.session.commit()
    move_to_the_past(session)
    mine = people_of_session(session)  # the two enrolled, then the one waiting
    enrolments.mark_attendance(owner, mine[0], True)
    enrolments.mark_attendance(owner, mine[1], False)
    service_requests.rate(people[0], session.offering, 5, "很好", session=session)
    on_request = make_offering(mode="on_request", organization=organization)
    done = service_requests.request_service(people[3], on_request, "")
    service_requests.accept_request(owner, done)
    service_requests.complete_request(owner, done)
    service_requests.request_service(people[0], on_request, "")
    item = actions.create_item(worker, community, title="楼道清理", owner=worker,
                               due_on=actions.today_in(community) + timedelta(days=7))
    helping.accept_ask(owner, helping.ask_for_help(worker, item, organization))
    db.session.commit()
    return organization


def test_the_activity_counts_what_the_organization_did(busy, community):
    from govhub.partners.exports.queries import activity_of

    [row] = [a for a in activity_of(community.id) if a.organization_id == busy.id]
    assert (row.offerings_public, row.offerings_total) == (2, 2)
    assert (row.requests, row.requests_completed, row.requests_open) == (2, 1, 1)
    assert (row.enrolments, row.attended, row.no_shows, row.waiting) == (2, 1, 1, 1)
    assert row.attendance_rate == 50
    assert (row.rating_average, row.ratings) == (5.0, 1)
    assert (row.items_helped, row.items_done) == (1, 0)


def test_the_staff_page_and_csv(client, login, busy, worker, community, residents):
    login(worker)
    page = client.get(f"/c/{community.slug}/organizations/activity").get_data(as_text=True)
    assert "=HYPERLINK(&#34;x&#34;)协会" in page and "50%" in page
    response = client.get(f"/c/{community.slug}/organizations/activity.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    header, data = rows[0], {row[1]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert "rating_average" in header and "attendance_rate" in header
    row = data["'" + busy.name]  # a name that looks like a formula stays text
    assert row["requests_completed"] == "1" and row["attendance_rate"] == "50"


def test_the_csv_holds_no_residents_data(client, login, busy, worker, community):
    login(worker)
    text = client.get(f"/c/{community.slug}/organizations/activity.csv").get_data(as_text=True)
    assert "很好" not in text and "Resident" not in text and "@" not in text


@pytest.mark.parametrize("role", ["resident", "partner", "other_worker"])
def test_the_activity_is_for_the_communitys_staff(client, login, make_user, make_community,
                                                 community, role):
    user = (make_user("worker", community=make_community()) if role == "other_worker"
            else make_user(role))
    login(user)
    for path in ("activity", "activity.csv"):
        assert client.get(f"/c/{community.slug}/organizations/{path}").status_code == 403


def test_an_admin_sees_the_activity(client, login, make_user, busy, community):
    login(make_user("admin"))
    assert client.get(f"/c/{community.slug}/organizations/activity").status_code == 200


def test_the_schema_check_would_catch_a_broken_export(client, community, catalogue, validator):
    organization = _export(client, community)["organizations"][0]
    del organization["services"][0]["status"]
    organization["services"][1]["schedules"][0]["freq"] = "FORTNIGHTLY"
    assert len(list(validator.iter_errors(organization))) == 2
