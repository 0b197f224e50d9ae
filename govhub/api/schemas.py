"""Schemas shared by API endpoints."""

import marshmallow as ma


class ErrorDetailSchema(ma.Schema):
    code = ma.fields.String(required=True)
    message = ma.fields.String(required=True)
    field = ma.fields.String()
    fields = ma.fields.Dict()
    retry_after = ma.fields.Integer(
        metadata={"description": "On 429: seconds to wait before trying again "
                                 "(also the Retry-After header)."})


class ErrorResponseSchema(ma.Schema):
    """Every error: {"error": {"code": ..., "message": ...}}."""

    error = ma.fields.Nested(ErrorDetailSchema, required=True)
