"""Reading polls: who may vote, turnout, tallies, results, and the room's payloads.

Every figure is counted from the stored ballots: the live tally, the frozen
result and a recount can never disagree.
"""

from __future__ import annotations

import json
from decimal import Decimal

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy import orm

from govhub.core.errors import DomainError
from govhub.core.models import is_id, utcnow
from govhub.councils.models import CouncilMembership, MemberRole
from govhub.councils.rules import RULE_SETS, RuleSet, weight_text
from govhub.extensions import db
from govhub.meetings.models import Attendance, Meeting
from govhub.meetings.permissions import can_view
from govhub.meetings.queries import sees_drafts
from govhub.voting import kinds, rules
from govhub.voting.models import (
    Ballot,
    Entitlement,
    Poll,
    PollStatus,
    Receipt,
    SecretBallot,
)


def find_poll(poll_id) -> Poll | None:
    return db.session.get(Poll, poll_id) if is_id(poll_id) else None


def visible_poll(actor, poll_id, projector_key: str | None = None,
                 drafts_hidden: bool = False) -> Poll:
    """The poll, if the actor may see its meeting (and, `drafts_hidden`, a draft only if they
    prepare polls); else 404 `unknown_poll`, as for one that does not exist, before any 403
    of what they may do with it. Every page, endpoint and live event loads here."""
    poll = find_poll(poll_id)
    if poll is None or not can_view(actor, poll.meeting, projector_key=projector_key) or (
            drafts_hidden and poll.status == PollStatus.DRAFT
            and not sees_drafts(actor, poll.meeting)):
        raise unknown_poll()
    return poll


def unknown_poll() -> DomainError:
    """The refusal for a poll that does not exist, or one the actor may not know of."""
    return DomainError("unknown_poll", _("There is no such poll."), "poll_id", status=404)


def overdue_polls() -> list[Poll]:
    """Open polls whose timer has run out, by the app's clock."""
    return list(db.session.scalars(sa.select(Poll).where(
        Poll.status == PollStatus.OPEN, Poll.closes_at.is_not(None),
        Poll.closes_at <= utcnow()).order_by(Poll.closes_at, Poll.id)))


def polls_of_meeting(meeting: Meeting) -> list[Poll]:
    return list(db.session.scalars(
        sa.select(Poll).options(orm.selectinload(Poll.options))
        .where(Poll.meeting_id == meeting.id).order_by(Poll.id)))


def rules_of(poll: Poll) -> RuleSet:
    """The poll's own rule set if it overrides the council's, else the council's."""
    return RULE_SETS.get(poll.rule_set) or poll.meeting.council.rules


# --- who may vote ----------------------------------------------------------------------

def entitled_members(meeting: Meeting) -> list[tuple[int, Decimal, int]]:
    """(member, weight, who casts the ballot) for every member entitled right now."""
    voters = db.session.execute(
        sa.select(CouncilMembership.user_id, CouncilMembership.vote_weight)
        .where(CouncilMembership.council_id == meeting.council_id,
               CouncilMembership.active.is_(True),
               CouncilMembership.role != MemberRole.OBSERVER)).all()
    attendance = db.session.execute(
        sa.select(Attendance.user_id, Attendance.present, Attendance.proxy_holder_id)
        .where(Attendance.meeting_id == meeting.id)).all()
    present = {user_id for user_id, is_present, _holder in attendance if is_present}
    holders = {user_id: holder for user_id, _present, holder in attendance}
    everyone = meeting.council.poll_entitlement == "all"
    entitled = []
    for user_id, weight in voters:
        holder = holders.get(user_id)
        if user_id in present:
            entitled.append((user_id, weight, user_id))
        elif holder in present:
            entitled.append((user_id, weight, holder))
        elif everyone:
            entitled.append((user_id, weight, user_id))
    return entitled


def members_now(meeting: Meeting) -> Decimal:
    """The weight of the council's active voting members now: what open_poll freezes."""
    weight = db.session.scalar(
        sa.select(sa.func.sum(CouncilMembership.vote_weight))
        .where(CouncilMembership.council_id == meeting.council_id,
               CouncilMembership.active.is_(True),
               CouncilMembership.role != MemberRole.OBSERVER))
    return Decimal(weight or 0)


def identifiable_now(meeting: Meeting) -> list[str]:
    """The weights that would give a secret ballot away if a poll opened now (rules.py)."""
    return [weight_text(weight) for weight in rules.identifiable_weights(
        weight for _member, weight, _holder in entitled_members(meeting))]


def _weight_and_count(query) -> tuple[Decimal, int]:
    weight, count = db.session.execute(query).one()
    return Decimal(weight or 0), int(count or 0)


def turnout(poll: Poll) -> dict:
    """Ballots cast against those entitled, by count and by weight."""
    entitled_weight, entitled_count = _weight_and_count(
        sa.select(sa.func.sum(Entitlement.weight), sa.func.count(Entitlement.id))
        .where(Entitlement.poll_id == poll.id))
    if poll.secret:
        cast_weight, cast_count = _weight_and_count(
            sa.select(sa.func.sum(Entitlement.weight), sa.func.count(Receipt.id))
            .join(Entitlement, sa.and_(Entitlement.poll_id == Receipt.poll_id,
                                       Entitlement.user_id == Receipt.voter_id))
            .where(Receipt.poll_id == poll.id))
    else:
        cast_weight, cast_count = _weight_and_count(
            sa.select(sa.func.sum(Ballot.weight), sa.func.count(Ballot.id))
            .where(Ballot.poll_id == poll.id))
    return {"count": cast_count, "weight": weight_text(cast_weight),
            "entitled_count": entitled_count, "entitled_weight": weight_text(entitled_weight)}


# --- counting --------------------------------------------------------------------------------

def stored_ballots(poll: Poll) -> list[tuple[tuple, Decimal]]:
    model = SecretBallot if poll.secret else Ballot
    rows = db.session.execute(sa.select(model.content, model.weight)
                              .where(model.poll_id == poll.id)).all()
    return [(tuple(content), Decimal(weight)) for content, weight in rows]


def ballot_groups(poll: Poll) -> list[tuple[tuple, Decimal, int]]:
    """The stored ballots grouped by content: (content, their total weight, how many).

    A live tally is counted several times a second while thousands vote; the
    database groups the identical ballots (most of them, on a yes/no poll)
    so that Python reads a handful of rows instead of every ballot.
    """
    model = SecretBallot if poll.secret else Ballot
    as_text = sa.cast(model.content, sa.Text)
    rows = db.session.execute(sa.select(as_text, sa.func.sum(model.weight), sa.func.count())
                              .where(model.poll_id == poll.id).group_by(as_text)).all()
    return [(tuple(json.loads(content)), Decimal(weight), count) for content, weight, count in rows]


def _option_ids(poll: Poll) -> list[int]:
    return [option.id for option in poll.options]


def tally_of(poll: Poll, groups: list | None = None) -> dict:
    """The count by choice, as the poll's kind counts it (govhub/voting/kinds/).

    `groups` as ballot_groups gives them; a list of single ballots (content,
    weight) counts each as one.
    """
    groups = ballot_groups(poll) if groups is None else [
        group if len(group) == 3 else (*group, 1) for group in groups]
    return kinds.get(poll.kind).tally(groups, _option_ids(poll))


def result_of(poll: Poll) -> dict:
    """The frozen result: tally, the rule applied, the weights it was applied to, the outcome."""
    ballots = stored_ballots(poll)
    kind, option_ids = kinds.get(poll.kind), _option_ids(poll)
    rule = rules_of(poll)
    figures = turnout(poll)
    present, members = _present_and_members(poll, Decimal(figures["entitled_weight"]))
    outcome = kind.decide(ballots, option_ids, present, members, rule)
    return {
        "kind": poll.kind, "rule_set": rule.key, "turnout": figures,
        "present_weight": weight_text(present), "members_weight": weight_text(members),
        "tally": tally_of(poll, ballots),
        "outcome": {"passed": outcome.passed, "quorum_met": outcome.quorum_met,
                    "base": weight_text(outcome.base), "needed": weight_text(outcome.needed),
                    "yes": weight_text(outcome.yes), "winner": outcome.winner},
        **kind.details(ballots, option_ids, present, members, rule),
    }


def _present_and_members(poll: Poll, entitled_weight: Decimal) -> tuple[Decimal, Decimal]:
    """Those present and all voting members, as the poll froze them when it opened.

    The members' weight is the one frozen at opening. When only those present
    may vote, the present weight is the entitled weight frozen then; when all
    members may, it is the weight of the poll's entitled members present (or
    represented) now: nobody seated after the opening counts, present or not.
    """
    members = Decimal(poll.members_weight)
    if poll.meeting.council.poll_entitlement == "all":
        return _present_among_entitled(poll), members
    return entitled_weight, members


def _present_among_entitled(poll: Poll) -> Decimal:
    """The weight of the poll's entitled members checked in, or represented by a present
    proxy holder, now (the meeting's attendance, its entitlements' frozen weights)."""
    own, holder = orm.aliased(Attendance), orm.aliased(Attendance)
    weight = db.session.scalar(
        sa.select(sa.func.sum(Entitlement.weight)).select_from(Entitlement)
        .join(own, sa.and_(own.meeting_id == poll.meeting_id,
                           own.user_id == Entitlement.user_id))
        .outerjoin(holder, sa.and_(holder.meeting_id == poll.meeting_id,
                                   holder.user_id == own.proxy_holder_id))
        .where(Entitlement.poll_id == poll.id,
               sa.or_(own.present.is_(True), holder.present.is_(True))))
    return Decimal(weight or 0)


# --- payloads for the room -------------------------------------------------------------------

def scale_payload(scale: rules.BarScale) -> dict:
    """A BarScale as the payloads carry it: {"base", "threshold", "outside"}, as text."""
    return {"base": weight_text(scale.base), "threshold": weight_text(scale.threshold),
            "outside": list(scale.outside)}


def closed_scale(result: dict) -> dict:
    """A closed poll's bars: against the base its frozen outcome was decided on."""
    rule = RULE_SETS.get(result.get("rule_set")) or RULE_SETS["organic_law"]
    return scale_payload(kinds.get(result["kind"]).bar_scale(
        Decimal(result["outcome"]["base"]), rule))


def live_tally(poll: Poll, figures: dict) -> dict:
    """An open poll's live tally and its bars' scale: the base the rule would decide on now."""
    groups = ballot_groups(poll)
    ballots = [(content, weight) for content, weight, _count in groups]
    kind, rule = kinds.get(poll.kind), rules_of(poll)
    present, members = _base_weights(poll, rule, Decimal(figures["entitled_weight"]))
    outcome = kind.decide(ballots, _option_ids(poll), present, members, rule)  # for its base
    return {"tally": tally_of(poll, groups),
            "scale": scale_payload(kind.bar_scale(outcome.base, rule))}


def _base_weights(poll: Poll, rule: RuleSet, entitled_weight: Decimal) -> tuple[Decimal, Decimal]:
    """Those present and all members, as frozen at opening; the attendance is read only
    where the rule's base names those present and all members may vote: a live tally goes
    out every interval and to every phone that joins."""
    if (kinds.get(poll.kind).live_base_reads_attendance(rule)
            and poll.meeting.council.poll_entitlement == "all"):
        return _present_and_members(poll, entitled_weight)
    return entitled_weight, Decimal(poll.members_weight)


def tally_payload(poll: Poll) -> dict:
    """What `poll:tally` carries: turnout always; where results are live, the tally and the
    scale its bars are drawn against."""
    figures = turnout(poll)
    payload = {"poll_id": poll.id, "meeting_id": poll.meeting_id, "turnout": figures,
               "server_time": utcnow().isoformat()}
    if poll.live_results:
        payload.update(live_tally(poll, figures))
    return payload


def poll_payload(poll: Poll) -> dict:
    payload = {
        "id": poll.id, "meeting_id": poll.meeting_id, "agenda_item_id": poll.agenda_item_id,
        "title": poll.title, "kind": poll.kind, "secret": poll.secret,
        "live_results": poll.live_results, "allow_change": poll.allow_change,
        "rule_set": rules_of(poll).key, "min_choices": poll.min_choices,
        "max_choices": poll.max_choices, "status": poll.status.value,
        "options": [{"id": o.id, "label": o.label} for o in poll.options],
        "opened_at": poll.opened_at.isoformat() if poll.opened_at else None,
        "closes_at": poll.closes_at.isoformat() if poll.closes_at else None,
        "closed_at": poll.closed_at.isoformat() if poll.closed_at else None,
        "server_time": utcnow().isoformat(),
    }
    if poll.status == PollStatus.CLOSED and poll.result:
        # Frozen at close and equal to a recount; a hall rejoining after a vote
        # would otherwise count every closed poll's ballots once per phone.
        payload["turnout"] = poll.result["turnout"]
        payload["scale"] = closed_scale(poll.result)
    elif poll.status != PollStatus.DRAFT:
        payload["turnout"] = turnout(poll)
    if poll.status == PollStatus.OPEN and poll.live_results:
        payload.update(live_tally(poll, payload["turnout"]))
    if poll.status == PollStatus.DRAFT and poll.secret:
        payload["identifiable_weights"] = identifiable_now(poll.meeting)
    if poll.status == PollStatus.CLOSED:
        payload["result"], payload["passed"] = poll.result, poll.passed
    return payload


def polls_payload(meeting: Meeting, include_drafts: bool = False) -> list[dict]:
    """The meeting's polls; drafts only for those who prepare them (the chair's room)."""
    return [poll_payload(poll) for poll in polls_of_meeting(meeting)
            if include_drafts or poll.status != PollStatus.DRAFT]


def ballots_of_viewer(meeting: Meeting, user) -> dict:
    """For each open or closed poll: whose ballots this viewer casts, and which are in.

    A fixed number of statements however many polls the meeting held: the
    whole hall asks for this when it rejoins after a dropped connection.
    """
    rows = db.session.execute(
        sa.select(Poll.id, Poll.secret, Entitlement.user_id)
        .join(Entitlement, Entitlement.poll_id == Poll.id)
        .where(Poll.meeting_id == meeting.id, Entitlement.holder_id == user.id)
        .order_by(Entitlement.id)).all()
    named = _stored(Ballot, [(poll_id, member) for poll_id, secret, member in rows if not secret])
    secret = _stored(Receipt, [(poll_id, member) for poll_id, is_secret, member in rows
                               if is_secret])
    ballots: dict[str, dict] = {}
    for poll_id, is_secret, member_id in rows:
        entry = ballots.setdefault(str(poll_id), {"members": [], "voted": [], "names": {}})
        entry["members"].append(member_id)
        if member_id != user.id:  # whom a proxy holder votes for, by name
            entry["names"][str(member_id)] = _display_name(member_id)
        stored = (secret if is_secret else named).get((poll_id, member_id))
        if stored is not None:
            entry["voted"].append(member_id)
            if not is_secret and member_id == user.id:
                entry["mine"] = stored
    return {"ballots": ballots}


def _stored(model, wanted: list[tuple[int, int]]) -> dict[tuple[int, int], object]:
    """{(poll, voter): the ballot's content (a receipt: True)} for those of `wanted` stored."""
    if not wanted:
        return {}
    found = model.content if model is Ballot else sa.true()
    rows = db.session.execute(
        sa.select(model.poll_id, model.voter_id, found)
        .where(model.poll_id.in_({poll_id for poll_id, _member in wanted}),
               model.voter_id.in_({member for _poll_id, member in wanted}))).all()
    wanted_pairs = set(wanted)
    return {(poll_id, voter): value for poll_id, voter, value in rows
            if (poll_id, voter) in wanted_pairs}


def _display_name(user_id: int) -> str:
    from govhub.auth.models import User

    user = db.session.get(User, user_id)
    return user.display_name if user is not None else ""


def ballots_of_holder(poll: Poll, holder_id: int) -> dict:
    """`poll:ballots` for a proxy holder: whose ballots they cast in this poll, with names."""
    members = list(db.session.scalars(
        sa.select(Entitlement.user_id).where(Entitlement.poll_id == poll.id,
                                             Entitlement.holder_id == holder_id)
        .order_by(Entitlement.id)))
    return {"meeting_id": poll.meeting_id, "poll_id": poll.id, "members": members, "voted": [],
            "names": {str(m): _display_name(m) for m in members if m != holder_id}}
