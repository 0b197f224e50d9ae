"""The meeting page's agenda without JavaScript: adding, editing, removing and moving items.
"""

from tests.helpers.records import organiser_of
from tests.meetings.pages import EN, _reloaded

# --- the agenda --------------------------------------------------------------------------

def test_an_organiser_adds_an_item(client, login, post_form, make_meeting):
    meeting = make_meeting("scheduled")
    login(organiser_of(meeting))
    response = post_form(f"/meetings/{meeting.id}/items",
                         {"title": "Charging points", "description": "Two at gate 2."},
                         page=f"/meetings/{meeting.id}")
    assert response.status_code == 302
    assert [item.title for item in _reloaded(meeting).items][-1] == "Charging points"


def test_an_item_without_title_comes_back_with_an_error(client, login, post_form, make_meeting):
    meeting = make_meeting("scheduled")
    login(organiser_of(meeting))
    response = post_form(f"/meetings/{meeting.id}/items", {"title": " "},
                         page=f"/meetings/{meeting.id}", headers=EN)
    assert response.status_code == 200
    assert "This field is required." in response.get_data(as_text=True)
    assert len(_reloaded(meeting).items) == 2


def test_a_member_cannot_add_items(client, login, post_form, make_meeting):
    meeting = make_meeting("scheduled")
    login(meeting.council.test_members[1])
    response = post_form(f"/meetings/{meeting.id}/items", {"title": "Mine"},
                         page=f"/meetings/{meeting.id}")
    assert response.status_code == 403
    assert len(_reloaded(meeting).items) == 2


def test_an_organiser_edits_an_item(client, login, post_form, make_meeting):
    meeting = make_meeting("scheduled")
    item = meeting.items[0]
    login(organiser_of(meeting))
    response = post_form(f"/meetings/{meeting.id}/items/{item.id}/edit",
                         {"title": "Lift, building 3", "description": "Quotes from two firms."})
    assert response.status_code == 302
    assert _reloaded(meeting).items[0].description == "Quotes from two firms."


def test_an_item_of_another_meeting_is_404(client, login, make_meeting):
    meeting, other = make_meeting("scheduled"), make_meeting("scheduled")
    login(organiser_of(meeting))
    assert client.get(f"/meetings/{meeting.id}/items/{other.items[0].id}/edit").status_code == 404


def test_an_organiser_removes_an_item_before_the_session(client, login, post_form, make_meeting):
    meeting = make_meeting("scheduled")
    login(organiser_of(meeting))
    post_form(f"/meetings/{meeting.id}/items/{meeting.items[0].id}/remove",
              page=f"/meetings/{meeting.id}")
    assert [item.title for item in _reloaded(meeting).items] == ["议题 2"]


def test_removing_an_item_in_session_is_refused_with_advice(client, login, post_form,
                                                            make_meeting):
    meeting = make_meeting("in_session")
    login(organiser_of(meeting))
    response = post_form(f"/meetings/{meeting.id}/items/{meeting.items[1].id}/remove",
                         page=f"/meetings/{meeting.id}", headers=EN, follow_redirects=True)
    assert "defer an item instead of removing it" in response.get_data(as_text=True)
    assert len(_reloaded(meeting).items) == 2


def test_moving_an_item_down_swaps_it_with_the_next(client, login, post_form, make_meeting):
    meeting = make_meeting("scheduled", items=3)
    first = meeting.items[0].id
    login(organiser_of(meeting))
    post_form(f"/meetings/{meeting.id}/items/{first}/move", {"direction": "down"},
              page=f"/meetings/{meeting.id}")
    assert [item.title for item in _reloaded(meeting).items] == ["议题 2", "议题 1", "议题 3"]


def test_moving_the_first_item_up_changes_nothing(client, login, post_form, make_meeting):
    meeting = make_meeting("scheduled")
    login(organiser_of(meeting))
    response = post_form(f"/meetings/{meeting.id}/items/{meeting.items[0].id}/move",
                         {"direction": "up"}, page=f"/meetings/{meeting.id}")
    assert response.status_code == 302
    assert [item.title for item in _reloaded(meeting).items] == ["议题 1", "议题 2"]
