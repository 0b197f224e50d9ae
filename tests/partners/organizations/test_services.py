"""Organizations through their services: register, review, edit, members and invitations."""

import pytest
import sqlalchemy as sa

from govhub.audit.models import AuditEvent
from govhub.core.errors import DomainError, Forbidden
from govhub.extensions import db
from govhub.notifications.models import Notification
from govhub.partners.organizations import services
from govhub.partners.organizations.models import MemberRole, Organization, OrganizationStatus

PROFILE = {"name": "夕阳红老年协会", "kind": "elderly_association",
           "description": "组织老年人文体活动。", "contact_phone": "021-5555 0101",
           "contact_email": "laonian@example.org", "service_area": "幸福里社区全域",
           "registration_number": "51310000MJ0000000X", "website": "https://example.org"}


def _actions(target) -> list[str]:
    return list(db.session.scalars(sa.select(AuditEvent.action).where(
        AuditEvent.target_type == target.__tablename__, AuditEvent.target_id == target.id)
        .order_by(AuditEvent.id)))


def test_a_partner_registers_an_organization_that_waits_for_verification(owner, worker):
    organization = services.register_organization(owner, **PROFILE)
    db.session.commit()
    assert organization.status == OrganizationStatus.PENDING
    assert organization.community_id == owner.community_id
    assert [(m.user_id, m.role, m.is_active) for m in organization.members] == [
        (owner.id, MemberRole.OWNER, True)]
    assert _actions(organization) == ["organization.registered"]
    told = db.session.scalar(sa.select(Notification).where(Notification.user_id == worker.id))
    assert told.kind == "partners.organization_registered"


@pytest.mark.parametrize("role", ["resident", "worker", "admin"])
def test_only_partners_register_organizations(make_user, role):
    with pytest.raises(Forbidden):
        services.register_organization(make_user(role), **PROFILE)


@pytest.mark.parametrize("field, value, code", [
    ("name", "  ", "required"), ("kind", "guild", "unknown_kind"),
    ("contact_email", "not an address", "invalid_email"),
    ("contact_phone", "call me", "invalid_phone"), ("website", "javascript:alert(1)",
                                                    "invalid_website"),
    ("name", "长" * 121, "too_long"),
])
def test_bad_profiles_are_refused_with_the_field_named(owner, field, value, code):
    with pytest.raises(DomainError) as refused:
        services.register_organization(owner, **{**PROFILE, field: value})
    assert (refused.value.code, refused.value.field) == (code, field)
    assert db.session.scalar(sa.select(sa.func.count(Organization.id))) == 0


def test_two_organizations_of_a_community_cannot_share_a_name(owner, make_user):
    services.register_organization(owner, **PROFILE)
    db.session.commit()
    with pytest.raises(DomainError) as refused:
        services.register_organization(make_user("partner"), **PROFILE)
    assert refused.value.code == "name_taken"


def test_staff_verify_and_owners_hear_of_it(make_organization, worker, owner):
    organization = make_organization("pending")
    services.review_organization(worker, organization, "verified")
    db.session.commit()
    assert organization.is_verified and organization.verified_by_id == worker.id
    assert organization.verified_at is not None
    kinds = db.session.scalars(sa.select(Notification.kind).where(
        Notification.user_id == owner.id)).all()
    assert "partners.organization_verified" in kinds
    assert _actions(organization)[-1] == "organization.reviewed"


def test_rejecting_needs_a_reason(make_organization, worker):
    organization = make_organization("pending")
    with pytest.raises(DomainError) as refused:
        services.review_organization(worker, organization, "rejected", reason=" ")
    assert refused.value.field == "reason"
    services.review_organization(worker, organization, "rejected", reason="登记证书已过期")
    assert organization.status_reason == "登记证书已过期"


def test_a_review_step_that_does_not_follow_is_refused(make_organization, worker):
    organization = make_organization("pending")
    with pytest.raises(DomainError) as refused:
        services.review_organization(worker, organization, "suspended", reason="x")
    assert refused.value.code == "wrong_status"
    with pytest.raises(DomainError) as refused:
        services.review_organization(worker, organization, "closed")
    assert refused.value.code == "invalid_status"


def test_workers_of_another_community_and_partners_cannot_review(
        make_organization, make_user, make_community, owner):
    organization = make_organization("pending")
    for actor in (owner, make_user("worker", community=make_community())):
        with pytest.raises(Forbidden):
            services.review_organization(actor, organization, "verified")


def test_owners_edit_the_profile_and_the_trail_keeps_what_changed(organization, owner):
    services.update_organization(owner, organization, **{**PROFILE, "name": "新名字"})
    db.session.commit()
    assert organization.name == "新名字"
    event = db.session.scalar(sa.select(AuditEvent).where(
        AuditEvent.action == "organization.updated"))
    assert event.data["changed"]["service_area"][1] == "幸福里社区全域"


# --- members ---------------------------------------------------------------------------

def test_an_owner_invites_a_partner_who_accepts(organization, owner, make_user):
    invitee = make_user("partner", username="helper01")
    membership = services.invite_member(owner, organization, "Helper01", "editor")
    db.session.commit()
    assert not membership.is_active
    assert db.session.scalar(sa.select(Notification.kind).where(
        Notification.user_id == invitee.id)) == "partners.invited"
    services.accept_invitation(invitee, membership)
    db.session.commit()
    assert membership.is_active and membership.role == MemberRole.EDITOR


def test_an_invitation_can_be_declined(organization, owner, make_user):
    invitee = make_user("partner")
    membership = services.invite_member(owner, organization, invitee.username)
    services.decline_invitation(invitee, membership)
    db.session.commit()
    assert [m.user_id for m in organization.members] == [owner.id]


def test_only_the_invited_user_answers_an_invitation(organization, owner, make_user):
    membership = services.invite_member(owner, organization, make_user("partner").username)
    with pytest.raises(Forbidden):
        services.accept_invitation(make_user("partner"), membership)


@pytest.mark.parametrize("who", ["nobody", "resident", "self"])
def test_only_existing_partner_accounts_can_be_invited(organization, owner, make_user, who):
    username = {"nobody": "nobody-here", "resident": make_user().username,
                "self": owner.username}[who]
    with pytest.raises(DomainError) as refused:
        services.invite_member(owner, organization, username)
    assert refused.value.code == ("already_member" if who == "self" else "unknown_partner")


def test_editors_cannot_invite_or_change_roles(organization, owner, make_user):
    editor = make_user("partner")
    services.accept_invitation(editor, services.invite_member(owner, organization,
                                                              editor.username))
    with pytest.raises(Forbidden):
        services.invite_member(editor, organization, make_user("partner").username)
    owner_membership = organization.members[0]
    with pytest.raises(Forbidden):
        services.set_member_role(editor, owner_membership, "editor")


def test_the_last_owner_can_neither_step_down_nor_leave(organization, owner):
    only = organization.members[0]
    for attempt in (lambda: services.set_member_role(owner, only, "editor"),
                    lambda: services.remove_member(owner, only)):
        with pytest.raises(DomainError) as refused:
            attempt()
        assert refused.value.code == "last_owner"


def test_with_a_second_owner_the_first_may_leave(organization, owner, make_user):
    second = make_user("partner")
    membership = services.invite_member(owner, organization, second.username, "owner")
    services.accept_invitation(second, membership)
    services.remove_member(owner, organization.members[0])
    db.session.commit()
    assert [m.user_id for m in organization.members] == [second.id]


def test_an_editor_may_leave(organization, owner, make_user):
    editor = make_user("partner")
    membership = services.invite_member(owner, organization, editor.username)
    services.accept_invitation(editor, membership)
    services.remove_member(editor, membership)
    db.session.commit()
    assert len(organization.members) == 1
