"""Small helpers every HTML view shares."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import flash, request
from flask_wtf import FlaskForm

from govhub.core.errors import DomainError, Forbidden
from govhub.extensions import db

# The last page a list may ask for: beyond it every list is empty, and SQLite's integers
# (and PostgreSQL's) would overflow on the offset long before a number as long as a URL.
MAX_PAGE = 100_000


def whole_number(value) -> int | None:
    """A whole number sent as text (a form's field, a URL's argument): ASCII digits, perhaps
    after a minus; None for anything else (nothing, a word, 1.5, a number too long to read)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if not isinstance(value, str):
        return None
    digits = value.removeprefix("-")
    if not (digits.isascii() and digits.isdigit()):
        return None
    try:
        return int(value)
    except ValueError:  # longer than Python reads (4,300 digits)
        return None


def page_number(name: str = "page") -> int:
    """The ?page= of a list, clamped to 1..MAX_PAGE; anything not a whole number is 1."""
    number = whole_number(request.args.get(name, "")) or 1
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


def flash_form_errors(form: FlaskForm) -> None:
    """A form posted from a page it redirects back to: each field's errors as a flash."""
    for errors in form.errors.values():
        for message in errors:
            flash(str(message), "error")


def attempt(service, *args, done: str | None = None, raise_forbidden: bool = False,
            **kwargs) -> bool:
    """Run a button's service: commit and say `done`, or roll back and say why not.

    With `raise_forbidden`, a Forbidden refusal is raised instead of said (a 403 page, or
    the sign-in page for a visitor), as the live room's buttons want.
    """
    try:
        service(*args, **kwargs)
        db.session.commit()
    except DomainError as exc:
        db.session.rollback()
        if raise_forbidden and isinstance(exc, Forbidden):
            raise
        flash(exc.message, "error")
        return False
    if done:
        flash(done, "success")
    return True
