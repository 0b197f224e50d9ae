"""The meeting's story told through its services: schedule, open, check in, speak, adjourn."""

import pytest
import sqlalchemy as sa

from govhub.audit.models import AuditEvent
from govhub.core.errors import DomainError
from govhub.extensions import db
from govhub.meetings import attendance, services, speakers
from govhub.meetings.models import ItemStatus, MeetingStatus
from govhub.meetings.queries import attendance_summary, speakers_payload
from govhub.notifications.models import Notification


def test_scheduling_notifies_every_member(make_meeting, broadcasts):
    meeting = make_meeting("scheduled")
    notified = db.session.scalars(sa.select(Notification.user_id).where(
        Notification.kind == "meeting.scheduled")).all()
    assert sorted(notified) == sorted(m.id for m in meeting.council.test_members)
    assert {room for room, event, _ in broadcasts if event == "notification"} == {
        f"user:{m.id}" for m in meeting.council.test_members}


def test_scheduling_an_empty_agenda_is_refused(make_meeting):
    meeting = make_meeting("draft", items=0)
    worker = db.session.get(type(meeting.council.test_members[0]), meeting.created_by_id)
    with pytest.raises(DomainError) as refused:
        services.move_meeting(worker, meeting, "scheduled")
    assert refused.value.code == "empty_agenda"


def test_opening_the_session_takes_up_the_first_item(make_meeting):
    meeting = make_meeting("in_session")
    assert meeting.items[0].status == ItemStatus.CURRENT
    assert meeting.started_at is not None


def test_a_meeting_cannot_skip_a_stage(make_meeting):
    meeting = make_meeting("draft")
    chair = meeting.council.test_members[0]
    with pytest.raises(DomainError) as refused:
        services.move_meeting(chair, meeting, "adjourned")
    assert refused.value.code == "wrong_status"


def test_check_in_reaches_quorum_and_everyone_hears_it(make_meeting, broadcasts):
    meeting = make_meeting("in_session")
    first, second, _third = meeting.council.test_members
    attendance.check_in(first, meeting)
    db.session.commit()
    assert attendance_summary(meeting)["quorum"]["met"] is False  # 1 of 3 is not more than half
    attendance.check_in(second, meeting)
    db.session.commit()
    summary = attendance_summary(meeting)
    assert summary["quorum"]["met"] is True and summary["present_weight"] == "2"
    updates = [payload for room, event, payload in broadcasts if event == "attendance:update"]
    assert [u["changed"]["user_id"] for u in updates] == [first.id, second.id]
    assert all(room == f"meeting:{meeting.id}" for room, event, _ in broadcasts
               if event == "attendance:update")


def test_checking_in_twice_changes_nothing(make_meeting):
    meeting = make_meeting("in_session")
    member = meeting.council.test_members[1]
    attendance.check_in(member, meeting)
    attendance.check_in(member, meeting)
    db.session.commit()
    assert attendance_summary(meeting)["present_count"] == 1
    events = db.session.scalars(sa.select(AuditEvent).where(
        AuditEvent.action == "attendance.checked_in")).all()
    assert len(events) == 1


def test_a_non_member_cannot_check_in(make_meeting, make_user):
    meeting = make_meeting("in_session")
    with pytest.raises(DomainError) as refused:
        attendance.check_in(make_user(), meeting)
    assert refused.value.status == 403


def test_a_proxy_counts_toward_quorum_while_its_holder_is_present(make_meeting):
    meeting = make_meeting("in_session")
    holder, absent, _other = meeting.council.test_members
    attendance.check_in(holder, meeting)
    attendance.name_proxy(absent, meeting, holder)
    db.session.commit()
    summary = attendance_summary(meeting)
    assert summary["present_weight"] == "2" and summary["quorum"]["met"]
    attendance.check_out(holder, meeting)
    db.session.commit()
    assert attendance_summary(meeting)["present_weight"] == "0"


def test_a_holder_cannot_hold_more_proxies_than_the_council_allows(make_meeting, make_council):
    meeting = make_meeting("in_session", council=make_council(members=4))
    holder, first, second, _ = meeting.council.test_members
    attendance.check_in(holder, meeting)
    attendance.name_proxy(first, meeting, holder)
    with pytest.raises(DomainError) as refused:
        attendance.name_proxy(second, meeting, holder)
    assert refused.value.code == "too_many_proxies"


def test_speakers_are_called_in_the_order_they_asked(make_meeting, broadcasts):
    meeting = make_meeting("in_session")
    chair, first, second = meeting.council.test_members
    for member in (first, second):
        attendance.check_in(member, meeting)
    speakers.request_to_speak(second, meeting)
    speakers.request_to_speak(first, meeting)
    speakers.next_speaker(chair, meeting)
    db.session.commit()
    state = speakers_payload(meeting)
    assert state["current"]["user_id"] == second.id
    assert [s["user_id"] for s in state["queue"]] == [first.id]
    assert state["current"]["seconds"] == meeting.speaking_seconds


def test_asking_twice_keeps_one_place_in_the_queue(make_meeting):
    meeting = make_meeting("in_session")
    member = meeting.council.test_members[1]
    attendance.check_in(member, meeting)
    speakers.request_to_speak(member, meeting)
    speakers.request_to_speak(member, meeting)
    db.session.commit()
    assert len(speakers_payload(meeting)["queue"]) == 1


def test_only_present_members_ask_to_speak(make_meeting):
    meeting = make_meeting("in_session")
    with pytest.raises(DomainError) as refused:
        speakers.request_to_speak(meeting.council.test_members[1], meeting)
    assert refused.value.code == "not_present"


def test_advancing_closes_the_item_and_its_queue(make_meeting):
    meeting = make_meeting("in_session")
    chair, member, _ = meeting.council.test_members
    attendance.check_in(member, meeting)
    speakers.request_to_speak(member, meeting)
    first_item = meeting.current_item
    services.advance_agenda(chair, meeting)
    db.session.commit()
    assert first_item.status == ItemStatus.DONE
    assert meeting.current_item.id == meeting.items[1].id
    assert speakers_payload(meeting)["queue"] == []


def test_adjourning_and_publishing_minutes(make_meeting):
    meeting = make_meeting("in_session")
    chair = meeting.council.test_members[0]
    services.move_meeting(chair, meeting, "adjourned")
    with pytest.raises(DomainError):
        services.move_meeting(chair, meeting, "minutes_published")
    services.save_minutes(chair, meeting, "# 会议纪要\n\n通过加装电梯方案。")
    services.move_meeting(chair, meeting, "minutes_published")
    db.session.commit()
    assert meeting.status == MeetingStatus.MINUTES_PUBLISHED
    assert meeting.minutes_published_at is not None


def _chair(meeting):
    return meeting.council.test_members[0]


def test_a_member_checks_out_and_staff_check_paper_attendees_in(make_meeting, make_user):
    meeting = make_meeting("in_session")
    member = meeting.council.test_members[2]
    attendance.check_in(_chair(meeting), meeting, member)
    db.session.commit()
    assert attendance_summary(meeting)["present_count"] == 1
    record = db.session.scalar(sa.select(AuditEvent).where(
        AuditEvent.action == "attendance.checked_in"))
    assert record.data == {"user_id": member.id, "via": "staff"}
    attendance.check_out(member, meeting)
    db.session.commit()
    assert attendance_summary(meeting)["present_count"] == 0


def test_a_member_cannot_check_someone_else_in(make_meeting):
    meeting = make_meeting("in_session")
    _, member, other = meeting.council.test_members
    with pytest.raises(DomainError) as refused:
        attendance.check_in(member, meeting, other)
    assert refused.value.status == 403


def test_checking_in_before_the_session_opens_is_refused(make_meeting):
    meeting = make_meeting("scheduled")
    with pytest.raises(DomainError) as refused:
        attendance.check_in(meeting.council.test_members[1], meeting)
    assert refused.value.code == "not_in_session"


def test_arriving_in_person_cancels_ones_proxy(make_meeting):
    meeting = make_meeting("in_session")
    holder, member, _ = meeting.council.test_members
    attendance.check_in(holder, meeting)
    attendance.name_proxy(member, meeting, holder)
    attendance.check_in(member, meeting)
    db.session.commit()
    summary = attendance_summary(meeting)
    assert summary["represented_count"] == 0 and summary["present_weight"] == "2"


def test_a_proxy_goes_only_to_someone_present(make_meeting):
    meeting = make_meeting("in_session")
    _, member, absent = meeting.council.test_members
    with pytest.raises(DomainError) as refused:
        attendance.name_proxy(member, meeting, absent)
    assert refused.value.code == "holder_absent"


def test_a_revoked_proxy_no_longer_counts(make_meeting):
    meeting = make_meeting("in_session")
    holder, member, _ = meeting.council.test_members
    attendance.check_in(holder, meeting)
    attendance.name_proxy(member, meeting, holder)
    attendance.revoke_proxy(member, meeting)
    db.session.commit()
    assert attendance_summary(meeting)["present_weight"] == "1"


def test_observers_attend_but_do_not_count_toward_quorum(make_meeting):
    from govhub.councils.models import CouncilMembership, MemberRole

    meeting = make_meeting("in_session")
    observer = meeting.council.test_members[2]
    membership = db.session.scalar(sa.select(CouncilMembership).where(
        CouncilMembership.user_id == observer.id))
    membership.role = MemberRole.OBSERVER
    attendance.check_in(observer, meeting)
    db.session.commit()
    summary = attendance_summary(meeting)
    assert summary["present_count"] == 1 and summary["present_weight"] == "0"
    assert summary["entitled_count"] == 2


def test_a_withdrawn_request_leaves_the_queue(make_meeting):
    meeting = make_meeting("in_session")
    member = meeting.council.test_members[1]
    attendance.check_in(member, meeting)
    speakers.request_to_speak(member, meeting)
    speakers.withdraw(member, meeting)
    db.session.commit()
    assert speakers_payload(meeting)["queue"] == []
    with pytest.raises(DomainError):
        speakers.withdraw(member, meeting)


def test_next_speaker_with_an_empty_queue_ends_the_current_speech(make_meeting):
    meeting = make_meeting("in_session")
    chair, member, _ = meeting.council.test_members
    attendance.check_in(member, meeting)
    speakers.request_to_speak(member, meeting)
    speakers.next_speaker(chair, meeting)
    assert speakers.next_speaker(chair, meeting) is None
    db.session.commit()
    assert speakers_payload(meeting)["current"] is None


def test_only_the_chair_calls_the_next_speaker(make_meeting):
    meeting = make_meeting("in_session")
    with pytest.raises(DomainError) as refused:
        speakers.next_speaker(meeting.council.test_members[1], meeting)
    assert refused.value.status == 403


@pytest.mark.parametrize("seconds", [0, 14, 3601, "60", None, True])
def test_speaking_time_must_be_sensible(make_meeting, seconds):
    meeting = make_meeting("in_session")
    with pytest.raises(DomainError) as refused:
        speakers.set_speaking_time(_chair(meeting), meeting, seconds)
    assert refused.value.code == "invalid_seconds"


def test_the_chair_defers_an_item_and_takes_it_up_again(make_meeting):
    meeting = make_meeting("in_session")
    chair = _chair(meeting)
    first, second = meeting.items
    services.set_item_status(chair, first, "deferred")
    services.advance_agenda(chair, meeting, second)
    services.advance_agenda(chair, meeting, first)
    db.session.commit()
    assert (first.status, second.status) == (ItemStatus.CURRENT, ItemStatus.DONE)


def test_an_unknown_item_status_is_refused(make_meeting):
    meeting = make_meeting("in_session")
    with pytest.raises(DomainError):
        services.set_item_status(_chair(meeting), meeting.items[0], "cancelled")


def test_reordering_the_agenda(make_meeting):
    meeting = make_meeting("draft", items=3)
    first, second, third = (item.id for item in meeting.items)
    organiser = db.session.get(type(_chair(meeting)), meeting.created_by_id)
    services.reorder_items(organiser, meeting, [third, first, second])
    db.session.commit()
    assert [item.id for item in meeting.items] == [third, first, second]
    with pytest.raises(DomainError):
        services.reorder_items(organiser, meeting, [third, first])


def test_items_are_deferred_not_removed_once_in_session(make_meeting):
    meeting = make_meeting("in_session")
    with pytest.raises(DomainError):
        services.remove_item(_chair(meeting), meeting.items[1])


def test_a_plain_member_cannot_write_minutes(make_meeting):
    meeting = make_meeting("in_session")
    with pytest.raises(DomainError) as refused:
        services.save_minutes(meeting.council.test_members[1], meeting, "…")
    assert refused.value.status == 403


def test_a_started_meeting_can_no_longer_be_edited(make_meeting):
    meeting = make_meeting("in_session")
    with pytest.raises(DomainError) as refused:
        services.update_meeting(_chair(meeting), meeting, title="新标题",
                                starts_at=meeting.starts_at, place="", description="",
                                is_public=True, speaking_seconds=120)
    assert refused.value.status in (403, 409)
