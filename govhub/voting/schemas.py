"""API schemas for polls, ballots and resolutions.

Input schemas check shapes and sizes (a 422 names each field). What a
ballot may contain is the poll's business: the service checks it against
the poll's kind and options and answers 422 with the reason as the code
(`bad_choice`, `too_many_choices`, `incomplete_ranking`, ...), exactly as
the live room's `poll:vote` does. The payloads going out are those of
`voting.queries`, the same the live room broadcasts.
"""

from __future__ import annotations

import marshmallow as ma
from flask_babel import gettext as _
from marshmallow import validate

from govhub.api.schemas import WholeNumber
from govhub.councils.rules import RULE_SETS
from govhub.councils.schemas import id_field
from govhub.voting import kinds
from govhub.voting.models import PollStatus
from govhub.voting.services import KEY_MAX, OPTIONS_MAX, TIMER_SECONDS

KINDS = kinds.values()
STATUSES = [status.value for status in PollStatus]
BALLOT_LIST_MAX = 100  # a poll has at most 20 options; this only stops absurd bodies


def _choice_limit(**kwargs) -> ma.fields.Integer:
    return WholeNumber(validate=validate.Range(1, OPTIONS_MAX), **kwargs)


# --- in -------------------------------------------------------------------------

class PollCreateSchema(ma.Schema):
    item_id = id_field(required=True, metadata={
        "description": "The agenda item the poll decides."})
    title = ma.fields.String(required=True, validate=validate.Length(1, 300), metadata={
        "description": "The question or motion; a passed poll's resolution carries it."})
    kind = ma.fields.String(required=True, validate=validate.OneOf(KINDS))
    options = ma.fields.List(ma.fields.String(validate=validate.Length(max=200)),
                             load_default=list, validate=validate.Length(max=OPTIONS_MAX),
                             metadata={"description": "2 to 20 labels, for single, multiple "
                                                      "and ranked polls (yes/no/abstain "
                                                      "has its own)."})
    secret = ma.fields.Boolean(load_default=False, truthy={True}, falsy={False}, metadata={
        "description": "A secret ballot: only that a member voted is stored, never what; "
                       "it cannot be changed once cast."})
    live_results = ma.fields.Boolean(load_default=True, truthy={True}, falsy={False},
                                     metadata={"description": "Show the tally while the poll "
                                                              "is open (turnout always shows)."})
    allow_change = ma.fields.Boolean(load_default=True, truthy={True}, falsy={False},
                                     metadata={"description": "Members may change their named "
                                                              "ballot while the poll is open."})
    rule_set = ma.fields.String(load_default="", validate=validate.OneOf(["", *RULE_SETS]),
                                metadata={"description": "Override the council's rule set for "
                                                         "this poll; empty: the council's."})
    min_choices = _choice_limit(load_default=1, metadata={
        "description": "Multiple choice: the fewest options a ballot must pick."})
    max_choices = _choice_limit(load_default=None, allow_none=True, metadata={
        "description": "Multiple choice: the most options a ballot may pick; "
                       "null: all of them."})


class PollOpenSchema(ma.Schema):
    closes_in_seconds = WholeNumber(load_default=None, allow_none=True,
                                          metadata={"description": (
                                              f"Close by itself after this many seconds "
                                              f"({TIMER_SECONDS[0]} to {TIMER_SECONDS[1]}); "
                                              f"null: the chair closes it.")})


_CHOICE = {"oneOf": [{"type": "string"}, {"type": "integer"}]}
_OPTION_IDS = {"type": "array", "items": {"type": "integer"}}


class BallotContentSchema(ma.Schema):
    """What the voter chose; which field counts depends on the poll's kind."""

    choice = ma.fields.Raw(metadata={
        **_CHOICE, "description": "yes_no_abstain: \"yes\", \"no\" or \"abstain\"; "
                                 "single: an option's id."})
    choices = ma.fields.Raw(metadata={
        **_OPTION_IDS, "description": "multiple: the chosen options' ids, between the "
                                      "poll's min_choices and max_choices."})
    ranking = ma.fields.Raw(metadata={
        **_OPTION_IDS, "description": "ranked: every option's id once, most preferred first."})

    @ma.validates_schema
    def _not_absurd(self, data, **kwargs):
        for name in ("choices", "ranking"):
            value = data.get(name)
            if isinstance(value, list) and len(value) > BALLOT_LIST_MAX:
                raise ma.ValidationError(_("At most %(max)d items.", max=BALLOT_LIST_MAX), name)
        choice = data.get("choice")
        if isinstance(choice, str) and len(choice) > 200:
            raise ma.ValidationError(_("That is not one of the poll's options."), "choice")


class BallotSchema(BallotContentSchema):
    key = ma.fields.String(load_default="", validate=validate.Length(max=KEY_MAX), metadata={
        "description": "An idempotency key (a random text): a retry with the same key "
                       "counts once and answers 200."})
    member_id = id_field(load_default=None, allow_none=True, metadata={
        "description": "Cast the ballot of an absent member whose proxy you hold."})
    for_all = ma.fields.Boolean(load_default=False, truthy={True}, falsy={False}, metadata={
        "description": "Cast the same ballot for yourself and every member you represent."})


class PaperBallotSchema(BallotContentSchema):
    user_id = id_field(required=True, metadata={
        "description": "The entitled member whose paper ballot this is."})


# --- out ------------------------------------------------------------------------

class OptionSchema(ma.Schema):
    id = WholeNumber()
    label = ma.fields.String()


class TurnoutSchema(ma.Schema):
    count = WholeNumber(metadata={"description": "Ballots cast."})
    weight = ma.fields.String(metadata={"description": "Their weight, a decimal string."})
    entitled_count = WholeNumber(metadata={
        "description": "Members entitled, frozen when the poll opened."})
    entitled_weight = ma.fields.String()


class ScaleSchema(ma.Schema):
    """What a poll's result bars are drawn against (voting.rules.bar_scale)."""

    base = ma.fields.String(metadata={
        "description": "The weight the rule takes its passing share of (present, cast, "
                       "all members...): a bar's full length."})
    threshold = ma.fields.String(metadata={
        "description": "Where passing starts, in percent of the base (50, 66.67)."})
    outside = ma.fields.List(ma.fields.String(), metadata={
        "description": "Options the base leaves out (abstain, when abstentions are not "
                       "votes)."})


class PollSchema(ma.Schema):
    """A poll as the live room shows it (`poll:opened`, `poll:closed`, `state.polls`)."""

    id = WholeNumber()
    meeting_id = WholeNumber()
    agenda_item_id = WholeNumber()
    title = ma.fields.String()
    kind = ma.fields.String(metadata={"enum": KINDS})
    secret = ma.fields.Boolean()
    live_results = ma.fields.Boolean()
    allow_change = ma.fields.Boolean()
    rule_set = ma.fields.String(metadata={"description": "The rule set that decides it."})
    min_choices = WholeNumber()
    max_choices = WholeNumber(allow_none=True)
    status = ma.fields.String(metadata={"enum": STATUSES})
    options = ma.fields.List(ma.fields.Nested(OptionSchema))
    opened_at = ma.fields.String(allow_none=True, metadata={"description": "ISO 8601, UTC."})
    closes_at = ma.fields.String(allow_none=True, metadata={
        "description": "When the timer closes it; null without a timer."})
    closed_at = ma.fields.String(allow_none=True)
    server_time = ma.fields.String(metadata={"description": "For countdowns."})
    turnout = ma.fields.Nested(TurnoutSchema, metadata={
        "description": "Once opened: ballots cast against those entitled."})
    tally = ma.fields.Dict(metadata={
        "description": "While open, where results are live: per choice (yes/no/abstain) or "
                       "option id, {weight, count}; ranked polls count first preferences."})
    result = ma.fields.Dict(allow_none=True, metadata={
        "description": "Once closed: the frozen tally, the rule applied and the outcome."})
    scale = ma.fields.Nested(ScaleSchema, metadata={
        "description": "With a tally or a result: what its bars are drawn against."})
    passed = ma.fields.Boolean(allow_none=True)
    identifiable_weights = ma.fields.List(ma.fields.String(), metadata={
        "description": "Only for a secret poll not yet open: the weights that only one of "
                       "the members entitled if it opened now holds — each would give that "
                       "member's ballot away (docs/voting.md, Secret polls)."})
    you = ma.fields.Dict(allow_none=True, metadata={
        "description": "Only in GET /polls/<id>, for a signed-in reader: the members whose "
                       "ballots you cast in this poll, which are in, and your own named "
                       "ballot (mine); null when you cast none."})


class BallotResultSchema(ma.Schema):
    poll_id = WholeNumber()
    member_id = WholeNumber(metadata={
        "description": "Whose ballot it is (absent when for_all)."})
    members = ma.fields.List(WholeNumber(), metadata={
        "description": "Every member whose ballot this request cast."})
    new = ma.fields.Boolean(metadata={"description": "A ballot stored now (201)."})
    changed = ma.fields.Boolean(metadata={
        "description": "An earlier ballot replaced (200); neither new nor changed: a retry "
                       "with the same key, counted once (200)."})
    turnout = ma.fields.Nested(TurnoutSchema)


class ResolutionSchema(ma.Schema):
    id = WholeNumber()
    meeting_id = WholeNumber()
    poll_id = WholeNumber()
    agenda_item_id = WholeNumber()
    text = ma.fields.String()
    rule_set = ma.fields.String()
    tally = ma.fields.Dict(metadata={"description": "The poll's result, frozen at close."})
    decided_at = ma.fields.AwareDateTime()
