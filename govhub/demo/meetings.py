"""The demo's meetings: one on record, one in session now, one coming up.

They are made through the same services a worker uses, so the audit trail,
notifications, attendance and ballots are real; only the past meeting's
timestamps are moved back afterwards. The meeting on record decided its
first item by a poll (a Resolution); the meeting in session has a
yes/no/abstain poll on its current item, ready for the chair to open.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa

from govhub.auth.models import User
from govhub.core.models import utcnow
from govhub.core.time import from_local, to_local
from govhub.councils.models import Council, CouncilMembership
from govhub.extensions import db
from govhub.meetings import attendance, services, speakers
from govhub.meetings.models import Meeting
from govhub.voting import ballots
from govhub.voting import services as voting
from govhub.voting.models import Ballot, Poll, Resolution

PAST = ("垃圾分类投放点调整", "小区东门", [
    ("东门投放点迁移方案", "把东门投放点移到自行车棚北侧，远离住户窗口。"),
    ("定时定点投放时间", "早 7:00–9:00，晚 18:00–21:00。"),
])
PAST_MINUTES = """# 垃圾分类投放点调整 会议纪要

- 应到居民过半数出席，符合《城市居民委员会组织法》规定。
- **东门投放点迁移方案**：同意迁至自行车棚北侧，由社区工作者联系环卫所落实。
- **定时定点投放时间**：试行三个月后再议。
"""
PAST_POLL = "是否同意将东门垃圾投放点迁至自行车棚北侧？"
# How the members present voted on it, one letter each, round and round:
# 14 yes, 3 no, 2 abstain and 1 who did not vote in every 20.
PAST_VOTES = "yyyynyyyyayyyyn-yyna"
NOW = ("1号楼加装电梯方案协商", "社区活动室（二楼）", [
    ("1号楼加装电梯方案", "设计单位介绍两套方案：外挂式与连廊式。"),
    ("费用分摊办法", "按楼层系数分摊，一层住户不出资，社区申请市区补贴。"),
    ("施工期间出行安排", "施工约四个月，期间的出行与安全措施。"),
])
NOW_POLL = "是否同意1号楼采用外挂式电梯方案？"
NEXT = ("停车位与充电桩规划", "社区活动室（二楼）", [
    ("地面停车位重新划线", ""),
    ("新增电动自行车充电桩选址", "候选：3号楼南侧、自行车棚东侧。"),
])


def load_demo_meetings(council: Council, worker: User) -> None:
    """Add the three demo meetings to a council that has none yet."""
    if db.session.scalar(sa.select(Meeting.id).where(Meeting.council_id == council.id)):
        return
    members = [m.user for m in db.session.scalars(
        sa.select(CouncilMembership).where(CouncilMembership.council_id == council.id,
                                           CouncilMembership.active.is_(True))
        .order_by(CouncilMembership.id))]
    _past_meeting(council, worker, members)
    _meeting_in_session(council, worker, members)
    _meeting(council, worker, NEXT, _evening(council, days=7, hour=19, minute=30), "scheduled")


def _evening(council: Council, days: int, hour: int, minute: int = 0) -> datetime:
    """A community's usual meeting time, `days` from today, in its own time zone."""
    zone = council.community.timezone
    day = to_local(utcnow(), zone).date() + timedelta(days=days)
    return from_local(datetime(day.year, day.month, day.day, hour, minute), zone)


def _meeting(council: Council, worker: User, spec, starts_at: datetime, *steps: str) -> Meeting:
    title, place, items = spec
    meeting = services.create_meeting(worker, council, title, starts_at, place=place,
                                      items=items)
    for step in steps:
        services.move_meeting(worker, meeting, step)
    return meeting


def _past_meeting(council: Council, worker: User, members: list[User]) -> None:
    started = _evening(council, days=-21, hour=19)
    meeting = _meeting(council, worker, PAST, started, "scheduled", "in_session")
    present = members[: len(members) * 3 // 5 + 1]
    for member in present:
        attendance.check_in(worker, meeting, member)
    poll = _past_poll(worker, meeting, present)
    services.advance_agenda(worker, meeting)
    services.advance_agenda(worker, meeting)
    services.move_meeting(worker, meeting, "adjourned")
    services.save_minutes(worker, meeting, PAST_MINUTES)
    services.move_meeting(worker, meeting, "minutes_published")
    meeting.started_at, meeting.adjourned_at = started, started + timedelta(hours=1, minutes=40)
    meeting.minutes_published_at = started + timedelta(days=2)
    _move_poll_back(poll, started)


def _past_poll(worker: User, meeting: Meeting, present: list[User]) -> Poll:
    """The first item decided by a poll: opened, voted by those present, closed, passed."""
    poll = voting.create_poll(worker, meeting, meeting.current_item, PAST_POLL, "yes_no_abstain")
    voting.open_poll(worker, poll)
    choices = {"y": "yes", "n": "no", "a": "abstain"}
    for n, member in enumerate(present):
        vote = PAST_VOTES[n % len(PAST_VOTES)]
        if vote in choices:
            ballots.cast_ballot(member, poll, {"choice": choices[vote]}, key=f"demo-{member.id}")
    voting.close_poll(worker, poll)
    return poll


def _move_poll_back(poll: Poll, started: datetime) -> None:
    """The past poll's times, as they were that evening: open at 19:25 for seven minutes."""
    opened, closed = started + timedelta(minutes=25), started + timedelta(minutes=32)
    poll.created_at, poll.opened_at, poll.closed_at = started - timedelta(days=3), opened, closed
    ballots = db.session.scalars(sa.select(Ballot).where(Ballot.poll_id == poll.id)
                                 .order_by(Ballot.id)).all()
    for n, ballot in enumerate(ballots):
        ballot.cast_at = opened + timedelta(seconds=20 + n * 300 // max(len(ballots), 1))
    resolution = db.session.scalar(sa.select(Resolution).where(Resolution.poll_id == poll.id))
    if resolution is not None:
        resolution.created_at = resolution.decided_at = closed


def _meeting_in_session(council: Council, worker: User, members: list[User]) -> None:
    meeting = _meeting(council, worker, NOW, utcnow() - timedelta(minutes=20),
                       "scheduled", "in_session")
    present = members[: len(members) * 2 // 5]
    for member in present:
        attendance.check_in(member, meeting)
    for member in present[1:4]:
        speakers.request_to_speak(member, meeting)
    if len(present) > 1:
        speakers.next_speaker(worker, meeting)
    # Ready for the chair to open once the residents in the hall have checked in.
    voting.create_poll(worker, meeting, meeting.current_item, NOW_POLL, "yes_no_abstain")
