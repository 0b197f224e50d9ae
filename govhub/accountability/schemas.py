"""API schemas for following resolutions."""

from __future__ import annotations

import marshmallow as ma

from govhub.api.schemas import WholeNumber


class FollowSchema(ma.Schema):
    resolution_id = WholeNumber(required=True)
    following = ma.fields.Boolean(required=True, metadata={
        "description": "Whether the token's user follows the resolution."})
    followers = WholeNumber(required=True, metadata={
        "description": "How many people follow it."})
    changed = ma.fields.Boolean(metadata={
        "description": "Whether this request changed anything (following twice changes "
                       "nothing)."})


class FollowedSchema(ma.Schema):
    resolution_id = WholeNumber(required=True)
    text = ma.fields.String(required=True)
    meeting_id = WholeNumber(required=True)
    council_id = WholeNumber(required=True)
    decided_at = ma.fields.DateTime(required=True)
    followed_at = ma.fields.DateTime(required=True)
    url = ma.fields.Url(required=True)
