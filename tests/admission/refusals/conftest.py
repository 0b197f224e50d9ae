"""A street with a catalogue (duties, a negative item, two certificates), departments
covering the test community, its worker, and officers of a department."""

from datetime import date

import pytest

from govhub.actions.services import today_in
from govhub.admission.catalogue.services import import_catalogue
from govhub.admission.departments.models import (
    Department,
    DepartmentCommunity,
    DepartmentOfficer,
)
from govhub.extensions import db

CATALOGUE = (
    "code,name,name_en,list_type,legal_basis\n"
    "YF-01,居民委员会选举,Residents' committee election,duty_by_law,"
    "《城市居民委员会组织法》第八条\n"
    "XZ-01,高龄津贴申报初审,Old-age allowance,assisting_government,《老年人权益保障法》第三十三条\n"
    "FM-01,创建达标评比的数据填报,Ranking campaign forms,negative_list,"
    "《整治形式主义为基层减负若干规定》\n"
    "FM-02,招商引资,Attracting investment,negative_list,\n"
    "ZM-01,居住证明,Proof of residence,certificate,《居住证暂行条例》第九条\n"
    "ZM-02,养老金资格认证协助,Pension eligibility help,certificate,\n"
)


@pytest.fixture
def catalogue(street, admin):
    """The street's current catalogue's items by code."""
    version = import_catalogue(admin, street, CATALOGUE)
    db.session.commit()
    return {item.code: item for item in version.items}


@pytest.fixture
def make_department(street):
    def make(name, name_en="", communities=()):
        department = Department(street_id=street.id, name=name, name_en=name_en)
        db.session.add(department)
        db.session.flush()
        for c in communities:
            db.session.add(DepartmentCommunity(department_id=department.id, community_id=c.id))
        db.session.commit()
        return department

    return make


@pytest.fixture
def statistics(make_department, community):
    return make_department("区统计局", "District Statistics Bureau", [community])


@pytest.fixture
def civil_affairs(make_department, community):
    return make_department("区民政局", "District Civil Affairs Bureau", [community])


@pytest.fixture
def health(make_department):
    """A department of the street that does not cover the test community."""
    return make_department("区卫健委", "District Health Commission")


@pytest.fixture
def worker(make_user, catalogue):
    return make_user("worker", display_name="王社工")


@pytest.fixture
def make_officer(make_user):
    def make(department):
        officer = make_user("officer")
        db.session.add(DepartmentOfficer(user_id=officer.id, department_id=department.id))
        db.session.commit()
        return officer

    return make


@pytest.fixture
def today(community) -> date:
    return today_in(community)


@pytest.fixture
def refuse(worker, community, statistics, today):
    """refuse(what=..., **fields) -> the service's Answer, committed."""
    from govhub.admission.refusals.services import answer_task

    def answer(what="填报企业统计报表", actor=worker, place=community, **fields):
        fields.setdefault("department_id", statistics.id)
        fields.setdefault("channel", "chat_group")
        fields.setdefault("asked_on", today)
        result = answer_task(actor, place, what=what, **fields)
        db.session.commit()
        return result

    return answer
