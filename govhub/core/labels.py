"""Human names for enum values, translated when shown."""

from flask_babel import lazy_gettext as _l

from govhub.core.roles import Role

ROLE_LABELS = {
    Role.RESIDENT: _l("Resident"),
    Role.WORKER: _l("Community worker"),
    Role.PARTNER: _l("Partner organization member"),
    Role.ADMIN: _l("Administrator"),
}


def role_label(role: Role | str) -> str:
    try:
        return str(ROLE_LABELS[Role(role)])
    except ValueError:
        return str(role)
