"""Organization pages: register, the organization's page, editing, members, staff review."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from govhub.communities.queries import get_community_or_404
from govhub.core.errors import DomainError
from govhub.core.guards import require
from govhub.extensions import db
from govhub.partners import bp
from govhub.partners.common import ButtonForm, expired
from govhub.partners.help.queries import items_helped
from govhub.partners.offerings.queries import offerings_of
from govhub.partners.organizations import labels, permissions, rules, services
from govhub.partners.organizations.forms import InviteForm, OrganizationForm, ReviewForm, RoleForm
from govhub.partners.organizations.models import (
    Organization,
    OrganizationMember,
    OrganizationStatus,
)
from govhub.partners.organizations.queries import (
    find_membership,
    get_organization_or_404,
    memberships_of_user,
    organizations_for_review,
    verified_organizations,
)
from govhub.web.view_helpers import attempt, show_domain_error

PROFILE_FIELDS = ("name", "kind", "description", "contact_phone", "contact_email", "website",
                  "service_area", "registration_number")


REVIEW_ORDER = [OrganizationStatus.VERIFIED, OrganizationStatus.REJECTED,
                OrganizationStatus.SUSPENDED]


def viewable_organization(organization_id: int) -> Organization:
    """The organization if the viewer may see it; one they may not see does not exist for them."""
    organization = get_organization_or_404(organization_id)
    if not permissions.can_view_organization(current_user, organization):
        abort(404)
    return organization


@bp.route("/organizations/new", methods=["GET", "POST"])
@login_required
def register():
    require(permissions.can_register_organization(current_user),
            _("Only partner accounts register organizations."))
    form = OrganizationForm()
    if form.validate_on_submit():
        try:
            organization = services.register_organization(
                current_user, **{name: getattr(form, name).data for name in PROFILE_FIELDS})
            db.session.commit()
        except DomainError as exc:
            db.session.rollback()
            show_domain_error(form, exc)
        else:
            flash(_("The organization is registered. A community worker will verify it; "
                    "until then its offerings are not public."), "success")
            return redirect(url_for("partners.show", organization_id=organization.id))
    return render_template("partners/organization_form.html", form=form, organization=None)


@bp.get("/organizations/<int:organization_id>")
def show(organization_id: int):
    organization = viewable_organization(organization_id)
    member = permissions.is_member(current_user, organization)
    staff = permissions.can_review(current_user, organization)
    steps = [(target, labels.review_step_label(target)) for target in REVIEW_ORDER
             if rules.can_move_organization(organization.status, target)] if staff else []
    return render_template(
        "partners/organization.html", organization=organization,
        offerings=offerings_of(organization, public_only=not (member or staff)),
        member=member, staff=staff, owner=permissions.is_owner(current_user, organization),
        steps=steps, review_form=ReviewForm(formdata=None),
        helped=items_helped(organization, current_user))


@bp.route("/organizations/<int:organization_id>/edit", methods=["GET", "POST"])
@login_required
def edit(organization_id: int):
    organization = get_organization_or_404(organization_id)
    require(permissions.can_edit_organization(current_user, organization))
    form = OrganizationForm(obj=organization)
    if form.validate_on_submit():
        try:
            services.update_organization(
                current_user, organization,
                **{name: getattr(form, name).data for name in PROFILE_FIELDS})
            db.session.commit()
        except DomainError as exc:
            db.session.rollback()
            show_domain_error(form, exc)
        else:
            flash(_("The organization's profile is saved."), "success")
            return redirect(url_for("partners.show", organization_id=organization.id))
    return render_template("partners/organization_form.html", form=form,
                           organization=organization)


@bp.get("/organizations/mine")
@login_required
def mine():
    memberships = memberships_of_user(current_user)
    return render_template(
        "partners/mine.html", memberships=[m for m in memberships if m.is_active],
        invitations=[m for m in memberships if not m.is_active], form=ButtonForm(),
        can_register=permissions.can_register_organization(current_user))


@bp.get("/c/<slug>/organizations")
def directory(slug: str):
    community = get_community_or_404(slug)
    return render_template("partners/directory.html", community=community,
                           organizations=verified_organizations(community.id))


def _membership_or_404(organization: Organization, membership_id: int) -> OrganizationMember:
    membership = find_membership(membership_id)
    if membership is None or membership.organization_id != organization.id:
        abort(404)
    return membership


def _members_page(organization: Organization, invite_form: InviteForm | None = None,
                  status: int = 200):
    require(permissions.can_see_members(current_user, organization))
    manage = permissions.can_manage_members(current_user, organization)
    role_forms = {m.id: RoleForm(formdata=None, role=m.role.value, prefix=f"m{m.id}")
                  for m in organization.members}
    return render_template("partners/members.html", organization=organization, manage=manage,
                           invite_form=invite_form or InviteForm(formdata=None),
                           role_forms=role_forms, button=ButtonForm()), status


@bp.get("/organizations/<int:organization_id>/members")
@login_required
def members(organization_id: int):
    return _members_page(get_organization_or_404(organization_id))


@bp.post("/organizations/<int:organization_id>/members")
@login_required
def invite(organization_id: int):
    organization = get_organization_or_404(organization_id)
    require(permissions.can_manage_members(current_user, organization))
    form = InviteForm()
    if form.validate_on_submit():
        try:
            membership = services.invite_member(current_user, organization, form.username.data,
                                                form.role.data)
            db.session.commit()
        except DomainError as exc:
            db.session.rollback()
            show_domain_error(form, exc)
        else:
            flash(_("%(name)s is invited. They become a member when they accept.",
                    name=membership.user.display_name), "success")
            return redirect(url_for("partners.members", organization_id=organization.id))
    return _members_page(organization, invite_form=form, status=400)


@bp.post("/organizations/<int:organization_id>/members/<int:membership_id>/role")
@login_required
def set_role(organization_id: int, membership_id: int):
    organization = get_organization_or_404(organization_id)
    membership = _membership_or_404(organization, membership_id)
    require(permissions.can_manage_members(current_user, organization))
    form = RoleForm(prefix=f"m{membership.id}")
    if form.validate_on_submit():
        attempt(services.set_member_role, current_user, membership, form.role.data,
                done=_("The role is saved."))
    else:
        expired()
    return redirect(url_for("partners.members", organization_id=organization.id))


@bp.post("/organizations/<int:organization_id>/members/<int:membership_id>/remove")
@login_required
def remove_member(organization_id: int, membership_id: int):
    organization = get_organization_or_404(organization_id)
    membership = _membership_or_404(organization, membership_id)
    leaving = membership.user_id == current_user.id
    require(permissions.can_manage_members(current_user, organization) or leaving)
    back = redirect(url_for("partners.members", organization_id=organization.id))
    if not ButtonForm().validate_on_submit():
        expired()
        return back
    done = _("You left the organization.") if leaving else _("The member is removed.")
    if attempt(services.remove_member, current_user, membership, done=done) and leaving:
        return redirect(url_for("partners.mine"))
    return back


def _invitation_or_404(membership_id: int) -> OrganizationMember:
    membership = find_membership(membership_id)
    if membership is None or membership.user_id != current_user.id or membership.is_active:
        abort(404)
    return membership


@bp.post("/invitations/<int:membership_id>/accept")
@login_required
def accept_invitation(membership_id: int):
    membership = _invitation_or_404(membership_id)
    if ButtonForm().validate_on_submit():
        if attempt(services.accept_invitation, current_user, membership,
                   done=_("You are now a member of %(name)s.",
                          name=membership.organization.name)):
            return redirect(url_for("partners.show",
                                    organization_id=membership.organization_id))
    else:
        expired()
    return redirect(url_for("partners.mine"))


@bp.post("/invitations/<int:membership_id>/decline")
@login_required
def decline_invitation(membership_id: int):
    membership = _invitation_or_404(membership_id)
    if ButtonForm().validate_on_submit():
        attempt(services.decline_invitation, current_user, membership,
                done=_("The invitation is declined."))
    else:
        expired()
    return redirect(url_for("partners.mine"))


@bp.get("/organizations/review")
@login_required
def review_list():
    require(permissions.can_review_organizations(current_user))
    everything = organizations_for_review(current_user)
    by_status = {status: [o for o in everything if o.status == status]
                 for status in OrganizationStatus}
    return render_template("partners/review.html", by_status=by_status,
                           statuses=list(OrganizationStatus))


@bp.post("/organizations/<int:organization_id>/review")
@login_required
def review(organization_id: int):
    organization = get_organization_or_404(organization_id)
    require(permissions.can_review(current_user, organization))
    form = ReviewForm()
    if not form.validate_on_submit():
        expired()
    else:
        target = form.status.data
        attempt(services.review_organization, current_user, organization, target,
                form.reason.data or "",
                done=_("The organization is now: %(status)s.",
                       status=labels.organization_status_label(target)))
    back = request.form.get("back")
    if back == "list":
        return redirect(url_for("partners.review_list"))
    return redirect(url_for("partners.show", organization_id=organization.id))
