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
