"""Community operations."""

from __future__ import annotations

import re
import zoneinfo

import sqlalchemy as sa
from flask_babel import gettext as _

from govhub.audit.services import record
from govhub.communities.models import Community
from govhub.communities.permissions import can_create_community
from govhub.core.errors import DomainError
from govhub.core.guards import require
from govhub.core.languages import SUPPORTED_LOCALES
from govhub.extensions import db

SLUG_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{1,59}$")


def create_community(
    actor, slug: str, name: str, name_en: str = "", description: str = "",
    timezone: str = "Asia/Shanghai", locale: str = "zh_CN",
) -> Community:
    """Create a community; actor None is the command line."""
    if actor is not None:
        require(can_create_community(actor))
    slug = (slug or "").strip().lower()
    if not SLUG_PATTERN.match(slug):
        raise DomainError("invalid_slug",
                          _("A short name has 2 to 60 lower-case letters, digits or dashes."),
                          "slug")
    if db.session.scalar(sa.select(Community.id).where(Community.slug == slug)):
        raise DomainError("slug_taken", _("That short name is taken."), "slug", status=409)
    name = " ".join((name or "").split())
    if not 1 <= len(name) <= 120:
        raise DomainError("invalid_name", _("A name has 1 to 120 characters."), "name")
    if timezone not in zoneinfo.available_timezones():
        raise DomainError("invalid_timezone", _("That time zone is unknown."), "timezone")
    if locale not in SUPPORTED_LOCALES:
        raise DomainError("invalid_locale", _("That language is not available."), "locale")
    community = Community(slug=slug, name=name, name_en=" ".join((name_en or "").split())[:120],
                          description=description or "", timezone=timezone, locale=locale)
    db.session.add(community)
    db.session.flush()
    record(actor, "community.created", community, slug=slug)
    return community
