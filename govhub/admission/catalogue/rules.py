"""The work-item catalogue's pure rules: list types and reading one CSV row (no Flask)."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation


class ListType(enum.StrEnum):
    DUTY_BY_LAW = "duty_by_law"
    ASSISTING_GOVERNMENT = "assisting_government"
    NEGATIVE_LIST = "negative_list"
    CERTIFICATE = "certificate"
    PLACARD = "placard"


# The Chinese names the national lists use; a CSV may give either.
CHINESE_NAMES = {
    ListType.DUTY_BY_LAW: "依法履职事项",
    ListType.ASSISTING_GOVERNMENT: "协助政府事项",
    ListType.NEGATIVE_LIST: "不应由社区承担",
    ListType.CERTIFICATE: "出具证明事项",
    ListType.PLACARD: "挂牌",
}
NEEDS_LEGAL_BASIS = {ListType.DUTY_BY_LAW, ListType.ASSISTING_GOVERNMENT}

# The CSV's columns, in order: the import reads them, the export writes them.
COLUMNS = ("code", "name", "name_en", "list_type", "legal_basis", "lead_department",
           "community_role", "deliverables", "frequency", "hours_per_month", "resources",
           "assessable", "effective_from", "effective_to")
REQUIRED_COLUMNS = ("code", "name", "list_type")

CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{0,31}")
MAX_HOURS = Decimal(744)  # every hour of a 31-day month
TEXT_LIMITS = {"name": 200, "name_en": 200, "legal_basis": 500, "lead_department": 120,
               "community_role": 500, "deliverables": 500, "frequency": 60, "resources": 500}
FORMULA_STARTS = ("=", "+", "-", "@")
YES = {"yes", "是", "true", "1", "y"}
NO = {"no", "否", "false", "0", "n", ""}


class RowError(ValueError):
    """One cell is wrong: `field` names the column, `problem` is a code the service words."""

    def __init__(self, field: str, problem: str):
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem


@dataclass(frozen=True)
class WorkItemData:
    code: str
    name: str
    list_type: ListType
    name_en: str = ""
    legal_basis: str = ""
    lead_department: str = ""
    community_role: str = ""
    deliverables: str = ""
    frequency: str = ""
    hours_per_month: Decimal = Decimal(0)
    resources: str = ""
    assessable: bool = False
    effective_from: date | None = None
    effective_to: date | None = None


def parse_list_type(value: str) -> ListType:
    text = value.strip()
    for kind in ListType:
        if text.lower() == kind.value or text == CHINESE_NAMES[kind]:
            return kind
    raise RowError("list_type", "unknown")


def parse_hours(value: str) -> Decimal:
    text = value.strip()
    if not text:
        return Decimal(0)
    try:
        hours = Decimal(text)
    except InvalidOperation:
        raise RowError("hours_per_month", "not_a_number") from None
    if not hours.is_finite():
        raise RowError("hours_per_month", "not_a_number")
    if not Decimal(0) <= hours <= MAX_HOURS:
        raise RowError("hours_per_month", "out_of_range")
    if hours != hours.quantize(Decimal("0.01")):
        raise RowError("hours_per_month", "too_precise")
    return hours.quantize(Decimal("0.01"))


def parse_yes_no(value: str, field: str = "assessable") -> bool:
    text = value.strip().lower()
    if text in YES:
        return True
    if text in NO:
        return False
    raise RowError(field, "not_yes_no")


def parse_date(value: str, field: str) -> date | None:
    text = value.strip()
    if not text:
        return None
    try:
        if len(text) != 10:
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise RowError(field, "not_a_date") from None


def unquoted(text: str) -> str:
    """A cell as written before an export quoted it ("'=x" was "=x"; see core/spreadsheet)."""
    if text[:1] == "'" and text[1:2] in FORMULA_STARTS:
        return text[1:]
    return text


def parse_row(row: dict) -> WorkItemData:
    """One CSV row as a work item's data, or RowError naming the first bad column."""
    cells = {column: unquoted(str(row.get(column) or "").strip()) for column in COLUMNS}
    if not cells["code"]:
        raise RowError("code", "required")
    if not CODE.fullmatch(cells["code"]):
        raise RowError("code", "bad_pattern")
    if not cells["name"]:
        raise RowError("name", "required")
    for column, limit in TEXT_LIMITS.items():
        if len(cells[column]) > limit:
            raise RowError(column, "too_long")
    if not cells["list_type"]:
        raise RowError("list_type", "required")
    list_type = parse_list_type(cells["list_type"])
    if list_type in NEEDS_LEGAL_BASIS and not cells["legal_basis"]:
        raise RowError("legal_basis", "required")
    hours = parse_hours(cells["hours_per_month"])
    assessable = parse_yes_no(cells["assessable"])
    start = parse_date(cells["effective_from"], "effective_from")
    end = parse_date(cells["effective_to"], "effective_to")
    if start and end and end < start:
        raise RowError("effective_to", "before_start")
    return WorkItemData(
        code=cells["code"], name=cells["name"], name_en=cells["name_en"], list_type=list_type,
        legal_basis=cells["legal_basis"], lead_department=cells["lead_department"],
        community_role=cells["community_role"], deliverables=cells["deliverables"],
        frequency=cells["frequency"], hours_per_month=hours, resources=cells["resources"],
        assessable=assessable, effective_from=start, effective_to=end)
