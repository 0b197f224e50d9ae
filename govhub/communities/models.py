"""Communities: the scope everything else belongs to."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy import orm

from govhub.core.models import Base, CreatedAtMixin


class Community(CreatedAtMixin, Base):
    __tablename__ = "communities"

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    slug: orm.Mapped[str] = orm.mapped_column(sa.String(60), unique=True)
    # The name in the community's own language, and optionally in English.
    name: orm.Mapped[str] = orm.mapped_column(sa.String(120))
    name_en: orm.Mapped[str] = orm.mapped_column(sa.String(120), default="")
    description: orm.Mapped[str] = orm.mapped_column(sa.Text, default="")
    timezone: orm.Mapped[str] = orm.mapped_column(sa.String(64), default="Asia/Shanghai")
    locale: orm.Mapped[str] = orm.mapped_column(sa.String(10), default="zh_CN")

    def display_name(self, locale: str) -> str:
        """The English name for English readers when there is one."""
        if locale.startswith("en") and self.name_en:
            return self.name_en
        return self.name

    def __repr__(self) -> str:
        return f"<Community {self.slug}>"
