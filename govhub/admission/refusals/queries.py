"""Reading refusals: the departments a worker may name, a community's and a department's
lists, and the public monthly figures (counts only: no worker, no text of the task)."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import orm

from govhub.admission.catalogue.models import StreetCommunity, WorkItem
from govhub.admission.catalogue.queries import catalogue_of
from govhub.admission.departments.models import (
    Department,
)
from govhub.admission.refusals.models import Refusal
from govhub.admission.refusals.rules import REFUSING, MonthRow, fold_by_month
from govhub.core.errors import NotFound
from govhub.core.models import is_id
from govhub.extensions import db

PAGE_LIMIT = 200


def locale() -> str:
    return str(get_locale() or "zh_CN")


def current_items(community) -> list[WorkItem]:
    """The items of the community's street's current catalogue (empty without one)."""
    return catalogue_of(community)[1]


def _listed(where) -> list[Refusal]:
    return list(db.session.scalars(
        sa.select(Refusal).where(where)
        .options(orm.selectinload(Refusal.department), orm.selectinload(Refusal.worker),
                 orm.selectinload(Refusal.work_item), orm.selectinload(Refusal.community))
        .order_by(Refusal.asked_on.desc(), Refusal.id.desc()).limit(PAGE_LIMIT)))


def community_refusals(community) -> list[Refusal]:
    """The community's refusals, newest first (the latest PAGE_LIMIT)."""
    return _listed(Refusal.community_id == community.id)


def department_refusals(department_id: int) -> list[Refusal]:
    """The refusals of tasks that department sent, in every community, newest first."""
    return _listed(Refusal.department_id == department_id)


def get_refusal(refusal_id) -> Refusal:
    refusal = db.session.get(Refusal, refusal_id) if is_id(refusal_id) else None
    if refusal is None:
        raise NotFound(_("There is no such refusal."))
    return refusal


@dataclass
class Figures:
    """The public figures: month × department lines and the departments' names."""

    lines: list[MonthRow]
    names: dict[int | None, str]

    def name_of(self, department_id: int | None) -> str:
        return self.names.get(department_id) or _("Other departments")


def _figures(where) -> Figures:
    day_rows = db.session.execute(
        sa.select(Refusal.asked_on, Refusal.department_id, Refusal.rule, sa.func.count())
        .where(where, Refusal.rule.in_(REFUSING))
        .group_by(Refusal.asked_on, Refusal.department_id, Refusal.rule)).all()
    lines = fold_by_month(day_rows)
    ids = {line.department_id for line in lines if line.department_id is not None}
    names = {d.id: d.display_name(locale()) for d in db.session.scalars(
        sa.select(Department).where(Department.id.in_(ids)))} if ids else {}
    return Figures(lines, names)


def community_figures(community) -> Figures:
    return _figures(Refusal.community_id == community.id)


def street_figures(street_id: int) -> Figures:
    return _figures(Refusal.community_id.in_(
        sa.select(StreetCommunity.community_id).where(StreetCommunity.street_id == street_id)))


def figures_rows(figures: Figures) -> list[dict]:
    """The figures as plain records, for JSON and CSV (no personal data)."""
    return [{"month": line.month, "department_id": line.department_id,
             "department": figures.name_of(line.department_id),
             **{rule.value: line.counts.get(rule, 0) for rule in REFUSING},
             "total": line.total} for line in figures.lines]
