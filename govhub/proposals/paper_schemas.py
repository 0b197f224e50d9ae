"""API schemas for paper supports and endorsements: shapes here (a 422 names the field);
the rules (staff only, at most 200 lines, a name on every line) stay in paper.py (400)."""

from __future__ import annotations

import marshmallow as ma

from govhub.api.schemas import WholeNumber


class PaperSupportsFormSchema(ma.Schema):
    lines = ma.fields.String(required=True, metadata={
        "description": 'JSON text: an array of signers {name, building_unit, username?}, '
        'e.g. [{"name": "王丽", "building_unit": "3-201"}, {"name": "张伟", '
        '"building_unit": "5-101", "username": "zhangwei"}]; at most 200. `username` links '
        "a confirmed resident's account: their online support is the same person."})


class SheetFileSchema(ma.Schema):
    sheet = ma.fields.Raw(load_default=None, metadata={
        "type": "string", "format": "binary",
        "description": "The signature sheet: PNG, JPEG, WebP or PDF, checked by content."})


class PaperResultSchema(ma.Schema):
    counted = WholeNumber(metadata={"description": "Lines counted as new supports."})
    duplicates = ma.fields.List(ma.fields.Dict(), metadata={
        "description": "Lines whose person was already counted: {line, name}."})
    reached = ma.fields.Boolean(metadata={"description": "This sheet reached the threshold."})
    support_count = WholeNumber()
    state = ma.fields.String()
    sheet_id = WholeNumber()


class EndorsementSchema(ma.Schema):
    organization_id = WholeNumber()
    organization = ma.fields.String(metadata={"description": "The organization's name."})
    endorsed_at = ma.fields.DateTime()


class EndorsementsSchema(ma.Schema):
    endorsements = ma.fields.List(ma.fields.Nested(EndorsementSchema))
    support_count = WholeNumber(metadata={"description": "Residents' supports, apart."})


