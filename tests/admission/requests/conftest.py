"""A street with two communities, a department covering both, its officer, the street's
reviewer, a worker of the first community, and a request factory."""

from datetime import date

import pytest

from govhub.admission.departments.models import (
    Department,
    DepartmentCommunity,
    DepartmentOfficer,
    StreetReviewer,
)
from govhub.admission.requests import services
from govhub.admission.requests.rules import Emergency
from govhub.extensions import db

VALUES = {
    "title": "独居老人基本信息采集", "description": "每月上门核对独居老人信息",
    "law": "《中华人民共和国老年人权益保障法》", "article": "第三十三条",
    "why_not_itself": "民政局没有入户人员", "data_fields": "姓名\n身份证号\n联系电话\n居住地址",
    "hours_per_month": "6", "period_from": date(2027, 1, 1), "period_to": date(2027, 12, 31),
    "resources": "每社区每月工作经费 500 元，培训一次",
}


@pytest.fixture
def other_community(make_community):
    return make_community(name="安康社区", name_en="Ankang Community")


@pytest.fixture
def make_department(app, street, community, other_community):
    def make(name="民政局", street_id=None, communities=(community, other_community)):
        department = Department(street_id=street_id or street.id, name=name, name_en=name)
        department.communities = [DepartmentCommunity(community_id=c.id) for c in communities]
        db.session.add(department)
        db.session.commit()
        return department

    return make


@pytest.fixture
def department(make_department):
    return make_department()


@pytest.fixture
def make_officer(make_user):
    def make(department):
        user = make_user("officer")
        db.session.add(DepartmentOfficer(user_id=user.id, department_id=department.id))
        db.session.commit()
        return user

    return make


@pytest.fixture
def officer(make_officer, department):
    return make_officer(department)


@pytest.fixture
def make_reviewer(make_user):
    def make(street):
        user = make_user("reviewer")
        db.session.add(StreetReviewer(user_id=user.id, street_id=street.id))
        db.session.commit()
        return user

    return make


@pytest.fixture
def reviewer(make_reviewer, street):
    return make_reviewer(street)


@pytest.fixture
def worker(make_user, community):
    return make_user("worker", community=community)


@pytest.fixture
def make_request(officer, reviewer):
    """make_request(state="draft"|"submitted"|"consultation"|"emergency", **values)."""

    def make(state="draft", actor=None, **values):
        request = services.create_request(actor or officer, {**VALUES, **values})
        if state == "emergency":
            request.emergency = Emergency.PUBLIC_HEALTH
            db.session.flush()
        if state != "draft":
            services.submit_request(actor or officer, request)
        if state == "consultation":
            services.open_consultation(reviewer, request)
        db.session.commit()
        return request

    return make
