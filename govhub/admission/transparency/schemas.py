"""API schemas of a street's public overview."""

from __future__ import annotations

import marshmallow as ma

from govhub.admission.catalogue.rules import ListType
from govhub.admission.catalogue.schemas import StreetSchema
from govhub.admission.departments.models import DepartmentLevel
from govhub.admission.hours.rules import HoursType
from govhub.admission.requests.rules import RequestState
from govhub.api.schemas import WholeNumber


class StreetListSchema(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(StreetSchema))


class StreetCommunitySchema(ma.Schema):
    slug = ma.fields.String()
    name = ma.fields.String()
    name_en = ma.fields.String()


class DepartmentSchema(ma.Schema):
    id = WholeNumber()
    name = ma.fields.String()
    name_en = ma.fields.String()
    level = ma.fields.String(metadata={"enum": [level.value for level in DepartmentLevel]})


class RefusalCountSchema(ma.Schema):
    department = ma.fields.String()
    refused = WholeNumber()


class StreetOverviewSchema(ma.Schema):
    street = ma.fields.Nested(StreetSchema)
    communities = ma.fields.List(ma.fields.Nested(StreetCommunitySchema))
    departments = ma.fields.List(ma.fields.Nested(DepartmentSchema))
    catalogue_version = WholeNumber(allow_none=True, metadata={
        "description": "The current catalogue version's number, or null."})
    items_by_list_type = ma.fields.Dict(
        keys=ma.fields.String(metadata={"enum": [kind.value for kind in ListType]}),
        values=WholeNumber(), metadata={"description": "Items of the current version."})
    requests_by_state = ma.fields.Dict(
        keys=ma.fields.String(metadata={"enum": [s.value for s in RequestState
                                                 if s != RequestState.DRAFT]}),
        values=WholeNumber(), metadata={"description": "Submitted admission requests."})
    decisions_overdue = WholeNumber(metadata={
        "description": "Requests under review past the day their decision was due."})
    hours_by_type = ma.fields.Dict(
        keys=ma.fields.String(metadata={"enum": [kind.value for kind in HoursType]}),
        values=WholeNumber(), metadata={
            "description": "Minutes the street's workers logged in the last twelve months, "
                           "by type, all workers together."})
    refusals_by_department = ma.fields.List(ma.fields.Nested(RefusalCountSchema), metadata={
        "description": "Tasks refused because they came outside the process, by the "
                       "department that sent them (others grouped)."})
