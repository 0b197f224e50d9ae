"""A street's departments, their officers and reviewers: the services, who may keep them,
and the administrators' page."""

import pytest
import sqlalchemy as sa

from govhub.admission.departments import queries, services
from govhub.admission.departments.models import Department, DepartmentOfficer
from govhub.admission.departments.permissions import is_officer_of, is_reviewer_of
from govhub.audit.models import AuditEvent
from govhub.core.errors import DomainError, Forbidden
from govhub.core.models import utcnow
from govhub.extensions import db


@pytest.fixture
def department(admin, street):
    made = services.create_department(admin, street, "民政局", "Civil affairs bureau")
    db.session.commit()
    return made


def _audited(action: str) -> int:
    return db.session.scalar(sa.select(sa.func.count()).where(AuditEvent.action == action))


def test_a_department_covers_every_community_of_its_street_by_default(department, community):
    assert [c.community_id for c in department.communities] == [community.id]
    assert queries.departments_covering(community) == [department]
    assert _audited("department.created") == 1


@pytest.mark.parametrize("name, code", [("", "name_required"), ("部" * 121, "name_too_long"),
                                        ("民政局", "department_exists")])
def test_a_bad_department_is_refused_and_changes_nothing(admin, street, department, name, code):
    with pytest.raises(DomainError) as refused:
        services.create_department(admin, street, name)
    assert refused.value.code == code
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Department)) == 1


def test_a_department_covers_only_communities_of_its_street(admin, street, make_community):
    elsewhere = make_community()
    with pytest.raises(DomainError) as refused:
        services.create_department(admin, street, "卫健委", community_ids=[elsewhere.id])
    assert refused.value.code == "not_in_street"


def test_only_administrators_keep_departments(make_user, street):
    for role in ("worker", "resident", "officer", "reviewer"):
        with pytest.raises(Forbidden):
            services.create_department(make_user(role), street, "统计局")


def test_an_officer_speaks_for_one_department_and_moves_when_appointed_elsewhere(
        admin, street, department, make_user):
    officer = make_user("officer")
    services.appoint_officer(admin, department, officer.username.upper())
    other = services.create_department(admin, street, "统计局")
    db.session.commit()
    assert is_officer_of(officer, department.id) and queries.department_of(officer) == department
    services.appoint_officer(admin, other, officer.username)
    db.session.commit()
    assert not is_officer_of(officer, department.id) and is_officer_of(officer, other.id)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(DepartmentOfficer)) == 1
    assert _audited("department.officer_appointed") == 2


@pytest.mark.parametrize("role", ["worker", "resident", "reviewer", "admin"])
def test_only_an_officers_account_can_be_appointed(admin, department, make_user, role):
    with pytest.raises(DomainError) as refused:
        services.appoint_officer(admin, department, make_user(role).username)
    assert refused.value.code == "wrong_role"


def test_an_unknown_username_is_refused(admin, department):
    with pytest.raises(DomainError) as refused:
        services.appoint_officer(admin, department, "nobody-here")
    assert refused.value.code == "no_such_user" and refused.value.status == 404


def test_a_reviewer_decides_for_their_street_only(admin, street, make_user, make_street,
                                                  make_community):
    reviewer = make_user("reviewer")
    services.appoint_reviewer(admin, street, reviewer.username)
    other = make_street("和平街道", "Heping Street", communities=(make_community(),))
    db.session.commit()
    assert is_reviewer_of(reviewer, street.id) and not is_reviewer_of(reviewer, other.id)
    assert queries.reviewers_of(street.id) == [reviewer]


def test_a_deactivated_or_other_roled_account_is_nobodys_officer(admin, department, make_user):
    officer = make_user("officer")
    services.appoint_officer(admin, department, officer.username)
    db.session.commit()
    officer.disabled_at = utcnow()
    assert not is_officer_of(officer, department.id)
    assert not is_officer_of(None, department.id) and not is_reviewer_of(None, 1)


def test_ending_an_appointment_ends_the_access(admin, street, department, make_user):
    officer, reviewer = make_user("officer"), make_user("reviewer")
    services.appoint_officer(admin, department, officer.username)
    services.appoint_reviewer(admin, street, reviewer.username)
    db.session.commit()
    for person in (officer, reviewer):
        services.remove_appointment(admin, street, person)
    db.session.commit()
    assert not is_officer_of(officer, department.id) and not is_reviewer_of(reviewer, street.id)
    with pytest.raises(DomainError) as refused:
        services.remove_appointment(admin, street, officer)
    assert refused.value.code == "not_appointed"


# --- the page --------------------------------------------------------------------------

def test_the_administrator_reaches_the_page_from_the_catalogue_page(client, login, admin,
                                                                     street):
    login(admin)
    page = client.get("/admin/catalogue", headers={"Accept-Language": "en"}).get_data(
        as_text=True)
    assert f"/admin/streets/{street.id}/departments" in page
    assert client.get(f"/admin/streets/{street.id}/departments").status_code == 200


def test_the_page_adds_a_department_and_appoints_people(client, login, post_form, admin,
                                                         street, make_user):
    officer, reviewer = make_user("officer"), make_user("reviewer")
    login(admin)
    base = f"/admin/streets/{street.id}"
    page = f"{base}/departments"
    assert post_form(page, {"name": "卫健委", "name_en": "Health commission",
                            "level": "district"}).status_code == 302
    department = db.session.scalar(sa.select(Department))
    assert post_form(f"{base}/officers", {"department": department.id,
                                          "username": officer.username},
                     page=page).status_code == 302
    post_form(f"{base}/reviewers", {"reviewer_username": reviewer.username}, page=page)
    shown = client.get(page, headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Health commission" in shown and officer.display_name in shown
    assert reviewer.display_name in shown
    post_form(f"{base}/appointments/end", {"user_id": officer.id}, page=page)
    assert queries.department_of(officer) is None


def test_bad_input_on_the_page_changes_nothing(client, login, post_form, admin, street):
    login(admin)
    base = f"/admin/streets/{street.id}"
    page = f"{base}/departments"
    post_form(page, {"name": "", "level": "district"})
    post_form(f"{base}/officers", {"department": 999999, "username": "x"}, page=page)
    post_form(f"{base}/appointments/end", {"user_id": "abc"}, page=page)
    post_form(page, {"name": "民政局", "level": "planetary"})
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Department)) == 0
    assert client.get("/admin/streets/999999/departments").status_code == 404


@pytest.mark.parametrize("role", ["worker", "officer", "reviewer", "resident"])
def test_nobody_but_administrators_sees_the_page(client, login, make_user, street, role):
    login(make_user(role))
    assert client.get(f"/admin/streets/{street.id}/departments").status_code == 403
