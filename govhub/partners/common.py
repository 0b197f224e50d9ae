"""What the partner sub-packages share: loading rows by id,
labels and choices of enums, the API's community loader and schema fields, and the
pages' small helpers (the expired-form message, times in words, the safe way back).
"""

from __future__ import annotations

from datetime import datetime

import marshmallow as ma
import sqlalchemy as sa
from babel.dates import format_date, format_time
from flask import abort, flash, request
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from marshmallow import validate

from govhub.communities.models import Community
from govhub.core.errors import NotFound
from govhub.core.models import is_id
from govhub.core.time import to_local
from govhub.extensions import db
from govhub.web.view_helpers import safe_next_url


def find_row(model, row_id):
    return db.session.get(model, row_id) if is_id(row_id) else None


def or_404(row):
    if row is None:
        abort(404)
    return row


def label_of(labels: dict, enum_cls, value) -> str:
    try:
        return str(labels[enum_cls(value)])
    except (ValueError, KeyError):
        return str(value)


def choices_of(labels: dict) -> list[tuple[str, object]]:
    return [(key.value, label) for key, label in labels.items()]


class ButtonForm(FlaskForm):
    """Only the CSRF token: what to do is in the URL."""


def enum_values(enum_cls) -> list[str]:
    return [member.value for member in enum_cls]


def text_field(maximum: int, **kwargs) -> ma.fields.String:
    return ma.fields.String(validate=validate.Length(max=maximum), **kwargs)


def community_by_slug(slug: str) -> Community:
    community = db.session.scalar(sa.select(Community).where(Community.slug == slug))
    if community is None:
        raise NotFound(_("There is no such community."))
    return community


def when_text(starts_at: datetime, ends_at: datetime | None, timezone: str) -> str:
    """E.g. "Thursday, December 3, 2026 9:30 AM – 11:00 AM", in the community's zone."""
    start, locale = to_local(starts_at, timezone), get_locale()
    text = f"{format_date(start, 'full', locale=locale)} "
    text += format_time(start, "short", locale=locale)
    if ends_at is not None:
        text += f" – {format_time(to_local(ends_at, timezone), 'short', locale=locale)}"
    return text


def expired() -> None:
    flash(_("This form has expired. Reload the page and try again."), "error")


def back_to(fallback: str) -> str:
    return safe_next_url(request.form.get("next"), fallback)
