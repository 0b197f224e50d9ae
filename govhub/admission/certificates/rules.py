"""The pure rules of certificates (no Flask, no database): who the certificate is for, the
day it is issued, and the public figures by month and type."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from govhub.admission.refusals.rules import asked_on_problem, clean_text, month_of

NAME_MAX = 120

__all__ = ["NAME_MAX", "TypeMonth", "clean_text", "fold_by_month", "issued_on_problem",
           "resident_problem"]


def issued_on_problem(issued_on: date | None, today: date) -> str | None:
    """Given, not after today, within a year: the same as a refused task's day."""
    return asked_on_problem(issued_on, today)


def resident_problem(username: str, name: str) -> str | None:
    """A resident's account (by username), or a name typed for one without an account."""
    if username:
        return None
    if not name:
        return "required"
    if len(name) > NAME_MAX:
        return "too_long"
    return None


@dataclass(frozen=True)
class TypeMonth:
    month: str
    code: str
    name: str
    name_en: str
    count: int


def fold_by_month(rows: Iterable[tuple[date, str, str, str, int]]) -> list[TypeMonth]:
    """(day, code, name, name_en, count) rows as month × type counts, newest month first,
    types by code (a code's latest name wins)."""
    counts: dict[tuple[str, str], int] = {}
    names: dict[str, tuple[str, str]] = {}
    for day, code, name, name_en, count in sorted(rows, key=lambda row: row[0]):
        key = (month_of(day), code)
        counts[key] = counts.get(key, 0) + count
        names[code] = (name, name_en)
    lines = [TypeMonth(month, code, *names[code], count)
             for (month, code), count in counts.items()]
    lines.sort(key=lambda line: line.code)
    lines.sort(key=lambda line: line.month, reverse=True)
    return lines
