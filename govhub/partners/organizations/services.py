"""Organizations and their members: register, review, edit, invite, roles.

Every service of the partner sub-packages follows the same pattern: authorise, check
the rule, change, audit, notify and publish (after commit), flush, never commit.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import gettext as _

from govhub.audit.services import record
from govhub.auth.models import User
from govhub.auth.queries import user_by_username
from govhub.core.errors import DomainError
from govhub.core.guards import require
from govhub.core.models import utcnow
from govhub.core.roles import Role
from govhub.extensions import db
from govhub.notifications.services import notify
from govhub.partners import checks
from govhub.partners.organizations import permissions, rules
from govhub.partners.organizations.models import (
    MemberRole,
    Organization,
    OrganizationKind,
    OrganizationMember,
    OrganizationStatus,
)
from govhub.partners.organizations.queries import (
    active_members,
    membership_of,
    name_taken,
    owners_count,
)
from govhub.realtime import publish
from govhub.realtime.rooms import organization_room

NAME_MAX = 120


DESCRIPTION_MAX = 20_000


REASON_MAX = 500


def profile_fields(fields: dict) -> dict:
    """The organization's own fields, checked and cleaned."""
    return {
        "name": checks.text(fields.get("name"), "name", NAME_MAX, required=True),
        "kind": checks.choice(OrganizationKind, fields.get("kind"), "kind", "unknown_kind",
                              _("Choose one of the kinds of organization.")),
        "description": checks.text(fields.get("description"), "description", DESCRIPTION_MAX,
                                   one_line=False),
        "contact_phone": checks.phone(fields.get("contact_phone")),
        "contact_email": checks.email(fields.get("contact_email")),
        "website": checks.website(fields.get("website")),
        "service_area": checks.text(fields.get("service_area"), "service_area", 200),
        "registration_number": checks.text(fields.get("registration_number"),
                                           "registration_number", 60),
    }


def _name_free(community_id: int, name: str, except_id: int | None = None) -> None:
    if name_taken(community_id, name, except_id):
        raise DomainError("name_taken",
                          _("An organization of this community already has this name."), "name",
                          status=409)


def _staff_of(organization: Organization) -> list[User]:
    """The community's workers, who verify organizations."""
    return list(db.session.scalars(sa.select(User).where(
        User.role == Role.WORKER, User.community_id == organization.community_id,
        User.disabled_at.is_(None))))


def _owners(organization: Organization) -> list[User]:
    return [m.user for m in organization.members
            if m.is_active and m.role == MemberRole.OWNER and m.user.is_active]


def register_organization(actor, **fields) -> Organization:
    """A partner registers their organization; it waits for the community's verification."""
    require(permissions.can_register_organization(actor),
            _("Only partner accounts register organizations."))
    profile = profile_fields(fields)
    _name_free(actor.community_id, profile["name"])
    organization = Organization(community_id=actor.community_id, created_by_id=actor.id,
                                status=OrganizationStatus.PENDING, **profile)
    organization.members.append(OrganizationMember(user_id=actor.id, role=MemberRole.OWNER,
                                                   accepted_at=utcnow()))
    db.session.add(organization)
    db.session.flush()
    record(actor, "organization.registered", organization, name=organization.name,
           kind=organization.kind.value)
    notify(_staff_of(organization), "partners.organization_registered",
           {"organization": organization.name, "organization_id": organization.id},
           link=f"/organizations/{organization.id}")
    return organization


def update_organization(actor, organization: Organization, **fields) -> None:
    """The owners keep the profile current; the audit trail keeps what changed."""
    require(permissions.can_edit_organization(actor, organization))
    profile = profile_fields(fields)
    _name_free(organization.community_id, profile["name"], organization.id)
    changed = {}
    for name, value in profile.items():
        old = getattr(organization, name)
        if old != value:
            changed[name] = [str(old), str(value)]
            setattr(organization, name, value)
    record(actor, "organization.updated", organization, changed=changed)


def review_organization(actor, organization: Organization, target, reason: str = "") -> None:
    """Verify, reject (with a reason), suspend (with a reason) or reinstate an organization."""
    require(permissions.can_review(actor, organization))
    target = checks.choice(OrganizationStatus, target, "status", "invalid_status",
                           _("There is no such status."))
    if not rules.can_move_organization(organization.status, target):
        raise DomainError("wrong_status",
                          _("The organization cannot go from its present status to that one."),
                          status=409)
    reason = checks.text(reason, "reason", REASON_MAX, required=target in rules.NEEDS_REASON)
    previous, organization.status = organization.status, target
    organization.status_reason = reason
    if target == OrganizationStatus.VERIFIED:
        organization.verified_by_id, organization.verified_at = actor.id, utcnow()
    record(actor, "organization.reviewed", organization, old=previous.value, new=target.value,
           reason=reason)
    notify(_owners(organization), f"partners.organization_{target.value}",
           {"organization": organization.name, "organization_id": organization.id,
            "reason": reason}, link=f"/organizations/{organization.id}")


def invite_member(actor, organization: Organization, username: str,
                  role=MemberRole.EDITOR) -> OrganizationMember:
    """Invite a partner account by username; they become a member when they accept."""
    require(permissions.can_manage_members(actor, organization))
    role = checks.choice(MemberRole, role, "role", "invalid_role",
                         _("A member is an owner or an editor."))
    username = checks.text(username, "username", 40, required=True)
    user = user_by_username(username)
    if user is None or not user.is_active or user.role != Role.PARTNER:
        raise DomainError("unknown_partner", _("No partner account has this username."),
                          "username", status=404)
    if membership_of(organization.id, user.id) is not None:
        raise DomainError("already_member",
                          _("This person is already a member, or already invited."), "username",
                          status=409)
    membership = OrganizationMember(organization=organization, user_id=user.id, role=role,
                                    invited_by_id=actor.id)
    db.session.add(membership)
    db.session.flush()
    record(actor, "organization.member_invited", organization, user_id=user.id, role=role.value)
    notify([user], "partners.invited", {"inviter": actor.display_name,
                                        "organization": organization.name,
                                        "organization_id": organization.id},
           link="/organizations/mine")
    return membership


def _own_invitation(actor, membership: OrganizationMember) -> None:
    require(membership.user_id == getattr(actor, "id", None) and actor.is_active)
    if membership.is_active:
        raise DomainError("already_member", _("You are already a member."), status=409)


def accept_invitation(actor, membership: OrganizationMember) -> None:
    _own_invitation(actor, membership)
    membership.accepted_at = utcnow()
    record(actor, "organization.invitation_accepted", membership.organization,
           role=membership.role.value)


def decline_invitation(actor, membership: OrganizationMember) -> None:
    _own_invitation(actor, membership)
    organization = membership.organization
    organization.members.remove(membership)
    db.session.flush()
    record(actor, "organization.invitation_declined", organization)


def _keeps_an_owner(membership: OrganizationMember) -> None:
    organization = membership.organization
    if (membership.is_active and membership.role == MemberRole.OWNER
            and owners_count(organization) <= 1):
        raise DomainError("last_owner", _("An organization needs at least one owner. Make "
                                          "someone else an owner first."), status=409)


def set_member_role(actor, membership: OrganizationMember, role) -> None:
    organization = membership.organization
    require(permissions.can_manage_members(actor, organization))
    role = checks.choice(MemberRole, role, "role", "invalid_role",
                         _("A member is an owner or an editor."))
    if role == membership.role:
        return
    if role != MemberRole.OWNER:
        _keeps_an_owner(membership)
    previous, membership.role = membership.role, role
    record(actor, "organization.member_role", organization, user_id=membership.user_id,
           old=previous.value, new=role.value)


def remove_member(actor, membership: OrganizationMember) -> None:
    """Owners remove members and withdraw invitations; a member may leave."""
    organization = membership.organization
    leaving = membership.user_id == getattr(actor, "id", None)
    require(permissions.can_manage_members(actor, organization)
            or (leaving and membership.is_active))
    _keeps_an_owner(membership)
    organization.members.remove(membership)
    db.session.flush()
    record(actor, "organization.member_removed", organization, user_id=membership.user_id,
           leaving=leaving)


def tell_organization(organization: Organization, kind: str | None, data: dict,
                      change: dict) -> None:
    """Notify the organization's members (when `kind` is given) and update their open
    request lists: `change` ({kind, id, status}) goes to the organization's room."""
    if kind is not None:
        notify(active_members(organization), kind, data,
               link=f"/organizations/{organization.id}/requests")
    publish(organization_room(organization.id), "organization:update",
            {"organization_id": organization.id, **change})
