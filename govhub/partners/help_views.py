"""Pages for organizations helping with action items: ask, withdraw, accept, decline, end.

The forms live on the action item's page (templates/partners/_item_help.html,
included there) and the organization's page lists the items it helps with;
`item_help()` and `items_helped()` give those templates what they show.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from govhub.actions import permissions as action_permissions
from govhub.actions.models import ActionItem
from govhub.actions.queries import get_item_or_404, visible_clause
from govhub.core.errors import DomainError
from govhub.core.guards import require
from govhub.extensions import db
from govhub.partners import bp, helping, permissions
from govhub.partners.forms import AskHelpForm, ButtonForm, HelpReasonForm
from govhub.partners.help_models import HelpRequest, HelpStatus
from govhub.partners.models import Offering, Organization, OrganizationStatus
from govhub.partners.queries import PUBLIC_STATUSES, find_offering, find_organization
from govhub.partners.views import expired
from govhub.web.view_helpers import attempt

HELP_STATUS_LABELS = {
    HelpStatus.ASKED: _l("Asked"), HelpStatus.ACCEPTED: _l("Accepted"),
    HelpStatus.DECLINED: _l("Declined"), HelpStatus.WITHDRAWN: _l("Taken back"),
    HelpStatus.ENDED: _l("Ended"),
}


def help_status_label(status) -> str:
    return str(HELP_STATUS_LABELS.get(status, status))


def _ask_form(item: ActionItem) -> AskHelpForm:
    organizations = list(db.session.scalars(sa.select(Organization).where(
        Organization.community_id == item.community_id,
        Organization.status == OrganizationStatus.VERIFIED).order_by(Organization.name)))
    offerings = list(db.session.scalars(
        sa.select(Offering).where(Offering.organization_id.in_([o.id for o in organizations]),
                                  Offering.status.in_(PUBLIC_STATUSES))
        .order_by(Offering.organization_id, Offering.title)))
    names = {o.id: o.name for o in organizations}
    form = AskHelpForm(formdata=None)
    form.organization_id.choices = [(o.id, o.name) for o in organizations]
    form.offering_id.choices = [(0, _("None in particular"))] + [
        (o.id, f"{names[o.organization_id]}: {o.title}") for o in offerings]
    return form


def item_help(item: ActionItem) -> dict:
    """What the item's page shows about its partner organization, and to whom."""
    user = current_user
    staff = permissions.can_ask_for_help(user, item)
    asks = list(db.session.scalars(sa.select(HelpRequest).where(HelpRequest.item_id == item.id)
                                   .order_by(HelpRequest.id.desc())))
    waiting = next((ask for ask in asks if ask.is_open), None)
    answering = waiting is not None and permissions.can_answer_help(user, waiting.organization)
    organization = item.organization
    return {
        "organization": organization, "staff": staff, "waiting": waiting,
        "answering": answering,
        "history": [ask for ask in asks if staff or permissions.is_member(user, ask.organization)],
        "ask_form": _ask_form(item) if staff and waiting is None and organization is None
        and item.status != "verified" else None,
        "can_end": organization is not None and permissions.can_end_help(user, item,
                                                                         organization),
        "reason_form": HelpReasonForm(formdata=None),
    }


def items_helped(organization: Organization) -> list[ActionItem]:
    """The action items the organization helps with that the viewer may read."""
    return list(db.session.scalars(
        sa.select(ActionItem).where(ActionItem.organization_id == organization.id,
                                    visible_clause(current_user))
        .order_by(ActionItem.due_on, ActionItem.id)))


@bp.record_once
def _helpers(state) -> None:
    state.app.jinja_env.globals.update(item_help=item_help, items_helped=items_helped,
                                       help_status_label=help_status_label)


def _back(item_id: int):
    return redirect(url_for("actions.show", item_id=item_id, _anchor="help"))


def _ask_or_404(ask_id: int) -> HelpRequest:
    ask = db.session.get(HelpRequest, ask_id) if 0 < ask_id < 2**31 else None
    if ask is None or not (action_permissions.can_view_item(current_user, ask.item)
                           or permissions.can_answer_help(current_user, ask.organization)):
        abort(404)
    return ask


@bp.post("/actions/<int:item_id>/help")
@login_required
def ask_for_help(item_id: int):
    item = get_item_or_404(item_id)
    require(permissions.can_ask_for_help(current_user, item))
    form = AskHelpForm()
    form.organization_id.choices = form.offering_id.choices = []
    if not form.validate_on_submit():
        if form.csrf_token.errors:
            expired()
        else:
            flash(_("Choose an organization."), "error")
        return _back(item.id)
    organization = find_organization(form.organization_id.data)
    offering = find_offering(form.offering_id.data) if form.offering_id.data else None
    if organization is None or (form.offering_id.data and offering is None):
        flash(_("Choose a verified organization of this community."), "error")
    else:
        attempt(helping.ask_for_help, current_user, item, organization, offering,
                form.message.data or "",
                done=_("%(name)s is asked to help. Its members are notified.",
                       name=organization.name))
    return _back(item.id)


@bp.post("/help-requests/<int:ask_id>/accept")
@login_required
def accept_help(ask_id: int):
    ask = _ask_or_404(ask_id)
    require(permissions.can_answer_help(current_user, ask.organization))
    if ButtonForm().validate_on_submit():
        attempt(helping.accept_ask, current_user, ask,
                done=_("Thank you: %(name)s now helps carry out this item.",
                       name=ask.organization.name))
    else:
        expired()
    return _back(ask.item_id)


@bp.post("/help-requests/<int:ask_id>/withdraw")
@login_required
def withdraw_help(ask_id: int):
    ask = _ask_or_404(ask_id)
    require(permissions.can_ask_for_help(current_user, ask.item))
    if ButtonForm().validate_on_submit():
        attempt(helping.withdraw_ask, current_user, ask, done=_("The request is taken back."))
    else:
        expired()
    return _back(ask.item_id)


@bp.post("/help-requests/<int:ask_id>/decline")
@login_required
def decline_help(ask_id: int):
    ask = _ask_or_404(ask_id)
    require(permissions.can_answer_help(current_user, ask.organization))
    form = HelpReasonForm()
    if form.validate_on_submit():
        attempt(helping.decline_ask, current_user, ask,
                form.reason.data, done=_("The request is declined; the worker is told why."))
    elif form.csrf_token.errors:
        expired()
    else:
        flash(_("Say why the organization cannot help."), "error")
    return _back(ask.item_id)


@bp.post("/actions/<int:item_id>/help/end")
@login_required
def end_help(item_id: int):
    item = get_item_or_404(item_id)
    organization = item.organization
    if organization is None:
        abort(404)
    require(permissions.can_end_help(current_user, item, organization))
    form = HelpReasonForm()
    if form.validate_on_submit():
        try:
            helping.end_help(current_user, item, form.reason.data)
            db.session.commit()
        except DomainError as exc:
            db.session.rollback()
            flash(exc.message, "error")
        else:
            flash(_("%(name)s no longer helps with this item.", name=organization.name),
                  "success")
    elif form.csrf_token.errors:
        expired()
    else:
        flash(_("Say why the help ends."), "error")
    if not action_permissions.can_view_item(current_user, item):
        return redirect(url_for("partners.show", organization_id=organization.id))
    return _back(item.id)
