"""Joining a meeting by its code, and meetings on the community's front page."""

import pytest

from tests.meetings.pages import EN

# --- joining by code --------------------------------------------------------------------

def test_a_join_code_leads_to_the_room_whatever_its_case(client, make_meeting):
    meeting = make_meeting("in_session")
    response = client.get(f"/join/{meeting.join_code.lower()}")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/meetings/{meeting.id}/room"


def test_the_join_form_leads_to_the_room(client, make_meeting):
    meeting = make_meeting("in_session")
    response = client.get("/join", query_string={"code": f" {meeting.join_code} "})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/meetings/{meeting.id}/room"


def test_the_join_form_is_a_page_anyone_can_open(client):
    page = client.get("/join", headers=EN).get_data(as_text=True)
    assert 'name="code"' in page


@pytest.mark.parametrize("path", ["/join/ZZZZZZ", "/join?code=ZZZZZZ", "/join/%3Cscript%3E"])
def test_an_unknown_code_is_a_404_that_offers_to_try_again(client, make_meeting, path):
    make_meeting("in_session")
    response = client.get(path, headers=EN)
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    assert "No meeting has this code." in page and 'name="code"' in page


def test_a_drafts_code_leads_nowhere(client, make_meeting):
    meeting = make_meeting("draft")
    assert client.get(f"/join/{meeting.join_code}").status_code == 404


def test_a_finished_meetings_code_leads_to_its_record(client, make_meeting):
    meeting = make_meeting("adjourned")
    response = client.get(f"/join/{meeting.join_code}")
    assert response.headers["Location"] == f"/meetings/{meeting.id}"


# --- the community's front page ------------------------------------------------------------

def test_the_community_page_lists_meetings_in_session_and_coming_up(client, community,
                                                                    make_meeting):
    make_meeting("in_session", title="Parking and charging points")
    make_meeting("scheduled", title="Waste sorting")
    make_meeting("draft", title="Elders' canteen")
    page = client.get(f"/c/{community.slug}", headers=EN).get_data(as_text=True)
    assert "Parking and charging points" in page and "Waste sorting" in page
    assert "Elders&#39; canteen" not in page and "Elders' canteen" not in page
