"""Proposal pages: a proposal with its supports, writing and editing a draft, publishing,
withdrawing, supporting, and a council's proposal settings.

Lists (a community's, a council's, my drafts) are in lists.py. Every form works without
JavaScript: load, authorise, call the service, commit once, go back with a flash.
"""

from __future__ import annotations

from decimal import Decimal

import sqlalchemy as sa
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from govhub.actions.rules import local_today
from govhub.auth.models import User
from govhub.core.errors import DomainError, Forbidden
from govhub.core.guards import require
from govhub.core.models import utcnow
from govhub.councils.queries import get_council_or_404
from govhub.extensions import db
from govhub.meetings.permissions import can_view as can_view_meeting
from govhub.proposals import (
    bp,
    permissions,
    queries,
    reminders,
    rules,
    search,
    services,
    threads,
)
from govhub.proposals.coauthor_views import InviteForm
from govhub.proposals.coauthors import coauthor_context
from govhub.proposals.forms import ButtonForm, ProposalForm, SettingsForm, WithdrawForm
from govhub.proposals.merge_views import merge_context
from govhub.proposals.models import Proposal, ProposalSupport
from govhub.proposals.photo_views import PhotoForm
from govhub.proposals.photos import PHOTOS_MAX
from govhub.proposals.rules import ProposalAction, ProposalState
from govhub.proposals.thread_forms import CommentForm
from govhub.proposals.trail_views import trail_context
from govhub.web.view_helpers import attempt, show_domain_error


def _back(proposal: Proposal, anchor: str | None = None):
    return redirect(url_for("proposals.show", proposal_id=proposal.id, _anchor=anchor))


def days_left(proposal: Proposal) -> int | None:
    """Days until its time limit, in the community's calendar, while it collects supports."""
    if proposal.state != ProposalState.PUBLISHED or proposal.expires_on is None:
        return None
    today = local_today(utcnow(), proposal.council.community.timezone)
    return (proposal.expires_on - today).days


def _supporter_names(proposal: Proposal) -> list[str]:
    """Supporters' display names, oldest support first (paper ones under their sheet name)."""
    rows = db.session.execute(
        sa.select(User.display_name, ProposalSupport.person_key)
        .select_from(ProposalSupport).outerjoin(User, User.id == ProposalSupport.user_id)
        .where(ProposalSupport.proposal_id == proposal.id)
        .order_by(ProposalSupport.id))
    return [name or key.removeprefix("paper:").split("|")[0] for name, key in rows]


# --- a proposal's page -----------------------------------------------------------------------

def _page(proposal: Proposal, withdraw_form: WithdrawForm | None = None, status: int = 200,
          comment_form: CommentForm | None = None, answer_form=None):
    """The proposal's page; a form given is shown as it was sent, with its errors."""
    user, council = current_user, proposal.council
    settings = queries.settings_of(council.id)
    state = ProposalState(proposal.state)
    supported = queries.supports(user, proposal)
    author = permissions.is_author(user, proposal)
    signed = permissions.is_one_of_its_authors(user, proposal)  # co-authors too
    may_support = permissions.can_support(user, proposal)
    item = proposal.agenda_item
    shown = item is not None and can_view_meeting(user, item.meeting)  # a private one: unnamed
    return render_template(
        "proposals/show.html", proposal=proposal, council=council, community=council.community,
        state=state, days_left=days_left(proposal), supported=supported,
        can_support=may_support and not supported and state in rules.OPEN_FOR_SUPPORT,
        can_unsupport=(may_support and supported and not signed
                       and rules.supports_withdrawable(state)),
        open_for_support=state in rules.OPEN_FOR_SUPPORT,
        is_author=author, is_coauthor=signed and not author,
        can_edit=permissions.can_edit_draft(user, proposal),
        withdraw_form=(withdraw_form or WithdrawForm(formdata=None)) if author and (
            ProposalAction.WITHDRAW in rules.allowed_actions(state)) else None,
        button_form=ButtonForm(), meeting=item.meeting if shown else None,
        agenda_item=item if shown else None, on_agenda=item is not None,
        merged_into=db.session.get(Proposal, proposal.merged_into_id)
        if proposal.merged_into_id else None,
        supporters=_supporter_names(proposal) if permissions.can_see_supporters(
            user, proposal, settings.supports_public) else None,
        can_manage=permissions.can_manage_settings(user, council),
        **trail_context(user, proposal, answer_form), **merge_context(user, proposal),
        **coauthor_context(user, proposal), invite_form=InviteForm(formdata=None),
        photo_form=PhotoForm(formdata=None), photos_max=PHOTOS_MAX,
        answer_overdue=reminders.is_overdue(proposal),
        thread=threads.thread_of(user, proposal),
        comment_form=comment_form or CommentForm(formdata=None)), status


@bp.get("/proposals/<int:proposal_id>")
def show(proposal_id: int):
    return _page(queries.visible_proposal(current_user, proposal_id))


# --- writing -----------------------------------------------------------------------------------

def _save(form: ProposalForm, write) -> Proposal | None:
    """Run `write()` (a service), commit, or show its refusal at the field it names."""
    try:
        proposal = write()
        db.session.commit()
    except DomainError as exc:
        db.session.rollback()
        if isinstance(exc, Forbidden):
            raise
        show_domain_error(form, exc)
        return None
    return proposal


def _saved(proposal: Proposal):
    if proposal.state == ProposalState.DRAFT:
        flash(_("Your draft is saved. Only you can see it until you publish it."), "success")
    else:
        flash(_("Your proposal is published. Residents can now support it."), "success")
    return _back(proposal)


def _publishing() -> bool:
    return request.form.get("publish") == "1"


def _similar_first(council, form: ProposalForm, proposal: Proposal | None = None) -> list:
    """Before publishing, the council's proposals most like this one, so the resident may
    support one of them instead; empty once they have seen them (or when there are none)."""
    if not _publishing() or request.form.get("similar_seen") == "1":
        return []
    found = search.similar_proposals(council.id, form.title.data, form.body.data)
    return [p for p in found if proposal is None or p.id != proposal.id]


def _form_page(form: ProposalForm, council, proposal: Proposal | None, similar=()):
    return render_template("proposals/edit.html", form=form, council=council,
                           community=council.community, proposal=proposal,
                           similar=similar, button=ButtonForm())


@bp.route("/councils/<int:council_id>/proposals/new", methods=["GET", "POST"])
@login_required
def create(council_id: int):
    council = get_council_or_404(council_id)
    require(permissions.can_propose(current_user, council),
            _("Only confirmed residents of the community can make proposals."))
    form = ProposalForm()
    if form.validate_on_submit():
        similar = _similar_first(council, form)
        if similar:
            return _form_page(form, council, None, similar)
        proposal = _save(form, lambda: services.create_proposal(
            current_user, council, title=form.title.data, body=form.body.data,
            category=form.category.data, publish=_publishing()))
        if proposal is not None:
            return _saved(proposal)
    return _form_page(form, council, None)


@bp.route("/proposals/<int:proposal_id>/edit", methods=["GET", "POST"])
@login_required
def edit(proposal_id: int):
    proposal = queries.visible_proposal(current_user, proposal_id)
    require(permissions.can_edit_draft(current_user, proposal),
            _("Only its author can change a proposal, and only while it is a draft."))
    form = ProposalForm(obj=proposal)

    def write():
        services.update_draft(current_user, proposal, title=form.title.data,
                              body=form.body.data, category=form.category.data)
        if _publishing():
            services.publish_proposal(current_user, proposal)
        return proposal

    if form.validate_on_submit():
        similar = _similar_first(proposal.council, form, proposal)
        if similar:
            return _form_page(form, proposal.council, proposal, similar)
        if _save(form, write) is not None:
            return _saved(proposal)
    return _form_page(form, proposal.council, proposal)


@bp.post("/proposals/<int:proposal_id>/publish")
@login_required
def publish(proposal_id: int):
    proposal = queries.visible_proposal(current_user, proposal_id)
    if ButtonForm().validate_on_submit():
        attempt(services.publish_proposal, current_user, proposal, raise_forbidden=True,
                done=_("Your proposal is published. Residents can now support it."))
    return _back(proposal)


@bp.post("/proposals/<int:proposal_id>/withdraw")
@login_required
def withdraw(proposal_id: int):
    proposal = queries.visible_proposal(current_user, proposal_id)
    require(permissions.is_author(current_user, proposal))
    form = WithdrawForm()
    if form.validate_on_submit():
        try:
            services.withdraw_proposal(current_user, proposal, form.reason.data)
            db.session.commit()
        except DomainError as exc:
            db.session.rollback()
            show_domain_error(form, exc)
        else:
            flash(_("Your proposal is withdrawn."), "success")
            return _back(proposal)
    return _page(proposal, withdraw_form=form, status=400)


# --- supports ------------------------------------------------------------------------------------

@bp.post("/proposals/<int:proposal_id>/support")
@login_required
def support(proposal_id: int):
    proposal = queries.visible_proposal(current_user, proposal_id)
    if not ButtonForm().validate_on_submit():
        return _back(proposal, "support")
    try:
        reached = services.support_proposal(current_user, proposal)
        db.session.commit()
    except DomainError as exc:
        db.session.rollback()
        if isinstance(exc, Forbidden):
            raise
        flash(exc.message, "error")
    else:
        flash(_("Your support is counted. Enough residents support it now: it goes to the "
                "council.") if reached else _("Your support is counted."), "success")
    return _back(proposal, "support")


@bp.post("/proposals/<int:proposal_id>/support/withdraw")
@login_required
def unsupport(proposal_id: int):
    proposal = queries.visible_proposal(current_user, proposal_id)
    if ButtonForm().validate_on_submit():
        attempt(services.withdraw_support, current_user, proposal, raise_forbidden=True,
                done=_("Your support is withdrawn."))
    return _back(proposal, "support")


# --- a council's settings --------------------------------------------------------------------

@bp.route("/councils/<int:council_id>/proposal-settings", methods=["GET", "POST"])
@login_required
def settings(council_id: int):
    council = get_council_or_404(council_id)
    require(permissions.can_manage_settings(current_user, council))
    current = queries.settings_of(council.id)
    form = SettingsForm(obj=current)
    if not form.is_submitted():  # 0.0200 -> 0.02, 30.0000 -> 30
        form.threshold_value.data = Decimal(format(current.threshold_value.normalize(), "f"))
    if form.validate_on_submit():
        try:
            services.save_settings(
                current_user, council, threshold_kind=form.threshold_kind.data,
                threshold_value=form.threshold_value.data,
                time_limit_days=form.time_limit_days.data,
                answer_working_days=form.answer_working_days.data,
                supports_public=form.supports_public.data)
            db.session.commit()
        except DomainError as exc:
            db.session.rollback()
            show_domain_error(form, exc)
        else:
            flash(_("The proposal settings are saved. Proposals published from now on "
                    "use them."), "success")
            return redirect(url_for("proposals.settings", council_id=council.id))
    return render_template("proposals/settings.html", form=form, council=council,
                           community=council.community, current=current,
                           defaults=queries.DEFAULT_SETTINGS, default_percent=format(
                               (queries.DEFAULT_SETTINGS.threshold_value * 100).normalize(), "f"))


from govhub.proposals import lists  # noqa: E402,F401  (the list pages register on bp)
