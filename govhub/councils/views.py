"""Council pages: the list, a council's page, founding and editing it, its members, its history."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user, login_required

from govhub.auth.models import User
from govhub.auth.queries import user_by_username
from govhub.communities.queries import get_community_or_404
from govhub.core.errors import DomainError, Forbidden
from govhub.core.guards import require
from govhub.core.markdown import render as render_markdown
from govhub.core.models import is_id
from govhub.core.time import format_local, to_local
from govhub.councils import bp, services
from govhub.councils.forms import (
    ApproveJoinForm,
    ButtonForm,
    CouncilForm,
    DeclineJoinForm,
    JoinForm,
    MemberForm,
    SeatMemberForm,
)
from govhub.councils.history import history_lines
from govhub.councils.labels import kind_label, member_role_label, rule_set_explained
from govhub.councils.models import JoinStatus
from govhub.councils.permissions import (
    can_ask_to_join,
    can_create_council,
    can_manage_council,
    can_see_history,
    can_see_members,
)
from govhub.councils.queries import (
    active_membership,
    councils_of,
    get_council_or_404,
    last_join_request,
    members_of,
    membership_or_404,
    pending_join_requests,
    seat_candidates,
)
from govhub.councils.rules import weight_text
from govhub.extensions import db
from govhub.meetings.models import MeetingStatus
from govhub.meetings.permissions import can_organise_meetings, can_view
from govhub.meetings.queries import meetings_of
from govhub.web.view_helpers import show_domain_error


@bp.record_once
def _template_helpers(state) -> None:
    state.app.jinja_env.globals.update(
        kind_label=kind_label, member_role_label=member_role_label, weight_text=weight_text,
        format_local=format_local, rule_set_explained=rule_set_explained)


@bp.app_template_filter("markdown")
def _markdown(text):
    return render_markdown(text)


@bp.get("/c/<slug>/councils")
def index(slug: str):
    community = get_community_or_404(slug)
    return render_template("councils/index.html", community=community,
                           councils=councils_of(community.id),
                           can_create=can_create_council(current_user, community))


@bp.route("/c/<slug>/councils/new", methods=["GET", "POST"])
@login_required
def create(slug: str):
    community = get_community_or_404(slug)
    require(can_create_council(current_user, community))
    form = CouncilForm()
    if form.validate_on_submit():
        try:
            council = services.create_council(
                current_user, community, form.name.data, form.kind.data,
                name_en=form.name_en.data, description=form.description.data,
                rule_set=form.rule_set.data, max_proxies=form.max_proxies.data)
            db.session.commit()
        except DomainError as exc:
            db.session.rollback()
            show_domain_error(form, exc)
        else:
            flash(_("The council %(name)s is founded. Now seat its members.",
                    name=council.name), "success")
            return redirect(url_for("councils.members", council_id=council.id))
    return render_template("councils/edit.html", form=form, community=community, council=None)


def _meeting_groups(council) -> dict[str, list]:
    """The council's meetings the viewer may see, by stage: in session, upcoming, past, drafts."""
    organiser = can_organise_meetings(current_user, council)
    visible = [m for m in meetings_of(council.id, include_drafts=organiser)
               if can_view(current_user, m)]
    by_status = {status: [m for m in visible if m.status == status] for status in MeetingStatus}
    return {
        "in_session": by_status[MeetingStatus.IN_SESSION],
        "upcoming": sorted(by_status[MeetingStatus.SCHEDULED], key=lambda m: m.starts_at),
        "past": by_status[MeetingStatus.ADJOURNED] + by_status[MeetingStatus.MINUTES_PUBLISHED],
        "drafts": by_status[MeetingStatus.DRAFT],
    }


@bp.get("/councils/<int:council_id>")
def show(council_id: int):
    council = get_council_or_404(council_id)
    members = members_of(council) if can_see_members(current_user, council) else None
    groups = _meeting_groups(council)
    groups["past"].sort(key=lambda m: m.starts_at, reverse=True)
    return render_template(
        "councils/show.html", council=council, community=council.community, members=members,
        meetings=groups, rules=rule_set_explained(council.rule_set),
        seat=_your_seat(council), join_form=JoinForm(formdata=None),
        can_manage=can_manage_council(current_user, council),
        can_see_history=can_see_history(current_user, council),
        can_schedule=can_organise_meetings(current_user, council))


def _your_seat(council) -> dict:
    """What the council's page tells the viewer about a seat: theirs, their request to join,
    the last answer to one, whether they may ask, and (for staff) how many requests wait."""
    if not current_user.is_authenticated:
        return {}
    if can_manage_council(current_user, council):
        return {"waiting": len(pending_join_requests(council))}
    last = last_join_request(council.id, current_user.id)
    asked_on = format_date(to_local(last.created_at, council.community.timezone).date(),
                           "long") if last else ""
    return {"member": active_membership(council.id, current_user.id), "asked_on": asked_on,
            "confirmed": current_user.is_confirmed,
            "pending": last if last and last.status == JoinStatus.PENDING else None,
            "declined": last if last and last.status == JoinStatus.DECLINED else None,
            "can_ask": can_ask_to_join(current_user, council)}


@bp.route("/councils/<int:council_id>/edit", methods=["GET", "POST"])
@login_required
def edit(council_id: int):
    council = get_council_or_404(council_id)
    require(can_manage_council(current_user, council))
    form = CouncilForm(obj=council, max_proxies=council.max_proxies_per_holder)
    if form.validate_on_submit():
        try:
            services.update_council(
                current_user, council, name=form.name.data, kind=form.kind.data,
                name_en=form.name_en.data, description=form.description.data,
                rule_set=form.rule_set.data, max_proxies=form.max_proxies.data)
            db.session.commit()
        except DomainError as exc:
            db.session.rollback()
            show_domain_error(form, exc)
        else:
            flash(_("The council is saved."), "success")
            return redirect(url_for("councils.show", council_id=council.id))
    return render_template("councils/edit.html", form=form, community=council.community,
                           council=council)


def _members_page(council, seat_form=None, member_forms=None, status: int = 200):
    memberships = members_of(council, include_inactive=True)
    search = request.args.get("q", "")
    seat_form = seat_form or SeatMemberForm(formdata=None)
    seat_form.user_id.choices = [(0, _("Choose a person…"))] + [
        (user.id, f"{user.display_name} (@{user.username})")
        for user in seat_candidates(council, search)]
    forms = {m.id: MemberForm(formdata=None, prefix=f"m{m.id}", role=m.role.value,
                              vote_weight=weight_text(m.vote_weight))
             for m in memberships if m.active}
    forms.update(member_forms or {})
    requests = pending_join_requests(council)
    return render_template(
        "councils/members.html", council=council, community=council.community,
        memberships=memberships, seat_form=seat_form, member_forms=forms,
        join_requests=[(r, ApproveJoinForm(formdata=None, prefix=f"a{r.id}"),
                        DeclineJoinForm(formdata=None, prefix=f"d{r.id}")) for r in requests],
        search=search), status


@bp.route("/councils/<int:council_id>/members", methods=["GET", "POST"])
@login_required
def members(council_id: int):
    council = get_council_or_404(council_id)
    require(can_manage_council(current_user, council))
    if request.method == "GET":
        return _members_page(council)
    form = SeatMemberForm()
    if form.validate_on_submit():
        person = _chosen_person(form)
        if person is not None:
            try:
                services.seat_member(current_user, council, person, form.role.data,
                                     form.vote_weight.data)
                db.session.commit()
            except Forbidden:
                raise
            except DomainError as exc:
                db.session.rollback()
                show_domain_error(form, exc)
            else:
                flash(_("%(name)s now sits on the council.", name=person.display_name),
                      "success")
                return redirect(url_for("councils.members", council_id=council.id))
    return _members_page(council, seat_form=form)


def _chosen_person(form: SeatMemberForm):
    """The person typed by username, else the one chosen in the list; errors on the form."""
    username = (form.username.data or "").strip().lstrip("@")
    if username:
        person = user_by_username(username)
        if person is None:
            form.username.errors = [_("There is no account with that username.")]
        return person
    person = db.session.get(User, form.user_id.data) if is_id(form.user_id.data) else None
    if person is None:
        form.user_id.errors = [_("Choose a person, or type their username.")]
    return person


@bp.post("/councils/<int:council_id>/members/<int:membership_id>")
@login_required
def update_member(council_id: int, membership_id: int):
    council = get_council_or_404(council_id)
    membership = membership_or_404(council, membership_id)
    require(can_manage_council(current_user, council))
    form = MemberForm(prefix=f"m{membership.id}")
    if form.validate_on_submit():
        try:
            services.update_member(current_user, membership, form.role.data,
                                   form.vote_weight.data)
            db.session.commit()
        except DomainError as exc:
            db.session.rollback()
            show_domain_error(form, exc)
        else:
            flash(_("%(name)s's seat is saved.", name=membership.user.display_name), "success")
            return redirect(url_for("councils.members", council_id=council.id))
    return _members_page(council, member_forms={membership.id: form})


@bp.post("/councils/<int:council_id>/members/<int:membership_id>/unseat")
@login_required
def unseat_member(council_id: int, membership_id: int):
    council = get_council_or_404(council_id)
    membership = membership_or_404(council, membership_id)
    require(can_manage_council(current_user, council))
    if ButtonForm().validate_on_submit():
        try:
            services.unseat_member(current_user, membership)
            db.session.commit()
            flash(_("%(name)s no longer sits on the council.",
                    name=membership.user.display_name), "success")
        except DomainError as exc:
            db.session.rollback()
            flash(exc.message, "error")
    else:
        flash(_("This form has expired. Reload the page and try again."), "error")
    return redirect(url_for("councils.members", council_id=council.id))


@bp.get("/councils/<int:council_id>/history")
@login_required
def history(council_id: int):
    council = get_council_or_404(council_id)
    require(can_see_history(current_user, council))
    return render_template("councils/history.html", council=council,
                           community=council.community, lines=history_lines(council))
