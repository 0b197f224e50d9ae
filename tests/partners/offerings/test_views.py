"""Offering pages without JavaScript: create, sessions, browse, both languages."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from govhub.core.models import utcnow
from govhub.core.time import to_local
from govhub.extensions import db
from govhub.partners.enrolments import services as enrolments
from govhub.partners.offerings.models import Offering, OfferingSession
from tests.partners.conftest import move_to_the_past
from tests.partners.pages import set_language, text_of

# --- offerings and sessions ----------------------------------------------------------------

def test_a_member_creates_an_offering_and_weekly_sessions(client, login, post_form,
                                                          organization, owner):
    login(owner)
    response = post_form(f"/organizations/{organization.id}/offerings/new", {
        "title": "太极拳晨练", "category": "culture_sports", "mode": "sessions",
        "location_name": "社区广场", "price": ""})
    offering = db.session.scalar(sa.select(Offering))
    assert response.headers["Location"].endswith(f"/offerings/{offering.id}/sessions")
    first = to_local(utcnow(), organization.community.timezone).date() + timedelta(days=2)
    response = post_form(f"/offerings/{offering.id}/sessions/weekly", {
        "weekday": str(first.weekday()), "starts_time": "07:00", "ends_time": "08:00",
        "first_date": first.isoformat(), "count": "4", "capacity": "20"},
        page=f"/offerings/{offering.id}/sessions")
    assert response.status_code == 302
    assert db.session.scalar(sa.select(sa.func.count(OfferingSession.id))) == 4
    post_form(f"/offerings/{offering.id}/status", {"status": "published"},
              page=f"/offerings/{offering.id}")
    db.session.refresh(offering)
    assert offering.status == "published"


def test_a_session_in_the_past_is_refused_on_the_form(client, login, post_form, make_offering,
                                                      owner):
    offering = make_offering()
    login(owner)
    path = f"/offerings/{offering.id}/sessions"
    response = post_form(path, {"date": "2020-01-01", "starts_time": "09:00",
                                "ends_time": "10:00", "capacity": "5"})
    assert response.status_code == 400
    assert "A session cannot start in the past." in text_of(response)


def test_capacity_below_the_places_taken_is_refused_on_the_page(client, login, post_form,
                                                                make_session, residents,
                                                                owner):
    session = make_session(capacity=3)
    for person in residents(2):
        enrolments.enrol(person, session)
    db.session.commit()
    login(owner)
    path = f"/offerings/{session.offering_id}/sessions"
    response = post_form(f"/sessions/{session.id}/capacity", {f"s{session.id}-capacity": "1"},
                         page=path)
    assert "2 places are already taken" in text_of(client.get(response.headers["Location"]))
    db.session.refresh(session)
    assert session.capacity == 3


def test_a_draft_offering_is_hidden_from_residents(client, login, make_offering, make_user):
    offering = make_offering(status="draft")
    login(make_user())
    assert client.get(f"/offerings/{offering.id}").status_code == 404


def test_other_partners_cannot_edit_an_offering(client, login, make_offering, make_user):
    offering = make_offering()
    login(make_user("partner"))
    assert client.get(f"/offerings/{offering.id}/edit").status_code == 403
    assert client.get(f"/offerings/{offering.id}/sessions").status_code == 403


# --- browsing ------------------------------------------------------------------------------

def test_the_browse_page_filters_by_category_place_and_date(client, community, make_offering,
                                                            make_session):
    taiji = make_offering(title="太极拳晨练", category="culture_sports",
                          location_name="社区广场")
    make_offering(title="法律咨询", category="legal_aid", mode="on_request",
                  location_name="社区服务中心")
    session = make_session(offering=taiji, days=3)
    base = f"/c/{community.slug}/services"
    assert "太极拳晨练" in text_of(client.get(base)) and "法律咨询" in text_of(client.get(base))
    by_category = text_of(client.get(f"{base}?category=legal_aid"))
    assert "法律咨询" in by_category and "太极拳晨练" not in by_category
    by_place = text_of(client.get(f"{base}?place=社区广场"))
    assert "太极拳晨练" in by_place and "法律咨询" not in by_place
    day = to_local(session.starts_at, community.timezone).date()
    on_day = text_of(client.get(f"{base}?day={day.isoformat()}"))
    assert "太极拳晨练" in on_day and "法律咨询" not in on_day
    other_day = text_of(client.get(f"{base}?day={(day + timedelta(days=1)).isoformat()}"))
    assert "太极拳晨练" not in other_day


@pytest.mark.parametrize("query", ["category=gardening", "day=not-a-date", "page=-3",
                                   "place=nowhere", "day=99999-01-01"])
def test_bad_filters_never_fail(client, community, make_offering, query):
    make_offering()
    assert client.get(f"/c/{community.slug}/services?{query}").status_code == 200


def test_the_browse_page_pages(client, community, make_offering):
    for n in range(23):
        make_offering(title=f"课程{n:02d}")
    base = f"/c/{community.slug}/services"
    first, second = text_of(client.get(base)), text_of(client.get(f"{base}?page=2"))
    assert "课程22" in first and "课程02" not in first
    assert "课程02" in second and "Page 2 of 2" in second


def test_unverified_organizations_are_not_browsed(client, community, make_organization,
                                                  make_offering):
    hidden = make_organization("pending", name="待审核协会")
    make_offering(title="看不见的课", organization=hidden)
    assert "看不见的课" not in text_of(client.get(f"/c/{community.slug}/services"))


def test_the_pages_speak_chinese(client, csrf, community, make_session):
    session = make_session()
    set_language(client, csrf, "zh_CN")
    page = text_of(client.get(f"/c/{community.slug}/services"))
    assert "社区服务" in page or "为居民提供的服务" in page
    offering_page = text_of(client.get(f"/offerings/{session.offering_id}"))
    assert "剩余" in offering_page


def test_the_home_page_leads_to_the_services(client, community):
    assert f"/c/{community.slug}/services" in text_of(client.get(f"/c/{community.slug}"))


def test_a_held_session_offers_no_capacity_form(client, login, make_session, owner):
    held = make_session()
    coming = make_session(offering=held.offering, days=5)
    move_to_the_past(held)
    login(owner)
    page = text_of(client.get(f"/offerings/{held.offering_id}/sessions"))
    assert f"/sessions/{held.id}/capacity" not in page
    assert f"/sessions/{coming.id}/capacity" in page
