"""Who may do what with communities."""

import pytest

from govhub.auth.models import AnonymousUser
from govhub.communities import permissions


@pytest.mark.parametrize("role, allowed", [
    ("admin", True), ("worker", False), ("resident", False), ("partner", False),
])
def test_only_admins_create_communities(make_user, role, allowed):
    assert permissions.can_create_community(make_user(role)) is allowed


def test_nobody_signed_out_creates_a_community():
    assert not permissions.can_create_community(AnonymousUser())
