"""API schemas for admission requests: shapes and sizes (422 names each field); the rules
(a legal basis, reasons, who may) stay in the services (400, 403, 409)."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

from govhub.admission.requests.rules import (
    ASKABLE,
    DECISIONS,
    LIMITS,
    Emergency,
    RequestState,
    Stance,
)
from govhub.api.schemas import DecimalNumber, WholeNumber


def _text(limit: int, description: str, **kwargs):
    return ma.fields.String(validate=validate.Length(max=limit),
                            metadata={"description": description}, **kwargs)


def _request_fields(required: bool) -> dict:
    """A request's fields; required ones are optional in a change (PATCH)."""
    return {
        "title": _text(LIMITS["title"], "The task, in a few words.", required=required),
        "description": _text(LIMITS["description"], "What it involves."),
        "law": _text(LIMITS["law"], "The law, e.g. 《中华人民共和国统计法》.",
                     required=required),
        "article": _text(LIMITS["article"], "The article, e.g. 第七条.", required=required),
        "why_not_itself": _text(LIMITS["why_not_itself"],
                                "Why the department cannot do it itself.", required=required),
        "data_fields": ma.fields.List(
            _text(LIMITS["data_field"], "A data field."), validate=validate.Length(max=50),
            metadata={"description": "The data communities would collect."}),
        "hours_per_month": DecimalNumber(0, 744, 2, description="Estimated hours per "
                                         "community per month."),
        "period_from": ma.fields.Date(required=required, metadata={"description": "First day."}),
        "period_to": ma.fields.Date(allow_none=True, metadata={
            "description": "Last day, or null."}),
        "resources": _text(LIMITS["resources"], "Funding, staff and training offered."),
        "list_type": ma.fields.String(validate=validate.OneOf([k.value for k in ASKABLE]),
                                      metadata={"description": "Default assisting_government."}),
        "emergency": ma.fields.String(allow_none=True, validate=validate.OneOf(
            [e.value for e in Emergency]), metadata={"description": "An emergency's "
            "category: it starts at once and is reviewed afterwards."}),
        "community_ids": ma.fields.List(WholeNumber(), validate=validate.Length(max=500),
                                        metadata={"description": "Communities concerned (of "
                                                  "those the department covers); default all."}),
    }


AdmissionRequestInSchema = ma.Schema.from_dict(_request_fields(True),
                                               name="AdmissionRequestInSchema")
AdmissionRequestUpdateSchema = ma.Schema.from_dict(_request_fields(False),
                                                   name="AdmissionRequestUpdateSchema")


class AdmissionWithdrawSchema(ma.Schema):
    reason = _text(LIMITS["reasons"], "Why (optional).")


class AdmissionViewInSchema(ma.Schema):
    burden_hours = DecimalNumber(0, 744, 2, required=True,
                                 description="Estimated burden in hours per month.")
    stance = ma.fields.String(required=True, validate=validate.OneOf([s.value for s in Stance]))
    comment = _text(LIMITS["comment"], "A comment.")


class AdmissionDecisionSchema(ma.Schema):
    decision = ma.fields.String(required=True, validate=validate.OneOf(
        [a.value for a in DECISIONS]))
    reasons = _text(LIMITS["reasons"], "Why (required).", required=True)
    conditions = _text(LIMITS["conditions"], "Required to approve with conditions.")
    code = _text(32, "The catalogue item's code; empty: ZR-<id>.")


class AdmissionViewSchema(ma.Schema):
    community_id = WholeNumber()
    community = ma.fields.String()
    burden_hours = ma.fields.String(metadata={"description": "Hours per month, as a decimal "
                                                          "string (\"3.50\")."})
    stance = ma.fields.String()
    comment = ma.fields.String()
    updated_at = ma.fields.DateTime()


class AdmissionRequestSchema(ma.Schema):
    id = WholeNumber()
    street_id = WholeNumber()
    department = ma.fields.String(metadata={"description": "The department's name."})
    title = ma.fields.String()
    description = ma.fields.String()
    law = ma.fields.String()
    article = ma.fields.String()
    why_not_itself = ma.fields.String()
    data_fields = ma.fields.List(ma.fields.String())
    hours_per_month = ma.fields.String(metadata={"description": "Hours per community per "
                                                             "month, as a decimal string."})
    period_from = ma.fields.Date()
    period_to = ma.fields.Date(allow_none=True)
    resources = ma.fields.String()
    list_type = ma.fields.String()
    emergency = ma.fields.String(allow_none=True)
    state = ma.fields.String(metadata={"enum": [s.value for s in RequestState]})
    state_label = ma.fields.String()
    community_ids = ma.fields.List(WholeNumber())
    submitted_at = ma.fields.DateTime(allow_none=True)
    decision_due_on = ma.fields.Date(allow_none=True)
    consultation_closes_on = ma.fields.Date(allow_none=True)
    overdue = ma.fields.Boolean()
    decided_at = ma.fields.DateTime(allow_none=True)
    reasons = ma.fields.String()
    conditions = ma.fields.String()
    rereview_on = ma.fields.Date(allow_none=True)
    work_item_id = WholeNumber(allow_none=True)
    views = ma.fields.List(ma.fields.Nested(AdmissionViewSchema))


class ReportOnceMatchSchema(ma.Schema):
    kind = ma.fields.String(metadata={"enum": ["item", "request"]})
    id = WholeNumber()
    title = ma.fields.String()
    shared_fields = ma.fields.List(ma.fields.String())
    same_title = ma.fields.Boolean()


class RequestPageQuerySchema(ma.Schema):
    page = WholeNumber(text=True, load_default=1, validate=validate.Range(1, 100_000))
    per_page = WholeNumber(text=True, load_default=50, validate=validate.Range(1, 100))


class AdmissionRequestPageSchema(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(AdmissionRequestSchema))
    page = WholeNumber()
    per_page = WholeNumber()
    total = WholeNumber()
