"""Ballots over the JSON API, online and on paper: who may cast, what a ballot may say, and what
the room hears. The same services and permissions as the live room (see test_api.py).
"""

import pytest
import sqlalchemy as sa

from govhub.audit.models import AuditEvent
from govhub.extensions import db
from govhub.meetings import attendance
from govhub.voting import services
from govhub.voting.models import Ballot, Receipt, SecretBallot
from tests.helpers.api import api_error, sent
from tests.helpers.records import organiser_of, stored_ballots

# --- ballots -----------------------------------------------------------------------------

def test_a_member_votes_and_the_room_sees_the_turnout(client, auth, room, make_poll, broadcasts):
    poll = make_poll()
    member = room.council.test_members[1]
    broadcasts.clear()  # forget what the setup sent
    response = client.post(f"/api/v1/polls/{poll.id}/ballots", headers=auth(member),
                           json={"choice": "yes", "key": "phone-1"})
    assert response.status_code == 201
    body = response.get_json()
    assert body == {"poll_id": poll.id, "member_id": member.id, "members": [member.id],
                    "new": True, "changed": False, "turnout": {
                        "count": 1, "weight": "1", "entitled_count": 3, "entitled_weight": "3"}}
    [tally] = sent(broadcasts, "poll:tally", room)
    assert tally["turnout"]["count"] == 1 and tally["tally"]["yes"]["count"] == 1


def test_a_retry_with_the_same_key_counts_once(client, auth, room, make_poll):
    poll = make_poll(allow_change=False)
    headers = auth(room.council.test_members[1])
    url = f"/api/v1/polls/{poll.id}/ballots"
    first = client.post(url, headers=headers, json={"choice": "yes", "key": "k-1"})
    retry = client.post(url, headers=headers, json={"choice": "yes", "key": "k-1"})
    assert (first.status_code, retry.status_code) == (201, 200)
    assert retry.get_json()["new"] is False and retry.get_json()["changed"] is False
    other = client.post(url, headers=headers, json={"choice": "no", "key": "k-2"})
    assert api_error(other, 409)["code"] == "already_voted"
    assert stored_ballots(poll) == 1
    assert db.session.scalar(sa.select(Ballot.content)) == ["yes"]


def test_a_member_changes_their_vote_where_the_poll_allows(client, auth, room, make_poll):
    poll = make_poll()
    headers = auth(room.council.test_members[1])
    url = f"/api/v1/polls/{poll.id}/ballots"
    assert client.post(url, headers=headers, json={"choice": "yes"}).status_code == 201
    changed = client.post(url, headers=headers, json={"choice": "no"})
    assert changed.status_code == 200 and changed.get_json()["changed"] is True
    assert stored_ballots(poll) == 1
    assert db.session.scalar(sa.select(Ballot.content)) == ["no"]


def test_a_secret_ballot_is_counted_without_its_voter(client, auth, room, make_poll):
    poll = make_poll(secret=True)
    member = room.council.test_members[1]
    response = client.post(f"/api/v1/polls/{poll.id}/ballots", headers=auth(member),
                           json={"choice": "no", "key": "s-1"})
    assert response.status_code == 201
    assert db.session.scalar(sa.select(Receipt.voter_id)) == member.id
    assert db.session.scalar(sa.select(SecretBallot.content)) == ["no"]
    again = client.post(f"/api/v1/polls/{poll.id}/ballots", headers=auth(member),
                        json={"choice": "yes", "key": "s-2"})
    assert api_error(again, 409)["code"] == "already_voted"


def test_a_proxy_holder_votes_for_one_member_or_for_all(client, auth, proxy_room):
    meeting = proxy_room
    chair, holder, absent = meeting.council.test_members
    poll = services.create_poll(chair, meeting, meeting.current_item, "Q", "yes_no_abstain")
    services.open_poll(chair, poll)
    db.session.commit()
    url, headers = f"/api/v1/polls/{poll.id}/ballots", auth(holder)
    one = client.post(url, headers=headers, json={"choice": "yes", "member_id": absent.id})
    assert one.status_code == 201 and one.get_json()["member_id"] == absent.id
    everyone = client.post(url, headers=headers, json={"choice": "no", "for_all": True})
    body = everyone.get_json()
    assert everyone.status_code == 201 and sorted(body["members"]) == sorted([holder.id,
                                                                             absent.id])
    assert body["turnout"]["count"] == 2
    votes = dict(db.session.execute(sa.select(Ballot.voter_id, Ballot.via)).all())
    assert votes == {holder.id: "self", absent.id: "proxy"}
    for member_id in (absent.id, 10**12):
        not_held = client.post(url, headers=auth(chair), json={"choice": "no",
                                                               "member_id": member_id})
        error = api_error(not_held, 403)
        assert (error["code"], error["field"]) == ("not_entitled", "member_id")


def test_a_member_who_is_not_entitled_cannot_vote(client, auth, make_meeting):
    meeting = make_meeting("in_session")
    chair, present, absent = meeting.council.test_members
    for member in (chair, present):
        attendance.check_in(member, meeting)
    poll = services.create_poll(chair, meeting, meeting.current_item, "Q", "yes_no_abstain")
    services.open_poll(chair, poll)
    db.session.commit()
    response = client.post(f"/api/v1/polls/{poll.id}/ballots", headers=auth(absent),
                           json={"choice": "yes"})
    assert api_error(response, 403)["code"] == "not_entitled"
    assert stored_ballots(poll) == 0


def test_an_outsider_cannot_find_a_private_poll_to_vote_in(client, auth, make_meeting,
                                                           make_user):
    meeting = make_meeting("in_session", is_public=False)
    chair = meeting.council.test_members[0]
    attendance.check_in(chair, meeting)
    poll = services.create_poll(chair, meeting, meeting.current_item, "Q", "yes_no_abstain")
    services.open_poll(chair, poll)
    db.session.commit()
    response = client.post(f"/api/v1/polls/{poll.id}/ballots", headers=auth(make_user()),
                           json={"choice": "yes"})
    assert api_error(response, 404)["code"] == "unknown_poll"


def test_ballots_before_opening_and_after_closing_are_refused(client, auth, room, make_poll):
    member = auth(room.council.test_members[1])
    draft = make_poll(open=False)
    early = client.post(f"/api/v1/polls/{draft.id}/ballots", headers=member,
                        json={"choice": "yes"})
    assert api_error(early, 404)["code"] == "unknown_poll"  # drafts are not shown to voters
    services.open_poll(room.council.test_members[0], draft)
    services.close_poll(room.council.test_members[0], draft)
    db.session.commit()
    late = client.post(f"/api/v1/polls/{draft.id}/ballots", headers=member,
                       json={"choice": "yes"})
    assert api_error(late, 409)["code"] == "poll_closed"
    assert stored_ballots(draft) == 0


BAD_BALLOTS = [
    ("yes_no_abstain", {}, {"choice": "maybe"}, "bad_choice"),
    ("yes_no_abstain", {}, {"choice": 1}, "bad_choice"),
    ("yes_no_abstain", {}, {"choices": ["yes"]}, "bad_choice"),
    ("yes_no_abstain", {}, {}, "bad_choice"),
    ("single", {}, {"choice": "方案一"}, "bad_choice"),
    ("single", {}, {"choice": 10**12}, "bad_choice"),
    ("single", {}, {"choice": True}, "bad_choice"),
    ("multiple", {"max_choices": 2}, {"choices": "FIRST"}, "bad_choice"),
    ("multiple", {"max_choices": 2}, {"choices": ["ALL"]}, "too_many_choices"),
    ("multiple", {"min_choices": 2}, {"choices": ["FIRST"]}, "too_few_choices"),
    ("multiple", {}, {"choices": ["FIRST", "FIRST"]}, "duplicate_choice"),
    ("multiple", {}, {"choices": [[1]]}, "bad_choice"),
    ("ranked", {}, {"ranking": ["FIRST"]}, "incomplete_ranking"),
    ("ranked", {}, {"ranking": {"1": 1}}, "bad_choice"),
]


def _with_options(content, poll):
    ids = [option.id for option in poll.options]
    swap = {"FIRST": ids[0]} if ids else {}

    def one(value):
        if value == ["ALL"]:
            return ids
        if isinstance(value, list):
            return [swap.get(v, v) if isinstance(v, str) else v for v in value]
        return swap.get(value, value) if isinstance(value, str) else value

    return {name: one(value) for name, value in content.items()}


@pytest.mark.parametrize("kind, options, content, code", BAD_BALLOTS)
def test_a_ballot_that_does_not_fit_the_poll_is_422_with_its_reason(client, auth, room,
                                                                    make_poll, kind, options,
                                                                    content, code, broadcasts):
    poll = make_poll(kind=kind, **options)
    broadcasts.clear()  # forget what the setup sent
    response = client.post(f"/api/v1/polls/{poll.id}/ballots",
                           headers=auth(room.council.test_members[1]),
                           json=_with_options(content, poll))
    error = api_error(response, 422)
    assert error["code"] == code and error["field"] == "choice"
    assert stored_ballots(poll) == 0 and broadcasts == []


@pytest.mark.parametrize("kind, ballot", [
    ("single", lambda ids: {"choice": ids[1]}),
    ("multiple", lambda ids: {"choices": [ids[2], ids[0]]}),
    ("ranked", lambda ids: {"ranking": [ids[2], ids[0], ids[1]]}),
])
def test_every_kind_takes_its_ballot(client, auth, room, make_poll, kind, ballot):
    poll = make_poll(kind=kind)
    ids = [option.id for option in poll.options]
    response = client.post(f"/api/v1/polls/{poll.id}/ballots",
                           headers=auth(room.council.test_members[1]), json=ballot(ids))
    assert response.status_code == 201, response.get_data(as_text=True)
    assert stored_ballots(poll) == 1


@pytest.mark.parametrize("body, field", [
    ({"choice": "yes", "key": "k" * 65}, "key"),
    ({"choice": "yes", "key": 12}, "key"),
    ({"choice": "yes", "member_id": "2"}, "member_id"),
    ({"choice": "yes", "for_all": "true"}, "for_all"),
    ({"choice": "yes", "poll_id": 1}, "poll_id"),
    ({"choices": list(range(101))}, "choices"),
    ({"choice": "y" * 10_000}, "choice"),
])
def test_a_malformed_ballot_body_names_the_field(client, auth, room, make_poll, body, field):
    poll = make_poll()
    response = client.post(f"/api/v1/polls/{poll.id}/ballots",
                           headers=auth(room.council.test_members[1]), json=body)
    error = api_error(response, 422)
    assert error["code"] == "validation_error" and field in error["fields"]
    assert stored_ballots(poll) == 0


# --- paper ballots -----------------------------------------------------------------------

def test_a_worker_enters_a_paper_ballot_and_the_audit_says_who(client, auth, room, make_poll):
    poll = make_poll()
    worker, member = organiser_of(room), room.council.test_members[2]
    response = client.post(f"/api/v1/polls/{poll.id}/paper-ballots", headers=auth(worker),
                           json={"user_id": member.id, "choice": "yes"})
    assert response.status_code == 201 and response.get_json()["member_id"] == member.id
    ballot = db.session.scalar(sa.select(Ballot))
    assert (ballot.voter_id, ballot.cast_by_id, ballot.via) == (member.id, worker.id, "paper")
    audit = db.session.scalar(sa.select(AuditEvent).where(
        AuditEvent.action == "poll.paper_ballot"))
    assert audit.actor_id == worker.id and audit.data["user_id"] == member.id


def test_a_resident_cannot_enter_paper_ballots(client, auth, room, make_poll):
    poll = make_poll()
    first, second = room.council.test_members[1:]
    response = client.post(f"/api/v1/polls/{poll.id}/paper-ballots", headers=auth(first),
                           json={"user_id": second.id, "choice": "yes"})
    assert api_error(response, 403)["code"] == "forbidden"
    assert stored_ballots(poll) == 0


def test_secret_polls_take_no_paper_ballots(client, auth, room, make_poll):
    poll = make_poll(secret=True)
    response = client.post(f"/api/v1/polls/{poll.id}/paper-ballots",
                           headers=auth(organiser_of(room)),
                           json={"user_id": room.council.test_members[1].id, "choice": "yes"})
    assert api_error(response, 409)["code"] == "secret_poll"
    assert stored_ballots(poll) == 0


@pytest.mark.parametrize("user_id", [987654, 10**12, "USER"])
def test_a_paper_ballot_for_someone_not_entitled_is_refused(client, auth, room, make_poll,
                                                            make_user, user_id):
    poll = make_poll()
    user_id = make_user().id if user_id == "USER" else user_id
    response = client.post(f"/api/v1/polls/{poll.id}/paper-ballots",
                           headers=auth(organiser_of(room)),
                           json={"user_id": user_id, "choice": "yes"})
    assert api_error(response, 403)["code"] == "not_entitled"
