"""Who may do what with the catalogue: read it (anyone), import and export (admins only)."""

import pytest
from flask_login import AnonymousUserMixin

from govhub.admission.catalogue.permissions import (
    can_export_catalogue,
    can_import_catalogue,
    can_view_catalogue,
)


@pytest.mark.parametrize("role, allowed", [("admin", True), ("worker", False),
                                           ("resident", False), ("partner", False)])
def test_only_admins_import_and_export(app, make_user, street, role, allowed):
    user = make_user(role)
    assert can_import_catalogue(user, street) is allowed
    assert can_export_catalogue(user, street) is allowed


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
