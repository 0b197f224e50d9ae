"""Who may do what with councils: a matrix of role × action."""

import pytest

from govhub.auth.models import AnonymousUser
from govhub.councils import permissions
from govhub.councils.models import CouncilMembership, MemberRole
from govhub.extensions import db

ROLES = ["admin", "worker", "other_worker", "chair", "secretary", "member", "observer",
         "resident", "partner", "anonymous"]


@pytest.fixture
def council(make_council):
    return make_council(members=0)


@pytest.fixture
def people(council, make_user, make_community):
    """One person per role: the community's staff, the council's seats, and the rest."""
    seated = {role: make_user() for role in ("chair", "secretary", "member", "observer")}
    for role, person in seated.items():
        db.session.add(CouncilMembership(council_id=council.id, user_id=person.id,
                                         role=MemberRole(role)))
    db.session.commit()
    return {
        **seated,
        "admin": make_user("admin"),
        "worker": make_user("worker"),
        "other_worker": make_user("worker", community=make_community()),
        "resident": make_user(),
        "partner": make_user("partner"),
        "anonymous": AnonymousUser(),
    }


def _matrix(allowed: set[str]):
    return [(role, role in allowed) for role in ROLES]


STAFF = {"admin", "worker"}
COMMUNITY = STAFF | {"chair", "secretary", "member", "observer", "resident", "partner"}


@pytest.mark.parametrize("actor, allowed", _matrix(STAFF))
def test_only_the_communitys_staff_manage_a_council(people, council, actor, allowed):
    assert permissions.can_manage_council(people[actor], council) is allowed


@pytest.mark.parametrize("actor, allowed", _matrix(STAFF))
def test_only_the_communitys_staff_found_councils(people, council, actor, allowed):
    assert permissions.can_create_council(people[actor], council.community) is allowed


@pytest.mark.parametrize("actor, allowed", _matrix(COMMUNITY))
def test_the_community_sees_who_sits_on_its_councils(people, council, actor, allowed):
    assert permissions.can_see_members(people[actor], council) is allowed


@pytest.mark.parametrize("actor, allowed", _matrix(STAFF))
def test_only_the_communitys_staff_read_a_councils_history(people, council, actor, allowed):
    assert permissions.can_see_history(people[actor], council) is allowed


@pytest.mark.parametrize("actor", ROLES)
def test_anyone_may_view_a_council(people, council, actor):
    assert permissions.can_view_council(people[actor], council) is True


def test_a_disabled_worker_manages_nothing(people, council):
    from govhub.core.models import utcnow

    people["worker"].disabled_at = utcnow()
    assert permissions.can_manage_council(people["worker"], council) is False
