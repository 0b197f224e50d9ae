"""Poll pages: preparing polls, opening and closing them, ballots without JavaScript,
paper ballots, and the results and roll calls as CSV.

Every button is a form posted here that works without JavaScript: load,
authorise, call the same service as the /live event, commit once, go back
with a flash. With JavaScript, static/js/polls.js sends `poll:vote`,
`poll:open` and `poll:close` over the live connection instead.
"""

from __future__ import annotations

import csv
import io

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import pgettext
from flask_login import current_user, login_required

from govhub.auth.queries import find_user
from govhub.core.errors import DomainError
from govhub.core.guards import require
from govhub.councils.labels import rule_set_label
from govhub.councils.permissions import can_see_members
from govhub.councils.rules import weight_text
from govhub.extensions import db
from govhub.meetings import permissions
from govhub.meetings.queries import item_of, visible_meeting
from govhub.voting import ballots, bp, display, kinds, labels, services
from govhub.voting.forms import PollForm
from govhub.voting.kinds import yes_no_abstain
from govhub.voting.models import Poll, PollStatus
from govhub.voting.permissions import can_enter_paper_ballots
from govhub.voting.queries import (
    identifiable_now,
    poll_payload,
    visible_poll,
)
from govhub.voting.rolls import entitled_voters, roll_call
from govhub.web.view_helpers import attempt, show_domain_error, whole_number


@bp.record_once
def _template_helpers(state) -> None:
    state.app.jinja_env.globals.update(
        live_polls=display.live_polls, poll_kind_label=labels.kind_label,
        poll_choice_label=yes_no_abstain.choice_label,
        poll_status_label=lambda status: str(labels.STATUS_LABELS.get(status, status)))


# --- answering ----------------------------------------------------------------------------

def _back(poll: Poll, page: str):
    endpoint = {"chair": "meetings.chair", "room": "meetings.room"}.get(page, "meetings.show")
    return redirect(url_for(endpoint, meeting_id=poll.meeting_id, _anchor="polls"))


# --- preparing -----------------------------------------------------------------------------

@bp.route("/meetings/<int:meeting_id>/polls/new", methods=["GET", "POST"])
@login_required
def new_poll(meeting_id: int):
    meeting = visible_meeting(current_user, meeting_id)
    require(permissions.can_organise(current_user, meeting)
            or permissions.can_chair(current_user, meeting))
    if meeting.status not in display.PREPARING:
        flash(_("Polls are prepared until the meeting ends."), "error")
        return redirect(url_for("meetings.show", meeting_id=meeting.id))
    chosen = request.args.get("item_id", type=int) or (
        meeting.current_item.id if meeting.current_item else None)
    form = PollForm(items=meeting.items, council_rule=meeting.council.rule_set,
                    item_id=chosen, next=request.args.get("next", "meeting"))
    if form.validate_on_submit():
        try:
            poll = services.create_poll(
                current_user, meeting, item_of(meeting, form.item_id.data), form.title.data,
                form.kind.data, options=form.option_lines(), secret=form.ballot.data == "secret",
                live_results=form.results.data == "live", allow_change=form.allow_change.data,
                rule_set=form.rule_set.data or "", min_choices=form.min_choices.data or 1,
                max_choices=form.max_choices.data)
            db.session.commit()
        except DomainError as exc:
            db.session.rollback()
            show_domain_error(form, exc)
        else:
            flash(_("The poll “%(title)s” is ready. The chair opens it when its item is "
                    "taken up.", title=poll.title), "success")
            return _back(poll, "chair" if form.next.data == "chair" else "meeting")
    return render_template("voting/new.html", form=form, meeting=meeting,
                           council=meeting.council, community=meeting.council.community,
                           identifiable=identifiable_now(meeting))


# --- opening and closing -----------------------------------------------------------------

def _timer(form) -> int | None:
    """The timer's minutes and seconds as seconds; None when both are empty or zero."""
    minutes, seconds = form.get("minutes", "").strip(), form.get("seconds", "").strip()
    if not minutes and not seconds:
        return None
    values = [whole_number(value or 0) for value in (minutes, seconds)]
    if any(value is None or value < 0 for value in values):
        raise DomainError("invalid_timer", _("A timer runs from 10 seconds to 24 hours."),
                          "closes_in_seconds")
    total = values[0] * 60 + values[1]
    return total or None


@bp.post("/polls/<int:poll_id>/open")
@login_required
def open_poll(poll_id: int):
    poll = visible_poll(current_user, poll_id)
    require(permissions.can_chair(current_user, poll.meeting))
    attempt(lambda: services.open_poll(current_user, poll, _timer(request.form)),
            done=_("The poll is open."), raise_forbidden=True)
    return _back(poll, "chair")


@bp.post("/polls/<int:poll_id>/close")
@login_required
def close_poll(poll_id: int):
    poll = visible_poll(current_user, poll_id)
    require(permissions.can_chair(current_user, poll.meeting))
    attempt(services.close_poll, current_user, poll, done=_("The poll is closed."),
            raise_forbidden=True)
    return _back(poll, "chair")


# --- ballots -------------------------------------------------------------------------------

def ballot_payload(poll: Poll, form) -> dict:
    """A ballot as the socket sends it, from a form's fields; the service checks it."""
    return kinds.get(poll.kind).form_ballot(form, [option.id for option in poll.options])


@bp.post("/polls/<int:poll_id>/vote")
@login_required
def vote(poll_id: int):
    poll = visible_poll(current_user, poll_id)
    key = request.form.get("key", "")
    member_id = whole_number(request.form.get("member_id"))

    def cast() -> None:
        payload = ballot_payload(poll, request.form)
        if request.form.get("for_all") == "1":
            ballots.cast_all(current_user, poll, payload, key=key)
            return
        member = None
        if member_id is not None and member_id != current_user.id:
            member = ballots.represented_member(current_user, poll, member_id)
        ballots.cast_ballot(current_user, poll, payload, member=member, key=key)

    attempt(cast, done=_("Your vote is recorded."), raise_forbidden=True)
    return _back(poll, "room")


@bp.route("/polls/<int:poll_id>/paper", methods=["GET", "POST"])
@login_required
def paper_ballot(poll_id: int):
    poll = visible_poll(current_user, poll_id)
    require(can_enter_paper_ballots(current_user, poll))
    if poll.secret:
        abort(404)
    if request.method == "POST":
        member = find_user(whole_number(request.form.get("user_id")))
        if attempt(lambda: ballots.record_paper_ballot(
                current_user, poll, member, ballot_payload(poll, request.form)),
                raise_forbidden=True):
            flash(_("The paper ballot of %(name)s is recorded.", name=member.display_name),
                  "success")
        return redirect(url_for("voting.paper_ballot", poll_id=poll.id))
    payload = poll_payload(poll)
    return render_template("voting/paper.html", poll=poll, view=display.poll_view(payload),
                           voters=entitled_voters(poll) if poll.status != PollStatus.DRAFT
                           else [], meeting=poll.meeting)


# --- exports -------------------------------------------------------------------------------

def _cell(value) -> str:
    """A cell a spreadsheet shows as text: never a formula (=, +, -, @ at the start)."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _csv(rows: list[list], filename: str):
    """UTF-8 with a byte order mark, so that Excel reads Chinese correctly."""
    out = io.StringIO()
    writer = csv.writer(out)
    for row in rows:
        writer.writerow([_cell(value) for value in row])
    response = current_app.response_class("\ufeff" + out.getvalue(),
                                          mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _closed(poll_id: int) -> Poll:
    poll = visible_poll(current_user, poll_id)
    if poll.status != PollStatus.CLOSED:
        abort(404)  # no result before the close
    return poll


@bp.get("/polls/<int:poll_id>/result.csv")
def result_csv(poll_id: int):
    poll = _closed(poll_id)
    payload = poll_payload(poll)
    result, outcome = poll.result, poll.result["outcome"]
    turnout = result["turnout"]
    rows = [
        [_("Poll"), poll.title],
        [_("Meeting"), poll.meeting.title],
        [_("Agenda item"), poll.agenda_item.title],
        [_("Kind of poll"), labels.kind_label(poll.kind)],
        [_("Ballot"), _("Secret") if poll.secret else _("Named")],
        [_("Passing rule"), rule_set_label(result["rule_set"])],
        [_("Result"), labels.result_sentence(payload)],
        [_("Passed"), _("yes") if poll.passed else _("no")],
        [_("Quorum met"), _("yes") if outcome["quorum_met"] else _("no")],
        [_("Base of the passing share"), outcome["base"]],
        [_("Needed"), outcome["needed"]],
        [_("Ballots cast"), turnout["count"], _("of"), turnout["entitled_count"]],
        [_("Weight cast"), turnout["weight"], _("of"), turnout["entitled_weight"]],
        [_("Closed at (UTC)"), poll.closed_at.isoformat(timespec="seconds")],
        [],
        [_("Option"), _("Votes (weight)"), _("Ballots")],
    ]
    for row in display.tally_rows(payload, result["tally"], turnout):
        rows.append([row["label"], row["weight"], row["count"]])
    if result.get("rounds"):
        rows += _runoff_rows(payload, result)
    return _csv(rows, f"poll-{poll.id}-result.csv")


def _runoff_rows(payload: dict, result: dict) -> list[list]:
    option_labels = labels.option_labels(payload)
    rows = [[], [_("Instant runoff"), *[_("Round %(number)d", number=n)
                                         for n in range(1, len(result["rounds"]) + 1)]]]
    for key, label in option_labels.items():
        rows.append([label, *[round_.get(key, "") for round_ in result["rounds"]]])
    return rows


@bp.get("/polls/<int:poll_id>/roll-call.csv")
@login_required
def roll_call_csv(poll_id: int):
    poll = _closed(poll_id)
    if poll.secret or not can_see_members(current_user, poll.meeting.council):
        abort(404)  # a secret poll has no roll call, ever
    option_labels = labels.option_labels(poll_payload(poll))
    kind = kinds.get(poll.kind)
    rows = [[_("Member"), _("Vote"), _("Weight"), pgettext("roll call", "How"), _("Cast by")]]
    for ballot, voter, caster in roll_call(poll):
        rows.append([voter.display_name, kind.vote_text(ballot.content, option_labels),
                     weight_text(ballot.weight),
                     str(labels.VIA_LABELS.get(ballot.via, ballot.via)), caster.display_name])
    return _csv(rows, f"poll-{poll.id}-roll-call.csv")
