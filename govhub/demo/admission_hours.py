"""Eight weeks of the demo workers' hours (工时): a realistic split in which assisting the
government's departments takes most of the week, as the talk GovHub was built from says it
does — forms, inspections and data collection the departments push down — next to duties
by law, certificates, the community's own action items and meetings, and other work.

Deterministic (a seeded random), and loaded once: a worker who has hours keeps them.
"""

from __future__ import annotations

import random
from datetime import timedelta

import sqlalchemy as sa

from govhub.actions.models import ActionItem
from govhub.admission.catalogue.queries import catalogue_of
from govhub.admission.hours import queries, rules, totals
from govhub.admission.hours.models import TimeEntry
from govhub.admission.hours.rules import HoursType, TargetKind
from govhub.auth.models import User
from govhub.auth.services import create_user
from govhub.communities.models import Community
from govhub.core.roles import Role
from govhub.councils.models import Council
from govhub.extensions import db
from govhub.meetings.models import Meeting

WORKERS = [("worker", "社区工作者"), ("worker2", "张丽（网格员）"), ("worker3", "刘洋（民政专干）")]
WEEKS = 8
# How each worker's day tends to split: list type (or kind) and its weight.
SPLITS = {
    "worker": {"assisting_government": 46, "negative_list": 6, "duty_by_law": 20,
               "certificate": 6, "self_government": 16, "other": 6},
    "worker2": {"assisting_government": 58, "negative_list": 10, "duty_by_law": 12,
                "certificate": 4, "self_government": 10, "other": 6},
    "worker3": {"assisting_government": 40, "negative_list": 4, "duty_by_law": 26,
                "certificate": 12, "self_government": 12, "other": 6},
}
OTHER_NOTES = ["接待来访居民", "整理办公室档案", "参加街道业务培训", "社区值班", "处理群众电话咨询"]
NOTES = {"assisting_government": ["填报系统数据", "入户核对信息", "迎检材料整理", ""],
         "negative_list": ["部门临时要求填报的表格", "微信群转来的报表", ""],
         "duty_by_law": ["调解邻里纠纷", "居务公开栏更新", ""],
         "certificate": ["出具居住证明", ""], "self_government": ["", "议事会准备"]}


def _workers(community: Community, password: str) -> list[User]:
    found = []
    for username, name in WORKERS:
        user = db.session.scalar(sa.select(User).where(User.username == username))
        if user is None:
            user = create_user(None, username, name, password, role=Role.WORKER,
                               community=community)
        found.append(user)
    return found


def _targets(community: Community) -> dict[str, list[tuple]]:
    """(kind, column, id, code) per hours type the demo logs against."""
    _version, items = catalogue_of(community)
    by_type: dict[str, list[tuple]] = {}
    for item in items:
        if item.list_type.value != "placard":
            by_type.setdefault(item.list_type.value, []).append(
                (TargetKind.WORK_ITEM, "work_item_id", item.id, item.code))
    actions = db.session.scalars(sa.select(ActionItem.id).where(
        ActionItem.community_id == community.id).order_by(ActionItem.id)).all()
    meetings = db.session.scalars(sa.select(Meeting.id).join(Council).where(
        Council.community_id == community.id).order_by(Meeting.id)).all()
    by_type["self_government"] = (
        [(TargetKind.ACTION_ITEM, "action_item_id", a, None) for a in actions]
        + [(TargetKind.MEETING, "meeting_id", m, None) for m in meetings])
    by_type["other"] = [(TargetKind.OTHER, None, None, None)]
    return {kind: found for kind, found in by_type.items() if found}


def load_demo_hours(community: Community, password: str) -> int:
    """The demo workers (worker2 and worker3 made when missing) and eight weeks of their
    weekdays' hours, up to today; returns how many entries were added. Flushes only."""
    workers = _workers(community, password)
    targets = _targets(community)
    rng = random.Random(15)
    added = 0
    for worker in workers:
        if db.session.scalar(sa.select(TimeEntry.id).where(TimeEntry.worker_id == worker.id)
                             .limit(1)) is not None:
            continue
        today = queries.today_of(worker)
        split = {kind: weight for kind, weight in SPLITS[worker.username].items()
                 if kind in targets}
        first = rules.week_start(today) - timedelta(weeks=WEEKS - 1)
        for offset in range((today - first).days + 1):
            day = first + timedelta(days=offset)
            if day.weekday() >= 5:
                continue
            left = rng.choice([420, 450, 480, 480, 510, 540])
            while left > 0:
                minutes = min(left, rng.choice([30, 60, 60, 90, 120]))
                kind = rng.choices(list(split), weights=list(split.values()))[0]
                target_kind, column, target_id, code = rng.choice(targets[kind])
                note = (rng.choice(OTHER_NOTES) if kind == "other"
                        else rng.choice(NOTES.get(kind, [""])))
                db.session.add(TimeEntry(
                    worker_id=worker.id, community_id=community.id, day=day,
                    week=rules.week_start(day), month=rules.month_start(day), minutes=minutes,
                    target_kind=target_kind, list_type=HoursType(kind), work_item_code=code,
                    note=note, **({column: target_id} if column else {})))
                left -= minutes
                added += 1
    db.session.flush()
    if added:
        totals.rebuild()
    return added
