"""The demo street's departments, the officer who speaks for one, and the street's reviewer.

Three district departments that ask most of a community's work (民政, 卫健, 统计) cover
every community of 幸福街道; the demo account `officer` speaks for the civil affairs
bureau, `reviewer` sits on the street's admission body.
"""

from __future__ import annotations

import sqlalchemy as sa

from govhub.admission.catalogue.models import Street
from govhub.admission.catalogue.queries import street_id_of
from govhub.admission.departments.models import Department
from govhub.admission.departments.queries import department_of, reviewer_street_id
from govhub.admission.departments.services import (
    appoint_officer,
    appoint_reviewer,
    create_department,
)
from govhub.extensions import db

CIVIL_AFFAIRS = "区民政局"
HEALTH = "区卫生健康委员会"
STATISTICS = "区统计局"
DEPARTMENTS = [(CIVIL_AFFAIRS, "District Civil Affairs Bureau"),
               (HEALTH, "District Health Commission"),
               (STATISTICS, "District Statistics Bureau")]


def load_demo_departments(community, admin, officer, reviewer) -> dict[str, Department]:
    """The street's three departments (made once), `officer` for civil affairs and
    `reviewer` on the street's body; flushes only. Returns the departments by name."""
    street = db.session.get(Street, street_id_of(community))
    found = {d.name: d for d in db.session.scalars(
        sa.select(Department).where(Department.street_id == street.id))}
    for name, name_en in DEPARTMENTS:
        if name not in found:
            found[name] = create_department(admin, street, name, name_en)
    if department_of(officer) is None:
        appoint_officer(admin, found[CIVIL_AFFAIRS], officer.username)
    if reviewer_street_id(reviewer) is None:
        appoint_reviewer(admin, street, reviewer.username)
    return found
