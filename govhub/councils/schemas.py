"""API schemas for councils and their members.

Input schemas check shapes and sizes (a 422 names each field); the
business rules (who may sit on a council, what a weight may be) stay in
the services, which answer 400 or 409 with the field at fault.
"""

from __future__ import annotations

from decimal import Decimal

import marshmallow as ma
from flask_babel import gettext as _
from marshmallow import validate

from govhub.api.document import one_of
from govhub.api.schemas import DecimalNumber, WholeNumber
from govhub.core.models import MAX_ID
from govhub.councils.models import CouncilKind, MemberRole
from govhub.councils.rules import RULE_SETS, RuleSet, Share, weight_text

KINDS = [kind.value for kind in CouncilKind]
ROLES = [role.value for role in MemberRole]


def id_field(**kwargs) -> ma.fields.Integer:
    """An id in a body: a JSON integer (not "5", not true) that a row could have."""
    return WholeNumber(validate=validate.Range(1, MAX_ID), **kwargs)


# --- out ------------------------------------------------------------------------

def _share(share: Share) -> dict:
    return {"numerator": share.numerator, "denominator": share.denominator,
            "strict": share.strict}


def rules_payload(rules: RuleSet) -> dict:
    return {"key": rules.key, "quorum": _share(rules.quorum), "passing": _share(rules.passing),
            "passing_base": rules.passing_base.value}


class CouncilSchema(ma.Schema):
    id = WholeNumber()
    community_id = WholeNumber()
    name = ma.fields.String()
    name_en = ma.fields.String()
    kind = ma.fields.String(metadata={"enum": KINDS})
    description = ma.fields.String()
    rule_set = ma.fields.String(metadata={"enum": list(RULE_SETS)})
    rules = ma.fields.Function(lambda council: rules_payload(council.rules),
                               metadata={"description": "What the rule set means."})
    max_proxies = WholeNumber(attribute="max_proxies_per_holder")
    created_at = ma.fields.DateTime()


class MemberSchema(ma.Schema):
    id = WholeNumber(metadata={"description": "The membership's id."})
    user_id = WholeNumber()
    username = ma.fields.Function(lambda membership: membership.user.username)
    display_name = ma.fields.Function(lambda membership: membership.user.display_name)
    role = ma.fields.String(metadata={"enum": ROLES})
    vote_weight = ma.fields.Function(lambda membership: weight_text(membership.vote_weight),
                                     metadata={"description": "A decimal, as a string: '1', "
                                                              "'0.5'."})
    active = ma.fields.Boolean()
    votes = ma.fields.Boolean(metadata={"description": "Active and not an observer."})


class CouncilWithMembersSchema(ma.Schema):
    council = ma.fields.Nested(CouncilSchema)
    members = ma.fields.List(ma.fields.Nested(MemberSchema), allow_none=True, metadata={
        "description": "null unless you belong to the council's community or are its staff; "
                       "staff also see unseated members (active: false)."})


# --- in -------------------------------------------------------------------------

class CouncilCreateSchema(ma.Schema):
    name = ma.fields.String(required=True, validate=validate.Length(1, 120))
    name_en = ma.fields.String(load_default="", validate=validate.Length(max=120))
    kind = ma.fields.String(required=True, validate=validate.OneOf(KINDS))
    description = ma.fields.String(load_default="", validate=validate.Length(max=5000))
    rule_set = ma.fields.String(load_default="organic_law",
                                validate=validate.OneOf(list(RULE_SETS)))
    max_proxies = WholeNumber(load_default=1, validate=validate.Range(0, 10),
                                    metadata={"description": "How many absent members one "
                                                             "present member may represent."})


class CouncilUpdateSchema(CouncilCreateSchema):
    """The same fields, each optional: what is left out stays as it is."""

    name = ma.fields.String(validate=validate.Length(1, 120))
    name_en = ma.fields.String(validate=validate.Length(max=120))
    kind = ma.fields.String(validate=validate.OneOf(KINDS))
    description = ma.fields.String(validate=validate.Length(max=5000))
    rule_set = ma.fields.String(validate=validate.OneOf(list(RULE_SETS)))
    max_proxies = WholeNumber(validate=validate.Range(0, 10))


class WeightField(DecimalNumber):
    """A vote weight as a JSON number or a decimal string: 1, 0.5, "0.333"."""

    def __init__(self, **kwargs):
        super().__init__(0, 1000, 3, description="0 to 1000, at most 3 decimals.", **kwargs)


class MemberCreateSchema(ma.Schema):
    OPENAPI_RULES = one_of("username", "user_id")
    username = ma.fields.String(validate=validate.Length(1, 40))
    user_id = id_field()
    role = ma.fields.String(load_default="member", validate=validate.OneOf(ROLES))
    vote_weight = WeightField(load_default=Decimal(1))

    @ma.validates_schema
    def _one_person(self, data, **kwargs):
        if ("username" in data) == ("user_id" in data):
            raise ma.ValidationError(_("Send either username or user_id."), "user_id")


class MemberUpdateSchema(ma.Schema):
    role = ma.fields.String(validate=validate.OneOf(ROLES))
    vote_weight = WeightField()
