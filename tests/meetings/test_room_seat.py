"""The room for someone who is not a member: why they cannot check in and how to get a seat;
and a member seated while the meeting is in session."""

import pytest

from govhub.core.errors import DomainError
from govhub.councils import joining
from govhub.councils.services import unseat_member
from govhub.extensions import db
from govhub.meetings import attendance
from govhub.meetings.queries import attendance_summary
from govhub.users.services import confirm_resident
from govhub.voting import ballots
from govhub.voting import services as voting
from govhub.voting.queries import poll_payload, result_of, tally_payload

EN = {"Accept-Language": "en"}
ZH = {"Accept-Language": "zh-CN"}


@pytest.fixture
def worker(make_user):
    return make_user("worker")


def _room(client, meeting, headers=EN) -> str:
    return client.get(f"/meetings/{meeting.id}/room", headers=headers).get_data(as_text=True)


# --- what the room says ----------------------------------------------------------------------

def test_an_unconfirmed_resident_learns_that_confirmation_brings_the_seat(client, login,
                                                                          make_user,
                                                                          make_meeting):
    meeting = make_meeting()
    login(make_user(confirmed=False))
    html = _room(client, meeting)
    assert 'data-seat-help="unconfirmed"' in html
    assert "Your account waits for a community worker's confirmation" in html
    assert "/room/check-in" not in html


def test_a_confirmed_resident_without_a_seat_is_shown_how_to_ask(client, login, make_user,
                                                                 make_meeting):
    meeting = make_meeting()
    login(make_user())
    html = _room(client, meeting)
    assert 'data-seat-help="ask"' in html
    assert f'href="/councils/{meeting.council_id}#join"' in html
    assert "Ask to join the council" in html


def test_the_room_says_so_in_chinese(client, login, make_user, make_meeting):
    meeting = make_meeting()
    login(make_user())
    html = _room(client, meeting, ZH)
    assert "申请加入" in html and "Ask to join the council" not in html


def test_a_resident_who_asked_is_told_to_wait_for_the_answer(client, login, make_user,
                                                             make_meeting):
    meeting = make_meeting()
    resident = make_user()
    joining.request_to_join(resident, meeting.council)
    db.session.commit()
    login(resident)
    html = _room(client, meeting)
    assert 'data-seat-help="pending"' in html and "You asked to join this council" in html


def test_a_worker_who_does_not_sit_on_the_council_is_told_who_seats_members(
        client, login, worker, make_meeting):
    meeting = make_meeting()
    login(worker)
    assert 'data-seat-help="staff"' in _room(client, meeting)


def test_a_member_sees_the_buttons_not_the_explanation(client, login, make_meeting):
    meeting = make_meeting()
    login(meeting.council.test_members[1])
    html = _room(client, meeting)
    assert "data-seat-help" not in html and "/room/check-in" in html


# --- seated while the meeting is in session -------------------------------------------------

def test_seating_during_the_session_recounts_the_quorum_base_in_the_room(worker, make_user,
                                                                         make_meeting,
                                                                         broadcasts):
    meeting = make_meeting()  # three members of weight 1
    newcomer = make_user(confirmed=False)
    confirm_resident(worker, newcomer, meeting.council)
    db.session.commit()
    [update] = [payload for room, event, payload in broadcasts
                if room == f"meeting:{meeting.id}" and event == "attendance:update"]
    assert update["entitled_count"] == 4 and update["entitled_weight"] == "4"
    assert update["quorum"]["needed_weight"] == "3"  # more than half of 4


def test_unseating_during_the_session_recounts_it_too(worker, make_meeting, broadcasts):
    from govhub.councils.queries import active_membership

    meeting = make_meeting()
    leaving = meeting.council.test_members[2]
    unseat_member(worker, active_membership(meeting.council_id, leaving.id))
    db.session.commit()
    [update] = [payload for room, event, payload in broadcasts
                if event == "attendance:update"]
    assert update["entitled_count"] == 2


def test_a_resident_confirmed_and_seated_during_the_session_checks_in(worker, make_user,
                                                                      make_meeting):
    meeting = make_meeting()
    newcomer = make_user(confirmed=False)
    with pytest.raises(DomainError):
        attendance.check_in(newcomer, meeting)
    confirm_resident(worker, newcomer, meeting.council)
    db.session.commit()
    attendance.check_in(newcomer, meeting)
    db.session.commit()
    summary = attendance_summary(meeting)
    assert summary["present_weight"] == "1" and summary["entitled_weight"] == "4"


def _open_with(meeting, present: int, rule_set: str = "", live: bool = True):
    """Check in the first `present` of the three members and open a yes/no poll."""
    chair = meeting.council.test_members[0]
    for member in meeting.council.test_members[:present]:
        attendance.check_in(member, meeting)
    poll = voting.create_poll(chair, meeting, meeting.current_item, "第一项", "yes_no_abstain",
                              rule_set=rule_set, live_results=live)
    voting.open_poll(chair, poll)
    db.session.commit()
    return chair, poll


def _vote_yes_and_close(chair, poll, voters) -> dict:
    for member in voters:
        ballots.cast_ballot(member, poll, {"choice": "yes"})
    voting.close_poll(chair, poll)
    db.session.commit()
    return result_of(poll)


def test_a_poll_open_before_the_seat_is_not_theirs_the_next_one_is(worker, make_user,
                                                                   make_meeting):
    meeting = make_meeting()
    chair, first = _open_with(meeting, present=2)  # a bare quorum: 2 of 3

    newcomer = make_user(confirmed=False)
    confirm_resident(worker, newcomer, meeting.council)
    attendance.check_in(newcomer, meeting)
    db.session.commit()
    with pytest.raises(DomainError) as refused:
        ballots.cast_ballot(newcomer, first, {"choice": "yes"})
    assert refused.value.code == "not_entitled"  # entitlements froze when it opened
    result = _vote_yes_and_close(chair, first, meeting.council.test_members[:2])
    # The members' weight froze with them: 2 of 3 is still a quorum (2 of 4 would not be).
    assert result["present_weight"] == "2" and result["members_weight"] == "3"
    assert result["outcome"]["quorum_met"] is True and result["outcome"]["passed"] is True
    assert first.result == result  # what close froze is what a recount gives

    second = voting.create_poll(chair, meeting, meeting.current_item, "第二项", "yes_no_abstain")
    voting.open_poll(chair, second)
    assert ballots.cast_ballot(newcomer, second, {"choice": "no"})["new"] is True


def test_unseating_or_reweighting_during_a_poll_changes_neither_its_quorum_nor_its_base(
        worker, make_meeting):
    from govhub.councils.queries import active_membership
    from govhub.councils.services import update_member

    meeting = make_meeting()
    chair, poll = _open_with(meeting, present=2, rule_set="majority_of_members")
    absent = meeting.council.test_members[2]
    update_member(worker, active_membership(meeting.council_id, absent.id), "member", "5")
    db.session.commit()
    assert tally_payload(poll)["scale"]["base"] == "3"  # the live bars: the frozen members
    assert poll_payload(poll)["scale"]["base"] == "3"
    unseat_member(worker, active_membership(meeting.council_id, absent.id))
    db.session.commit()
    result = _vote_yes_and_close(chair, poll, meeting.council.test_members[:2])
    # 2 yes of the 3 members at opening passes (2 of 7, or of 2, would decide otherwise).
    assert result["members_weight"] == "3" and result["outcome"]["base"] == "3"
    assert result["outcome"]["quorum_met"] is True and result["outcome"]["passed"] is True


def test_a_poll_open_for_all_members_counts_present_only_those_it_froze(worker, make_user,
                                                                         make_meeting):
    meeting = make_meeting()
    meeting.council.poll_entitlement = "all"
    chair, poll = _open_with(meeting, present=1)  # 1 of 3 present: no quorum
    newcomers = [make_user(confirmed=False) for _ in range(2)]
    for newcomer in newcomers:
        confirm_resident(worker, newcomer, meeting.council)
        attendance.check_in(newcomer, meeting)
    db.session.commit()
    assert attendance_summary(meeting)["quorum"]["met"] is True  # the room's: 3 of 5
    result = _vote_yes_and_close(chair, poll, meeting.council.test_members[:1])
    # Seated after the opening, they are not this poll's members, present or not.
    assert result["present_weight"] == "1" and result["members_weight"] == "3"
    assert result["outcome"]["quorum_met"] is False
