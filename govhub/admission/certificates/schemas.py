"""API schemas for certificates: issuing one (the list, the resident and the day are
checked by the service: 400 naming the field), the records and the public counts."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

from govhub.admission.certificates.rules import NAME_MAX
from govhub.api.schemas import WholeNumber


class CertificateCreateSchema(ma.Schema):
    code = ma.fields.String(required=True, validate=validate.Length(max=32), metadata={
        "description": "The code of a certificate item of the community's current catalogue."})
    resident_username = ma.fields.String(load_default="", validate=validate.Length(max=80),
                                         metadata={"description": "A resident's account."})
    resident_name = ma.fields.String(load_default="", validate=validate.Length(max=NAME_MAX),
                                     metadata={"description": (
                                         "For a resident without an account; never public.")})
    issued_on = ma.fields.Date(load_default=None, metadata={
        "description": "Not in the future; today by default."})


class CertificateSchema(ma.Schema):
    id = WholeNumber()
    community_id = WholeNumber()
    code = ma.fields.String()
    name = ma.fields.String()
    name_en = ma.fields.String()
    resident = ma.fields.String(metadata={"description": "The resident's name (office only)."})
    issued_on = ma.fields.Date()
    worker = ma.fields.String()
    created_at = ma.fields.DateTime()


class CertificateListSchema(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(CertificateSchema))


class CertificateFigureSchema(ma.Schema):
    month = ma.fields.String(metadata={"description": "YYYY-MM."})
    code = ma.fields.String()
    name = ma.fields.String()
    name_en = ma.fields.String()
    count = WholeNumber()


class CertificateFiguresSchema(ma.Schema):
    figures = ma.fields.List(ma.fields.Nested(CertificateFigureSchema), metadata={
        "description": "Month × type counts, newest month first; no names of residents."})
