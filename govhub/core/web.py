"""Small helpers every HTML view shares."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import flash
from flask_wtf import FlaskForm

from govhub.core.errors import DomainError
from govhub.extensions import db


def safe_next_url(target: str | None, fallback: str) -> str:
    """Only same-site paths: never let ?next= send a user to another site."""
    if not target:
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return fallback
    if "\\" in target:
        return fallback
    return target


def show_domain_error(form: FlaskForm, exc: DomainError) -> None:
    """Attach a service's refusal to the field it names, or to the form as a whole."""
    field = getattr(form, exc.field, None) if exc.field else None
    if field is not None:
        previous = field.errors if isinstance(field.errors, list) else []
        field.errors = [*previous, exc.message]
    else:
        flash(exc.message, "error")


def attempt(service, *args, done: str | None = None, **kwargs) -> bool:
    """Run a button's service: commit and say `done`, or roll back and say why not."""
    try:
        service(*args, **kwargs)
        db.session.commit()
    except DomainError as exc:
        db.session.rollback()
        flash(exc.message, "error")
        return False
    if done:
        flash(done, "success")
    return True
