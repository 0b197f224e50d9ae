"""Checking what people type, the same way for pages, the API and the services.

Each check returns the cleaned value or raises DomainError naming the field.
"""

from __future__ import annotations

import enum
import re
from decimal import Decimal, InvalidOperation

from flask_babel import gettext as _

from govhub.core.errors import DomainError
from govhub.partners.offerings import rules as offering_rules

MAX_CAPACITY = 1000


MAX_PRICE = Decimal("99999.99")


PHONE = re.compile(r"^[0-9+\-() ]{3,32}$")


EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def text(value, field: str, maximum: int, required: bool = False,
         one_line: bool = True) -> str:
    """Trimmed text; one-line fields have their runs of spaces and line breaks folded."""
    cleaned = " ".join(str(value or "").split()) if one_line else str(value or "").strip()
    if required and not cleaned:
        raise DomainError("required", _("This field is required."), field)
    if len(cleaned) > maximum:
        raise DomainError("too_long", _("At most %(max)d characters.", max=maximum), field)
    return cleaned


def choice(enum_cls: type[enum.Enum], value, field: str, code: str, message: str):
    try:
        return enum_cls(value)
    except ValueError:
        raise DomainError(code, message, field) from None


def phone(value, field: str = "contact_phone") -> str:
    cleaned = text(value, field, 32)
    if cleaned and not PHONE.match(cleaned):
        raise DomainError("invalid_phone", _("Type a phone number: digits, spaces, + and -."),
                          field)
    return cleaned


def email(value, field: str = "contact_email") -> str:
    cleaned = text(value, field, 254)
    if cleaned and not EMAIL.match(cleaned):
        raise DomainError("invalid_email", _("Type an e-mail address like name@example.org."),
                          field)
    return cleaned


def website(value, field: str = "website") -> str:
    cleaned = text(value, field, 300)
    if cleaned and not re.match(r"^https?://[^\s/]+\.[^\s]+$", cleaned):
        raise DomainError("invalid_website",
                          _("Type the website's full address, starting with https://."), field)
    return cleaned


def capacity(value, field: str = "capacity") -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_CAPACITY:
        raise DomainError("invalid_capacity",
                          _("A session has from 1 to %(max)d places.", max=MAX_CAPACITY), field)
    return value


def price(value, field: str = "price") -> Decimal | None:
    """None, empty or 0: free; else a positive amount in yuan."""
    if value is None or value == "":
        return None
    try:
        amount = offering_rules.normalized_price(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        raise DomainError("invalid_price",
                          _("Type a price in yuan, like 20 or 12.50; leave it empty if free."),
                          field) from None
    if amount is not None and amount > MAX_PRICE:
        raise DomainError("invalid_price", _("That price is too high."), field)
    return amount
