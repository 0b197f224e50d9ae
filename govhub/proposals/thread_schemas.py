"""API schemas for a proposal's deliberation. Shapes only (a stance not among for, against
and question, a missing field: 422); the services answer an empty or too long text, a
missing reason, a reply to a reply (400), and a closed deliberation or a second report
(409)."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

from govhub.api.schemas import WholeNumber
from govhub.proposals.rules import Stance
from govhub.proposals.schemas import AuthorSchema
from govhub.proposals.threads import BY_MODERATORS, BY_REPORTS, SHOWN

STANCES = [stance.value for stance in Stance]
# Longer than any comment or reason the services take: they answer 400 with the limit.
TEXT_MAX = 100_000


class CommentCreateSchema(ma.Schema):
    body = ma.fields.String(required=True, validate=validate.Length(max=TEXT_MAX), metadata={
        "description": "Plain text, at most 5000 characters (400 body_required / "
                       "body_too_long)."})
    stance = ma.fields.String(load_default=None, allow_none=True,
                              validate=validate.OneOf(STANCES), metadata={
                                  "description": "Required for a comment; a reply has none."})
    parent_id = WholeNumber(load_default=None, allow_none=True, metadata={
        "description": "Reply to this comment (a comment, not a reply: 400 invalid_parent)."})


class CommentUpdateSchema(ma.Schema):
    body = ma.fields.String(required=True, validate=validate.Length(max=TEXT_MAX))
    stance = ma.fields.String(load_default=None, allow_none=True,
                              validate=validate.OneOf(STANCES), metadata={
                                  "description": "Required for a comment; ignored for a "
                                                 "reply."})


class ModerationSchema(ma.Schema):
    reason = ma.fields.String(required=True, validate=validate.Length(max=TEXT_MAX), metadata={
        "description": "Shown to residents in the comment's place (400 reason_required)."})


class CommentSchema(ma.Schema):
    id = WholeNumber()
    parent_id = WholeNumber(allow_none=True)
    author = ma.fields.Nested(AuthorSchema)
    stance = ma.fields.String(allow_none=True, metadata={"enum": STANCES})
    body = ma.fields.String(allow_none=True, metadata={
        "description": "Plain text; null when it is hidden from you."})
    created_at = ma.fields.AwareDateTime()
    edited = ma.fields.Boolean(metadata={"description": "Its earlier wordings are kept."})
    visibility = ma.fields.String(metadata={"enum": [SHOWN, BY_MODERATORS, BY_REPORTS]})
    placeholder = ma.fields.String(allow_none=True, metadata={
        "description": "What stands in a hidden comment's place (with a moderator's reason), "
                       "in your language."})
    hidden_reason = ma.fields.String(allow_none=True)
    may_edit = ma.fields.Boolean()
    may_report = ma.fields.Boolean()
    reported = ma.fields.Boolean(metadata={"description": "You reported it."})
    replies = ma.fields.List(ma.fields.Nested(lambda: CommentSchema(exclude=("replies",))))


class ThreadSchema(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(CommentSchema), metadata={
        "description": "Comments, oldest first, each with its replies."})
    counts = ma.fields.Dict(keys=ma.fields.String(), values=WholeNumber(), metadata={
        "description": "Comments per stance (for, against, question), hidden ones left out."})
    total = WholeNumber(metadata={"description": "Comments and replies, hidden included."})
    open = ma.fields.Boolean(metadata={"description": "The deliberation takes comments."})
    may_comment = ma.fields.Boolean()


class ReportResultSchema(ma.Schema):
    reported = ma.fields.Boolean()
    hidden = ma.fields.Boolean(metadata={
        "description": "Your report was the third: the comment is hidden until a moderator "
                       "reviews it."})
