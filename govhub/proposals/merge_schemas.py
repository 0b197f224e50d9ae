"""API schemas for merging duplicate proposals."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

from govhub.api.schemas import WholeNumber
from govhub.proposals.merges import REASON_MAX


class MergeCreateSchema(ma.Schema):
    target_id = WholeNumber(required=True, metadata={
        "description": "The proposal of the same council this one joins."})
    reason = ma.fields.String(load_default="", validate=validate.Length(max=REASON_MAX),
                              metadata={"description": "Why they are the same; shown to "
                                        "the authors."})


class ConsentSchema(ma.Schema):
    author_id = WholeNumber()
    decision = ma.fields.String(metadata={"description": "accepted or refused"})
    decided_at = ma.fields.DateTime()


class MergeSchema(ma.Schema):
    id = WholeNumber()
    source_id = WholeNumber(metadata={"description": "The proposal that joins the target."})
    target_id = WholeNumber()
    status = ma.fields.String(metadata={"description": "pending, accepted (carried out), "
                                        "refused (by an author) or cancelled (by the office)"})
    reason = ma.fields.String()
    created_at = ma.fields.DateTime()
    decided_at = ma.fields.DateTime(allow_none=True)
    consents = ma.fields.List(ma.fields.Nested(ConsentSchema), metadata={
        "description": "The authors who answered so far; every author must accept."})
    may_answer = ma.fields.Boolean(metadata={"description": "Whether the token's user is an "
                                             "author who has not answered a pending merge."})


class MergeListSchema(ma.Schema):
    merges = ma.fields.List(ma.fields.Nested(MergeSchema))
