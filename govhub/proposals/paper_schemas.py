"""API schemas for paper supports and endorsements: shapes here (a 422 names the field);
the rules (staff only, at most 200 lines, a name on every line) stay in paper.py (400)."""

from __future__ import annotations

import json

import marshmallow as ma

from govhub.api.schemas import WholeNumber
from govhub.proposals import paper


class SignerSchema(ma.Schema):
    name = ma.fields.String(required=True, metadata={"description": "As written on the sheet."})
    building_unit = ma.fields.String(load_default="", metadata={"example": "3号楼2单元201"})
    username = ma.fields.String(load_default=None, allow_none=True, metadata={
        "description": "The resident's account, when they have one: then an online support "
                       "by the same resident is the same person."})


class SignerLines(ma.fields.Field):
    """A JSON array of signers sent as one form field's text (beside the sheet's file)."""

    def _deserialize(self, value, attr, data, **kwargs):
        try:
            loaded = json.loads(value) if isinstance(value, str) else value
        except ValueError:
            raise ma.ValidationError("Not JSON: a JSON array of signers.") from None
        if not isinstance(loaded, list):
            raise ma.ValidationError("A JSON array of signers.")
        return [paper.Signer(row["name"], row["building_unit"], row["username"] or None)
                for row in SignerSchema(many=True).load(loaded)]


class PaperSupportsFormSchema(ma.Schema):
    lines = SignerLines(required=True, metadata={
        "type": "string", "description": 'A JSON array, e.g. [{"name": "王丽", '
        '"building_unit": "3-201"}, {"name": "张伟", "building_unit": "5-101", '
        '"username": "zhangwei"}]; at most 200.'})


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


