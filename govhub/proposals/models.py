"""Residents' proposals, the supports that carry them to a council's agenda, and each
council's settings for them.

A support is one row per person and proposal: `person_key` is "user:<id>" for a
resident's account and "paper:<name>|<unit>" for a signature on a sheet that no
account is known for, so the unique key counts each person once however they
signed. `support_count` is kept on the proposal and changed only by one atomic
UPDATE per support: the transaction whose UPDATE takes it to the threshold is the
one that queues the proposal (services.py), which is what makes "queued exactly
once" hold when many residents press the button in the same instant.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy import orm

from govhub.actions.rules import ActionCategory
from govhub.core.models import Base, CreatedAtMixin, StoredFileMixin, enum_column
from govhub.proposals.rules import AnswerReminder, ProposalState, Stance, ThresholdKind


class ProposalSettings(Base):
    """One council's rules for proposals; a council without a row uses the defaults."""

    __tablename__ = "proposal_settings"
    __table_args__ = (
        sa.CheckConstraint("threshold_value > 0", name="threshold_positive"),
        sa.CheckConstraint("time_limit_days > 0", name="time_limit_positive"),
        sa.CheckConstraint("answer_working_days > 0", name="answer_days_positive"),
    )

    council_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("councils.id", ondelete="CASCADE"), primary_key=True)
    threshold_kind: orm.Mapped[ThresholdKind] = orm.mapped_column(enum_column(ThresholdKind))
    # A number of supports (absolute) or a share of the confirmed residents (0 < share <= 1).
    threshold_value: orm.Mapped[Decimal] = orm.mapped_column(sa.Numeric(10, 4))
    time_limit_days: orm.Mapped[int]
    answer_working_days: orm.Mapped[int]
    # Whether residents see who supported; staff always do, to check paper supports.
    supports_public: orm.Mapped[bool] = orm.mapped_column(default=False,
                                                          server_default=sa.false())


class Proposal(CreatedAtMixin, Base):
    __tablename__ = "proposals"
    __table_args__ = (
        sa.CheckConstraint("support_count >= 0", name="support_count_not_negative"),
        sa.CheckConstraint("threshold IS NULL OR threshold > 0", name="threshold_positive"),
        sa.CheckConstraint("merged_into_id IS NULL OR merged_into_id <> id",
                           name="not_merged_into_itself"),
        sa.Index("ix_proposals_council_state", "council_id", "state"),
    )

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    community_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("communities.id", ondelete="RESTRICT"), index=True)
    council_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("councils.id", ondelete="RESTRICT"))
    author_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("users.id", ondelete="RESTRICT"), index=True)
    title: orm.Mapped[str] = orm.mapped_column(sa.String(200))
    body: orm.Mapped[str] = orm.mapped_column(sa.Text)  # Markdown
    category: orm.Mapped[ActionCategory] = orm.mapped_column(
        enum_column(ActionCategory), default=ActionCategory.OTHER)
    state: orm.Mapped[ProposalState] = orm.mapped_column(
        enum_column(ProposalState), default=ProposalState.DRAFT)
    # Frozen when published, so that residents joining later do not move the goal.
    threshold: orm.Mapped[int | None]
    support_count: orm.Mapped[int] = orm.mapped_column(default=0, server_default="0")
    published_at: orm.Mapped[datetime | None]
    expires_on: orm.Mapped[date | None] = orm.mapped_column(sa.Date)
    reached_at: orm.Mapped[datetime | None]
    # Where the threshold queued it; empty while it waits for a meeting.
    agenda_item_id: orm.Mapped[int | None] = orm.mapped_column(
        sa.ForeignKey("agenda_items.id", ondelete="SET NULL"), unique=True)
    # The worker who evaluates it once queued, and by when they answer.
    evaluator_id: orm.Mapped[int | None] = orm.mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    answer_due_on: orm.Mapped[date | None] = orm.mapped_column(sa.Date)
    answered_at: orm.Mapped[datetime | None]
    answered_by_id: orm.Mapped[int | None] = orm.mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"))
    # The office's own action item, when the answer was to do it directly.
    action_item_id: orm.Mapped[int | None] = orm.mapped_column(
        sa.ForeignKey("action_items.id", ondelete="SET NULL"))
    # Why it is not feasible, where to go instead, why it was withdrawn, ...
    reason: orm.Mapped[str] = orm.mapped_column(sa.Text, default="", server_default="")
    merged_into_id: orm.Mapped[int | None] = orm.mapped_column(
        sa.ForeignKey("proposals.id", ondelete="RESTRICT"))

    council: orm.Mapped[Council] = orm.relationship()  # noqa: F821
    author: orm.Mapped[User] = orm.relationship(foreign_keys=[author_id])  # noqa: F821
    evaluator: orm.Mapped[User | None] = orm.relationship(  # noqa: F821
        foreign_keys=[evaluator_id])
    agenda_item: orm.Mapped[AgendaItem | None] = orm.relationship()  # noqa: F821
    coauthorships: orm.Mapped[list[ProposalCoauthor]] = orm.relationship(
        order_by="ProposalCoauthor.id", passive_deletes=True)
    photos: orm.Mapped[list[ProposalPhoto]] = orm.relationship(
        order_by="ProposalPhoto.id", passive_deletes=True)


class ProposalPhoto(StoredFileMixin, CreatedAtMixin, Base):
    """A photo its authors added to a draft (what they saw: the broken step, the dark
    corner). Stored like check-in evidence (core/uploads.py); shown with the proposal."""

    __tablename__ = "proposal_photos"

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    proposal_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("proposals.id", ondelete="CASCADE"), index=True)
    added_by_id: orm.Mapped[int | None] = orm.mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"))


class CoauthorStatus(enum.StrEnum):
    INVITED = "invited"
    ACCEPTED = "accepted"
    DECLINED = "declined"


class ProposalCoauthor(CreatedAtMixin, Base):
    """A resident the author asked to sign the proposal with them, and their answer. An
    accepted co-author is an author: their support counts, once, and they answer merges."""

    __tablename__ = "proposal_coauthors"
    __table_args__ = (sa.UniqueConstraint("proposal_id", "user_id"),)

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    proposal_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("proposals.id", ondelete="CASCADE"))
    user_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    status: orm.Mapped[CoauthorStatus] = orm.mapped_column(enum_column(CoauthorStatus),
                                                           default=CoauthorStatus.INVITED)
    answered_at: orm.Mapped[datetime | None]

    user: orm.Mapped[User] = orm.relationship()  # noqa: F821


class ProposalReminder(CreatedAtMixin, Base):
    """An answer reminder sent about a proposal: once per proposal and kind (the unique key
    is what lets several processes sweep at once)."""

    __tablename__ = "proposal_reminders"
    __table_args__ = (sa.UniqueConstraint("proposal_id", "kind"),)

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    proposal_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("proposals.id", ondelete="CASCADE"))
    kind: orm.Mapped[AnswerReminder] = orm.mapped_column(enum_column(AnswerReminder))


class SupportSource(enum.StrEnum):
    ONLINE = "online"
    PAPER = "paper"


class ProposalSupport(CreatedAtMixin, Base):
    __tablename__ = "proposal_supports"
    __table_args__ = (sa.UniqueConstraint("proposal_id", "person_key"),)

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    proposal_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("proposals.id", ondelete="CASCADE"))
    person_key: orm.Mapped[str] = orm.mapped_column(sa.String(160))
    user_id: orm.Mapped[int | None] = orm.mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    source: orm.Mapped[SupportSource] = orm.mapped_column(enum_column(SupportSource),
                                                          default=SupportSource.ONLINE)
    # A paper support: the name and building/unit as written on the sheet, who typed it in.
    signer_name: orm.Mapped[str] = orm.mapped_column(sa.String(80), default="",
                                                     server_default="")
    building_unit: orm.Mapped[str] = orm.mapped_column(sa.String(40), default="",
                                                       server_default="")
    recorded_by_id: orm.Mapped[int | None] = orm.mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"))
    sheet_id: orm.Mapped[int | None] = orm.mapped_column(
        sa.ForeignKey("proposal_support_sheets.id", ondelete="SET NULL"), index=True)


class SupportSheet(StoredFileMixin, CreatedAtMixin, Base):
    """The photo or PDF of a signature sheet that paper supports were typed from. It holds
    residents' signatures: staff only, never public, never exported."""

    __tablename__ = "proposal_support_sheets"

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    proposal_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("proposals.id", ondelete="CASCADE"), index=True)
    recorded_by_id: orm.Mapped[int | None] = orm.mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"))


class ProposalEndorsement(CreatedAtMixin, Base):
    """A verified partner organization standing behind a proposal; shown apart from the
    residents' supports and never counted towards the threshold."""

    __tablename__ = "proposal_endorsements"
    __table_args__ = (sa.UniqueConstraint("proposal_id", "organization_id"),)

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    proposal_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("proposals.id", ondelete="CASCADE"))
    organization_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    endorsed_by_id: orm.Mapped[int | None] = orm.mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"))

    organization: orm.Mapped[Organization] = orm.relationship()  # noqa: F821


class ProposalComment(CreatedAtMixin, Base):
    """A resident's word in a proposal's deliberation: a comment with a stance, or a reply
    to one (one level deep). Edits keep what it said before (CommentRevision)."""

    __tablename__ = "proposal_comments"
    __table_args__ = (
        sa.CheckConstraint("report_count >= 0", name="report_count_not_negative"),
        sa.CheckConstraint("parent_id IS NULL OR parent_id <> id", name="not_its_own_reply"),
        sa.Index("ix_proposal_comments_proposal", "proposal_id", "id"),
    )

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    proposal_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("proposals.id", ondelete="CASCADE"))
    author_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("users.id", ondelete="RESTRICT"), index=True)
    parent_id: orm.Mapped[int | None] = orm.mapped_column(
        sa.ForeignKey("proposal_comments.id", ondelete="CASCADE"), index=True)
    # A comment's stance; a reply has none.
    stance: orm.Mapped[Stance | None] = orm.mapped_column(enum_column(Stance))
    body: orm.Mapped[str] = orm.mapped_column(sa.Text)
    edited_at: orm.Mapped[datetime | None]
    # Distinct residents who reported it (CommentReport rows), kept by one atomic UPDATE.
    report_count: orm.Mapped[int] = orm.mapped_column(default=0, server_default="0")
    # When a worker looked at the reports and kept it: reports no longer hide it.
    reviewed_at: orm.Mapped[datetime | None]
    # Hidden by a moderator, with the reason shown in its place.
    hidden_at: orm.Mapped[datetime | None]
    hidden_reason: orm.Mapped[str] = orm.mapped_column(sa.Text, default="", server_default="")
    hidden_by_id: orm.Mapped[int | None] = orm.mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"))

    author: orm.Mapped[User] = orm.relationship(foreign_keys=[author_id])  # noqa: F821


class CommentRevision(CreatedAtMixin, Base):
    """What a comment said before an edit (created_at: when it was replaced)."""

    __tablename__ = "proposal_comment_revisions"

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    comment_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("proposal_comments.id", ondelete="CASCADE"), index=True)
    stance: orm.Mapped[Stance | None] = orm.mapped_column(enum_column(Stance))
    body: orm.Mapped[str] = orm.mapped_column(sa.Text)


class CommentReport(CreatedAtMixin, Base):
    """One resident's report of a comment; once per resident and comment."""

    __tablename__ = "proposal_comment_reports"
    __table_args__ = (sa.UniqueConstraint("comment_id", "reporter_id"),)

    id: orm.Mapped[int] = orm.mapped_column(primary_key=True)
    comment_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("proposal_comments.id", ondelete="CASCADE"))
    reporter_id: orm.Mapped[int] = orm.mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
