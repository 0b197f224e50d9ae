"""The live room's pages: a member's room, the chair's console, the projector, the QR code.

Each page draws the current state from the same snapshot a socket client
gets (`live.room_snapshot.snapshot`), so it works without JavaScript. Every button is a
form posted here: load, authorise, call the same service as the /live event,
commit once, redirect back; a refusal becomes a flash message. With
JavaScript, static/js/room.js and chair.js send the socket event instead and
follow the broadcasts.
"""

from __future__ import annotations

import io
import math
from datetime import datetime

import segno
from flask import abort, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from govhub.auth.models import User
from govhub.auth.queries import find_user
from govhub.core.errors import DomainError
from govhub.core.guards import require
from govhub.core.models import utcnow
from govhub.councils.labels import rule_set_explained
from govhub.councils.permissions import can_ask_to_join
from govhub.councils.queries import active_membership, members_of, pending_join_request
from govhub.extensions import db
from govhub.live import room_snapshot
from govhub.meetings import attendance, bp, permissions, services, speakers
from govhub.meetings.labels import item_status_label, status_label
from govhub.meetings.models import ItemStatus, Meeting, MeetingStatus
from govhub.meetings.queries import item_of, present_members, sees_drafts, visible_meeting
from govhub.meetings.rules import AGENDA_EDITABLE
from govhub.voting.display import poll_form_for
from govhub.voting.queries import identifiable_now
from govhub.web.view_helpers import attempt, whole_number

CONSOLE_STEPS = (MeetingStatus.IN_SESSION, MeetingStatus.ADJOURNED)
# When the meeting's page and the room link the console and the projector (for the chair).
CONSOLE_OPEN = frozenset({MeetingStatus.SCHEDULED, MeetingStatus.IN_SESSION})
EDITABLE = {status.value for status in AGENDA_EDITABLE}
OVER = {MeetingStatus.ADJOURNED.value, MeetingStatus.MINUTES_PUBLISHED.value}
# What the chair picks from for each speaker's time, in seconds (and the current setting).
SPEAKING_TIMES = (60, 120, 180, 240, 300, 600, 900)


# --- loading and answering ------------------------------------------------------------

def _projectable(meeting_id: int) -> Meeting:
    """The meeting for a projector: public, seen by the visitor, or opened with its key."""
    return visible_meeting(current_user, meeting_id, request.args.get("key", type=str))


def item_or_404(meeting: Meeting, item_id: int):
    """The agenda item of this meeting, or the 404 page (the meeting's page uses it too)."""
    item = item_of(meeting, item_id)
    if item is None:
        abort(404)
    return item


def join_url(meeting: Meeting) -> str:
    """Where the QR code and the join code lead: /join/<code>, as an absolute URL."""
    for endpoint in ("meetings.join_code", "meetings.join_with_code"):
        if endpoint in current_app.view_functions:
            return url_for(endpoint, code=meeting.join_code, _external=True)
    return f"{request.host_url}join/{meeting.join_code}"


def projector_url(meeting: Meeting) -> str:
    """The projector's address; a private meeting's carries the key that opens it."""
    key = None if meeting.is_public else meeting.projector_key
    return url_for("meetings.projector", meeting_id=meeting.id, key=key, _external=True)


def chair_links(meeting: Meeting, user) -> dict:
    """The console's and the projector's addresses for those who run the room, else none."""
    if meeting.status not in CONSOLE_OPEN or not permissions.can_chair(user, meeting):
        return {"console_url": None, "projector_url": None}
    return {"console_url": url_for("meetings.chair", meeting_id=meeting.id),
            "projector_url": projector_url(meeting)}


# --- what the pages show ------------------------------------------------------------

def countdown_text(speakers_state: dict) -> str:
    """The current speaker's time left as m:ss ("+m:ss" once over), for pages without JS."""
    current = speakers_state.get("current")
    if not current:
        return ""
    started = datetime.fromisoformat(current["started_at"])
    left = math.ceil(current["seconds"] - (utcnow() - started).total_seconds())
    sign, left = ("+", -left) if left < 0 else ("", left)
    return f"{sign}{left // 60}:{left % 60:02d}"


def page_flags(state: dict, you: dict, votes: bool = False) -> set[str]:
    """Which parts of a live page show: `data-show-if` names flags that must all hold.

    static/js/live.js computes the same flags from each new state.
    """
    me, speakers_state = you.get("user_id"), state["speakers"]
    status = state["meeting"]["status"]
    speaking = bool(me and speakers_state["current"]
                    and speakers_state["current"]["user_id"] == me)
    queued = bool(me and any(entry["user_id"] == me for entry in speakers_state["queue"]))
    flags = {status, "present" if you.get("present") else "absent",
             "speaking" if speaking else "notspeaking", "queued" if queued else "notqueued",
             "proxy" if you.get("proxy_holder_id") else "noproxy"}
    optional = {"item": state["agenda"]["current_item_id"], "holding": you.get("proxies_held"),
                "voter": votes, "member": you.get("member"),
                "editable": status in EDITABLE, "over": status in OVER}
    return flags | {flag for flag, holds in optional.items() if holds}


def shared_context(meeting: Meeting, user) -> dict:
    """The room, the console and the projector all start from the socket's snapshot."""
    state = room_snapshot.snapshot(meeting, sees_drafts(user, meeting))
    you = room_snapshot.viewer_state(meeting, user)
    return {
        "meeting": meeting, "council": meeting.council, "state": state, "you": you,
        "flags": page_flags(state, you), "current_item": meeting.current_item,
        "rule": rule_set_explained(meeting.council.rule_set),
        "countdown": countdown_text(state["speakers"]),
        "status_label": status_label, "item_status_label": item_status_label,
        "statuses": list(MeetingStatus), "item_statuses": list(ItemStatus),
        "meeting_url": (url_for("meetings.show", meeting_id=meeting.id)
                        if "meetings.show" in current_app.view_functions else None),
    }


def room_context(meeting: Meeting, user) -> dict:
    context = shared_context(meeting, user)
    you = context["you"]
    membership = (active_membership(meeting.council_id, user.id)
                  if user.is_authenticated else None)
    holder_id = you.get("proxy_holder_id")
    context.update(
        votes=bool(membership and membership.votes and you["member"]),
        proxy_holder=db.session.get(User, holder_id) if holder_id else None,
        **chair_links(meeting, user),
    )
    context["flags"] = page_flags(context["state"], you, context["votes"])
    context["seat_help"] = seat_help(meeting, user, you)
    return context


def seat_help(meeting: Meeting, user, you: dict) -> str | None:
    """Why a signed-in visitor cannot check in, as the room explains it: their account
    waits for confirmation, they asked to join, they may ask, or a worker seats members."""
    if not getattr(user, "is_authenticated", False) or you["member"]:
        return None
    if not user.is_confirmed:
        return "unconfirmed"
    if permissions.is_member(user, meeting):
        return None  # a member, when the meeting is not open for check-in
    if pending_join_request(meeting.council_id, user.id) is not None:
        return "pending"
    return "ask" if can_ask_to_join(user, meeting.council) else "staff"


def chair_context(meeting: Meeting, user) -> dict:
    context = shared_context(meeting, user)
    present = {person.id for person, _ in present_members(meeting)}
    new_poll_form = poll_form_for(meeting, user, "chair")
    context.update(
        members=[(m.user, m.user_id in present) for m in members_of(meeting.council)],
        projector_url=projector_url(meeting),
        speaking_times=sorted({*SPEAKING_TIMES, meeting.speaking_seconds}),
        new_poll_form=new_poll_form,
        identifiable=identifiable_now(meeting) if new_poll_form else [],
    )
    return context


def proxy_context(meeting: Meeting, user) -> dict:
    """Present voting members, other than the one choosing: who may hold their proxy."""
    context = room_context(meeting, user)
    voters = {m.user_id for m in members_of(meeting.council) if m.votes}
    context["candidates"] = [person for person, _ in present_members(meeting)
                             if person.id in voters and person.id != user.id]
    return context


# --- pages --------------------------------------------------------------------------

@bp.get("/meetings/<int:meeting_id>/room")
def room(meeting_id: int):
    meeting = visible_meeting(current_user, meeting_id)
    return render_template("meetings/room.html", **room_context(meeting, current_user))


@bp.get("/meetings/<int:meeting_id>/chair")
@login_required
def chair(meeting_id: int):
    meeting = visible_meeting(current_user, meeting_id)
    require(permissions.can_chair(current_user, meeting))
    context = chair_context(meeting, current_user)
    return render_template("meetings/chair.html", join_url=join_url(meeting), **context)


@bp.get("/meetings/<int:meeting_id>/projector")
def projector(meeting_id: int):
    meeting = _projectable(meeting_id)
    key = request.args.get("key", type=str) if not meeting.is_public else None
    return render_template("meetings/projector.html", join_url=join_url(meeting),
                           projector_key=key, **shared_context(meeting, current_user))


@bp.get("/meetings/<int:meeting_id>/qr.svg")
def qr_svg(meeting_id: int):
    meeting = _projectable(meeting_id)
    svg = io.BytesIO()
    segno.make(join_url(meeting), error="m").save(
        svg, kind="svg", border=2, omitsize=True, xmldecl=False, svgclass="qr",
        lineclass=None, title=_("Scan to join the meeting"))
    response = current_app.response_class(svg.getvalue(), mimetype="image/svg+xml")
    response.headers["Cache-Control"] = "private, max-age=3600"
    return response


@bp.get("/meetings/<int:meeting_id>/room/proxy")
@login_required
def room_proxy(meeting_id: int):
    meeting = visible_meeting(current_user, meeting_id)
    require(permissions.can_attend(current_user, meeting))
    return render_template("meetings/_live_proxy.html",
                           **proxy_context(meeting, current_user))


# --- a member's buttons --------------------------------------------------------------

def _member_action(meeting_id: int, action) -> object:
    meeting = visible_meeting(current_user, meeting_id)
    require(permissions.can_attend(current_user, meeting))
    attempt(action, meeting, raise_forbidden=True)
    return redirect(url_for("meetings.room", meeting_id=meeting.id))


@bp.post("/meetings/<int:meeting_id>/room/check-in")
@login_required
def room_check_in(meeting_id: int):
    return _member_action(meeting_id, lambda m: attendance.check_in(current_user, m))


@bp.post("/meetings/<int:meeting_id>/room/check-out")
@login_required
def room_check_out(meeting_id: int):
    return _member_action(meeting_id, lambda m: attendance.check_out(current_user, m))


@bp.post("/meetings/<int:meeting_id>/room/speak")
@login_required
def room_speak(meeting_id: int):
    return _member_action(meeting_id, lambda m: speakers.request_to_speak(current_user, m))


@bp.post("/meetings/<int:meeting_id>/room/withdraw")
@login_required
def room_withdraw(meeting_id: int):
    return _member_action(meeting_id, lambda m: speakers.withdraw(current_user, m))


@bp.post("/meetings/<int:meeting_id>/room/proxy")
@login_required
def room_name_proxy(meeting_id: int):
    holder_id = whole_number(request.form.get("holder_id"))
    holder = find_user(holder_id)
    return _member_action(meeting_id, lambda m: attendance.name_proxy(current_user, m, holder))


@bp.post("/meetings/<int:meeting_id>/room/proxy/revoke")
@login_required
def room_revoke_proxy(meeting_id: int):
    return _member_action(meeting_id, lambda m: attendance.revoke_proxy(current_user, m))


# --- the chair's buttons ---------------------------------------------------------------

def _chair_action(meeting_id: int, action) -> object:
    meeting = visible_meeting(current_user, meeting_id)
    require(permissions.can_chair(current_user, meeting))
    attempt(action, meeting, raise_forbidden=True)
    return redirect(url_for("meetings.chair", meeting_id=meeting.id))


@bp.post("/meetings/<int:meeting_id>/chair/move")
@login_required
def chair_move(meeting_id: int):
    target = request.form.get("status", "")
    if target not in CONSOLE_STEPS:
        abort(400)

    def move(meeting: Meeting) -> None:
        if target == MeetingStatus.ADJOURNED and request.form.get("confirm") != "yes":
            raise DomainError("not_confirmed", _("Tick the box to confirm that the meeting "
                                                 "is adjourned."), "confirm")
        services.move_meeting(current_user, meeting, target)

    return _chair_action(meeting_id, move)


@bp.post("/meetings/<int:meeting_id>/chair/advance")
@login_required
def chair_advance(meeting_id: int):
    item_id = whole_number(request.form.get("item_id"))

    def advance(meeting: Meeting) -> None:
        item = item_of(meeting, item_id) if item_id is not None else None
        if item_id is not None and item is None:
            abort(404)
        services.advance_agenda(current_user, meeting, item)

    return _chair_action(meeting_id, advance)


@bp.post("/meetings/<int:meeting_id>/chair/items/<int:item_id>/status")
@login_required
def chair_item_status(meeting_id: int, item_id: int):
    return _chair_action(meeting_id, lambda m: services.set_item_status(
        current_user, item_or_404(m, item_id), request.form.get("status", "")))


@bp.post("/meetings/<int:meeting_id>/chair/items/<int:item_id>/move")
@login_required
def chair_item_move(meeting_id: int, item_id: int):
    step = {"up": -1, "down": 1}.get(request.form.get("direction", ""))
    if step is None:
        abort(400)

    def move(meeting: Meeting) -> None:
        order = [item.id for item in meeting.items]
        index = order.index(item_or_404(meeting, item_id).id)
        if 0 <= index + step < len(order):
            order[index], order[index + step] = order[index + step], order[index]
            services.reorder_items(current_user, meeting, order)

    return _chair_action(meeting_id, move)


@bp.post("/meetings/<int:meeting_id>/chair/next-speaker")
@login_required
def chair_next_speaker(meeting_id: int):
    return _chair_action(meeting_id, lambda m: speakers.next_speaker(current_user, m))


@bp.post("/meetings/<int:meeting_id>/chair/speaking-time")
@login_required
def chair_speaking_time(meeting_id: int):
    seconds = whole_number(request.form.get("seconds"))
    return _chair_action(meeting_id, lambda m: speakers.set_speaking_time(current_user, m,
                                                                           seconds))


@bp.post("/meetings/<int:meeting_id>/chair/attendance")
@login_required
def chair_attendance(meeting_id: int):
    user_id = whole_number(request.form.get("user_id"))
    present = request.form.get("present")

    def record(meeting: Meeting) -> None:
        member = find_user(user_id)
        if member is None:
            raise DomainError("unknown_user", _("Choose a member of the council."), "user_id")
        if present == "1":
            attendance.check_in(current_user, meeting, member)
        elif present == "0":
            attendance.check_out(current_user, meeting, member)
        else:
            abort(400)

    return _chair_action(meeting_id, record)

