"""JSON routes for a proposal's deliberation: the same loaders (threads.visible_comment:
404 for an unknown comment or one on a proposal you cannot see), permissions and services
(comments.py) as the pages."""

from __future__ import annotations

import functools

from flask import g

from govhub.api import BEARER, OPTIONAL_BEARER, error_responses
from govhub.api.auth import optional_token, token_required
from govhub.extensions import db
from govhub.proposals import api_bp, comments, queries, threads
from govhub.proposals.thread_schemas import (
    CommentCreateSchema,
    CommentSchema,
    CommentUpdateSchema,
    ModerationSchema,
    ReportResultSchema,
    ThreadSchema,
)

errors = functools.partial(error_responses, api_bp)


def entry_payload(entry: threads.Entry) -> dict:
    return {
        "id": entry.id, "parent_id": entry.parent_id,
        "author": {"display_name": entry.author_name},
        "stance": str(entry.stance) if entry.stance else None, "body": entry.body,
        "created_at": entry.created_at, "edited": entry.edited,
        "visibility": entry.visibility, "placeholder": entry.placeholder,
        "hidden_reason": entry.reason or None, "may_edit": entry.may_edit,
        "may_report": entry.may_report and not entry.reported, "reported": entry.reported,
        "replies": [entry_payload(reply) for reply in entry.replies],
    }


def _comment_answer(comment) -> dict:
    return entry_payload(threads.entry_of(g.api_user, comment))


@api_bp.get("/proposals/<int:proposal_id>/comments")
@api_bp.doc(security=OPTIONAL_BEARER)
@optional_token
@api_bp.response(200, ThreadSchema)
@errors(401, 404)
def list_comments(proposal_id):
    """A proposal's deliberation: its comments, oldest first, each with its replies, and
    the count per stance. A hidden comment comes as a placeholder (body null) with the
    moderators' reason; the community's staff read one hidden by reports. Public."""
    proposal = queries.visible_proposal(g.api_user, proposal_id)
    thread = threads.thread_of(g.api_user, proposal)
    answer = {"items": [entry_payload(entry) for entry in thread.entries],
              "counts": thread.counts, "total": thread.total, "open": thread.open,
              "may_comment": thread.may_comment}
    db.session.commit()
    return answer


@api_bp.post("/proposals/<int:proposal_id>/comments")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(CommentCreateSchema)
@api_bp.response(201, CommentSchema)
@errors(400, 401, 403, 404, 409, 422)
def post_comment(body, proposal_id):
    """Comment with your stance, or reply to a comment with `parent_id` (confirmed residents
    of the community, while the deliberation is open).

    Refusals: body_required, body_too_long, invalid_stance, invalid_parent (400: a reply to
    a reply), forbidden (403), deliberation_closed (409).
    """
    proposal = queries.visible_proposal(g.api_user, proposal_id)
    parent = threads.parent_of(proposal, body["parent_id"])
    comment = comments.post_comment(g.api_user, proposal, body["body"], body["stance"],
                                    parent)
    db.session.commit()
    return _comment_answer(comment)


@api_bp.patch("/proposals/comments/<int:comment_id>")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(CommentUpdateSchema)
@api_bp.response(200, CommentSchema)
@errors(400, 401, 403, 404, 409, 422)
def edit_comment(body, comment_id):
    """Reword your comment (and its stance); what it said before stays in its history.

    Refusals: body_required, body_too_long, invalid_stance (400), forbidden (403: not
    yours), comment_hidden (409: hidden by moderators).
    """
    comment = threads.visible_comment(g.api_user, comment_id)
    comments.edit_comment(g.api_user, comment, body["body"], body["stance"])
    db.session.commit()
    return _comment_answer(comment)


@api_bp.post("/proposals/comments/<int:comment_id>/report")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.response(200, ReportResultSchema)
@errors(400, 401, 403, 404, 409)
def report_comment(comment_id):
    """Report a comment to the moderators (confirmed residents, once each). Three reports
    hide it until a moderator reviews it.

    Refusals: own_comment (400), forbidden (403), already_reported (409).
    """
    comment = threads.visible_comment(g.api_user, comment_id)
    hidden = comments.report_comment(g.api_user, comment)
    db.session.commit()
    return {"reported": True, "hidden": hidden}


@api_bp.post("/proposals/comments/<int:comment_id>/hide")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(ModerationSchema)
@api_bp.response(200, CommentSchema)
@errors(400, 401, 403, 404, 422)
def hide_comment(body, comment_id):
    """Hide a comment (the community's staff); residents see the reason in its place.

    Refusals: reason_required (400), forbidden (403).
    """
    comment = threads.visible_comment(g.api_user, comment_id)
    comments.hide_comment(g.api_user, comment, body["reason"])
    db.session.commit()
    return _comment_answer(comment)


@api_bp.post("/proposals/comments/<int:comment_id>/restore")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(ModerationSchema)
@api_bp.response(200, CommentSchema)
@errors(400, 401, 403, 404, 422)
def restore_comment(body, comment_id):
    """Show a hidden comment again, or keep one that reports hid (the community's staff):
    further reports no longer hide it.

    Refusals: reason_required (400), forbidden (403).
    """
    comment = threads.visible_comment(g.api_user, comment_id)
    comments.restore_comment(g.api_user, comment, body["reason"])
    db.session.commit()
    return _comment_answer(comment)
