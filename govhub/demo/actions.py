"""The demo's action items: how the community carries out what its councils decided.

Besides the residents' meeting on waste sorting (govhub/demo/meetings.py), two
meetings on record decide more: the building council on adding a lift to
building 1, and the residents' meeting on an elders' canteen and charging
points for e-bikes. Their resolutions become action items in every state —
planned, in progress, blocked, done and waiting for verification, verified,
one reopened, one overdue — told by check-ins with photos (drawn here, no
downloads), plus the community office's own work. Everything goes through the
same services a worker uses; only the times are moved back afterwards, as the
meetings demo does.
"""

from __future__ import annotations

import struct
import zlib
from datetime import timedelta

import sqlalchemy as sa

from govhub.actions import services as actions
from govhub.actions.models import ActionItem, ActionUpdate, Evidence
from govhub.auth.models import User
from govhub.communities.models import Community
from govhub.core.models import utcnow
from govhub.core.uploads import Upload
from govhub.councils.models import Council, CouncilKind, CouncilMembership
from govhub.demo.meetings import PAST_POLL, _evening, _meeting, _move_poll_back
from govhub.extensions import db
from govhub.meetings import attendance
from govhub.meetings import services as meetings
from govhub.meetings.models import Meeting
from govhub.voting import ballots
from govhub.voting import services as voting
from govhub.voting.models import Poll, Resolution

LIFT = ("1号楼加装电梯意愿征询会", "1号楼一单元门口", 45, [
    ("启动加装电梯", "是否同意启动1号楼加装电梯，委托社区办理规划公示和补贴申请？"),
])
CANTEEN = ("长者食堂与充电桩议事会", "社区活动室（二楼）", 35, [
    ("开设长者食堂", "是否同意在社区活动中心一楼开设长者食堂？"),
    ("增设电动自行车充电桩", "是否同意在3号楼南侧增设电动自行车充电桩？"),
])
MINUTES = """# {title} 会议纪要

- 出席人数符合议事规则，经表决通过以下决议，由社区工作者跟进落实，进展在“决议落实”页面公开。
"""

# Each item: (resolution, fields, helpers, events). Days are counted from today
# (negative: past). Events: (day, who, what) where what holds the check-in's
# note, status, reason, progress and a picture's name.
STORIES = [
    ("waste", {"title": "东门垃圾投放点迁至自行车棚北侧", "category": "environment",
               "estimated_hours": 24, "due": -7,
               "description": "按决议将东门投放点迁至自行车棚北侧，远离住户窗口；"
                              "旧点位恢复为绿地。"},
     [], [
        (-19, "worker", {"note": "与环卫所现场踏勘，确定新点位在车棚北侧，距最近住户窗口 15 米。",
                         "progress": 15}),
        (-17, "worker", {"status": "in_progress", "reason": "环卫所确认点位，施工队进场硬化地面",
                         "progress": 30}),
        (-13, "worker", {"note": "地面硬化完成，雨棚和洗手池安装完毕。", "progress": 70,
                         "picture": "shelter"}),
        (-9, "worker", {"status": "done", "reason": "新投放点启用，旧点位已清理",
                        "note": "周一起新点位启用，旧点位围挡补种绿植。", "picture": "shelter"}),
        (-8, "chair", {"status": "verified",
                       "reason": "现场查看：新投放点已启用，旧点位已恢复为绿地，居民无异议"}),
    ]),
    ("waste", {"title": "定时定点投放宣传入户", "category": "environment",
               "estimated_hours": 16, "due": 10},
     ["resident001"], [
        (-15, "worker", {"status": "in_progress", "reason": "宣传单印好，开始入户",
                         "note": "印制宣传单 300 份，楼栋长协助发放。", "progress": 20}),
        (-6, "resident001", {"note": "1号楼、2号楼已全部入户讲解，共 96 户。", "progress": 50}),
    ]),
    ("lift", {"title": "办理1号楼加装电梯规划公示", "category": "facilities",
              "estimated_hours": 30, "due": -5,
              "description": "张贴规划公示，收集并协调各户意见，公示期满后报规划部门。"},
     ["resident001"], [
        (-40, "worker", {"status": "in_progress", "reason": "设计方案定稿，开始公示",
                         "note": "规划公示已张贴在1号楼各单元门口，公示期 10 个工作日。",
                         "progress": 30, "picture": "notice"}),
        (-26, "worker", {"note": "二层一户提出采光异议，已约设计单位上门说明，正在协调。",
                         "progress": 40}),
        (-12, "resident001", {"note": "楼栋长陪同设计单位第二次上门，住户要求书面承诺采光补偿。"}),
    ]),
    ("lift", {"title": "申请市区加装电梯补贴", "category": "facilities",
              "estimated_hours": 12, "due": 20},
     [], [
        (-30, "worker", {"status": "blocked",
                         "reason": "补贴申请需房屋安全鉴定报告，鉴定机构排期中",
                         "note": "已向街道提交补贴预申请。"}),
    ]),
    ("lift", {"title": "比选电梯设计施工单位", "category": "facilities",
              "estimated_hours": 20, "due": 60}, [], []),
    ("canteen", {"title": "长者食堂装修与消防验收", "category": "elderly_care",
                 "estimated_hours": 60, "due": 5,
                 "description": "活动中心一楼改造为长者食堂：厨房、无障碍通道、消防设施。"},
     [], [
        (-30, "worker", {"status": "in_progress", "reason": "装修队进场", "progress": 10}),
        (-18, "worker", {"note": "厨房和无障碍坡道完工，餐桌椅到位。", "progress": 60,
                         "picture": "canteen"}),
        (-4, "worker", {"status": "done", "reason": "消防验收合格",
                        "note": "消防验收合格，下周一试营业，午餐 12 元一份，80 岁以上 8 元。",
                        "picture": "canteen"}),
    ]),
    ("canteen", {"title": "招募长者食堂助餐志愿者", "category": "elderly_care",
                 "estimated_hours": 10, "due": 12},
     ["partner"], [
        (-20, "worker", {"status": "in_progress", "reason": "志愿者协会协助招募"}),
        (-10, "partner", {"note": "已招募送餐志愿者 14 人，排好工作日午餐班次。", "progress": 70}),
    ]),
    ("charging", {"title": "3号楼南侧充电桩安装", "category": "traffic",
                  "estimated_hours": 18, "due": 14},
     [], [
        (-28, "worker", {"note": "已向供电所报装，选定 10 个充电口的方案。"}),
        (-21, "worker", {"status": "in_progress", "reason": "供电所批复，施工开始",
                         "progress": 40}),
        (-11, "worker", {"status": "done", "reason": "充电桩安装完毕并通电",
                         "picture": "charger"}),
        (-9, "chair", {"status": "in_progress",
                       "reason": "居民反映充电区没有雨棚，雨天有安全隐患，需加装雨棚后再验收"}),
        (-3, "worker", {"note": "雨棚材料已订，预计下周安装。", "progress": 80}),
    ]),
    (None, {"title": "更换3号楼楼道声控灯", "category": "safety", "estimated_hours": 6,
            "due": 3, "is_public": True},
     [], [
        (-2, "worker", {"status": "in_progress", "reason": "物业提供灯具，开始更换",
                        "note": "1–3 层已更换。", "progress": 50}),
    ]),
    (None, {"title": "整理独居老人联系台账", "category": "elderly_care",
            "estimated_hours": 8, "due": 25, "is_public": False},
     [], []),
]


def load_demo_actions(community: Community, worker: User) -> None:
    """Add the action items (and the meetings that decided them) once."""
    if db.session.scalar(sa.select(ActionItem.id).where(
            ActionItem.community_id == community.id).limit(1)):
        return
    people = _people(community, worker)
    resolutions = {"waste": _waste_resolution(community)}
    building = _council(community, CouncilKind.BUILDING_COUNCIL)
    residents = _council(community, CouncilKind.RESIDENTS_MEETING)
    if building is not None:
        resolutions["lift"] = _decided(building, worker, LIFT)[0]
    if residents is not None:
        resolutions["canteen"], resolutions["charging"] = _decided(residents, worker, CANTEEN)
    for key, fields, helpers, events in STORIES:
        if key is not None and resolutions.get(key) is None:
            continue
        _story(community, worker, people, resolutions.get(key), dict(fields), helpers, events)


# --- the meetings that decide ----------------------------------------------------------------

def _council(community: Community, kind: CouncilKind) -> Council | None:
    return db.session.scalar(sa.select(Council).where(Council.community_id == community.id,
                                                      Council.kind == kind))


def _waste_resolution(community: Community) -> Resolution | None:
    return db.session.scalar(
        sa.select(Resolution).join(Poll, Poll.id == Resolution.poll_id)
        .join(Meeting, Meeting.id == Resolution.meeting_id)
        .join(Council, Council.id == Meeting.council_id)
        .where(Poll.title == PAST_POLL, Council.community_id == community.id))


def _decided(council: Council, worker: User, spec) -> list[Resolution | None]:
    """A meeting on record whose every item passed a poll: its resolutions, in order."""
    title, place, days_ago, items = spec
    started = _evening(council, days=-days_ago, hour=19)
    meeting = _meeting(council, worker, (title, place, [(item, "") for item, _q in items]),
                       started, "scheduled", "in_session")
    members = [m.user for m in db.session.scalars(
        sa.select(CouncilMembership).where(CouncilMembership.council_id == council.id,
                                           CouncilMembership.active.is_(True))
        .order_by(CouncilMembership.id))]
    for member in members:
        attendance.check_in(worker, meeting, member)
    polls = []
    for _item, question in items:
        poll = voting.create_poll(worker, meeting, meeting.current_item, question,
                                  "yes_no_abstain")
        voting.open_poll(worker, poll)
        for member in members:
            ballots.cast_ballot(member, poll, {"choice": "yes"}, key=f"demo-{member.id}")
        voting.close_poll(worker, poll)
        polls.append(poll)
        meetings.advance_agenda(worker, meeting)
    meetings.move_meeting(worker, meeting, "adjourned")
    meetings.save_minutes(worker, meeting, MINUTES.format(title=title))
    meetings.move_meeting(worker, meeting, "minutes_published")
    meeting.started_at, meeting.adjourned_at = started, started + timedelta(hours=1, minutes=30)
    meeting.minutes_published_at = started + timedelta(days=1)
    for n, poll in enumerate(polls):
        _move_poll_back(poll, started + timedelta(minutes=20 * n))
    db.session.flush()
    return [db.session.scalar(sa.select(Resolution).where(Resolution.poll_id == poll.id))
            for poll in polls]


# --- the items and their check-ins ------------------------------------------------------------

def _people(community: Community, worker: User) -> dict[str, User]:
    found = {user.username: user for user in db.session.scalars(
        sa.select(User).where(User.username.in_(["chair", "partner", "resident001"]),
                              User.community_id == community.id))}
    return {"worker": worker, **found}


def _story(community, worker, people, resolution, fields, helpers, events) -> None:
    now = utcnow()
    due = fields.pop("due")
    # Created two days before the first check-in, but after the resolution it carries out.
    first = now + timedelta(days=min([day for day, _who, _what in events] + [-1]), hours=-3)
    created = first - timedelta(days=2)
    if resolution is not None:
        created = min(max(created, resolution.decided_at + timedelta(hours=2)),
                      first - timedelta(hours=1))
    item = actions.create_item(
        worker, community, owner=worker, resolution=resolution,
        helpers=[people[name] for name in helpers if name in people],
        due_on=actions.today_in(community) + timedelta(days=max(due, 0)), **fields)
    for day, who, what in events:
        actor = people.get(who, worker)
        files = [Upload(f"{what['picture']}.png", picture(what["picture"]))] \
            if "picture" in what else []
        update = actions.check_in(actor, item, note=what.get("note", ""),
                                  status=what.get("status"), reason=what.get("reason", ""),
                                  progress=what.get("progress"), files=files)
        _move_back(update, now + timedelta(days=day, hours=-3))
    item.due_on = actions.today_in(community) + timedelta(days=due)
    item.created_at = created
    for name in ("done_at", "verified_at"):
        if getattr(item, name) is not None:
            setattr(item, name, _last_change(item, name))
    item.updated_at = max([u.created_at for u in item.updates] + [item.created_at])


def _move_back(update: ActionUpdate, when) -> None:
    """Check-ins are append-only for the application; the demo dates its story with SQL."""
    db.session.flush()
    db.session.execute(sa.update(ActionUpdate).where(ActionUpdate.id == update.id)
                       .values(created_at=when).execution_options(synchronize_session=False))
    db.session.execute(sa.update(Evidence).where(Evidence.update_id == update.id)
                       .values(created_at=when).execution_options(synchronize_session=False))
    db.session.expire(update)


def _last_change(item: ActionItem, name: str):
    target = {"done_at": "done", "verified_at": "verified"}[name]
    times = [u.created_at for u in item.updates if u.status_to == target]
    return times[-1] if times else getattr(item, name)


# --- pictures, drawn here ---------------------------------------------------------------------

SKY, GROUND, WALL = (178, 214, 240), (150, 150, 145), (236, 228, 214)
SCENES = {
    # A shelter with four sorting bins (kitchen waste, recyclables, hazardous, other).
    "shelter": (SKY, GROUND, [(60, 60, 420, 80, (11, 110, 79)), (80, 80, 100, 230, (90, 90, 90)),
                              (380, 80, 400, 230, (90, 90, 90)),
                              (120, 150, 180, 230, (96, 62, 40)),
                              (190, 150, 250, 230, (30, 90, 170)),
                              (260, 150, 320, 230, (200, 40, 40)),
                              (330, 150, 370, 230, (110, 110, 110))]),
    "notice": (WALL, (120, 110, 100), [(120, 40, 360, 250, (250, 250, 245)),
                                       *[(140, 70 + 24 * n, 340, 80 + 24 * n, (60, 60, 60))
                                         for n in range(7)], (200, 20, 280, 40, (200, 40, 40))]),
    "canteen": (WALL, (170, 120, 80), [(40, 150, 200, 170, (120, 80, 50)),
                                       (260, 150, 440, 170, (120, 80, 50)),
                                       (60, 170, 70, 230, (90, 60, 40)),
                                       (170, 170, 180, 230, (90, 60, 40)),
                                       (280, 170, 290, 230, (90, 60, 40)),
                                       (410, 170, 420, 230, (90, 60, 40)),
                                       (180, 40, 300, 100, (240, 200, 120))]),
    "charger": ((200, 200, 195), GROUND, [(40, 60, 440, 70, (60, 60, 60))]
                + [(60 + 80 * n, 110, 100 + 80 * n, 230, (11, 110, 79)) for n in range(5)]
                + [(70 + 80 * n, 125, 90 + 80 * n, 145, (230, 240, 235)) for n in range(5)]),
}


def picture(scene: str, width: int = 480, height: int = 300) -> bytes:
    """A simple PNG drawing of a scene: sky (or wall), ground, and coloured shapes."""
    top, bottom, shapes = SCENES[scene]
    horizon = height * 4 // 5
    rows = []
    for y in range(height):
        row = bytearray(bytes(top if y < horizon else bottom) * width)
        for x0, y0, x1, y1, fill in shapes:
            if y0 <= y < y1:
                row[x0 * 3:x1 * 3] = bytes(fill) * (x1 - x0)
        rows.append(b"\x00" + bytes(row))
    return _png(width, height, b"".join(rows))


def _png(width: int, height: int, raw: bytes) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9))
            + chunk(b"IEND", b""))
