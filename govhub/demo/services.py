"""Loading the demo community, idempotently.

Running it again adds what is missing (more residents, say) and changes
nothing that exists, so `govhub demo --residents 2000` after `make run`
grows the same community.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import sqlalchemy as sa
from flask import current_app

from govhub.audit.services import record
from govhub.auth.models import User
from govhub.auth.passwords import hash_password
from govhub.communities.models import Community
from govhub.core.models import utcnow
from govhub.core.roles import Role
from govhub.councils.models import Council, CouncilKind, CouncilMembership, MemberRole
from govhub.demo.actions import load_demo_actions
from govhub.demo.admission_hours import load_demo_hours
from govhub.demo.admission_refusals import load_admission_refusals
from govhub.demo.admission_requests import load_admission_requests
from govhub.demo.catalogue import load_demo_catalogue
from govhub.demo.departments import load_demo_departments
from govhub.demo.meetings import load_demo_meetings
from govhub.demo.partner_help import load_demo_partner_help
from govhub.demo.partners import load_demo_partners
from govhub.demo.proposals import load_demo_proposals
from govhub.extensions import db

COMMUNITY_SLUG = "xingfuli"
PASSWORD_FILE = "demo-password.txt"
MAX_RESIDENTS = 10_000


@dataclass
class DemoResult:
    community: Community
    council: Council
    created_users: list[str] = field(default_factory=list)
    residents: int = 0


def demo_password() -> str:
    """GOVHUB_DEMO_PASSWORD if set, else one generated once and kept in the instance folder."""
    configured = current_app.config["GOVHUB"]["demo_password"]
    if configured:
        return configured
    path = Path(current_app.instance_path) / PASSWORD_FILE
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    password = "demo-" + secrets.token_urlsafe(9)
    path.write_text(password + "\n")
    path.chmod(0o600)
    return password


def demo_residents_present() -> int:
    """How many demo residents exist (0: this database has no demo)."""
    return db.session.scalar(
        sa.select(sa.func.count(User.id)).join(Community, User.community_id == Community.id)
        .where(Community.slug == COMMUNITY_SLUG, User.username.like("resident%"))
    )


def password_source() -> str:
    """Where the demo password comes from, for the terminal."""
    if current_app.config["GOVHUB"]["demo_password"]:
        return "GOVHUB_DEMO_PASSWORD"
    return str(Path(current_app.instance_path) / PASSWORD_FILE)


def database_is_empty() -> bool:
    return db.session.scalar(sa.select(sa.func.count(User.id))) == 0


def load_demo(residents: int, password: str) -> DemoResult:
    """Create (or complete) the demo community, its council and accounts. Flushes only."""
    if not 0 <= residents <= MAX_RESIDENTS:
        raise ValueError(f"residents must be between 0 and {MAX_RESIDENTS}")
    # One hash for all demo accounts: they share the password anyway, and
    # hashing 2,000 times with argon2 would take minutes.
    password_hash = hash_password(password)
    community = _community()
    council = _council(community)
    result = DemoResult(community=community, council=council, residents=residents)
    people = [
        ("admin", "管理员", Role.ADMIN, None),
        ("worker", "社区工作者", Role.WORKER, community),
        ("chair", "议事会主持人", Role.RESIDENT, community),
        ("partner", "志愿者协会联络人", Role.PARTNER, community),
        ("worker2", "社区工作者（民政）", Role.WORKER, community),
        ("worker3", "社区工作者（网格）", Role.WORKER, community),
        ("officer", "区民政局联络员", Role.OFFICER, None),
        ("reviewer", "街道准入审核人", Role.REVIEWER, None),
    ] + [
        (f"resident{n:03d}", f"居民{n:03d}", Role.RESIDENT, community)
        for n in range(1, residents + 1)
    ]
    existing = set(db.session.scalars(
        sa.select(User.username).where(User.username.in_([p[0] for p in people]))
    ))
    for username, name, role, home in people:
        if username not in existing:
            db.session.add(User(username=username, display_name=name, role=role,
                                community_id=home.id if home else None,
                                password_hash=password_hash, confirmed_at=utcnow()))
            result.created_users.append(username)
    db.session.flush()
    _add_members(council, [p[0] for p in people if p[0] == "chair" or p[0].startswith("resident")])
    _add_members(_council(community, CouncilKind.BUILDING_COUNCIL),
                 ["chair"] + [f"resident{n:03d}" for n in range(1, BUILDING_HOUSEHOLDS + 1)])
    db.session.flush()
    worker = db.session.scalar(sa.select(User).where(User.username == "worker"))
    load_demo_meetings(council, worker)
    load_demo_partners(community, worker)
    load_demo_actions(community, worker)
    load_demo_partner_help(community, worker)
    load_demo_proposals(council, worker)
    accounts = {u.username: u for u in db.session.scalars(sa.select(User).where(
        User.username.in_(["admin", "officer", "reviewer"])))}
    load_demo_catalogue(community, accounts["admin"])
    load_demo_departments(community, accounts["admin"], accounts["officer"],
                          accounts["reviewer"])
    load_admission_refusals(community, worker)
    load_admission_requests(community)
    load_demo_hours(community, password)
    if result.created_users:
        record(None, "demo.loaded", community, users_created=len(result.created_users))
    return result


def _community() -> Community:
    community = db.session.scalar(sa.select(Community).where(Community.slug == COMMUNITY_SLUG))
    if community is None:
        community = Community(
            slug=COMMUNITY_SLUG,
            name="幸福里社区",
            name_en="Xingfuli Community",
            description=("幸福里社区有 12 栋建于上世纪九十年代的多层住宅。"
                         "居民会议和楼栋议事会在这里商量加装电梯、停车和充电桩、"
                         "垃圾分类、长者食堂等大家关心的事。"),
            timezone="Asia/Shanghai",
            locale="zh_CN",
        )
        db.session.add(community)
        db.session.flush()
    return community


def _council(community: Community, kind: CouncilKind = CouncilKind.RESIDENTS_MEETING) -> Council:
    council = db.session.scalar(
        sa.select(Council).where(Council.community_id == community.id, Council.kind == kind)
    )
    if council is None:
        council = Council(community_id=community.id, kind=kind, **COUNCILS[kind])
        db.session.add(council)
        db.session.flush()
    return council


COUNCILS = {
    CouncilKind.RESIDENTS_MEETING: {
        "name": "幸福里社区居民会议", "name_en": "Xingfuli Residents' Meeting",
        "description": "由本社区登记居民（或户代表）组成，讨论决定社区公共事务。",
        "rule_set": "organic_law",
    },
    # Adding a lift changes a building's shared parts: the owners decide by
    # two-thirds, so the building council uses that rule.
    CouncilKind.BUILDING_COUNCIL: {
        "name": "1号楼楼栋议事会", "name_en": "Building 1 Council",
        "description": "1号楼各户代表组成，商议加装电梯等本楼事务。",
        "rule_set": "two_thirds",
    },
}
BUILDING_HOUSEHOLDS = 12  # resident001 … resident012 live in building 1


def _add_members(council: Council, usernames: list[str]) -> None:
    """Seat these users on the council, unless they already sit there."""
    users = db.session.execute(
        sa.select(User.id, User.username).where(User.username.in_(usernames))
    ).all()
    seated = set(db.session.scalars(
        sa.select(CouncilMembership.user_id).where(CouncilMembership.council_id == council.id)
    ))
    for user_id, username in users:
        if user_id not in seated:
            role = MemberRole.CHAIR if username == "chair" else MemberRole.MEMBER
            db.session.add(CouncilMembership(council_id=council.id, user_id=user_id, role=role,
                                             vote_weight=Decimal(1)))
