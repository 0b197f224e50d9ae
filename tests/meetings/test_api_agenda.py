"""The meetings JSON API: the agenda (adding, editing, removing, ordering, taking up
items), each change seen by the room.
"""

import pytest

from govhub.meetings.models import ItemStatus
from tests.helpers.api import api_error, sent
from tests.helpers.records import organiser_of

# --- the agenda ---------------------------------------------------------------------------

def test_an_organiser_adds_an_item_and_the_room_sees_it(client, auth, make_meeting, broadcasts):
    meeting = make_meeting("in_session")
    broadcasts.clear()  # forget what the setup sent
    response = client.post(f"/api/v1/meetings/{meeting.id}/agenda",
                           headers=auth(organiser_of(meeting)),
                           json={"title": "临时动议", "description": "楼道堆物"})
    assert response.status_code == 201
    assert response.get_json()["position"] == 3 and response.get_json()["status"] == "pending"
    [agenda] = sent(broadcasts, "agenda:update", meeting)
    assert [i["title"] for i in agenda["items"]][-1] == "临时动议"


def test_items_cannot_be_added_after_adjournment(client, auth, make_meeting):
    meeting = make_meeting("adjourned")
    response = client.post(f"/api/v1/meetings/{meeting.id}/agenda",
                           headers=auth(organiser_of(meeting)), json={"title": "迟到的议题"})
    assert api_error(response, 409)["code"] == "wrong_status"


def test_a_member_cannot_add_an_item(client, auth, make_meeting):
    meeting = make_meeting("scheduled")
    response = client.post(f"/api/v1/meetings/{meeting.id}/agenda",
                           headers=auth(meeting.council.test_members[1]), json={"title": "x"})
    assert response.status_code == 403


def test_an_item_is_edited_and_the_room_sees_it(client, auth, make_meeting, broadcasts):
    meeting = make_meeting("scheduled")
    item = meeting.items[1]
    broadcasts.clear()  # forget what the setup sent
    response = client.patch(f"/api/v1/meetings/{meeting.id}/agenda/{item.id}",
                            headers=auth(organiser_of(meeting)), json={"title": "费用分摊办法"})
    assert response.status_code == 200
    assert response.get_json()["title"] == "费用分摊办法"
    assert sent(broadcasts, "agenda:update", meeting)[0]["items"][1]["title"] == "费用分摊办法"


def test_an_item_of_another_meeting_is_404_here(client, auth, make_meeting):
    meeting, other = make_meeting("scheduled"), make_meeting("scheduled")
    headers = auth(organiser_of(meeting))
    url = f"/api/v1/meetings/{meeting.id}/agenda/{other.items[0].id}"
    assert client.patch(url, headers=headers, json={"title": "x"}).status_code == 404
    assert client.delete(url, headers=headers).status_code == 404
    assert client.post(url + "/status", headers=headers, json={"status": "done"}).status_code == (
        404)


def test_an_item_is_removed_before_the_session(client, auth, make_meeting, broadcasts):
    meeting = make_meeting("scheduled")
    first, second = meeting.items
    broadcasts.clear()  # forget what the setup sent
    response = client.delete(f"/api/v1/meetings/{meeting.id}/agenda/{first.id}",
                             headers=auth(organiser_of(meeting)))
    assert response.status_code == 204
    assert [i["id"] for i in sent(broadcasts, "agenda:update", meeting)[0]["items"]] == [
        second.id]


def test_an_item_is_deferred_not_removed_once_in_session(client, auth, make_meeting):
    meeting = make_meeting("in_session")
    response = client.delete(f"/api/v1/meetings/{meeting.id}/agenda/{meeting.items[1].id}",
                             headers=auth(organiser_of(meeting)))
    assert api_error(response, 409)["code"] == "wrong_status"
    assert len(meeting.items) == 2


def test_the_chair_reorders_the_agenda(client, auth, make_meeting, broadcasts):
    meeting = make_meeting("in_session", items=3)
    ids = [item.id for item in meeting.items]
    broadcasts.clear()  # forget what the setup sent
    response = client.post(f"/api/v1/meetings/{meeting.id}/agenda/order",
                           headers=auth(meeting.council.test_members[0]),
                           json={"item_ids": ids[::-1]})
    assert response.status_code == 200
    assert [i["id"] for i in response.get_json()["items"]] == ids[::-1]
    assert [i["id"] for i in sent(broadcasts, "agenda:update", meeting)[0]["items"]] == ids[::-1]


@pytest.mark.parametrize("order, status", [
    (lambda ids: ids[:1], 400),
    (lambda ids: ids + ids[:1], 400),
    (lambda ids: [ids[0], 10**12], 400),
    (lambda ids: [str(i) for i in ids], 422),
    (lambda ids: ids[0], 422),
    (lambda ids: [None, *ids], 422),
])
def test_a_wrong_order_is_refused_and_changes_nothing(client, auth, make_meeting, broadcasts,
                                                      order, status):
    meeting = make_meeting("in_session")
    ids = [item.id for item in meeting.items]
    broadcasts.clear()  # forget what the setup sent
    response = client.post(f"/api/v1/meetings/{meeting.id}/agenda/order",
                           headers=auth(meeting.council.test_members[0]),
                           json={"item_ids": order(ids)})
    assert response.status_code == status
    assert [item.id for item in meeting.items] == ids and broadcasts == []


def test_a_member_cannot_reorder_the_agenda(client, auth, make_meeting):
    meeting = make_meeting("in_session")
    response = client.post(f"/api/v1/meetings/{meeting.id}/agenda/order",
                           headers=auth(meeting.council.test_members[1]),
                           json={"item_ids": [i.id for i in meeting.items][::-1]})
    assert response.status_code == 403


def test_the_chair_advances_the_agenda_and_the_room_follows(client, auth, make_meeting,
                                                            broadcasts):
    meeting = make_meeting("in_session")
    first, second = meeting.items
    broadcasts.clear()  # forget what the setup sent
    response = client.post(f"/api/v1/meetings/{meeting.id}/agenda/advance",
                           headers=auth(meeting.council.test_members[0]), json={})
    assert response.status_code == 200
    assert response.get_json()["current_item_id"] == second.id
    [agenda] = sent(broadcasts, "agenda:update", meeting)
    assert [i["status"] for i in agenda["items"]] == ["done", "current"]
    assert sent(broadcasts, "speakers:update", meeting)[0]["item_id"] == second.id


def test_the_chair_takes_up_a_chosen_item(client, auth, make_meeting):
    meeting = make_meeting("in_session", items=3)
    third = meeting.items[2]
    response = client.post(f"/api/v1/meetings/{meeting.id}/agenda/advance",
                           headers=auth(meeting.council.test_members[0]),
                           json={"item_id": third.id})
    assert response.get_json()["current_item_id"] == third.id


def test_advancing_to_an_unknown_item_is_404(client, auth, make_meeting, broadcasts):
    meeting = make_meeting("in_session")
    broadcasts.clear()  # forget what the setup sent
    response = client.post(f"/api/v1/meetings/{meeting.id}/agenda/advance",
                           headers=auth(meeting.council.test_members[0]),
                           json={"item_id": 10**9})
    assert response.status_code == 404
    assert meeting.items[0].status == ItemStatus.CURRENT and broadcasts == []


def test_the_agenda_moves_only_in_session(client, auth, make_meeting):
    meeting = make_meeting("scheduled")
    response = client.post(f"/api/v1/meetings/{meeting.id}/agenda/advance",
                           headers=auth(meeting.council.test_members[0]), json={})
    assert api_error(response, 409)["code"] == "wrong_status"


def test_a_member_cannot_advance_the_agenda(client, auth, make_meeting):
    meeting = make_meeting("in_session")
    response = client.post(f"/api/v1/meetings/{meeting.id}/agenda/advance",
                           headers=auth(meeting.council.test_members[1]), json={})
    assert response.status_code == 403


def test_the_chair_defers_an_item(client, auth, make_meeting, broadcasts):
    meeting = make_meeting("in_session")
    item = meeting.items[1]
    broadcasts.clear()  # forget what the setup sent
    response = client.post(f"/api/v1/meetings/{meeting.id}/agenda/{item.id}/status",
                           headers=auth(meeting.council.test_members[0]),
                           json={"status": "deferred"})
    assert response.status_code == 200
    assert sent(broadcasts, "agenda:update", meeting)[0]["items"][1]["status"] == "deferred"


@pytest.mark.parametrize("status", ["current", "closed", 1])
def test_an_item_cannot_be_set_to_an_unknown_status(client, auth, make_meeting, status):
    meeting = make_meeting("in_session")
    response = client.post(f"/api/v1/meetings/{meeting.id}/agenda/{meeting.items[1].id}/status",
                           headers=auth(meeting.council.test_members[0]), json={"status": status})
    assert "status" in api_error(response, 422)["fields"]
