"""Pages for organizations helping with action items: ask, withdraw, accept, decline, end.

The forms live on the action item's page (templates/partners/_item_help.html, included
there): the actions view passes `item_help(item, viewer)` in. The organization's page lists
the items it helps with (help.queries.items_helped, passed in by the organization's view).
"""

from __future__ import annotations

from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from govhub.actions import permissions as action_permissions
from govhub.actions.models import ActionItem
from govhub.actions.queries import get_item_or_404
from govhub.core.errors import DomainError
from govhub.core.guards import require
from govhub.extensions import db
from govhub.partners import bp
from govhub.partners.common import ButtonForm, expired
from govhub.partners.help import permissions, services
from govhub.partners.help.forms import AskHelpForm, HelpReasonForm
from govhub.partners.help.models import HelpRequest
from govhub.partners.help.queries import askable, asks_of, find_ask
from govhub.partners.offerings.queries import find_offering
from govhub.partners.organizations import permissions as organization_permissions
from govhub.partners.organizations.queries import find_organization
from govhub.web.view_helpers import attempt


def _ask_form(item: ActionItem) -> AskHelpForm:
    organizations, offerings = askable(item.community_id)
    names = {o.id: o.name for o in organizations}
    form = AskHelpForm(formdata=None)
    form.organization_id.choices = [(o.id, o.name) for o in organizations]
    form.offering_id.choices = [(0, _("None in particular"))] + [
        (o.id, f"{names[o.organization_id]}: {o.title}") for o in offerings]
    return form


def item_help(item: ActionItem, viewer) -> dict:
    """What the item's page shows the viewer about its partner organization (the actions
    view passes it to templates/partners/_item_help.html as `item_help`)."""
    staff = permissions.can_ask_for_help(viewer, item)
    asks = asks_of(item)
    waiting = next((ask for ask in asks if ask.is_open), None)
    answering = waiting is not None and permissions.can_answer_help(viewer, waiting.organization)
    organization = item.organization
    return {
        "organization": organization, "staff": staff, "waiting": waiting,
        "answering": answering,
        "history": [ask for ask in asks
                    if staff or organization_permissions.is_member(viewer, ask.organization)],
        "ask_form": _ask_form(item) if staff and waiting is None and organization is None
        and item.status != "verified" else None,
        "can_end": organization is not None and permissions.can_end_help(viewer, item,
                                                                         organization),
        "reason_form": HelpReasonForm(formdata=None),
    }


def _back(item_id: int):
    return redirect(url_for("actions.show", item_id=item_id, _anchor="help"))


def _ask_or_404(ask_id: int) -> HelpRequest:
    ask = find_ask(ask_id)
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
        attempt(services.ask_for_help, current_user, item, organization, offering,
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
        attempt(services.accept_ask, current_user, ask,
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
        attempt(services.withdraw_ask, current_user, ask, done=_("The request is taken back."))
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
        attempt(services.decline_ask, current_user, ask,
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
            services.end_help(current_user, item, form.reason.data)
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
