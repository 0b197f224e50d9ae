"""Reading a proposal's deliberation (商议): its comments with their replies, what each
reader sees of a hidden one, the stance counts, and a comment's earlier wordings.

The services that write are in comments.py. A thread is read in two statements (the
comments with their authors' names, and which of them the reader reported) whatever its
length.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from flask_babel import gettext as _

from govhub.auth.models import User
from govhub.core.errors import DomainError, NotFound
from govhub.core.models import is_id
from govhub.core.roles import is_staff_of
from govhub.extensions import db
from govhub.proposals import permissions, queries, rules
from govhub.proposals.comments import is_hidden
from govhub.proposals.models import CommentReport, CommentRevision, Proposal, ProposalComment
from govhub.proposals.rules import ProposalState, Stance

SHOWN, BY_MODERATORS, BY_REPORTS = "shown", "hidden_by_moderators", "hidden_by_reports"


@dataclass
class Entry:
    """One comment as this reader sees it. `body` is None when it is hidden from them;
    `original` is the hidden text for staff only."""

    id: int
    parent_id: int | None
    author_name: str
    stance: Stance | None
    body: str | None
    created_at: datetime
    edited: bool
    visibility: str
    reason: str
    original: str | None
    mine: bool
    may_edit: bool
    may_report: bool
    reported: bool
    may_moderate: bool
    replies: list[Entry] = field(default_factory=list)

    @property
    def placeholder(self) -> str | None:
        """What stands in a hidden comment's place, in the reader's language."""
        if self.visibility == BY_MODERATORS:
            return _("Hidden by moderators: %(reason)s", reason=self.reason)
        if self.visibility == BY_REPORTS:
            return _("Hidden until a moderator reviews it.")
        return None


@dataclass
class Thread:
    entries: list[Entry]
    counts: dict[str, int]
    total: int
    open: bool
    may_comment: bool
    staff: bool


def _visibility(comment: ProposalComment) -> str:
    if comment.hidden_at is not None:
        return BY_MODERATORS
    return BY_REPORTS if is_hidden(comment) else SHOWN


def _entry(comment: ProposalComment, name: str, actor, *, staff: bool, resident: bool,
           reported: set[int]) -> Entry:
    visibility = _visibility(comment)
    mine = getattr(actor, "id", None) == comment.author_id
    # Staff read a comment hidden by reports (marked); a moderator's hide hides it from all,
    # staff open the original apart.
    readable = visibility == SHOWN or (visibility == BY_REPORTS and staff)
    return Entry(
        id=comment.id, parent_id=comment.parent_id, author_name=name,
        stance=Stance(comment.stance) if comment.stance else None,
        body=comment.body if readable else None, created_at=comment.created_at,
        edited=comment.edited_at is not None, visibility=visibility,
        reason=comment.hidden_reason,
        original=comment.body if staff and visibility == BY_MODERATORS else None,
        mine=mine, may_edit=mine and comment.hidden_at is None,
        may_report=resident and not mine and visibility == SHOWN,
        reported=comment.id in reported, may_moderate=staff)


def thread_of(actor, proposal: Proposal) -> Thread:
    """The proposal's comments, oldest first, each with its replies, as `actor` sees them."""
    rows = db.session.execute(
        sa.select(ProposalComment, User.display_name)
        .join(User, User.id == ProposalComment.author_id)
        .where(ProposalComment.proposal_id == proposal.id)
        .order_by(ProposalComment.id)).all()
    staff = is_staff_of(actor, proposal.community_id)
    resident = permissions.can_support(actor, proposal)
    reported = set(db.session.scalars(
        sa.select(CommentReport.comment_id).join(
            ProposalComment, ProposalComment.id == CommentReport.comment_id)
        .where(ProposalComment.proposal_id == proposal.id,
               CommentReport.reporter_id == actor.id))) if resident else set()
    entries: list[Entry] = []
    by_id: dict[int, Entry] = {}
    counts = {stance.value: 0 for stance in Stance}
    for comment, name in rows:
        entry = _entry(comment, name, actor, staff=staff, resident=resident, reported=reported)
        if comment.parent_id is None:
            entries.append(entry)
            by_id[entry.id] = entry
            if entry.stance and not is_hidden(comment):
                counts[entry.stance.value] += 1
        elif comment.parent_id in by_id:
            by_id[comment.parent_id].replies.append(entry)
    is_open = rules.open_for_comments(ProposalState(proposal.state))
    return Thread(entries=entries, counts=counts, total=len(rows), open=is_open,
                  may_comment=is_open and resident, staff=staff)


def entry_of(actor, comment: ProposalComment) -> Entry:
    """One comment as `actor` sees it (its replies not included)."""
    proposal = db.session.get(Proposal, comment.proposal_id)
    resident = permissions.can_support(actor, proposal)
    reported = set(db.session.scalars(sa.select(CommentReport.comment_id).where(
        CommentReport.comment_id == comment.id,
        CommentReport.reporter_id == actor.id))) if resident else set()
    return _entry(comment, comment.author.display_name, actor,
                  staff=is_staff_of(actor, proposal.community_id), resident=resident,
                  reported=reported)


def visible_comment(actor, comment_id) -> ProposalComment:
    """The comment, if its proposal is visible to `actor`; otherwise 404 as if there were
    none. (A hidden comment is still found: it shows as a placeholder.)"""
    comment = db.session.get(ProposalComment, comment_id) if is_id(comment_id) else None
    if comment is None:
        raise NotFound(_("There is no such comment."))
    try:
        queries.visible_proposal(actor, comment.proposal_id)
    except NotFound:
        raise NotFound(_("There is no such comment.")) from None
    return comment


def parent_of(proposal: Proposal, parent_id) -> ProposalComment | None:
    """The comment a reply answers (None for a comment), or a 400 naming parent_id."""
    if parent_id in (None, ""):
        return None
    if isinstance(parent_id, str) and parent_id.isdigit():
        parent_id = int(parent_id)
    parent = db.session.get(ProposalComment, parent_id) if is_id(parent_id) else None
    if parent is None or parent.proposal_id != proposal.id:
        raise DomainError("invalid_parent", _("Reply to a comment of this proposal."),
                          "parent_id")
    return parent


def revisions_of(comment: ProposalComment) -> list[CommentRevision]:
    """What the comment said before each edit, the most recent first."""
    return list(db.session.scalars(
        sa.select(CommentRevision).where(CommentRevision.comment_id == comment.id)
        .order_by(CommentRevision.id.desc())))
