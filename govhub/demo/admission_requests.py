"""The demo street's admission requests, from its three departments, in every state: a
draft, one submitted, one in consultation with the community's view, one overdue, an
emergency in force pending its review, one approved, one approved with conditions, one
rejected and one withdrawn.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import sqlalchemy as sa

from govhub.admission.catalogue.models import Street, StreetCommunity
from govhub.admission.departments.queries import departments_of_street
from govhub.admission.requests import decisions, queries, rules
from govhub.admission.requests.models import (
    AdmissionRequest,
    AdmissionRequestCommunity,
    AdmissionView,
)
from govhub.admission.requests.rules import Emergency, RequestState, Stance
from govhub.auth.models import User
from govhub.communities.models import Community
from govhub.core.models import utcnow
from govhub.demo.departments import CIVIL_AFFAIRS, HEALTH, STATISTICS
from govhub.extensions import db

# The requests below name their department by its short name.
SHORT = {"民政局": CIVIL_AFFAIRS, "卫健委": HEALTH, "统计局": STATISTICS}

# department, state, title, law, article, why, data fields, hours, resources, extra
REQUESTS = [
    ("民政局", "draft", "困难群众动态摸排", "《社会救助暂行办法》", "第十一条",
     "街道民政科人手不足，需社区协助入户了解", "姓名\n身份证号\n家庭人口\n月收入", "6",
     "每社区每年摸排经费 2000 元", {}),
    ("统计局", "submitted", "居民消费价格入户调查", "《中华人民共和国统计法》", "第七条",
     "调查样本户分散，统计局调查员无法覆盖", "姓名\n联系电话\n月消费支出", "5",
     "调查员补贴由统计局承担", {}),
    ("卫健委", "consultation", "65 岁以上老年人健康随访", "《基本公共卫生服务规范》",
     "第三部分", "社区卫生服务中心医生不足，需社区通知和组织", "姓名\n身份证号\n联系电话\n慢病情况",
     "10", "卫健委派家庭医生团队每月两次驻点", {"view": ("8", Stance.SUPPORT,
                                                   "可以组织，但需医生到场")}),
    ("统计局", "overdue", "小微企业经营情况季度报表", "《中华人民共和国统计法》", "第七条",
     "企业名录在社区，统计局无人联络", "企业名称\n统一社会信用代码\n营业收入\n从业人数", "12",
     "", {"days_ago": 30}),
    ("卫健委", "emergency", "流感高发期重点人群排查", "《中华人民共和国传染病防治法》",
     "第九条", "疫情紧急，需社区立即协助通知重点人群", "姓名\n联系电话\n是否接种疫苗", "15",
     "卫健委提供口罩和消毒物资，派医护人员支援", {"emergency": Emergency.PUBLIC_HEALTH}),
    ("民政局", "approved", "老年人能力评估通知", "《中华人民共和国老年人权益保障法》",
     "第三十条", "评估由第三方机构开展，需社区通知老人到场", "姓名\n联系电话", "3",
     "评估费用由民政局承担", {"decide": ("approve", "通知工作量小，社区可以承担", "")}),
    ("民政局", "conditional", "独居老人定期探访", "《中华人民共和国老年人权益保障法》",
     "第十八条", "探访需熟悉居民情况的人员，民政局无人手", "姓名\n住址\n探访记录", "8",
     "每社区每年 5000 元探访经费", {"decide": (
         "approve_with_conditions", "独居老人安全需要社区关注",
         "经费须在事项开始前拨付到社区；民政局每季度培训一次探访人员")}),
    ("统计局", "rejected", "居民家庭收支情况统计表", "《中华人民共和国统计法》", "第七条",
     "希望社区代填报表", "家庭人口\n月收入\n月支出", "20", "",
     {"decide": ("reject", "属于统计部门自身职责，且与已有的住户调查重复报送", "")}),
    ("民政局", "withdrawn", "婚姻登记信息核对", "《婚姻登记条例》", "第二条",
     "需核对辖区居民婚姻登记信息", "姓名\n身份证号\n婚姻状况", "4", "", {}),
]


def _request(street, department, officer, row, community, worker, today) -> AdmissionRequest:
    _dep, kind, title, law, article, why, fields, hours, resources, extra = row
    calendar, days = queries.calendar(), queries.settings()
    started = today - timedelta(days=extra.get("days_ago", 3))
    request = AdmissionRequest(
        street_id=street.id, department_id=department.id, officer_id=officer.id,
        title=title, law=law, article=article, why_not_itself=why, data_fields=fields,
        hours_per_month=Decimal(hours), resources=resources, description="",
        period_from=date(today.year + 1, 1, 1), period_to=date(today.year + 1, 12, 31),
        emergency=extra.get("emergency"), state=RequestState.DRAFT)
    request.communities = [AdmissionRequestCommunity(community_id=community.id)]
    if kind != "draft":
        request.submitted_at = utcnow() - timedelta(days=extra.get("days_ago", 3))
        length = days["emergency"] if request.emergency else days["decision"]
        request.decision_due_on = rules.due_on(started, length, calendar)
        request.state = RequestState.SUBMITTED
    if kind in ("consultation", "emergency", "approved", "conditional", "rejected"):
        request.state = (RequestState.PENDING_REVIEW if request.emergency
                         else RequestState.CONSULTATION)
        request.consultation_closes_on = rules.due_on(started, days["consultation"], calendar)
    if kind == "withdrawn":
        request.state, request.withdrawn_reason = RequestState.WITHDRAWN, "该事项已由部门自行完成"
    db.session.add(request)
    db.session.flush()
    if "view" in extra and worker is not None:
        burden, stance, comment = extra["view"]
        db.session.add(AdmissionView(request_id=request.id, community_id=community.id,
                                     worker_id=worker.id, burden_hours=Decimal(burden),
                                     stance=stance, comment=comment))
    return request


def load_admission_requests(community: Community) -> None:
    """The demo street's requests (once), written by `officer` and decided by `reviewer`,
    whom load_demo_departments appointed. Flushes only."""
    street_id = db.session.scalar(sa.select(StreetCommunity.street_id).where(
        StreetCommunity.community_id == community.id))
    if street_id is None or db.session.scalar(sa.select(AdmissionRequest.id).where(
            AdmissionRequest.street_id == street_id).limit(1)) is not None:
        return
    street = db.session.get(Street, street_id)
    departments = {d.name: d for d in departments_of_street(street.id)}
    people = {u.username: u for u in db.session.scalars(sa.select(User).where(
        User.username.in_(["officer", "reviewer", "worker"])))}
    today = queries.today()
    for row in REQUESTS:
        request = _request(street, departments[SHORT[row[0]]], people["officer"], row,
                           community, people.get("worker"), today)
        if "decide" in row[9]:
            action, reasons, conditions = row[9]["decide"]
            decisions.decide(people["reviewer"], request, action, reasons, conditions)
    db.session.flush()
