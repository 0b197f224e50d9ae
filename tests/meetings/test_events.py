"""The live room in-process: joining, acting, and being refused over /live.

Each client is flask_socketio's test client; a broadcast reaches it when
the server put it in the meeting's room, which it does only on a
successful meeting:join.
"""

import pytest
import sqlalchemy as sa

from govhub.audit.models import AuditEvent
from govhub.extensions import db
from govhub.live.room_snapshot import snapshot
from govhub.meetings import attendance
from govhub.meetings.models import ItemStatus, MeetingStatus
from govhub.meetings.queries import attendance_of, attendance_summary
from govhub.realtime.publisher import publish
from govhub.realtime.rooms import NAMESPACE, meeting_chair_room
from tests.helpers.live import NO_PAYLOAD, call, heard, refused
from tests.helpers.records import organiser_of

# --- joining -------------------------------------------------------------------------

def test_joining_returns_the_snapshot(connect, make_meeting):
    meeting = make_meeting("in_session")
    member = meeting.council.test_members[1]
    ack = call(connect(member), "meeting:join", {"meeting_id": meeting.id})
    assert ack["ok"] is True
    expected = snapshot(meeting)
    for part in ("meeting", "attendance", "agenda", "polls"):
        assert ack["state"][part] == expected[part]
    assert ack["state"]["speakers"]["item_id"] == meeting.items[0].id
    assert ack["you"] == {"user_id": member.id, "member": True, "can_chair": False,
                          "present": False, "proxy_holder_id": None, "proxies_held": 0,
                          "ballots": {}}


def test_a_joined_client_hears_later_changes(connect, make_meeting):
    meeting = make_meeting("in_session")
    _, first, second = meeting.council.test_members
    watcher, other = connect(first), connect(second)
    call(watcher, "meeting:join", {"meeting_id": meeting.id})
    heard(watcher, "attendance:update")
    assert call(other, "attendance:check_in", {"meeting_id": meeting.id})["ok"] is True
    [update] = heard(watcher, "attendance:update")
    assert update["changed"] == {"user_id": second.id, "present": True}
    assert update["present_count"] == 1


def test_a_client_that_has_not_joined_hears_nothing(connect, make_meeting):
    meeting = make_meeting("in_session")
    _, first, second = meeting.council.test_members
    bystander = connect(first)
    call(connect(second), "attendance:check_in", {"meeting_id": meeting.id})
    assert heard(bystander, "attendance:update") == []


def test_a_client_that_left_hears_no_more(connect, make_meeting):
    meeting = make_meeting("in_session")
    _, first, second = meeting.council.test_members
    watcher = connect(first)
    call(watcher, "meeting:join", {"meeting_id": meeting.id})
    assert call(watcher, "meeting:leave", {"meeting_id": meeting.id})["ok"] is True
    call(connect(second), "attendance:check_in", {"meeting_id": meeting.id})
    assert heard(watcher, "attendance:update") == []


def test_two_tabs_of_one_member_both_follow_and_count_once(connect, make_meeting):
    meeting = make_meeting("in_session")
    member = meeting.council.test_members[1]
    phone, laptop = connect(member), connect(member)
    for tab in (phone, laptop):
        call(tab, "meeting:join", {"meeting_id": meeting.id})
    assert call(phone, "attendance:check_in", {"meeting_id": meeting.id})["you"]["present"]
    assert call(laptop, "attendance:check_in", {"meeting_id": meeting.id})["you"]["present"]
    assert len(heard(laptop, "attendance:update")) == 1
    assert attendance_summary(meeting)["present_count"] == 1


def test_only_the_chair_joins_the_chair_room(connect, make_meeting):
    meeting = make_meeting("in_session")
    chair, member, _ = meeting.council.test_members
    chair_client, member_client = connect(chair), connect(member)
    assert call(chair_client, "meeting:join", {"meeting_id": meeting.id})["you"]["can_chair"]
    call(member_client, "meeting:join", {"meeting_id": meeting.id})
    publish(meeting_chair_room(meeting.id), "chair:note", {"text": "for the chair"})
    db.session.commit()
    assert heard(chair_client, "chair:note") == [{"text": "for the chair"}]
    assert heard(member_client, "chair:note") == []


def test_a_non_member_cannot_join_a_private_meeting(connect, make_meeting, make_user):
    meeting = make_meeting("in_session", is_public=False)
    outsider = connect(make_user())
    hidden = call(outsider, "meeting:join", {"meeting_id": meeting.id})
    unknown = call(outsider, "meeting:join", {"meeting_id": 987654})
    refused(hidden, "unknown_meeting")
    assert hidden == unknown
    call(connect(meeting.council.test_members[1]), "attendance:check_in",
         {"meeting_id": meeting.id})
    assert heard(outsider, "attendance:update") == []


def test_a_non_member_cannot_act_in_a_private_meeting(connect, make_meeting, make_user):
    meeting = make_meeting("in_session", is_public=False)
    outsider = connect(make_user())
    for event in ("attendance:check_in", "speakers:request"):
        refused(call(outsider, event, {"meeting_id": meeting.id}), "unknown_meeting")
    assert attendance_summary(meeting)["present_count"] == 0


def test_a_draft_cannot_be_joined_by_members(connect, make_meeting):
    meeting = make_meeting("draft")
    refused(call(connect(meeting.council.test_members[1]), "meeting:join",
                 {"meeting_id": meeting.id}), "unknown_meeting")


def test_a_viewer_watches_a_public_meeting_but_cannot_check_in(connect, make_meeting):
    meeting = make_meeting("in_session")
    viewer = connect(None)
    ack = call(viewer, "meeting:join", {"meeting_id": meeting.id})
    assert ack["ok"] is True and ack["you"]["user_id"] is None
    refused(call(viewer, "attendance:check_in", {"meeting_id": meeting.id}), "forbidden")
    refused(call(viewer, "speakers:request", {"meeting_id": meeting.id}), "forbidden")
    refused(call(viewer, "speakers:next", {"meeting_id": meeting.id}), "forbidden")
    assert attendance_summary(meeting)["present_count"] == 0
    call(connect(meeting.council.test_members[1]), "attendance:check_in",
         {"meeting_id": meeting.id})
    assert len(heard(viewer, "attendance:update")) == 1


def test_a_viewer_needs_the_projector_key_for_a_private_meeting(connect, make_meeting):
    meeting = make_meeting("in_session", is_public=False)
    refused(call(connect(None), "meeting:join", {"meeting_id": meeting.id}), "unknown_meeting")
    wrong = connect(None, projector_key="not-the-key")
    refused(call(wrong, "meeting:join", {"meeting_id": meeting.id}), "unknown_meeting")
    projector = connect(None, projector_key=meeting.projector_key)
    assert call(projector, "meeting:join", {"meeting_id": meeting.id})["ok"] is True
    refused(call(projector, "attendance:check_in", {"meeting_id": meeting.id}), "forbidden")


# --- acting -------------------------------------------------------------------------------

def test_speaker_requests_and_next_reach_the_room_in_order(connect, make_meeting):
    meeting = make_meeting("in_session")
    chair, first, second = meeting.council.test_members
    chair_client, first_client, second_client = connect(chair), connect(first), connect(second)
    for live in (chair_client, first_client, second_client):
        call(live, "meeting:join", {"meeting_id": meeting.id})
        call(live, "attendance:check_in", {"meeting_id": meeting.id})
    heard(chair_client, "speakers:update")
    assert call(first_client, "speakers:request", {"meeting_id": meeting.id})["entry_id"]
    call(second_client, "speakers:request", {"meeting_id": meeting.id})
    assert call(chair_client, "speakers:next", {"meeting_id": meeting.id})["ok"] is True
    updates = heard(chair_client, "speakers:update")
    assert [[s["user_id"] for s in u["queue"]] for u in updates] == [
        [first.id], [first.id, second.id], [second.id]]
    assert updates[-1]["current"]["user_id"] == first.id
    assert heard(second_client, "speakers:update")[-1] == updates[-1]


def test_a_member_withdraws_a_request(connect, make_meeting):
    meeting = make_meeting("in_session")
    member = meeting.council.test_members[1]
    live = connect(member)
    call(live, "attendance:check_in", {"meeting_id": meeting.id})
    call(live, "speakers:request", {"meeting_id": meeting.id})
    assert call(live, "speakers:withdraw", {"meeting_id": meeting.id})["ok"] is True
    refused(call(live, "speakers:withdraw", {"meeting_id": meeting.id}), "not_waiting")


def test_the_chair_advances_the_agenda_and_the_room_follows(connect, make_meeting):
    meeting = make_meeting("in_session", items=3)
    chair, member, _ = meeting.council.test_members
    chair_client, member_client = connect(chair), connect(member)
    call(member_client, "meeting:join", {"meeting_id": meeting.id})
    ack = call(chair_client, "agenda:advance", {"meeting_id": meeting.id})
    assert ack == {"ok": True, "current_item_id": meeting.items[1].id}
    [agenda] = heard(member_client, "agenda:update")
    assert [item["status"] for item in agenda["items"]] == ["done", "current", "pending"]
    third = meeting.items[2].id
    assert call(chair_client, "agenda:advance",
                {"meeting_id": meeting.id, "item_id": third})["current_item_id"] == third


def test_the_chair_defers_reorders_and_times(connect, make_meeting):
    meeting = make_meeting("in_session", items=3)
    chair_client = connect(meeting.council.test_members[0])
    ids = [item.id for item in meeting.items]
    assert call(chair_client, "agenda:set_status",
                {"meeting_id": meeting.id, "item_id": ids[2], "status": "deferred"})["ok"]
    assert call(chair_client, "agenda:reorder",
                {"meeting_id": meeting.id, "item_ids": ids[::-1]})["ok"]
    assert call(chair_client, "speakers:set_time",
                {"meeting_id": meeting.id, "seconds": 90})["ok"]
    db.session.expire_all()
    assert [item.id for item in meeting.items] == ids[::-1]
    assert meeting.items[0].status == ItemStatus.DEFERRED and meeting.speaking_seconds == 90


def test_a_worker_records_a_paper_attendee(connect, make_meeting):
    meeting = make_meeting("in_session")
    member = meeting.council.test_members[2]
    worker = connect(organiser_of(meeting))
    assert call(worker, "attendance:record",
                {"meeting_id": meeting.id, "user_id": member.id, "present": True})["ok"]
    assert attendance_of(meeting, member.id).via == "staff"
    refused(call(worker, "attendance:record",
                 {"meeting_id": meeting.id, "user_id": member.id, "present": "yes"}),
            "invalid_present")


def test_a_member_names_and_revokes_a_proxy(connect, make_meeting):
    meeting = make_meeting("in_session")
    _, holder, absent = meeting.council.test_members
    call(connect(holder), "attendance:check_in", {"meeting_id": meeting.id})
    live = connect(absent)
    ack = call(live, "attendance:proxy", {"meeting_id": meeting.id, "holder_id": holder.id})
    assert ack["you"]["proxy_holder_id"] == holder.id
    assert attendance_summary(meeting)["represented_count"] == 1
    assert call(live, "attendance:revoke_proxy",
                {"meeting_id": meeting.id})["you"]["proxy_holder_id"] is None


# --- chair-only events, refused for residents -----------------------------------------------

CHAIR_EVENTS = [
    ("speakers:next", {}),
    ("speakers:set_time", {"seconds": 60}),
    ("agenda:advance", {}),
    ("agenda:set_status", {"item": 1, "status": "deferred"}),
    ("agenda:reorder", {"reverse": True}),
    ("attendance:record", {"user": 2, "present": True}),
    ("meeting:move", {"status": "adjourned"}),
]


def _fill(meeting, extra):
    """Payload for a chair event with the meeting's real ids filled in."""
    payload = {"meeting_id": meeting.id}
    ids = [item.id for item in meeting.items]
    for key, value in extra.items():
        if key == "item":
            payload["item_id"] = ids[value]
        elif key == "reverse":
            payload["item_ids"] = ids[::-1]
        elif key == "user":
            payload["user_id"] = meeting.council.test_members[value].id
        else:
            payload[key] = value
    return payload


@pytest.mark.parametrize("event, extra", CHAIR_EVENTS)
def test_chair_events_are_refused_for_residents(connect, make_meeting, event, extra):
    meeting = make_meeting("in_session")
    member = meeting.council.test_members[1]
    before = snapshot(meeting)
    watcher = connect(meeting.council.test_members[2])
    call(watcher, "meeting:join", {"meeting_id": meeting.id})
    refused(call(connect(member), event, _fill(meeting, extra)), "forbidden")
    db.session.expire_all()
    after = snapshot(meeting)
    for part in ("meeting", "attendance", "agenda"):
        assert after[part] == before[part]
    assert [m for m in watcher.get_received(NAMESPACE) if m["name"] != "notification"] == []


@pytest.mark.parametrize("event, extra", CHAIR_EVENTS)
def test_chair_events_work_for_the_chair(connect, make_meeting, event, extra):
    meeting = make_meeting("in_session")
    ack = call(connect(meeting.council.test_members[0]), event, _fill(meeting, extra))
    assert ack["ok"] is True, ack


# --- bad payloads: an error ack, no change, the connection stays up ---------------------------

BAD = [
    ("meeting:join", NO_PAYLOAD, "unknown_meeting"),
    ("meeting:join", {}, "unknown_meeting"),
    ("meeting:join", {"meeting_id": "1"}, "unknown_meeting"),
    ("meeting:join", {"meeting_id": True}, "unknown_meeting"),
    ("meeting:join", {"meeting_id": -1}, "unknown_meeting"),
    ("meeting:join", {"meeting_id": 10**30}, "unknown_meeting"),
    ("meeting:join", {"meeting_id": 1.5}, "unknown_meeting"),
    ("meeting:join", {"meeting_id": "x" * 200_000}, "unknown_meeting"),
    ("meeting:join", {"meeting_id": {"$gt": 0}}, "unknown_meeting"),
    ("meeting:join", ["meeting_id", 1], "bad_payload"),
    ("meeting:join", "meeting:1", "bad_payload"),
    ("meeting:join", 1, "bad_payload"),
    ("attendance:check_in", [], "bad_payload"),
    ("attendance:check_in", {"meeting_id": [1]}, "unknown_meeting"),
    ("speakers:request", {"meeting_id": None}, "unknown_meeting"),
    ("agenda:advance", {"meeting_id": "MEETING", "item_id": 999_999}, "unknown_item"),
    ("agenda:advance", {"meeting_id": "MEETING", "item_id": "1"}, "unknown_item"),
    ("agenda:advance", {"meeting_id": "MEETING", "item_id": 10**30}, "unknown_item"),
    ("agenda:set_status", {"meeting_id": "MEETING", "item_id": 999_999, "status": "done"},
     "unknown_item"),
    ("agenda:set_status", {"meeting_id": "MEETING", "item_id": "FIRST", "status": "x" * 100_000},
     "invalid_status"),
    ("agenda:set_status", {"meeting_id": "MEETING", "item_id": "FIRST", "status": ["done"]},
     "invalid_status"),
    ("agenda:reorder", {"meeting_id": "MEETING", "item_ids": "1,2"}, "invalid_order"),
    ("agenda:reorder", {"meeting_id": "MEETING", "item_ids": [1, "2"]}, "invalid_order"),
    ("agenda:reorder", {"meeting_id": "MEETING", "item_ids": [[1], {"a": 2}]}, "invalid_order"),
    ("agenda:reorder", {"meeting_id": "MEETING", "item_ids": [999_999, 999_998]},
     "invalid_order"),
    ("speakers:set_time", {"meeting_id": "MEETING", "seconds": "60"}, "invalid_seconds"),
    ("speakers:set_time", {"meeting_id": "MEETING", "seconds": 10**40}, "invalid_seconds"),
    ("attendance:record", {"meeting_id": "MEETING", "user_id": 10**30, "present": True},
     "unknown_user"),
    ("attendance:record", {"meeting_id": "MEETING", "user_id": "1", "present": True},
     "unknown_user"),
    ("meeting:move", {"meeting_id": "MEETING", "status": "x" * 100_000}, "invalid_status"),
    ("meeting:move", {"meeting_id": "MEETING", "status": {"in": "session"}}, "invalid_status"),
    ("meeting:move", {"meeting_id": "MEETING", "status": "draft"}, "wrong_status"),
]


def _resolve(payload, meeting):
    if not isinstance(payload, dict):
        return payload
    first = meeting.items[0].id
    return {key: meeting.id if value == "MEETING" else first if value == "FIRST" else value
            for key, value in payload.items()}


@pytest.mark.parametrize("event, payload, code", BAD)
def test_a_bad_payload_gets_an_error_changes_nothing_and_the_connection_stays(
        connect, make_meeting, event, payload, code):
    meeting = make_meeting("in_session")
    chair = connect(meeting.council.test_members[0])
    watcher = connect(meeting.council.test_members[2])
    call(watcher, "meeting:join", {"meeting_id": meeting.id})
    audited = db.session.scalar(sa.select(sa.func.count(AuditEvent.id)))
    before = snapshot(meeting)
    refused(call(chair, event, _resolve(payload, meeting)), code)
    db.session.expire_all()
    after = snapshot(meeting)
    for part in ("meeting", "attendance", "agenda"):
        assert after[part] == before[part]
    assert db.session.scalar(sa.select(sa.func.count(AuditEvent.id))) == audited
    assert watcher.get_received(NAMESPACE) == []
    assert chair.is_connected(NAMESPACE)
    assert call(chair, "meeting:join", {"meeting_id": meeting.id})["ok"] is True


def test_a_proxy_for_nobody_is_refused(connect, make_meeting):
    meeting = make_meeting("in_session")
    live = connect(meeting.council.test_members[2])
    for holder_id in (10**30, "1", None, 999_999):
        refused(call(live, "attendance:proxy", {"meeting_id": meeting.id,
                                                "holder_id": holder_id}), "unknown_user")
    assert live.is_connected(NAMESPACE)


@pytest.mark.parametrize("status", ["scheduled", "adjourned"])
@pytest.mark.parametrize("event, code", [
    ("attendance:check_in", "not_in_session"),
    ("speakers:request", "not_in_session"),
])
def test_events_for_a_meeting_not_in_session_are_refused(connect, make_meeting, status, event,
                                                         code):
    meeting = make_meeting(status)
    live = connect(meeting.council.test_members[1])
    refused(call(live, event, {"meeting_id": meeting.id}), code)
    assert attendance_summary(meeting)["present_count"] == 0
    assert call(live, "meeting:join", {"meeting_id": meeting.id})["ok"] is True


@pytest.mark.parametrize("event", ["speakers:next", "agenda:advance"])
def test_chair_events_for_a_meeting_not_in_session_are_refused(connect, make_meeting, event):
    meeting = make_meeting("adjourned")
    ack = call(connect(meeting.council.test_members[0]), event, {"meeting_id": meeting.id})
    assert ack["ok"] is False and ack["error"]["code"] in {"not_in_session", "wrong_status"}
    assert meeting.status == MeetingStatus.ADJOURNED


def test_a_disabled_account_is_answered_unauthorized_on_its_open_socket(connect, make_meeting):
    from govhub.core.models import utcnow

    meeting = make_meeting("in_session")
    member = meeting.council.test_members[1]
    live = connect(member)
    member.disabled_at = utcnow()
    db.session.commit()
    refused(call(live, "attendance:check_in", {"meeting_id": meeting.id}), "unauthorized")
    assert attendance_summary(meeting)["present_count"] == 0


def test_speaking_needs_presence(connect, make_meeting):
    meeting = make_meeting("in_session")
    live = connect(meeting.council.test_members[1])
    refused(call(live, "speakers:request", {"meeting_id": meeting.id}), "not_present")
    attendance.check_in(meeting.council.test_members[1], meeting)
    db.session.commit()
    assert call(live, "speakers:request", {"meeting_id": meeting.id})["ok"] is True
