"""The declarative base every model shares, and small mixins."""

from __future__ import annotations

import enum
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy import orm
from sqlalchemy.types import TypeDecorator

from govhub.core.clock import clock

# Constraint names are part of the schema Alembic compares and alters; a
# convention keeps them stable across SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """Now, aware, in UTC, by the app's clock (govhub/core/clock.py)."""
    return clock().now()


# The largest id a database column can hold; a larger number names nothing
# (and SQLite's driver would fail on it rather than find no row).
MAX_ID = 2**63 - 1


# Id columns are INTEGER: 32 bits on PostgreSQL, which refuses to even compare
# a larger number with them (an error, not "no row").
ROW_ID_MAX = 2**31 - 1


def is_id(value) -> bool:
    """Whether `value` could be a row's id: an int (not a bool) from 1 to ROW_ID_MAX."""
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= ROW_ID_MAX


class UTCDateTime(TypeDecorator):
    """Stores UTC, always returns aware datetimes (SQLite forgets the zone)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; GovHub stores aware UTC datetimes")
        return value.astimezone(UTC)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def enum_column(enum_cls: type[enum.Enum], length: int = 24) -> sa.Enum:
    """Enums stored as their values in a VARCHAR, the same on SQLite and PostgreSQL."""
    return sa.Enum(enum_cls, native_enum=False, length=length,
                   values_callable=lambda members: [m.value for m in members])


class Base(orm.DeclarativeBase):
    registry = orm.registry(
        metadata=sa.MetaData(naming_convention=NAMING_CONVENTION),
        type_annotation_map={datetime: UTCDateTime()},
    )


class CreatedAtMixin:
    created_at: orm.Mapped[datetime] = orm.mapped_column(default=utcnow)


class StoredFileMixin:
    """A file people uploaded, as core/uploads.py keeps it: a random stored name, the
    cleaned name shown, the type read from its bytes, its size and digest."""

    stored_name: orm.Mapped[str] = orm.mapped_column(sa.String(64), unique=True)
    filename: orm.Mapped[str] = orm.mapped_column(sa.String(120))
    content_type: orm.Mapped[str] = orm.mapped_column(sa.String(40))
    size: orm.Mapped[int]
    sha256: orm.Mapped[str] = orm.mapped_column(sa.String(64))
