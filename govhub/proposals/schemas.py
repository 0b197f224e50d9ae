"""API schemas for proposals: what clients send (shapes and sizes, a 422 names each field)
and what they get back. The business rules (who may propose or support, a title of spaces,
a threshold of zero, a share above all residents, a second support) stay in the services,
which answer 400, 403 or 409."""

from __future__ import annotations

from decimal import Decimal

import marshmallow as ma
from marshmallow import validate

from govhub.actions.rules import ActionCategory
from govhub.api.schemas import DecimalNumber, WholeNumber
from govhub.core.keyword_search import QUERY_MAX
from govhub.proposals.models import SupportSource
from govhub.proposals.queries import PER_PAGE, SORTS
from govhub.proposals.rules import ProposalState, ThresholdKind
from govhub.proposals.services import BODY_MAX, TITLE_MAX

CATEGORIES = [category.value for category in ActionCategory]
STATES = [state.value for state in ProposalState]
# What a public list may filter on: everything but drafts, which are their authors' own.
LISTED_STATES = [state for state in STATES if state != ProposalState.DRAFT]
KINDS = [kind.value for kind in ThresholdKind]
REASON_MAX = 2000


class StrictBoolean(ma.fields.Boolean):
    """true or false, as JSON has them (not "yes", 1 or "on")."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, bool):
            raise self.make_error("invalid", input=value)
        return value


# --- in -------------------------------------------------------------------------------

class StateList(ma.fields.List):
    """Proposal states, repeated (?state=published&state=queued) or as one comma list
    (?state=published,queued)."""

    def __init__(self, **kwargs):
        super().__init__(ma.fields.String(validate=validate.OneOf(LISTED_STATES)), **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        values = value if isinstance(value, list) else [value]
        parts = [part.strip() for item in values
                 for part in (item.split(",") if isinstance(item, str) else [item])]
        return super()._deserialize(parts, attr, data, **kwargs)


class ProposalsQuerySchema(ma.Schema):
    state = StateList(validate=validate.Length(max=len(LISTED_STATES) * 2), metadata={
        "description": "Only proposals in these states: repeat the parameter, or separate "
                       "states with commas. Drafts are never listed."})
    category = ma.fields.String(validate=validate.OneOf(CATEGORIES))
    sort = ma.fields.String(load_default="newest", validate=validate.OneOf(list(SORTS)),
                            metadata={"description": "newest, most_supported, or closest (to "
                                                     "its threshold: only those collecting "
                                                     "supports, fewest missing first)."})
    q = ma.fields.String(load_default="", validate=validate.Length(max=QUERY_MAX), metadata={
        "description": "Keywords, every one must match the title or the text; Chinese needs "
                       "no spaces (\"雨棚\"); synonyms count (老人 finds 长者)."})
    page = WholeNumber(text=True, load_default=1, validate=validate.Range(1, 100_000))
    per_page = WholeNumber(text=True, load_default=PER_PAGE, validate=validate.Range(1, 100))


class SimilarQuerySchema(ma.Schema):
    title = ma.fields.String(required=True, validate=validate.Length(1, TITLE_MAX))
    body = ma.fields.String(load_default="", validate=validate.Length(max=BODY_MAX))


class SupportersQuerySchema(ma.Schema):
    page = WholeNumber(text=True, load_default=1, validate=validate.Range(1, 100_000))


class ProposalCreateSchema(ma.Schema):
    title = ma.fields.String(required=True, validate=validate.Length(1, TITLE_MAX))
    body = ma.fields.String(required=True, validate=validate.Length(1, BODY_MAX),
                            metadata={"description": "Markdown: what you propose and why."})
    category = ma.fields.String(load_default=ActionCategory.OTHER.value,
                                validate=validate.OneOf(CATEGORIES))
    publish = StrictBoolean(load_default=False, metadata={
        "description": "Publish at once (it collects supports, yours the first); otherwise "
                       "a draft only you see."})


class ProposalUpdateSchema(ma.Schema):
    """A draft's fields, each optional: what is left out stays as it is."""

    title = ma.fields.String(validate=validate.Length(1, TITLE_MAX))
    body = ma.fields.String(validate=validate.Length(1, BODY_MAX))
    category = ma.fields.String(validate=validate.OneOf(CATEGORIES))


class WithdrawSchema(ma.Schema):
    reason = ma.fields.String(required=True, validate=validate.Length(1, REASON_MAX),
                              metadata={"description": "Why you withdraw it (shown on it)."})


class ThresholdValue(DecimalNumber):
    """A threshold as a JSON number or a decimal string: 30, "30", 0.02, "0.02"."""

    def __init__(self, **kwargs):
        super().__init__(0, 100_000, 4, places=4, description=(
            "absolute: a whole number of supports, at least 1; share: a share of the "
            "community's confirmed residents above 0 and at most 1 (0.02 is 2%). A JSON "
            "number or a decimal string; at most 4 decimals."), **kwargs)


class SettingsUpdateSchema(ma.Schema):
    threshold_kind = ma.fields.String(required=True, validate=validate.OneOf(KINDS))
    threshold_value = ThresholdValue(required=True)
    time_limit_days = WholeNumber(required=True, validate=validate.Range(1, 3650), metadata={
        "description": "Calendar days a published proposal collects supports."})
    answer_working_days = WholeNumber(required=True, validate=validate.Range(1, 365), metadata={
        "description": "Working days the office has to answer a queued proposal."})
    supports_public = StrictBoolean(required=True, metadata={
        "description": "Whether anyone may see who supported (staff always may)."})


# --- out ------------------------------------------------------------------------------

class AuthorSchema(ma.Schema):
    display_name = ma.fields.String(metadata={"description": "Never contact data."})


class ProposalSchema(ma.Schema):
    id = WholeNumber()
    community_id = WholeNumber()
    council_id = WholeNumber()
    title = ma.fields.String()
    category = ma.fields.String(metadata={"enum": CATEGORIES})
    state = ma.fields.String(metadata={"enum": STATES})
    author = ma.fields.Nested(AuthorSchema)
    threshold = WholeNumber(allow_none=True, metadata={
        "description": "Supports that queue it, fixed when it was published; null for a "
                       "draft."})
    support_count = WholeNumber()
    published_at = ma.fields.AwareDateTime(allow_none=True)
    expires_on = ma.fields.Date(allow_none=True, metadata={
        "description": "The last day it collects supports."})
    agenda_item_id = WholeNumber(allow_none=True, metadata={
        "description": "Once queued: the agenda item it became; null while it waits for a "
                       "meeting."})


class PersonSchema(ma.Schema):
    display_name = ma.fields.String()


class ProposalDetailSchema(ProposalSchema):
    body = ma.fields.String(metadata={"description": "Markdown."})
    created_at = ma.fields.AwareDateTime()
    reached_at = ma.fields.AwareDateTime(allow_none=True, metadata={
        "description": "When it reached its threshold."})
    meeting_id = WholeNumber(allow_none=True, metadata={
        "description": "The meeting whose agenda it is on."})
    answer_due_on = ma.fields.Date(allow_none=True, metadata={
        "description": "Once queued: the day the office answers by."})
    answered_at = ma.fields.AwareDateTime(allow_none=True)
    reason = ma.fields.String(metadata={
        "description": "Why it was withdrawn or declined, or where to go instead."})
    merged_into_id = WholeNumber(allow_none=True)
    your_support = ma.fields.Boolean(allow_none=True, metadata={
        "description": "Whether you support it; null without a token."})
    may_support = ma.fields.Boolean(metadata={
        "description": "Whether you may add your support now."})
    may_edit = ma.fields.Boolean(metadata={
        "description": "A draft you wrote or co-author: you may edit it."})
    coauthors = ma.fields.List(ma.fields.Nested(PersonSchema), metadata={
        "description": "The residents who accepted to co-author it."})
    photos = ma.fields.List(ma.fields.Dict(), metadata={
        "description": "Its photos: id, url, filename, content_type, size."})


class ProposalPageSchema(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(ProposalSchema))
    page = WholeNumber()
    pages = WholeNumber()
    per_page = WholeNumber()
    total = WholeNumber()


class SupportResultSchema(ma.Schema):
    support_count = WholeNumber()
    state = ma.fields.String(metadata={"enum": STATES})
    threshold = WholeNumber(allow_none=True)
    reached = ma.fields.Boolean(metadata={
        "description": "Whether this support is the one that reached the threshold (the "
                       "proposal is now queued)."})


class SupporterSchema(ma.Schema):
    display_name = ma.fields.String(allow_none=True, metadata={
        "description": "The resident's display name; null for a paper signature that no "
                       "account is known for."})
    source = ma.fields.String(metadata={"enum": [source.value for source in SupportSource]})
    supported_at = ma.fields.AwareDateTime()


class SupportersPageSchema(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(SupporterSchema))
    page = WholeNumber()
    pages = WholeNumber()
    total = WholeNumber()


class SettingsSchema(ma.Schema):
    council_id = WholeNumber()
    threshold_kind = ma.fields.String(metadata={"enum": KINDS})
    threshold_value = ma.fields.String(metadata={
        "description": "A decimal string: '30' supports, or '0.02' of the residents."})
    time_limit_days = WholeNumber()
    answer_working_days = WholeNumber()
    supports_public = ma.fields.Boolean()
    is_default = ma.fields.Boolean(metadata={
        "description": "The council has set none: these are GovHub's defaults."})


def decimal_text(value: Decimal) -> str:
    """'30' for 30.0000, '0.02' for 0.0200."""
    return format(Decimal(value).normalize(), "f")
