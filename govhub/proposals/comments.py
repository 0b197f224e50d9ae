"""A proposal's deliberation (商议): comments with a stance, replies one level deep, edits
that keep what was said, residents' reports and the moderators' hide and restore.

Three reports by different residents hide a comment until a worker reviews it
(rules.hidden_by_reports); the count is one atomic UPDATE per report, so the third
reporter is exactly one, as with supports. A moderator hides or restores with a reason,
shown in the comment's place; every change is audited.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm.attributes import set_committed_value

from govhub.audit.services import record
from govhub.core.errors import DomainError
from govhub.core.guards import require
from govhub.core.models import utcnow
from govhub.core.roles import is_staff_of
from govhub.extensions import db
from govhub.proposals import permissions, rules
from govhub.proposals.models import CommentReport, CommentRevision, Proposal, ProposalComment
from govhub.proposals.rules import ProposalState, Stance
from govhub.proposals.services import one_line

COMMENT_MAX = 5_000
REASON_MAX = 500


def is_hidden(comment: ProposalComment) -> bool:
    """Hidden from residents: by a moderator, or by reports until a worker reviews it."""
    return comment.hidden_at is not None or rules.hidden_by_reports(
        comment.report_count, comment.reviewed_at is not None)


def post_comment(actor, proposal: Proposal, body: str, stance=None,
                 parent: ProposalComment | None = None) -> ProposalComment:
    """A resident's comment (with its stance) or reply (to a comment, not to a reply)."""
    require(permissions.can_support(actor, proposal),
            _("Only confirmed residents of the community can take part in its deliberation."))
    if not rules.open_for_comments(ProposalState(proposal.state)):
        raise DomainError("deliberation_closed", _("This proposal's deliberation is closed."),
                          status=409)
    if parent is not None:
        if parent.proposal_id != proposal.id or parent.parent_id is not None:
            raise DomainError("invalid_parent", _("Reply to a comment of this proposal."),
                              "parent_id")
        stance = None
    else:
        stance = _stance(stance)
    comment = ProposalComment(proposal_id=proposal.id, author_id=actor.id, stance=stance,
                              body=_text(body), parent_id=parent.id if parent else None)
    db.session.add(comment)
    db.session.flush()
    record(actor, "proposal.commented", proposal, comment_id=comment.id,
           stance=str(stance) if stance else None, reply_to=comment.parent_id)
    return comment


def edit_comment(actor, comment: ProposalComment, body: str, stance=None) -> None:
    """Its author rewords it; what it said before stays on record."""
    require(getattr(actor, "id", None) == comment.author_id,
            _("Only its author can edit a comment."))
    if comment.hidden_at is not None:
        raise DomainError("comment_hidden", _("A hidden comment cannot be edited."), status=409)
    new_body = _text(body)
    new_stance = None if comment.parent_id else _stance(stance)
    db.session.add(CommentRevision(comment_id=comment.id, body=comment.body,
                                   stance=comment.stance))
    comment.body, comment.stance, comment.edited_at = new_body, new_stance, utcnow()
    record(actor, "proposal.comment_edited", _proposal(comment), comment_id=comment.id)


def report_comment(actor, comment: ProposalComment) -> bool:
    """A resident's report; True when it is the one that hides the comment."""
    proposal = _proposal(comment)
    require(permissions.can_support(actor, proposal))
    if actor.id == comment.author_id:
        raise DomainError("own_comment", _("You cannot report your own comment."))
    try:
        with db.session.begin_nested():
            db.session.add(CommentReport(comment_id=comment.id, reporter_id=actor.id))
            db.session.flush()
    except sa.exc.IntegrityError:
        raise DomainError("already_reported", _("You already reported this comment."),
                          status=409) from None
    count = db.session.execute(
        sa.update(ProposalComment).where(ProposalComment.id == comment.id)
        .values(report_count=ProposalComment.report_count + 1)
        .returning(ProposalComment.report_count),
        execution_options={"synchronize_session": False}).scalar_one()
    set_committed_value(comment, "report_count", count)
    record(actor, "proposal.comment_reported", proposal, comment_id=comment.id, count=count)
    reviewed = comment.reviewed_at is not None
    return rules.hidden_by_reports(count, reviewed) and not rules.hidden_by_reports(
        count - 1, reviewed)


def hide_comment(actor, comment: ProposalComment, reason: str) -> None:
    """A moderator hides it; residents see "hidden by moderators: <reason>" instead."""
    proposal = _proposal(comment)
    require(is_staff_of(actor, proposal.community_id))
    comment.hidden_reason = _reason(reason)
    comment.hidden_at, comment.hidden_by_id = utcnow(), actor.id
    record(actor, "proposal.comment_hidden", proposal, comment_id=comment.id,
           reason=comment.hidden_reason)


def restore_comment(actor, comment: ProposalComment, reason: str) -> None:
    """A moderator shows it again (or keeps it after reports: they no longer hide it)."""
    proposal = _proposal(comment)
    require(is_staff_of(actor, proposal.community_id))
    reason = _reason(reason)
    comment.hidden_at, comment.hidden_by_id, comment.hidden_reason = None, None, ""
    comment.reviewed_at = utcnow()
    record(actor, "proposal.comment_restored", proposal, comment_id=comment.id, reason=reason)


def _proposal(comment: ProposalComment) -> Proposal:
    return db.session.get(Proposal, comment.proposal_id)


def _stance(value) -> Stance:
    try:
        return Stance(value)
    except ValueError:
        raise DomainError("invalid_stance", _("Say whether you are for, against, or asking a "
                                              "question."), "stance") from None


def _text(value) -> str:
    body = str(value or "").strip()
    if not body:
        raise DomainError("body_required", _("Write your comment."), "body")
    if len(body) > COMMENT_MAX:
        raise DomainError("body_too_long", _("A comment has at most %(max)d characters.",
                                             max=COMMENT_MAX), "body")
    return body


def _reason(value) -> str:
    reason = one_line(value, REASON_MAX)
    if not reason:
        raise DomainError("reason_required", _("Give the reason residents will see."),
                          "reason")
    return reason
