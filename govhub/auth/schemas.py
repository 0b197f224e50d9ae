"""API schemas for accounts and tokens."""

import marshmallow as ma
from marshmallow import validate

from govhub.api.schemas import WholeNumber


class TokenRequestSchema(ma.Schema):
    username = ma.fields.String(required=True, validate=validate.Length(min=1, max=40))
    password = ma.fields.String(required=True, validate=validate.Length(min=1, max=256))
    name = ma.fields.String(load_default="", validate=validate.Length(max=80),
                            metadata={"description": "A label to tell your tokens apart."})
    days = WholeNumber(load_default=None, allow_none=True, validate=validate.Range(1, 365),
                             metadata={"description": "Lifetime in days (default: 30)."})


class TokenSchema(ma.Schema):
    id = WholeNumber()
    token = ma.fields.String(
        metadata={"description": "Shown once; send as 'Authorization: Bearer <token>'."})
    prefix = ma.fields.String()
    name = ma.fields.String()
    expires_at = ma.fields.DateTime()


class CommunityRefSchema(ma.Schema):
    id = WholeNumber()
    slug = ma.fields.String()
    name = ma.fields.String()


class UserSchema(ma.Schema):
    id = WholeNumber()
    username = ma.fields.String()
    display_name = ma.fields.String()
    role = ma.fields.String()
    community = ma.fields.Nested(CommunityRefSchema, allow_none=True)
    locale = ma.fields.String(allow_none=True)
    confirmed = ma.fields.Boolean(attribute="is_confirmed")
    email = ma.fields.String(allow_none=True)
    phone = ma.fields.String(allow_none=True)
    created_at = ma.fields.DateTime()
