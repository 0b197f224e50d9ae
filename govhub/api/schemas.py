"""Schemas and fields shared by API endpoints."""

from __future__ import annotations

import math
from decimal import Decimal, InvalidOperation

import marshmallow as ma
from marshmallow import validate


class WholeNumber(ma.fields.Integer):
    """Every integer GovHub reads: a JSON integer, or a JSON number without a fraction
    (120.0 is 120, as JSON Schema's "integer" says); never 120.5, true or, in a JSON body,
    "120". In a query string or a form field (text by nature): its digits (or "120.0")."""

    def __init__(self, *, text: bool = False, **kwargs):
        kwargs.pop("strict", None)
        super().__init__(strict=True, **kwargs)
        self.text = text

    def _validated(self, value):
        if isinstance(value, bool):
            raise self.make_error("invalid")
        if isinstance(value, int):
            return value
        if isinstance(value, float):
            if math.isfinite(value) and value.is_integer():
                return int(value)
            raise self.make_error("invalid")
        if isinstance(value, str) and self.text:
            try:
                number = Decimal(value.strip())
            except InvalidOperation:
                raise self.make_error("invalid") from None
            if number.is_finite() and number == number.to_integral_value():
                return int(number)
        raise self.make_error("invalid")


class ErrorDetailSchema(ma.Schema):
    code = ma.fields.String(required=True)
    message = ma.fields.String(required=True)
    field = ma.fields.String()
    fields = ma.fields.Dict()
    retry_after = WholeNumber(
        metadata={"description": "On 429: seconds to wait before trying again "
                                 "(also the Retry-After header)."})


class ErrorResponseSchema(ma.Schema):
    """Every error: {"error": {"code": ..., "message": ...}}."""

    error = ma.fields.Nested(ErrorDetailSchema, required=True)


def query_number(**kwargs) -> WholeNumber:
    """A whole number in the query string."""
    return WholeNumber(text=True, **kwargs)


class DecimalNumber(ma.fields.Decimal):
    """A decimal read from a JSON number or a decimal string, documented with its range,
    default and step as numbers (apispec would write a Decimal's as strings)."""

    def __init__(self, low: int | float, high: int | float, step: int, *,
                 description: str, **kwargs):
        """`step`: the decimals allowed (documented as multipleOf)."""
        metadata = {"description": description, "minimum": low, "maximum": high,
                    "multipleOf": float(Decimal(1).scaleb(-step))}
        default = kwargs.get("load_default")
        if isinstance(default, Decimal):
            metadata["default"] = int(default) if default == default.to_integral_value() \
                else float(default)
        super().__init__(validate=validate.Range(low, high), allow_nan=False,
                         metadata=metadata, **kwargs)
