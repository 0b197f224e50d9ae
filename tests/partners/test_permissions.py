"""Who may do what with partner organizations: a matrix of role × action."""

import pytest

from govhub.auth.models import AnonymousUser
from govhub.extensions import db
from govhub.partners.offerings import permissions as offering_permissions
from govhub.partners.organizations import permissions as organization_permissions
from govhub.partners.organizations import services
from govhub.partners.requests import permissions as request_permissions

ROLES = ["owner", "editor", "invited", "other_partner", "worker", "other_worker", "admin",
         "resident", "unconfirmed", "anonymous"]
MEMBERS = {"owner", "editor"}
STAFF = {"worker", "admin"}


@pytest.fixture
def people(make_user, make_community, owner, organization):
    editor, invited = make_user("partner"), make_user("partner")
    services.accept_invitation(editor, services.invite_member(owner, organization,
                                                              editor.username))
    services.invite_member(owner, organization, invited.username)
    db.session.commit()
    return {
        "owner": owner, "editor": editor, "invited": invited,
        "other_partner": make_user("partner"), "worker": make_user("worker"),
        "other_worker": make_user("worker", community=make_community()),
        "admin": make_user("admin"), "resident": make_user(),
        "unconfirmed": make_user(confirmed=False), "anonymous": AnonymousUser(),
    }


def _matrix(allowed: set[str]):
    return [(role, role in allowed) for role in ROLES]


@pytest.mark.parametrize("actor, allowed", _matrix(set(ROLES)))
def test_everyone_sees_a_verified_organization(people, organization, actor, allowed):
    assert organization_permissions.can_view_organization(people[actor], organization) is allowed


@pytest.mark.parametrize("actor, allowed", _matrix(MEMBERS | STAFF | {"invited"}))
def test_an_unverified_organization_is_seen_by_its_people_and_staff(
        people, organization, actor, allowed):
    organization.status = "pending"
    assert organization_permissions.can_view_organization(people[actor], organization) is allowed


@pytest.mark.parametrize("actor, allowed", _matrix({"owner"}))
def test_owners_edit_the_profile_and_manage_members(people, organization, actor, allowed):
    assert organization_permissions.can_edit_organization(people[actor], organization) is allowed
    assert organization_permissions.can_manage_members(people[actor], organization) is allowed


@pytest.mark.parametrize("actor, allowed", _matrix(STAFF))
def test_the_communitys_staff_review(people, organization, actor, allowed):
    assert organization_permissions.can_review(people[actor], organization) is allowed


@pytest.mark.parametrize("actor, allowed", _matrix(STAFF | {"other_worker"}))
def test_workers_and_admins_open_the_review_list(people, actor, allowed):
    assert organization_permissions.can_review_organizations(people[actor]) is allowed


@pytest.mark.parametrize("actor, allowed", _matrix({"owner", "editor", "invited",
                                                    "other_partner"}))
def test_partner_accounts_register_organizations(people, actor, allowed):
    assert organization_permissions.can_register_organization(people[actor]) is allowed


@pytest.mark.parametrize("actor, allowed", _matrix(MEMBERS))
def test_members_manage_offerings_and_handle_requests(people, organization, actor, allowed):
    assert offering_permissions.can_manage_offerings(people[actor], organization) is allowed
    assert request_permissions.can_handle_requests(people[actor], organization) is allowed


@pytest.mark.parametrize("actor, allowed", _matrix(MEMBERS | STAFF))
def test_members_and_staff_see_requests_with_residents_contact(people, organization, actor,
                                                               allowed):
    assert request_permissions.can_see_requests(people[actor], organization) is allowed
    assert request_permissions.can_see_resident_contact(people[actor], organization) is allowed


@pytest.mark.parametrize("actor, allowed", _matrix(MEMBERS | STAFF))
def test_a_draft_offering_is_seen_by_members_and_staff(people, make_offering, actor, allowed):
    offering = make_offering(status="draft")
    assert offering_permissions.can_view_offering(people[actor], offering) is allowed


@pytest.mark.parametrize("actor, allowed", _matrix(set(ROLES)))
def test_a_published_offering_of_a_verified_organization_is_public(people, make_offering,
                                                                   actor, allowed):
    assert offering_permissions.can_view_offering(people[actor], make_offering()) is allowed


@pytest.mark.parametrize("actor, allowed", _matrix(MEMBERS | STAFF))
def test_an_unverified_organizations_offering_is_not_public(people, make_offering,
                                                            organization, actor, allowed):
    offering = make_offering()
    organization.status = "suspended"
    assert offering_permissions.can_view_offering(people[actor], offering) is allowed


@pytest.mark.parametrize("actor, allowed", _matrix({"resident"}))
def test_confirmed_residents_take_part(people, make_offering, actor, allowed):
    assert offering_permissions.can_take_part(people[actor], make_offering()) is allowed


@pytest.mark.parametrize("actor", [role for role in ROLES if role != "anonymous"])
def test_a_disabled_account_can_do_nothing(people, organization, actor):
    from govhub.core.models import utcnow

    person = people[actor]
    person.disabled_at = utcnow()
    assert not offering_permissions.can_manage_offerings(person, organization)
    assert not organization_permissions.can_review(person, organization)
