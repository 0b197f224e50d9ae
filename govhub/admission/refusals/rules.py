"""The pure rules of refusals (no Flask, no database): which rule answers a task, what a
recorded task must hold, and how the public figures fold by month."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from govhub.admission.catalogue.rules import ListType


class Channel(enum.StrEnum):
    CHAT_GROUP = "chat_group"   # 微信工作群
    PHONE = "phone"
    DOCUMENT = "document"       # 文件、通知
    IN_PERSON = "in_person"
    OTHER = "other"


class RuleCode(enum.StrEnum):
    NEGATIVE_LIST = "negative_list"                    # 不应由社区承担
    CERTIFICATE_NOT_LISTED = "certificate_not_listed"  # 不在证明事项清单
    NOT_ADMITTED = "not_admitted"                      # 未经准入
    ADMITTED = "admitted"                              # 在清单内：不是拒收


# The rules that refuse, in the order the figures show them.
REFUSING = (RuleCode.NEGATIVE_LIST, RuleCode.CERTIFICATE_NOT_LISTED, RuleCode.NOT_ADMITTED)
WHAT_MAX = 500
OTHER_DEPARTMENT_MAX = 120
OLDEST_DAYS = 366  # a task is recorded within a year of its arrival


def choose_rule(matched: ListType | None, asks_certificate: bool = False) -> RuleCode:
    """The rule that answers a task: `matched` is the list of the catalogue item the worker
    matched it to (None: not in the street's current catalogue); `asks_certificate` when
    what is asked is a certificate.

    The negative list wins over everything; a certificate must be on the certificate list;
    anything else not in the catalogue has not been admitted; the rest is admitted.
    """
    if matched == ListType.NEGATIVE_LIST:
        return RuleCode.NEGATIVE_LIST
    if asks_certificate and matched != ListType.CERTIFICATE:
        return RuleCode.CERTIFICATE_NOT_LISTED
    if matched is None:
        return RuleCode.NOT_ADMITTED
    return RuleCode.ADMITTED


def is_refusal(rule: RuleCode) -> bool:
    """Whether the answer refuses the task (an admitted one is done, not recorded)."""
    return rule in REFUSING


def asked_on_problem(asked_on: date | None, today: date) -> str | None:
    """A task's date: given, not after today, within a year."""
    if asked_on is None:
        return "required"
    if asked_on > today:
        return "future"
    if asked_on < today - timedelta(days=OLDEST_DAYS):
        return "too_old"
    return None


def clean_text(value: object) -> str:
    """Text as stored: whitespace runs become one space, ends trimmed."""
    return " ".join(str(value or "").split())


def what_problem(what: str) -> str | None:
    if not what:
        return "required"
    if len(what) > WHAT_MAX:
        return "too_long"
    return None


def department_problem(department_id: int | None, other_department: str,
                       covering: Iterable[int], asks_certificate: bool = False) -> str | None:
    """The source: a department covering the community, or "other" with its name (a
    certificate someone asks a resident to bring may name nobody)."""
    if department_id is not None:
        return None if department_id in set(covering) else "unknown"
    if len(other_department) > OTHER_DEPARTMENT_MAX:
        return "too_long"
    if not other_department and not asks_certificate:
        return "required"
    return None


def month_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


@dataclass
class MonthRow:
    """One line of the public figures: a month, a department, its count per rule."""

    month: str
    department_id: int | None
    counts: dict[RuleCode, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def fold_by_month(rows: Iterable[tuple[date, int | None, RuleCode, int]]) -> list[MonthRow]:
    """(day, department id or None, rule, count) rows as month × department lines, newest
    month first, departments in id order (None, "other", last)."""
    lines: dict[tuple[str, int | None], MonthRow] = {}
    for day, department_id, rule, count in rows:
        key = (month_of(day), department_id)
        line = lines.setdefault(key, MonthRow(key[0], department_id,
                                              {code: 0 for code in REFUSING}))
        line.counts[RuleCode(rule)] = line.counts.get(RuleCode(rule), 0) + count
    ordered = sorted(lines.values(), key=lambda line: (line.department_id is None,
                                                        line.department_id or 0))
    ordered.sort(key=lambda line: line.month, reverse=True)
    return ordered
