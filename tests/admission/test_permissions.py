"""Who may do what with the catalogue: read and download it (anyone), import it (admins only)."""

import pytest
from flask_login import AnonymousUserMixin

from govhub.admission.catalogue.permissions import (
    can_import_catalogue,
    can_view_catalogue,
)


@pytest.mark.parametrize("role, allowed", [("admin", True), ("worker", False),
                                           ("resident", False), ("partner", False),
                                           ("officer", False), ("reviewer", False)])
def test_only_admins_import(app, make_user, street, role, allowed):
    assert can_import_catalogue(make_user(role), street) is allowed


def test_a_deactivated_admin_may_not_import(app, make_user, street):
    from govhub.core.models import utcnow

    admin = make_user("admin")
    admin.disabled_at = utcnow()
    assert not can_import_catalogue(admin, street)


@pytest.mark.parametrize("role", ["admin", "worker", "resident", "partner"])
def test_everyone_reads_a_catalogue(app, make_user, community, role):
    assert can_view_catalogue(make_user(role), community)
    assert can_view_catalogue(AnonymousUserMixin(), community)
    assert not can_import_catalogue(AnonymousUserMixin(), None)
