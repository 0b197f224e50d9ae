"""JSON routes for polls, ballots and resolutions: the same permissions and services as /live.

Each handler loads, authorises, calls a service, commits once and answers;
the services queue the broadcasts (`poll:opened`, `poll:tally`,
`poll:closed`), which leave after the commit, so a ballot cast here moves
the live room's turnout like one cast from a phone. Ballots sent here are
cast directly, one transaction each (the live room's group commit is only
for its bursts). A poll whose meeting the token's user may not see answers
404, like one that does not exist.
"""

from __future__ import annotations

import functools

import sqlalchemy as sa
from flask import g

from govhub.api import BEARER, OPTIONAL_BEARER, error_responses
from govhub.api.auth import optional_token, token_required
from govhub.auth.models import User
from govhub.core.models import is_id
from govhub.extensions import db
from govhub.meetings.queries import item_of, visible_meeting
from govhub.voting import api_bp, ballots, services
from govhub.voting.models import Poll, Resolution
from govhub.voting.queries import ballots_of_viewer, poll_payload, turnout, visible_poll
from govhub.voting.schemas import (
    BallotResultSchema,
    BallotSchema,
    PaperBallotSchema,
    PollCreateSchema,
    PollOpenSchema,
    PollSchema,
    ResolutionSchema,
)

errors = functools.partial(error_responses, api_bp)

BALLOT_FIELDS = ("choice", "choices", "ranking")


def _content(body: dict) -> dict:
    """The ballot itself, as the live room's poll:vote carries it."""
    return {name: body[name] for name in BALLOT_FIELDS if name in body}


def _ballot_answer(poll: Poll, results: list[dict]):
    """201 when a ballot was stored now, else 200 (a change, or a retry counted once)."""
    answer = {"poll_id": poll.id, "members": [r["member_id"] for r in results],
              "new": any(r["new"] for r in results),
              "changed": any(r["changed"] for r in results), "turnout": turnout(poll)}
    if len(results) == 1:
        answer["member_id"] = results[0]["member_id"]
    return answer, 201 if answer["new"] else 200


# --- polls ----------------------------------------------------------------------------

@api_bp.post("/meetings/<int:meeting_id>/polls")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(PollCreateSchema)
@api_bp.response(201, PollSchema)
@errors(400, 401, 403, 404, 409, 422)
def create_poll(body, meeting_id):
    """Prepare a poll on an agenda item (organisers and the chair; until the meeting ends)."""
    meeting = visible_meeting(g.api_user, meeting_id)
    poll = services.create_poll(
        g.api_user, meeting, item_of(meeting, body["item_id"]), body["title"], body["kind"],
        options=body["options"], secret=body["secret"], live_results=body["live_results"],
        allow_change=body["allow_change"], rule_set=body["rule_set"],
        min_choices=body["min_choices"], max_choices=body["max_choices"])
    db.session.commit()
    return poll_payload(poll)


@api_bp.get("/polls/<int:poll_id>")
@api_bp.doc(security=OPTIONAL_BEARER)
@optional_token
@api_bp.response(200, PollSchema)
@errors(401, 404)
def get_poll(poll_id):
    """A poll: its options, turnout, the live tally where shown, the result once closed."""
    poll = visible_poll(g.api_user, poll_id, drafts_hidden=True)
    payload = poll_payload(poll)
    mine = None
    if g.api_user is not None:
        mine = ballots_of_viewer(poll.meeting, g.api_user)["ballots"].get(str(poll.id))
    db.session.commit()
    return {**payload, "you": mine}


@api_bp.post("/polls/<int:poll_id>/open")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(PollOpenSchema, required=False)
@api_bp.response(200, PollSchema)
@errors(400, 401, 403, 404, 409, 422)
def open_poll(body, poll_id):
    """Open the poll on the current item (the chair, staff); who may vote is frozen now."""
    poll = visible_poll(g.api_user, poll_id, drafts_hidden=True)
    services.open_poll(g.api_user, poll, body["closes_in_seconds"])
    db.session.commit()
    return poll_payload(poll)


@api_bp.post("/polls/<int:poll_id>/close")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.response(200, PollSchema)
@errors(401, 403, 404, 409)
def close_poll(poll_id):
    """Close the poll (the chair, staff): the result is frozen; a passed poll is resolved."""
    poll = visible_poll(g.api_user, poll_id, drafts_hidden=True)
    services.close_poll(g.api_user, poll)
    db.session.commit()
    return poll_payload(poll)


# --- ballots ----------------------------------------------------------------------------

@api_bp.post("/polls/<int:poll_id>/ballots")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(BallotSchema)
@api_bp.response(201, BallotResultSchema)
@api_bp.alt_response(200, schema=BallotResultSchema,
                     description="A changed ballot, or a retry with the same key counted once.")
@errors(401, 403, 404, 409, 422)
def cast_ballot(body, poll_id):
    """Cast your ballot, a represented member's (member_id), or all you hold (for_all).

    Refusals: poll_not_open, poll_closed, already_voted (409); not_entitled
    (403); a ballot that does not fit the poll answers 422 with the reason as
    the code: bad_choice, too_few_choices, too_many_choices, duplicate_choice,
    incomplete_ranking.
    """
    poll = visible_poll(g.api_user, poll_id, drafts_hidden=True)
    actor, content = g.api_user, _content(body)
    if body["for_all"]:
        results = ballots.cast_all(actor, poll, content, key=body["key"])
    else:
        member = None
        if body["member_id"] is not None:
            member = ballots.represented_member(actor, poll, body["member_id"])
        results = [ballots.cast_ballot(actor, poll, content, member=member, key=body["key"])]
    db.session.commit()
    return _ballot_answer(poll, results)


@api_bp.post("/polls/<int:poll_id>/paper-ballots")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(PaperBallotSchema)
@api_bp.response(201, BallotResultSchema)
@api_bp.alt_response(200, schema=BallotResultSchema, description="A changed paper ballot.")
@errors(401, 403, 404, 409, 422)
def record_paper_ballot(body, poll_id):
    """Enter the paper ballot of a member without a phone (the chair, staff; named polls only).

    The audit trail records who entered it; the ballot says `via: paper`.
    """
    poll = visible_poll(g.api_user, poll_id, drafts_hidden=True)
    member = db.session.get(User, body["user_id"]) if is_id(body["user_id"]) else None
    result = ballots.record_paper_ballot(g.api_user, poll, member, _content(body))
    db.session.commit()
    return _ballot_answer(poll, [result])


# --- resolutions ---------------------------------------------------------------------------

@api_bp.get("/meetings/<int:meeting_id>/resolutions")
@api_bp.doc(security=OPTIONAL_BEARER)
@optional_token
@api_bp.response(200, ResolutionSchema(many=True))
@errors(401, 404)
def list_resolutions(meeting_id):
    """What the meeting's passed polls decided, with their frozen tallies, in order."""
    meeting = visible_meeting(g.api_user, meeting_id)
    resolutions = db.session.scalars(
        sa.select(Resolution).where(Resolution.meeting_id == meeting.id)
        .order_by(Resolution.decided_at, Resolution.id)).all()
    db.session.commit()
    return resolutions
