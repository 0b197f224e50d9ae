"""API schemas for co-authors of proposals."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

from govhub.api.schemas import WholeNumber


class InviteSchema(ma.Schema):
    username = ma.fields.String(required=True, validate=validate.Length(1, 80), metadata={
        "description": "The username of a confirmed resident of the proposal's community."})


class CoauthorSchema(ma.Schema):
    user_id = WholeNumber()
    display_name = ma.fields.String()
    status = ma.fields.String(metadata={"description": "invited, accepted or declined"})
    invited_at = ma.fields.AwareDateTime()
    answered_at = ma.fields.AwareDateTime(allow_none=True)


class CoauthorListSchema(ma.Schema):
    coauthors = ma.fields.List(ma.fields.Nested(CoauthorSchema), metadata={
        "description": "Everyone sees who accepted; the author and the office also see "
                       "invitations waiting or declined."})
    your_invitation = ma.fields.String(allow_none=True, metadata={
        "description": "Your own invitation's status, if you were invited; null otherwise."})
