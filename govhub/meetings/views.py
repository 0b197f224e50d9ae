"""Meeting pages: scheduling, the meeting's page and record, its agenda, minutes, .ics, join codes.

The live room, chair console and projector are in live_views.py; links to
them are plain paths so that these pages never depend on that module.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from babel.dates import format_date, format_time
from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from govhub.core.errors import DomainError
from govhub.core.guards import require
from govhub.core.time import from_local, to_local
from govhub.councils.permissions import can_see_members
from govhub.councils.queries import get_council_or_404
from govhub.extensions import db
from govhub.meetings import bp, permissions, rules, services
from govhub.meetings.calendar import meeting_ics
from govhub.meetings.forms import (
    AgendaItemForm,
    ButtonForm,
    JoinForm,
    MeetingForm,
    MinutesForm,
    MoveItemForm,
    NewMeetingForm,
    StepForm,
)
from govhub.meetings.labels import item_status_label, status_label, step_label
from govhub.meetings.live_views import chair_links, item_or_404
from govhub.meetings.models import Meeting, MeetingStatus
from govhub.meetings.queries import (
    attendance_record,
    meeting_by_join_code,
    visible_meeting,
)
from govhub.voting.display import meeting_polls
from govhub.web.view_helpers import attempt, show_domain_error

EDITABLE = frozenset({MeetingStatus.DRAFT, MeetingStatus.SCHEDULED})
MINUTES_OPEN = frozenset({MeetingStatus.IN_SESSION, MeetingStatus.ADJOURNED})
ROOM_OPEN = frozenset({MeetingStatus.SCHEDULED, MeetingStatus.IN_SESSION})
RECORD = frozenset({MeetingStatus.ADJOURNED, MeetingStatus.MINUTES_PUBLISHED})
STEP_ORDER = [MeetingStatus.SCHEDULED, MeetingStatus.IN_SESSION, MeetingStatus.ADJOURNED,
              MeetingStatus.MINUTES_PUBLISHED, MeetingStatus.DRAFT]


def meeting_time(moment: datetime | None, timezone: str) -> str:
    """E.g. "Thursday, December 3, 2026 7:30 PM", in the community's zone."""
    if moment is None:
        return ""
    local, locale = to_local(moment, timezone), get_locale()
    day = format_date(local, "full", locale=locale)
    return f"{day} {format_time(local, 'short', locale=locale)}"


@bp.record_once
def _template_helpers(state) -> None:
    state.app.jinja_env.globals.update(
        meeting_status_label=status_label, item_status_label=item_status_label,
        meeting_time=meeting_time, room_path=room_path)


def room_path(meeting: Meeting) -> str:
    return f"/meetings/{meeting.id}/room"


def _attendance(meeting: Meeting) -> dict | None:
    if meeting.status not in RECORD:
        return None
    record = attendance_record(meeting)
    attended = [a for a in record if a.checked_in_at is not None]
    represented = [a for a in record if a.checked_in_at is None and a.proxy_holder_id]
    names = can_see_members(current_user, meeting.council)
    return {"attended": attended if names else None,
            "represented": represented if names else None,
            "attended_count": len(attended), "represented_count": len(represented)}


def _page(meeting: Meeting, item_form: AgendaItemForm | None = None, status: int = 200):
    from govhub.actions.queries import meeting_followup  # action items build on meetings

    user, state = current_user, meeting.status
    organise = permissions.can_organise(user, meeting)
    writes_minutes = permissions.can_write_minutes(user, meeting)
    steps = [(target, step_label(target)) for target in STEP_ORDER
             if rules.can_move(state, target)
             and permissions.can_move_meeting(user, meeting, target)]
    return render_template(
        "meetings/show.html", meeting=meeting, council=meeting.council,
        community=meeting.council.community, steps=steps,
        followup=meeting_followup(user, meeting),
        item_form=item_form or AgendaItemForm(formdata=None),
        can_edit=organise and state in EDITABLE,
        can_add_items=organise and state in rules.AGENDA_EDITABLE,
        can_remove_items=organise and state in EDITABLE,
        can_reorder=(organise or permissions.can_chair(user, meeting))
        and state in rules.AGENDA_EDITABLE,
        can_write_minutes=writes_minutes and state in MINUTES_OPEN,
        show_minutes=bool(meeting.minutes.strip()) and (
            state == MeetingStatus.MINUTES_PUBLISHED or writes_minutes),
        room_open=state in ROOM_OPEN, attendance=_attendance(meeting),
        polls=meeting_polls(meeting, user), **chair_links(meeting, user)), status


@bp.get("/meetings/<int:meeting_id>")
def show(meeting_id: int):
    return _page(visible_meeting(current_user, meeting_id))


# --- scheduling ---------------------------------------------------------------------

def _minutes(seconds: int) -> Decimal:
    """180 -> 3, 90 -> 1.5, 600 -> 10 (never 1E+1), 100 -> 1.67."""
    minutes = (Decimal(seconds) / 60).quantize(Decimal("0.01")).normalize()
    return Decimal(format(minutes, "f"))


def _starts_at(form: MeetingForm, timezone: str) -> datetime:
    return from_local(datetime.combine(form.date.data, form.time.data), timezone)


@bp.route("/councils/<int:council_id>/meetings/new", methods=["GET", "POST"])
@login_required
def create(council_id: int):
    council = get_council_or_404(council_id)
    require(permissions.can_organise_meetings(current_user, council))
    form = NewMeetingForm()
    if form.validate_on_submit():
        try:
            meeting = services.create_meeting(
                current_user, council, form.title.data,
                _starts_at(form, council.community.timezone), place=form.place.data,
                description=form.description.data, is_public=form.is_public.data,
                speaking_seconds=form.speaking_seconds(),
                items=[(title, "") for title in form.item_titles()])
            db.session.commit()
        except DomainError as exc:
            db.session.rollback()
            show_domain_error(form, exc)
        else:
            flash(_("The meeting is drafted. Check its agenda, then schedule it: members "
                    "are notified then."), "success")
            return redirect(url_for("meetings.show", meeting_id=meeting.id))
    return render_template("meetings/edit.html", form=form, council=council,
                           community=council.community, meeting=None)


@bp.route("/meetings/<int:meeting_id>/edit", methods=["GET", "POST"])
@login_required
def edit(meeting_id: int):
    meeting = visible_meeting(current_user, meeting_id)
    require(permissions.can_organise(current_user, meeting))
    if meeting.status not in EDITABLE:
        flash(_("A meeting can be edited until its session opens."), "error")
        return redirect(url_for("meetings.show", meeting_id=meeting.id))
    timezone = meeting.council.community.timezone
    local = to_local(meeting.starts_at, timezone)
    form = MeetingForm(obj=meeting, date=local.date(), time=local.time().replace(second=0),
                       speaking_minutes=_minutes(meeting.speaking_seconds))
    if form.validate_on_submit():
        try:
            services.update_meeting(
                current_user, meeting, title=form.title.data,
                starts_at=_starts_at(form, timezone), place=form.place.data,
                description=form.description.data, is_public=form.is_public.data,
                speaking_seconds=form.speaking_seconds())
            db.session.commit()
        except DomainError as exc:
            db.session.rollback()
            show_domain_error(form, exc)
        else:
            flash(_("The meeting is saved."), "success")
            return redirect(url_for("meetings.show", meeting_id=meeting.id))
    return render_template("meetings/edit.html", form=form, council=meeting.council,
                           community=meeting.council.community, meeting=meeting)


@bp.post("/meetings/<int:meeting_id>/status")
@login_required
def move(meeting_id: int):
    meeting = visible_meeting(current_user, meeting_id)
    form = StepForm()
    if not form.validate_on_submit():
        flash(_("This form has expired. Reload the page and try again."), "error")
        return redirect(url_for("meetings.show", meeting_id=meeting.id))
    try:
        target = MeetingStatus(form.status.data)
    except ValueError:
        flash(_("There is no such stage."), "error")
        return redirect(url_for("meetings.show", meeting_id=meeting.id))
    require(permissions.can_move_meeting(current_user, meeting, target))
    try:
        services.move_meeting(current_user, meeting, target)
        db.session.commit()
    except DomainError as exc:
        db.session.rollback()
        flash(exc.message, "error")
    else:
        flash(_("The meeting is now: %(status)s.", status=status_label(target)), "success")
    return redirect(url_for("meetings.show", meeting_id=meeting.id))


# --- the agenda ---------------------------------------------------------------------

@bp.post("/meetings/<int:meeting_id>/items")
@login_required
def add_item(meeting_id: int):
    meeting = visible_meeting(current_user, meeting_id)
    require(permissions.can_organise(current_user, meeting))
    form = AgendaItemForm()
    if form.validate_on_submit():
        try:
            services.add_item(current_user, meeting, form.title.data, form.description.data)
            db.session.commit()
        except DomainError as exc:
            db.session.rollback()
            show_domain_error(form, exc)
        else:
            flash(_("The item is on the agenda."), "success")
            return redirect(url_for("meetings.show", meeting_id=meeting.id, _anchor="agenda"))
    return _page(meeting, item_form=form)


@bp.route("/meetings/<int:meeting_id>/items/<int:item_id>/edit", methods=["GET", "POST"])
@login_required
def edit_item(meeting_id: int, item_id: int):
    meeting = visible_meeting(current_user, meeting_id)
    item = item_or_404(meeting, item_id)
    require(permissions.can_organise(current_user, meeting))
    form = AgendaItemForm(obj=item)
    if form.validate_on_submit():
        try:
            services.update_item(current_user, item, form.title.data, form.description.data)
            db.session.commit()
        except DomainError as exc:
            db.session.rollback()
            show_domain_error(form, exc)
        else:
            flash(_("The item is saved."), "success")
            return redirect(url_for("meetings.show", meeting_id=meeting.id, _anchor="agenda"))
    return render_template("meetings/item.html", form=form, meeting=meeting, item=item,
                           community=meeting.council.community)


@bp.post("/meetings/<int:meeting_id>/items/<int:item_id>/remove")
@login_required
def remove_item(meeting_id: int, item_id: int):
    meeting = visible_meeting(current_user, meeting_id)
    item = item_or_404(meeting, item_id)
    require(permissions.can_organise(current_user, meeting))
    if ButtonForm().validate_on_submit():
        title = item.title
        attempt(services.remove_item, current_user, item,
                 done=_("“%(title)s” is off the agenda.", title=title))
    else:
        flash(_("This form has expired. Reload the page and try again."), "error")
    return redirect(url_for("meetings.show", meeting_id=meeting.id, _anchor="agenda"))


@bp.post("/meetings/<int:meeting_id>/items/<int:item_id>/move")
@login_required
def move_item(meeting_id: int, item_id: int):
    meeting = visible_meeting(current_user, meeting_id)
    item = item_or_404(meeting, item_id)
    require(permissions.can_organise(current_user, meeting)
            or permissions.can_chair(current_user, meeting))
    form = MoveItemForm()
    order = [i.id for i in meeting.items]
    index = order.index(item.id)
    other = index - 1 if form.direction.data == "up" else index + 1
    if not form.validate_on_submit() or form.direction.data not in ("up", "down"):
        flash(_("This form has expired. Reload the page and try again."), "error")
    elif 0 <= other < len(order):
        order[index], order[other] = order[other], order[index]
        attempt(services.reorder_items, current_user, meeting, order)
    return redirect(url_for("meetings.show", meeting_id=meeting.id, _anchor=f"item-{item.id}"))




# --- minutes ----------------------------------------------------------------------

@bp.route("/meetings/<int:meeting_id>/minutes", methods=["GET", "POST"])
@login_required
def minutes(meeting_id: int):
    meeting = visible_meeting(current_user, meeting_id)
    require(permissions.can_write_minutes(current_user, meeting))
    if meeting.status not in MINUTES_OPEN:
        flash(_("Minutes are written once the session has opened, until they are published."),
              "error")
        return redirect(url_for("meetings.show", meeting_id=meeting.id))
    form = MinutesForm(obj=meeting)
    if form.validate_on_submit():
        try:
            services.save_minutes(current_user, meeting, form.minutes.data)
            db.session.commit()
        except DomainError as exc:
            db.session.rollback()
            show_domain_error(form, exc)
        else:
            flash(_("The minutes are saved. They are published with the button on the "
                    "meeting's page once the meeting is adjourned."), "success")
            return redirect(url_for("meetings.minutes", meeting_id=meeting.id))
    return render_template("meetings/minutes.html", form=form, meeting=meeting,
                           community=meeting.council.community)


# --- calendar and joining ---------------------------------------------------------------

@bp.get("/meetings/<int:meeting_id>.ics")
def calendar(meeting_id: int):
    meeting = visible_meeting(current_user, meeting_id)
    url = url_for("meetings.show", meeting_id=meeting.id, _external=True)
    body = meeting_ics(meeting, url, meeting.council.display_name(str(get_locale())))
    return Response(body, mimetype="text/calendar", headers={
        "Content-Disposition": f"attachment; filename=meeting-{meeting.id}.ics"})


def _joinable(code: str) -> Meeting | None:
    meeting = meeting_by_join_code(code)
    if meeting is None or (meeting.status == MeetingStatus.DRAFT
                           and not permissions.can_view(current_user, meeting)):
        return None
    return meeting


def _join_target(meeting: Meeting) -> str:
    if meeting.status in ROOM_OPEN:
        return room_path(meeting)
    return url_for("meetings.show", meeting_id=meeting.id)


@bp.get("/join")
def join_form():
    form = JoinForm(request.args)
    if "code" not in request.args:
        return render_template("meetings/join.html", form=JoinForm(formdata=None))
    if form.validate():
        meeting = _joinable(form.code.data)
        if meeting is not None:
            return redirect(_join_target(meeting))
        form.code.errors = [_("No meeting has this code. Check the code on the screen.")]
    return render_template("meetings/join.html", form=form), 404


@bp.get("/join/<code>")
def join_with_code(code: str):
    meeting = _joinable(code)
    if meeting is not None:
        return redirect(_join_target(meeting))
    form = JoinForm(formdata=None, code=code[:8])
    form.code.errors = [_("No meeting has this code. Check the code on the screen.")]
    return render_template("meetings/join.html", form=form), 404
