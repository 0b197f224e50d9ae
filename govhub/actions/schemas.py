"""API schemas for action items: what clients send (shapes and sizes, a 422 names each
field) and what they get back. The business rules (due dates, owners, transitions,
reasons, files) stay in the services, which answer 400, 403, 409, 413 or 415."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

from govhub.actions.queries import DUE_FILTERS, SORTS
from govhub.actions.rules import ActionCategory, ActionStatus
from govhub.actions.services import NOTE_MAX, REASON_MAX, TEXT_MAX, TITLE_MAX
from govhub.api.document import one_of
from govhub.api.schemas import DecimalNumber, WholeNumber
from govhub.core.models import ROW_ID_MAX
from govhub.councils.schemas import id_field

STATUSES = [status.value for status in ActionStatus]
CATEGORIES = [category.value for category in ActionCategory]


def _hours(**kwargs) -> ma.fields.Decimal:
    return DecimalNumber(0, 10_000, 2, places=2, as_string=True, description=(
        "Estimated effort in hours, 0 to 10,000, in hundredths; null: not estimated."),
        **kwargs)


# --- in -------------------------------------------------------------------------------

def _query_id(**kwargs) -> ma.fields.Integer:
    """An id in the query string (text, read as a number a row could have)."""
    return WholeNumber(text=True, validate=validate.Range(1, ROW_ID_MAX), **kwargs)


class ActionItemsQuerySchema(ma.Schema):
    community_id = _query_id(metadata={"description": "Only this community's items."})
    council_id = ma.fields.String(validate=validate.Regexp(r"^(none|[1-9][0-9]{0,9})$"),
                                  metadata={"description": "A council's id, or none: items "
                                                           "that carry out no resolution."})
    status = ma.fields.String(validate=validate.OneOf(STATUSES))
    category = ma.fields.String(validate=validate.OneOf(CATEGORIES))
    owner_id = _query_id()
    due = ma.fields.String(validate=validate.OneOf(DUE_FILTERS), metadata={
        "description": "overdue, this_week (from today to Sunday, in the community's time "
                       "zone) or later."})
    open = ma.fields.Boolean(load_default=False, metadata={
        "description": "Only items still to be done (planned, in progress, blocked)."})
    sort = ma.fields.String(load_default="due", validate=validate.OneOf(list(SORTS)))
    page = WholeNumber(text=True, load_default=1, validate=validate.Range(1, 100_000))
    per_page = WholeNumber(text=True, load_default=25, validate=validate.Range(1, 100))


class ActionItemCreateSchema(ma.Schema):
    OPENAPI_RULES = one_of("resolution_id", "community_id", exactly=False)
    resolution_id = id_field(load_default=None, allow_none=True, metadata={
        "description": "The resolution the item carries out; its council and community "
                       "come with it."})
    community_id = id_field(load_default=None, allow_none=True, metadata={
        "description": "Required without a resolution: work of the community office."})
    title = ma.fields.String(required=True, validate=validate.Length(1, TITLE_MAX))
    description = ma.fields.String(load_default="", validate=validate.Length(max=TEXT_MAX),
                                   metadata={"description": "Markdown."})
    owner_id = id_field(required=True, metadata={
        "description": "An active community worker of the item's community."})
    helper_ids = ma.fields.List(id_field(), load_default=list,
                                validate=validate.Length(max=20))
    due_on = ma.fields.Date(required=True, metadata={
        "description": "From today on, in the community's time zone (YYYY-MM-DD)."})
    category = ma.fields.String(load_default=ActionCategory.OTHER.value,
                                validate=validate.OneOf(CATEGORIES))
    estimated_hours = _hours(load_default=None, allow_none=True)
    is_public = ma.fields.Boolean(load_default=None, allow_none=True, metadata={
        "description": "Default: public when the resolution's meeting is; otherwise not."})


class ActionItemUpdateSchema(ma.Schema):
    """Each field optional: what is left out stays as it is."""

    title = ma.fields.String(validate=validate.Length(1, TITLE_MAX))
    description = ma.fields.String(validate=validate.Length(max=TEXT_MAX))
    due_on = ma.fields.Date()
    category = ma.fields.String(validate=validate.OneOf(CATEGORIES))
    estimated_hours = _hours(allow_none=True)
    is_public = ma.fields.Boolean()


class ActionOwnerSchema(ma.Schema):
    owner_id = id_field(required=True)


class ActionHelperSchema(ma.Schema):
    user_id = id_field(required=True)


class ActionCheckInSchema(ma.Schema):
    note = ma.fields.String(load_default="", validate=validate.Length(max=NOTE_MAX))
    status = ma.fields.String(load_default=None, allow_none=True,
                              validate=validate.OneOf(STATUSES), metadata={
                                  "description": "The new status, if it changes."})
    reason = ma.fields.String(load_default="", validate=validate.Length(max=REASON_MAX),
                              metadata={"description": "Required when the status changes."})
    progress = WholeNumber(load_default=None, allow_none=True, metadata={
        "description": "0 to 100.", "minimum": 0, "maximum": 100})
    corrects_id = id_field(load_default=None, allow_none=True, metadata={
        "description": "An earlier check-in of this item that this one corrects."})


class ActionCheckInFormSchema(ActionCheckInSchema):
    """The same fields as form fields (multipart/form-data), beside the files."""

    progress = WholeNumber(text=True, load_default=None, allow_none=True, metadata={
        "description": "0 to 100.", "minimum": 0, "maximum": 100})
    corrects_id = WholeNumber(text=True, load_default=None, allow_none=True,
                              validate=validate.Range(1, ROW_ID_MAX))


class ActionFilesSchema(ma.Schema):
    files = ma.fields.List(ma.fields.Raw(metadata={"type": "string", "format": "binary"}),
                           load_default=list, metadata={
                               "maxItems": 4,
                               "description": "Up to 4 files: PNG, JPEG, WebP or PDF, checked "
                                              "by content; each at most upload_max_bytes."})


class ActionStatusSchema(ma.Schema):
    status = ma.fields.String(required=True, validate=validate.OneOf(STATUSES))
    reason = ma.fields.String(required=True, validate=validate.Length(max=REASON_MAX))
    note = ma.fields.String(load_default="", validate=validate.Length(max=NOTE_MAX))


# --- out ------------------------------------------------------------------------------

class ActionPersonSchema(ma.Schema):
    role = ma.fields.String(metadata={"description": "admin, worker, resident or partner."})
    id = WholeNumber(allow_none=True, metadata={
        "description": "For the community's own people and staff; null for others."})
    name = ma.fields.String(allow_none=True, metadata={
        "description": "The display name, for the community's own people and staff; never "
                       "contact data."})


class ActionDeadlineSchema(ma.Schema):
    state = ma.fields.String(metadata={"enum": ["overdue", "due_today", "upcoming", "done"]})
    days = WholeNumber(metadata={
        "description": "Days overdue, days left, or (done) days late."})
    on = ma.fields.Date(allow_none=True, metadata={"description": "Done: the local day."})


class ActionEvidenceSchema(ma.Schema):
    id = WholeNumber()
    filename = ma.fields.String()
    content_type = ma.fields.String()
    size = WholeNumber()
    sha256 = ma.fields.String()
    url = ma.fields.String()


class ActionUpdateSchema(ma.Schema):
    id = WholeNumber()
    item_id = WholeNumber()
    created_at = ma.fields.AwareDateTime()
    author = ma.fields.Nested(ActionPersonSchema, allow_none=True)
    note = ma.fields.String()
    status_from = ma.fields.String(allow_none=True)
    status_to = ma.fields.String(allow_none=True)
    reason = ma.fields.String()
    progress = WholeNumber(allow_none=True)
    corrects_id = WholeNumber(allow_none=True)
    evidence = ma.fields.List(ma.fields.Nested(ActionEvidenceSchema))


class ActionPartnerSchema(ma.Schema):
    id = WholeNumber()
    name = ma.fields.String()


class ActionItemSchema(ma.Schema):
    id = WholeNumber()
    community_id = WholeNumber()
    council_id = WholeNumber(allow_none=True)
    resolution_id = WholeNumber(allow_none=True)
    title = ma.fields.String()
    description = ma.fields.String()
    status = ma.fields.String(metadata={"enum": STATUSES})
    progress = WholeNumber()
    category = ma.fields.String(metadata={"enum": CATEGORIES})
    due_on = ma.fields.Date()
    deadline = ma.fields.Nested(ActionDeadlineSchema)
    estimated_hours = ma.fields.String(allow_none=True, metadata={
        "description": "A decimal string, for the community's staff; null for others."})
    is_public = ma.fields.Boolean()
    owner = ma.fields.Nested(ActionPersonSchema)
    helpers = ma.fields.List(ma.fields.Nested(ActionPersonSchema))
    created_at = ma.fields.AwareDateTime()
    updated_at = ma.fields.AwareDateTime()
    done_at = ma.fields.AwareDateTime(allow_none=True)
    verified_at = ma.fields.AwareDateTime(allow_none=True)
    url = ma.fields.String(metadata={"description": "The item's page."})
    organization = ma.fields.Nested(ActionPartnerSchema, allow_none=True, metadata={
        "description": "The partner organization that helps carry the item out; null when "
                       "none."})
    offering = ma.fields.Nested(ActionPartnerSchema, allow_none=True, metadata={
        "description": "The partner's offering it was asked for (its title as name); null "
                       "when none."})


class ActionItemDetailSchema(ActionItemSchema):
    updates = ma.fields.List(ma.fields.Nested(ActionUpdateSchema), metadata={
        "description": "The timeline: every check-in, oldest first."})


class ActionItemPageSchema(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(ActionItemSchema))
    page = WholeNumber()
    per_page = WholeNumber()
    total = WholeNumber()
