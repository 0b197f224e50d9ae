"""The demo's refused tasks and certificates in 幸福里社区: a statistics form 区统计局 pushed
through the WeChat work group, a few more refusals over the last months (the negative list,
tasks never admitted, a certificate not on the list), and certificates issued from the
street's list. The departments are the demo street's three (govhub/demo/departments.py),
made here when missing.
"""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from govhub.actions.services import today_in
from govhub.admission.catalogue.models import StreetCommunity
from govhub.admission.catalogue.queries import street_id_of
from govhub.admission.certificates.models import Certificate
from govhub.admission.certificates.services import issue_certificate, refuse_certificate
from govhub.admission.departments.models import Department, DepartmentCommunity, DepartmentLevel
from govhub.admission.refusals.models import Refusal
from govhub.admission.refusals.queries import current_items
from govhub.admission.refusals.services import answer_task
from govhub.auth.models import User
from govhub.communities.models import Community
from govhub.demo.departments import CIVIL_AFFAIRS, DEPARTMENTS, HEALTH, STATISTICS
from govhub.extensions import db

# days ago, department (or another's name), channel, what, catalogue code matched
REFUSALS = [
    (2, STATISTICS, "chat_group", "在微信工作群要求社区三天内填报辖区小微企业经营情况统计报表",
     None),
    (9, STATISTICS, "chat_group", "要求社区逐户核对经济普查数据并填写二次核对表", None),
    (24, HEALTH, "phone", "电话通知社区派人上门核查辖区诊所执业许可", None),
    (38, CIVIL_AFFAIRS, "document", "发文要求社区为创建示范社区评比填报二十项台账数据", "FM-004"),
    (51, "区商务局", "chat_group", "要求社区协助招商引资，提供辖区商铺业主名单", "FM-001"),
    (67, HEALTH, "in_person", "要求社区网格员开展餐饮店安全生产执法检查", "FM-002"),
]
# days ago, what a resident was asked to bring, who asks for it
CERTIFICATE_REFUSALS = [(15, "无犯罪记录证明", "某银行"), (44, "亲属关系证明", "")]
# days ago, code, resident's username (or a name typed for one without an account)
CERTIFICATES = [
    (1, "ZM-001", "resident001"), (6, "ZM-001", "resident002"), (13, "ZM-002", "王秀英"),
    (29, "ZM-001", "resident003"), (35, "ZM-001", "李建国"), (58, "ZM-002", "resident004"),
    (61, "ZM-001", "resident005"),
]


def demo_departments(street_id: int) -> dict[str, Department]:
    """The street's three demo departments by name, covering each of its communities."""
    found = {d.name: d for d in db.session.scalars(
        sa.select(Department).where(Department.street_id == street_id))}
    community_ids = list(db.session.scalars(sa.select(StreetCommunity.community_id)
                                            .where(StreetCommunity.street_id == street_id)))
    for name, name_en in DEPARTMENTS:  # made by load_demo_departments, or here
        if name not in found:
            found[name] = Department(street_id=street_id, name=name, name_en=name_en,
                                     level=DepartmentLevel.DISTRICT)
            db.session.add(found[name])
            db.session.flush()
        covered = set(db.session.scalars(sa.select(DepartmentCommunity.community_id).where(
            DepartmentCommunity.department_id == found[name].id)))
        for community_id in community_ids:
            if community_id not in covered:
                db.session.add(DepartmentCommunity(department_id=found[name].id,
                                                   community_id=community_id))
    db.session.flush()
    return found


def load_admission_refusals(community: Community, worker: User) -> None:
    """Refusals and certificates of the demo community, once (flushes only)."""
    street_id = street_id_of(community)
    if street_id is None or worker is None:
        return
    departments = demo_departments(street_id)
    today = today_in(community)
    items = {item.code: item.id for item in current_items(community)}
    if db.session.scalar(sa.select(Refusal.id).where(Refusal.community_id == community.id)
                         .limit(1)) is None:
        for days, source, channel, what, code in REFUSALS:
            department = departments.get(source)
            answer_task(worker, community, department_id=department.id if department else None,
                        other_department="" if department else source, channel=channel,
                        asked_on=today - timedelta(days=days), what=what,
                        work_item_id=items.get(code) if code else None)
        for days, what, who in CERTIFICATE_REFUSALS:
            refuse_certificate(worker, community, what=what, who_asks=who,
                               asked_on=today - timedelta(days=days))
    if db.session.scalar(sa.select(Certificate.id).where(
            Certificate.community_id == community.id).limit(1)) is None:
        residents = set(db.session.scalars(sa.select(User.username).where(
            User.community_id == community.id, User.username.like("resident%"))))
        for days, code, who in CERTIFICATES:
            if code in items:
                account = who if who in residents else ""
                issue_certificate(worker, community, code=code,
                                  issued_on=today - timedelta(days=days),
                                  resident_username=account,
                                  resident_name="" if account else _typed_name(who))


def _typed_name(who: str) -> str:
    """A typed name for a resident without an account (a username not loaded reads as one)."""
    return who if not who.startswith("resident") else "居民" + who.removeprefix("resident")
