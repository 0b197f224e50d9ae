"""Account management pages."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from govhub.auth import services
from govhub.auth.permissions import (
    can_confirm_user,
    can_create_user,
    can_list_users,
    can_see_contact,
    can_set_role,
)
from govhub.auth.queries import get_user_or_404, users_visible_to
from govhub.communities.queries import all_communities, get_community
from govhub.core.errors import DomainError
from govhub.core.guards import require
from govhub.core.web import page_number, show_domain_error
from govhub.extensions import db
from govhub.users import bp
from govhub.users.forms import ConfirmForm, CreateUserForm, RoleForm


@bp.get("/")
@login_required
def index():
    require(can_list_users(current_user))
    pending_only = request.args.get("pending") == "1"
    users = users_visible_to(current_user, pending_only=pending_only, page=page_number())
    return render_template(
        "users/index.html", users=users, pending_only=pending_only,
        confirm_form=ConfirmForm(), role_form=RoleForm(),
        can_confirm=lambda u: can_confirm_user(current_user, u),
        can_set_role=lambda u: can_set_role(current_user, u),
        can_see_contact=lambda u: can_see_contact(current_user, u),
        can_create=can_create_user(current_user),
    )


@bp.post("/<int:user_id>/confirm")
@login_required
def confirm(user_id: int):
    user = get_user_or_404(user_id)
    require(can_confirm_user(current_user, user))
    if ConfirmForm().validate_on_submit():
        try:
            services.confirm_user(current_user, user)
            db.session.commit()
            flash(_("%(name)s is confirmed.", name=user.display_name), "success")
        except DomainError as exc:
            db.session.rollback()
            flash(exc.message, "error")
    return redirect(url_for("users.index", pending=1))


@bp.post("/<int:user_id>/role")
@login_required
def set_role(user_id: int):
    user = get_user_or_404(user_id)
    require(can_set_role(current_user, user))
    form = RoleForm()
    if form.validate_on_submit():
        try:
            services.set_role(current_user, user, form.role.data)
            db.session.commit()
            flash(_("%(name)s's role is saved.", name=user.display_name), "success")
        except DomainError as exc:
            db.session.rollback()
            flash(exc.message, "error")
    elif form.role.errors:
        flash(_("That role does not exist."), "error")
    else:
        flash(_("This form has expired. Reload the page and try again."), "error")
    return redirect(url_for("users.index"))


@bp.route("/new", methods=["GET", "POST"])
@login_required
def create():
    require(can_create_user(current_user))
    form = CreateUserForm()
    form.community.choices = [(0, _("None (administrators only)"))] + [
        (c.id, c.name) for c in all_communities()
    ]
    if form.validate_on_submit():
        try:
            user = services.create_user(
                current_user, form.username.data, form.display_name.data, form.password.data,
                role=form.role.data, community=get_community(form.community.data),
                email=form.email.data, phone=form.phone.data,
            )
            db.session.commit()
        except DomainError as exc:
            db.session.rollback()
            show_domain_error(form, exc)
        else:
            flash(_("The account %(username)s is created.", username=user.username), "success")
            return redirect(url_for("users.index"))
    return render_template("users/new.html", form=form)
