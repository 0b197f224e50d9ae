"""Who may do what with accounts: a matrix of role × action."""

import pytest

from govhub.auth import permissions
from govhub.auth.models import AnonymousUser


@pytest.fixture
def people(make_user, make_community):
    other = make_community()
    return {
        "admin": make_user("admin"),
        "worker": make_user("worker"),
        "other_worker": make_user("worker", community=other),
        "resident": make_user("resident"),
        "pending": make_user(confirmed=False),
        "partner": make_user("partner"),
        "outsider": make_user("resident", community=other),
        "anonymous": AnonymousUser(),
    }


@pytest.mark.parametrize("actor, allowed", [
    ("admin", True), ("worker", False), ("resident", False), ("partner", False),
    ("anonymous", False),
])
def test_only_admins_create_users(people, actor, allowed):
    assert permissions.can_create_user(people[actor]) is allowed


@pytest.mark.parametrize("actor, allowed", [
    ("admin", True), ("worker", True), ("resident", False), ("partner", False),
    ("anonymous", False),
])
def test_staff_list_users(people, actor, allowed):
    assert permissions.can_list_users(people[actor]) is allowed


@pytest.mark.parametrize("actor, target, allowed", [
    ("admin", "pending", True),
    ("worker", "pending", True),
    ("other_worker", "pending", False),
    ("worker", "partner", False),
    ("resident", "pending", False),
    ("partner", "pending", False),
    ("pending", "pending", False),
    ("anonymous", "pending", False),
])
def test_workers_confirm_residents_of_their_own_community(people, actor, target, allowed):
    assert permissions.can_confirm_user(people[actor], people[target]) is allowed


@pytest.mark.parametrize("actor, target, allowed", [
    ("admin", "resident", True),
    ("admin", "admin", False),  # never on oneself
    ("worker", "resident", False),
    ("resident", "resident", False),
    ("anonymous", "resident", False),
])
def test_only_admins_set_roles_and_never_their_own(people, actor, target, allowed):
    assert permissions.can_set_role(people[actor], people[target]) is allowed


@pytest.mark.parametrize("actor, target, allowed", [
    ("resident", "resident", True),  # oneself
    ("worker", "resident", True),
    ("admin", "resident", True),
    ("other_worker", "resident", False),
    ("outsider", "resident", False),
    ("partner", "resident", False),
    ("anonymous", "resident", False),
])
def test_contact_details_are_for_oneself_and_the_community_staff(people, actor, target, allowed):
    assert permissions.can_see_contact(people[actor], people[target]) is allowed


def test_a_disabled_admin_has_no_powers(people):
    from govhub.core.models import utcnow

    people["admin"].disabled_at = utcnow()
    assert not permissions.can_create_user(people["admin"])
