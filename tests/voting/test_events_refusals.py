"""Votes refused in the live room, in-process: an error ack in the voter's language, no change,
and the connection stays (test_events.py has the votes that count).
"""

import pytest
from flask_babel import force_locale, gettext

from govhub.extensions import db, socketio
from govhub.meetings import attendance
from govhub.realtime.rooms import NAMESPACE
from govhub.voting import services
from tests.helpers.live import call, refused
from tests.helpers.records import stored_ballots

# --- refusals: an error ack in the voter's language, no change, the connection stays -----------

BAD_VOTES = [
    ("unknown poll", {"poll_id": 987654, "choice": "yes"}, "unknown_poll"),
    ("impossible poll id", {"poll_id": 10**30, "choice": "yes"}, "unknown_poll"),
    ("poll id as text", {"poll_id": "POLL_AS_TEXT", "choice": "yes"}, "unknown_poll"),
    ("no poll id", {"choice": "yes"}, "unknown_poll"),
    ("poll not open", {"poll_id": "DRAFT", "choice": "yes"}, "poll_not_open"),
    ("wrong choice", {"poll_id": "POLL", "choice": "perhaps"}, "bad_choice"),
    ("choice of another kind", {"poll_id": "POLL", "choice": {"yes": True}}, "bad_choice"),
    ("too many choices", {"poll_id": "MULTIPLE", "choices": "ALL"}, "too_many_choices"),
    ("too few choices", {"poll_id": "MULTIPLE", "choices": []}, "too_few_choices"),
    ("incomplete ranking", {"poll_id": "RANKED", "ranking": "FIRST"}, "incomplete_ranking"),
    ("ranking of text", {"poll_id": "RANKED", "ranking": "a, b, c"}, "bad_choice"),
    ("a list, not an object", ["poll_id", 1, "choice", "yes"], "bad_payload"),
    ("a bare string", "yes", "bad_payload"),
    ("huge key", {"poll_id": "POLL", "choice": "yes", "key": "k" * 100_000}, "invalid_key"),
    ("key not text", {"poll_id": "POLL", "choice": "yes", "key": {"k": 1}}, "invalid_key"),
    ("proxy for nobody", {"poll_id": "POLL", "choice": "yes", "member_id": 10**30},
     "not_entitled"),
    ("proxy id as text", {"poll_id": "POLL", "choice": "yes", "member_id": "2"},
     "not_entitled"),
]


@pytest.fixture
def polls(make_poll, make_meeting, room):
    """One open poll of each shape the bad votes need, plus a draft (each on its own meeting)."""
    chair = room.council.test_members[0]
    made = {"POLL": make_poll(), "DRAFT": None, "MULTIPLE": None, "RANKED": None}
    made["DRAFT"] = services.create_poll(chair, room, room.current_item, "Draft", "yes_no_abstain")
    for name, kind, extra in (("MULTIPLE", "multiple", {"max_choices": 2}),
                              ("RANKED", "ranked", {})):
        meeting = make_meeting("in_session", council=room.council)
        for member in room.council.test_members:
            attendance.check_in(member, meeting)
        made[name] = services.create_poll(chair, meeting, meeting.current_item, name, kind,
                                          options=["一", "二", "三"], **extra)
        services.open_poll(chair, made[name])
    db.session.commit()
    return made


def _resolve(payload, polls):
    if not isinstance(payload, dict):
        return payload
    resolved = dict(payload)
    if resolved.get("poll_id") == "POLL_AS_TEXT":
        resolved["poll_id"] = str(polls["POLL"].id)
    elif resolved.get("poll_id") in polls:
        resolved["poll_id"] = polls[resolved["poll_id"]].id
    options = [o.id for o in polls["MULTIPLE"].options]
    for field in ("choices", "ranking"):
        if resolved.get(field) == "ALL":
            resolved[field] = options
        elif resolved.get(field) == "FIRST":
            resolved[field] = [polls["RANKED"].options[0].id]
    return resolved


@pytest.mark.parametrize("case, payload, code", BAD_VOTES, ids=[c[0] for c in BAD_VOTES])
def test_a_bad_vote_gets_an_error_changes_nothing_and_the_connection_stays(
        connect, room, polls, broadcasts, case, payload, code):
    live = connect(room.council.test_members[1])
    broadcasts.clear()  # forget what the setup sent
    refused(call(live, "poll:vote", _resolve(payload, polls)), code)
    assert sum(stored_ballots(poll) for poll in polls.values()) == 0
    assert broadcasts == []
    assert live.is_connected(NAMESPACE)
    assert call(live, "poll:vote", {"poll_id": polls["POLL"].id, "choice": "yes"})["ok"] is True


def test_a_member_not_entitled_is_refused(connect, make_meeting):
    meeting = make_meeting("in_session")
    chair, present, late = meeting.council.test_members
    for member in (chair, present):
        attendance.check_in(member, meeting)
    poll = services.create_poll(chair, meeting, meeting.current_item, "Q", "yes_no_abstain")
    services.open_poll(chair, poll)
    attendance.check_in(late, meeting)  # too late: who may vote was frozen at the opening
    db.session.commit()
    refused(call(connect(late), "poll:vote", {"poll_id": poll.id, "choice": "yes"}),
            "not_entitled")
    assert stored_ballots(poll) == 0


def test_a_poll_of_a_private_meeting_is_unknown_to_outsiders(connect, make_meeting, make_user):
    meeting = make_meeting("in_session", is_public=False)
    chair = meeting.council.test_members[0]
    attendance.check_in(chair, meeting)
    poll = services.create_poll(chair, meeting, meeting.current_item, "Q", "yes_no_abstain")
    services.open_poll(chair, poll)
    db.session.commit()
    outsider = connect(make_user())
    hidden = refused(call(outsider, "poll:vote", {"poll_id": poll.id, "choice": "yes"}),
                     "unknown_poll")
    unknown = refused(call(outsider, "poll:vote", {"poll_id": 987654, "choice": "yes"}),
                      "unknown_poll")
    assert hidden == unknown
    for event in ("poll:open", "poll:close"):
        refused(call(outsider, event, {"poll_id": poll.id}), "unknown_poll")


def test_a_vote_after_close_is_refused(connect, room, make_poll):
    poll = make_poll()
    live = connect(room.council.test_members[1])
    assert call(connect(room.council.test_members[0]), "poll:close",
                {"poll_id": poll.id})["ok"] is True
    refused(call(live, "poll:vote", {"poll_id": poll.id, "choice": "yes"}), "poll_closed")
    assert stored_ballots(poll) == 0


def test_a_viewer_cannot_vote(connect, room, make_poll):
    poll = make_poll()
    refused(call(connect(None), "poll:vote", {"poll_id": poll.id, "choice": "yes"}),
            "unauthorized")
    assert stored_ballots(poll) == 0


def test_refusals_speak_the_voters_language(connect, room, make_poll):
    poll = make_poll()
    member = room.council.test_members[1]
    member.locale = "zh_CN"
    db.session.commit()
    live = connect(member)
    with force_locale("zh_CN"):
        expected = gettext("That is not one of the poll's options.")
    error = refused(call(live, "poll:vote", {"poll_id": poll.id, "choice": "maybe"}),
                    "bad_choice")
    assert error["message"] == expected
    error = refused(call(live, "poll:vote", {"poll_id": 987654}), "unknown_poll")
    with force_locale("zh_CN"):
        assert error["message"] == gettext("There is no such poll.")


def test_refusals_speak_the_browsers_language_when_the_account_chose_none(app, make_token, room,
                                                                         make_poll):
    poll = make_poll()
    member = room.council.test_members[1]
    member.locale = None
    db.session.commit()
    live = socketio.test_client(app, namespace=NAMESPACE, auth={"token": make_token(member)},
                                headers={"Accept-Language": "zh-CN,zh;q=0.9"})
    with force_locale("zh_CN"):
        not_an_object = gettext("The message must be a JSON object.")
        not_an_option = gettext("That is not one of the poll's options.")
    assert refused(call(live, "poll:vote", "yes"), "bad_payload")["message"] == not_an_object
    assert refused(call(live, "poll:vote", {"poll_id": poll.id, "choice": "maybe"}),
                   "bad_choice")["message"] == not_an_option
    live.disconnect(NAMESPACE)


def test_a_vote_with_extra_arguments_is_refused_in_its_ack_and_not_counted(connect, room,
                                                                          make_poll):
    poll = make_poll()
    live = connect(room.council.test_members[1])
    ack = live.emit("poll:vote", {"poll_id": poll.id, "choice": "yes"}, "extra", 3,
                    namespace=NAMESPACE, callback=True)
    assert ack["ok"] is False and ack["error"]["code"] == "bad_request"
    assert stored_ballots(poll) == 0
