"""The demo's partner organizations: who serves the community, and who came.

Four organizations of 幸福里社区, verified by the community worker: the
volunteer association, whose owner is the `partner` demo account, and the
elders' association, an arts troupe and a social-work station, whose
offerings the community office keeps for them (they have no account in the
demo, which keeps to its documented accounts). Their offerings cover several
categories, on request or in weekly sessions; residents enrolled, one class
is full with a waitlist, a past session has its attendance and ratings, and
requests wait, were accepted, declined with a reason, or completed.
Everything a partner, a worker or a resident does goes through their
services; only a past session's times are moved back afterwards.
"""

from __future__ import annotations

from datetime import date, time, timedelta

import sqlalchemy as sa

from govhub.audit.services import record
from govhub.auth.models import User
from govhub.communities.models import Community
from govhub.core.models import utcnow
from govhub.core.roles import Role
from govhub.core.time import to_local
from govhub.extensions import db
from govhub.partners.enrolments import services as enrolments
from govhub.partners.offerings import services as offerings
from govhub.partners.offerings.models import Offering, OfferingSession, OfferingStatus
from govhub.partners.organizations import services
from govhub.partners.organizations.models import Organization
from govhub.partners.requests import services as service_requests

VOLUNTEERS = {
    "name": "幸福里志愿者协会", "kind": "volunteer_association",
    "description": "由社区居民自发组成的志愿服务队伍，现有注册志愿者八十余人，"
                   "开展助老、环境清洁和邻里互助活动。",
    "contact_phone": "021-5555 0101", "contact_email": "zhiyuan@example.org",
    "service_area": "幸福里社区全域", "registration_number": "51310000MJ0000101A"}
OTHERS = {
    "elders": {
        "name": "幸福里老年协会", "kind": "elderly_association",
        "description": "社区老年人的自治组织，组织文体活动、结对探访独居老人。",
        "contact_phone": "021-5555 0102", "service_area": "幸福里社区全域",
        "registration_number": "51310000MJ0000102B"},
    "arts": {
        "name": "幸福里艺术团", "kind": "arts_group",
        "description": "合唱、书法和民族舞的爱好者，每年在社区文化节演出。",
        "contact_phone": "021-5555 0103", "service_area": "社区文化活动中心",
        "registration_number": "51310000MJ0000103C"},
    "social_work": {
        "name": "阳光社工服务站", "kind": "social_work_agency",
        "description": "专业社会工作机构，承接街道购买的社区服务项目：青少年课后托管、"
                       "法律援助咨询和就业帮扶。",
        "contact_phone": "021-5555 0104", "contact_email": "yangguang@example.org",
        "website": "https://example.org/yangguang", "service_area": "幸福里社区及周边",
        "registration_number": "52310000MJ0000104D"},
}

CENTRE = ("社区文化活动中心", "幸福里路 88 号")
# (organization, fields, weekly: (weekday, starts, ends, count, capacity), or None on request)
OFFERINGS = [
    ("volunteers", {
        "title": "长者智能手机课", "category": "education", "mode": "sessions",
        "description": "手把手教长者用手机挂号、视频通话、扫码乘车和识别诈骗电话。"
                       "请带上自己的手机。",
        "eligibility": "60 岁以上本社区居民"}, (2, time(14, 30), time(16), 8, 12)),
    ("volunteers", {
        "title": "爱心义剪（上门理发）", "category": "elderly_care", "mode": "on_request",
        "at_home": True,
        "description": "志愿者理发师为行动不便的长者上门理发，每月第二个周三集中安排。",
        "eligibility": "行动不便的本社区长者"}, None),
    ("volunteers", {
        "title": "独居老人结对探访", "category": "elderly_care", "mode": "on_request",
        "at_home": True,
        "description": "志愿者每周上门探望独居老人，陪聊天、帮忙代购。"}, None),
    ("volunteers", {
        "title": "周末楼道清洁志愿服务", "category": "volunteer_service", "mode": "sessions",
        "description": "清理楼道堆物和小广告，工具由协会提供。"}, (5, time(9), time(11), 6, 20)),
    ("elders", {
        "title": "长者健康操", "category": "culture_sports", "mode": "sessions",
        "description": "社区卫生服务中心康复师编排的八段锦和拉伸操，动作舒缓。",
        "eligibility": "身体状况适合轻度运动的长者"}, (1, time(8), time(9), 10, 30)),
    ("arts", {
        "title": "少儿书法班", "category": "culture_sports", "mode": "sessions",
        "description": "毛笔楷书入门，每期八次课，笔墨纸砚自备。",
        "eligibility": "7 至 12 岁儿童", "price": "20"}, (6, time(15), time(16, 30), 8, 15)),
    ("arts", {
        "title": "社区合唱团排练", "category": "culture_sports", "mode": "sessions",
        "description": "为社区文化节排练《歌唱祖国》，欢迎加入。"},
     (4, time(19), time(20, 30), 6, 40)),
    ("social_work", {
        "title": "四点半课堂", "category": "childcare", "mode": "sessions",
        "description": "放学后的作业辅导和阅读陪伴，由社工和大学生志愿者带领。",
        "eligibility": "本社区小学生"}, (0, time(16, 30), time(18), 10, 20)),
    ("social_work", {
        "title": "律师坐班：免费法律咨询", "category": "legal_aid", "mode": "sessions",
        "description": "律师志愿者解答婚姻家庭、劳动纠纷、物业矛盾等法律问题，每次接待六位居民。",
        "location_name": "社区服务中心 102 室", "address": "幸福里路 86 号"},
     (3, time(14), time(17), 6, 6)),
    ("social_work", {
        "title": "求职简历门诊", "category": "employment", "mode": "sessions",
        "description": "一对一修改简历、模拟面试，帮助失业居民再就业。"},
     (3, time(10), time(11, 30), 4, 8)),
]


def load_demo_partners(community: Community, worker: User) -> None:
    """Add the demo organizations to a community that has none yet."""
    if db.session.scalar(sa.select(Organization.id).where(
            Organization.community_id == community.id)):
        return
    partner = db.session.scalar(sa.select(User).where(User.username == "partner"))
    organizations = {"volunteers": services.register_organization(partner, **VOLUNTEERS)}
    for key, fields in OTHERS.items():
        organizations[key] = _kept_by_the_office(community, worker, fields)
    for organization in organizations.values():
        services.review_organization(worker, organization, "verified")
    made = {fields["title"]: _offering(partner, organizations[key], fields, weekly)
            for key, fields, weekly in OFFERINGS}
    residents = list(db.session.scalars(
        sa.select(User).where(User.community_id == community.id, User.role == Role.RESIDENT,
                              User.username.like("resident%")).order_by(User.username)))
    _enrolments(made, residents, partner)
    _requests(made, residents, partner)
    db.session.flush()


def _kept_by_the_office(community: Community, worker: User, fields: dict) -> Organization:
    """An organization without an account in the demo: the office entered it for them."""
    organization = Organization(community_id=community.id, created_by_id=worker.id,
                                **services.profile_fields(fields))
    db.session.add(organization)
    db.session.flush()
    record(worker, "organization.registered", organization, name=organization.name,
           kind=organization.kind.value, entered_by_office=True)
    return organization


def _offering(partner: User, organization: Organization, fields: dict, weekly) -> Offering:
    """Through the services when the partner owns the organization, else as the office keeps it."""
    fields = {"location_name": CENTRE[0], "address": CENTRE[1], **fields}
    own = any(m.user_id == partner.id for m in organization.members)
    if own:
        offering = offerings.create_offering(partner, organization, **fields)
    else:
        offering = Offering(organization=organization, **offerings.offering_fields(fields))
        db.session.add(offering)
    if weekly is not None:
        weekday, starts, ends, count, capacity = weekly
        schedule = {"weekday": weekday, "starts_time": starts, "ends_time": ends,
                    "first_date": _tomorrow(organization), "count": count,
                    "capacity": capacity}
        if own:
            offerings.add_weekly_sessions(partner, offering, **schedule)
        else:
            offerings.schedule_sessions(offering, **schedule)
    if own:
        offerings.set_offering_status(partner, offering, "published")
    else:
        offering.status, offering.published_at = OfferingStatus.PUBLISHED, utcnow()
    db.session.flush()
    return offering


def _tomorrow(organization: Organization) -> date:
    return to_local(utcnow(), organization.community.timezone).date() + timedelta(days=1)


def _enrolments(made: dict, residents: list[User], partner: User) -> None:
    """The next phone class is full with a line; other classes have their people."""
    if not residents:
        return
    phone_class = made["长者智能手机课"]
    first = phone_class.sessions[0]
    people = residents[:15]
    enrolments.change_capacity(partner, first, max(1, min(12, len(people) - 3)))
    for resident in people:
        enrolments.enrol(resident, first, join_waitlist=True)
    for title, chosen in (("长者健康操", residents[15:25]), ("四点半课堂", residents[20:28]),
                          ("少儿书法班", residents[5:9]),
                          ("律师坐班：免费法律咨询", residents[30:34])):
        for resident in chosen:
            enrolments.enrol(resident, made[title].sessions[0])
    _past_session(phone_class, residents[:6], partner)


def _past_session(offering: Offering, people: list[User], owner: User) -> None:
    """One more phone class, held last week: who came, and what they thought of it."""
    last = offering.sessions[-1]
    added = offerings.add_session(owner, offering, last.starts_at + timedelta(weeks=1),
                                  last.ends_at + timedelta(weeks=1), 12)
    entries = [enrolments.enrol(resident, added) for resident in people]
    held = offering.sessions[0].starts_at - timedelta(weeks=1)
    db.session.execute(sa.update(OfferingSession).where(OfferingSession.id == added.id).values(
        starts_at=held, ends_at=held + (added.ends_at - added.starts_at)))
    db.session.refresh(added)
    comments = ["老师很耐心，终于学会视频通话了。", "讲得清楚，希望多开几期。", "",
                "学会了手机挂号。"]
    for n, entry in enumerate(entries):
        came = n != len(entries) - 1  # the last one did not come
        enrolments.mark_attendance(owner, entry, came)
        if came and n < len(comments):
            service_requests.rate(entry.resident, offering, 5 - n % 2, comments[n], session=added)


def _requests(made: dict, residents: list[User], partner: User) -> None:
    """Requests in every state: waiting, accepted, declined with a reason, completed and rated."""
    if len(residents) < 4:
        return
    haircut, visits = made["爱心义剪（上门理发）"], made["独居老人结对探访"]
    waiting, welcome, refused, done = residents[-4:]
    service_requests.request_service(waiting, haircut, "腿脚不方便，周三上午在家。",
                                     "139 0000 0502", "3号楼502")
    accepted = service_requests.request_service(welcome, visits,
                                                "母亲独居，希望有人每周去看看她。",
                                                "139 0000 0701", "7号楼1单元301")
    service_requests.accept_request(partner, accepted)
    declined = service_requests.request_service(refused, visits, "想请人帮忙代购药品。",
                                                "139 0000 0203", "2号楼203")
    service_requests.decline_request(partner, declined,
                                     "代购药品需要家属授权，请先到社区卫生服务中心登记。")
    completed = service_requests.request_service(done, haircut, "老伴卧床，需要上门理发。",
                                                 "139 0000 0904", "9号楼904")
    service_requests.accept_request(partner, completed)
    service_requests.complete_request(partner, completed)
    service_requests.rate(done, haircut, 5, "师傅手艺好，老伴很满意。")
