"""Reading certificates: the community's certificate list, what it issued, public counts."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy import orm

from govhub.admission.catalogue.models import WorkItem
from govhub.admission.catalogue.rules import ListType
from govhub.admission.certificates.models import Certificate
from govhub.admission.certificates.rules import TypeMonth, fold_by_month
from govhub.admission.refusals.queries import current_items
from govhub.auth.models import User
from govhub.core.errors import NotFound
from govhub.core.models import is_id
from govhub.core.roles import Role
from govhub.extensions import db

PAGE_LIMIT = 200


def certificate_list(community) -> list[WorkItem]:
    """The certificates the community may issue: the CERTIFICATE items of its current
    catalogue, by code."""
    return [i for i in current_items(community) if i.list_type == ListType.CERTIFICATE]


def community_certificates(community) -> list[Certificate]:
    """What the community issued, newest first (the latest PAGE_LIMIT)."""
    return list(db.session.scalars(
        sa.select(Certificate).where(Certificate.community_id == community.id)
        .options(orm.selectinload(Certificate.resident), orm.selectinload(Certificate.worker))
        .order_by(Certificate.issued_on.desc(), Certificate.id.desc()).limit(PAGE_LIMIT)))


def resident_of(community, username: str) -> User | None:
    """The community's resident account of that username, if there is one."""
    return db.session.scalar(sa.select(User).where(
        User.username == username, User.community_id == community.id,
        User.role == Role.RESIDENT))


def get_certificate(certificate_id) -> Certificate:
    certificate = db.session.get(Certificate, certificate_id) if is_id(certificate_id) else None
    if certificate is None:
        raise NotFound(_("There is no such certificate."))
    return certificate


def community_figures(community) -> list[TypeMonth]:
    """How many of each type the community issued each month (no names)."""
    return fold_by_month(db.session.execute(
        sa.select(Certificate.issued_on, Certificate.code, Certificate.name,
                  Certificate.name_en, sa.func.count())
        .where(Certificate.community_id == community.id)
        .group_by(Certificate.issued_on, Certificate.code, Certificate.name,
                  Certificate.name_en)).all())


def figures_rows(lines: list[TypeMonth]) -> list[dict]:
    return [{"month": line.month, "code": line.code, "name": line.name,
             "name_en": line.name_en, "count": line.count} for line in lines]
