"""Account management pages."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from govhub.auth import services as accounts
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
from govhub.councils.queries import councils_of, find_council, residents_meeting_of
from govhub.extensions import db
from govhub.users import bp, services
from govhub.users.forms import ConfirmForm, CreateUserForm, RoleForm
from govhub.web.locale import current_locale
from govhub.web.view_helpers import page_number, show_domain_error


def _seat_choices(users) -> dict[int, dict]:
    """For each community on the page: its councils to seat a resident on, and the default
    (the residents' meeting). One query per community, not per row."""
    choices, locale = {}, current_locale()
    for community_id in {u.community_id for u in users if u.community_id is not None}:
        default = residents_meeting_of(community_id)
        choices[community_id] = {
            "councils": [(c.id, c.display_name(locale)) for c in councils_of(community_id)],
            "default": default.id if default else 0}
    return choices


@bp.get("/")
@login_required
def index():
    require(can_list_users(current_user))
    pending_only = request.args.get("pending") == "1"
    users = users_visible_to(current_user, pending_only=pending_only, page=page_number())
    pending = [u for u in users.items if not u.is_confirmed]
    return render_template(
        "users/index.html", users=users, pending_only=pending_only,
        confirm_form=ConfirmForm(), role_form=RoleForm(), seat_choices=_seat_choices(pending),
        can_confirm=lambda u: can_confirm_user(current_user, u),
        can_set_role=lambda u: can_set_role(current_user, u),
        can_see_contact=lambda u: can_see_contact(current_user, u),
        can_create=can_create_user(current_user),
    )


def _chosen_council(user, council_id: int | None):
    """The council picked on the row: none for 0, the residents' meeting when the form did
    not say (an older page); a DomainError for an id that names no council."""
    if council_id is None:
        return residents_meeting_of(user.community_id) if user.community_id else None
    if council_id == 0:
        return None
    council = find_council(council_id)
    if council is None:
        raise DomainError("unknown_council", _("That council does not exist."), "council_id")
    return council


@bp.post("/<int:user_id>/confirm")
@login_required
def confirm(user_id: int):
    user = get_user_or_404(user_id)
    require(can_confirm_user(current_user, user))
    form = ConfirmForm()
    if not form.validate_on_submit():
        flash(_("Choose one of the offered councils.") if form.council_id.errors else
              _("This form has expired. Reload the page and try again."), "error")
        return redirect(url_for("users.index", pending=1))
    try:
        membership = services.confirm_resident(current_user, user,
                                               _chosen_council(user, form.council_id.data))
        db.session.commit()
    except DomainError as exc:
        db.session.rollback()
        flash(exc.message, "error")
    else:
        if membership is not None:
            flash(_("%(name)s is confirmed and now sits on %(council)s.",
                    name=user.display_name,
                    council=membership.council.display_name(current_locale())), "success")
        else:
            flash(_("%(name)s is confirmed, without a seat on any council.",
                    name=user.display_name), "success")
    return redirect(url_for("users.index", pending=1))


@bp.post("/<int:user_id>/role")
@login_required
def set_role(user_id: int):
    user = get_user_or_404(user_id)
    require(can_set_role(current_user, user))
    form = RoleForm()
    if form.validate_on_submit():
        try:
            accounts.set_role(current_user, user, form.role.data)
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
    form.community.choices = [(0, _("None (administrators, department officers, reviewers)"))] + [
        (c.id, c.name) for c in all_communities()
    ]
    if form.validate_on_submit():
        try:
            user = accounts.create_user(
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
