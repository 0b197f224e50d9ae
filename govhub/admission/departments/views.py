"""A street's departments page: its departments, their officers, and its reviewers."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from govhub.admission import bp
from govhub.admission.catalogue.queries import get_street
from govhub.admission.departments import queries, services
from govhub.admission.departments.forms import (
    DepartmentForm,
    EndForm,
    OfficerForm,
    ReviewerForm,
    level_label,
)
from govhub.admission.departments.permissions import can_manage_departments
from govhub.auth.models import User
from govhub.core.guards import require
from govhub.core.models import is_id
from govhub.extensions import db
from govhub.web.locale import current_locale
from govhub.web.view_helpers import attempt

bp.add_app_template_global(level_label, "department_level_label")
bp.add_app_template_global(queries.department_of, "department_of")

def _street_for_manager(street_id: int):
    street = get_street(street_id)
    require(can_manage_departments(current_user, street),
            _("Only the office's administrators keep the departments."))
    return street


def _officer_form(departments) -> OfficerForm:
    form = OfficerForm()
    form.department.choices = [(d.id, d.display_name(current_locale())) for d in departments]
    return form


def _back(street_id: int):
    return redirect(url_for("admission.departments_page", street_id=street_id))


@bp.get("/admin/streets/<int:street_id>/departments")
@login_required
def departments_page(street_id: int):
    street = _street_for_manager(street_id)
    departments = queries.departments_of_street(street.id)
    return render_template(
        "admission/departments.html", street=street, departments=departments,
        officers=queries.officers_of([d.id for d in departments]),
        reviewers=queries.reviewers_of(street.id), department_form=DepartmentForm(),
        officer_form=_officer_form(departments), reviewer_form=ReviewerForm(),
        end_form=EndForm())


@bp.post("/admin/streets/<int:street_id>/departments")
@login_required
def create_department(street_id: int):
    street = _street_for_manager(street_id)
    form = DepartmentForm()
    if form.validate_on_submit():
        attempt(services.create_department, current_user, street, form.name.data,
                form.name_en.data, form.level.data, done=_("The department is added."))
    else:
        flash(_("This form has expired. Reload the page and try again."), "error")
    return _back(street.id)


@bp.post("/admin/streets/<int:street_id>/officers")
@login_required
def appoint_officer(street_id: int):
    street = _street_for_manager(street_id)
    form = _officer_form(queries.departments_of_street(street.id))
    if form.validate_on_submit():
        attempt(services.appoint_officer, current_user,
                queries.get_department(form.department.data), form.username.data,
                done=_("The officer now speaks for the department."))
    else:
        flash(_("Choose a department and give a username."), "error")
    return _back(street.id)


@bp.post("/admin/streets/<int:street_id>/reviewers")
@login_required
def appoint_reviewer(street_id: int):
    street = _street_for_manager(street_id)
    form = ReviewerForm()
    if form.validate_on_submit():
        attempt(services.appoint_reviewer, current_user, street, form.reviewer_username.data,
                done=_("The reviewer now sits on the street's admission body."))
    else:
        flash(_("This form has expired. Reload the page and try again."), "error")
    return _back(street.id)


@bp.post("/admin/streets/<int:street_id>/appointments/end")
@login_required
def end_appointment(street_id: int):
    street = _street_for_manager(street_id)
    form = EndForm()
    user_id = int(form.user_id.data) if (form.user_id.data or "").isdigit() else None
    user = db.session.get(User, user_id) if is_id(user_id) else None
    if form.validate_on_submit() and user is not None:
        attempt(services.remove_appointment, current_user, street, user,
                done=_("The appointment has ended."))
    else:
        flash(_("This form has expired. Reload the page and try again."), "error")
    return _back(street.id)
