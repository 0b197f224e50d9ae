"""Who may do what with communities."""

import pytest

from govhub.auth.models import AnonymousUser
from govhub.communities import permissions


@pytest.mark.parametrize("role, allowed", [
    ("admin", True), ("worker", False), ("resident", False), ("partner", False),
])
def test_only_admins_create_and_edit_communities(make_user, community, role, allowed):
    actor = make_user(role)
    assert permissions.can_create_community(actor) is allowed
    assert permissions.can_edit_community(actor, community) is allowed


def test_anyone_may_view_a_community(community):
    assert permissions.can_view_community(AnonymousUser(), community)
