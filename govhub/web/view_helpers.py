"""Small helpers every HTML view shares."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import flash, request
from flask_wtf import FlaskForm

from govhub.core.errors import DomainError
from govhub.extensions import db

# The last page a list may ask for: beyond it every list is empty, and SQLite's integers
# (and PostgreSQL's) would overflow on the offset long before a number as long as a URL.
MAX_PAGE = 100_000


def page_number(name: str = "page") -> int:
    """The ?page= of a list, clamped to 1..MAX_PAGE; anything not a whole number is 1."""
    value = request.args.get(name, "")
    number = int(value) if value.isascii() and value.isdigit() else 1
    return min(max(number, 1), MAX_PAGE)


def safe_next_url(target: str | None, fallback: str) -> str:
    """Only same-site paths: never let ?next= send a user to another site, nor carry a
    control character (a CR/LF would split the Location header)."""
    if not target or any(ord(char) < 0x20 or ord(char) == 0x7F for char in target):
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
