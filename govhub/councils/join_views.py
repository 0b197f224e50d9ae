"""Asking to join a council (a resident, from the council's page) and answering (a worker,
from the members page)."""

from __future__ import annotations

from flask import flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from govhub.core.guards import require
from govhub.councils import bp, joining
from govhub.councils.forms import ApproveJoinForm, ButtonForm, DeclineJoinForm, JoinForm
from govhub.councils.permissions import can_ask_to_join, can_decide_join_request
from govhub.councils.queries import (
    get_council_or_404,
    join_request_or_404,
    pending_join_request,
)
from govhub.web.view_helpers import attempt


def _expired() -> str:
    return _("This form has expired. Reload the page and try again.")


def _form_refused(form) -> None:
    errors = [error for field in form for error in field.errors if field.name != "csrf_token"]
    flash(errors[0] if errors else _expired(), "error")


@bp.post("/councils/<int:council_id>/join")
@login_required
def ask_to_join(council_id: int):
    council = get_council_or_404(council_id)
    require(can_ask_to_join(current_user, council),
            _("Only confirmed residents of this community who do not sit on the council "
              "can ask to join it."))
    form = JoinForm()
    if form.validate_on_submit():
        attempt(joining.request_to_join, current_user, council, form.message.data,
                done=_("Your request is sent. A community worker will answer it; you will be "
                       "notified."))
    else:
        _form_refused(form)
    return redirect(url_for("councils.show", council_id=council.id, _anchor="join"))


@bp.post("/councils/<int:council_id>/join/withdraw")
@login_required
def withdraw_join(council_id: int):
    council = get_council_or_404(council_id)
    pending = pending_join_request(council.id, current_user.id)
    if pending is None:
        flash(_("You have no request to join this council."), "error")
    elif ButtonForm().validate_on_submit():
        attempt(joining.withdraw_join_request, current_user, pending,
                done=_("Your request to join is withdrawn."))
    else:
        flash(_expired(), "error")
    return redirect(url_for("councils.show", council_id=council.id, _anchor="join"))


@bp.post("/councils/<int:council_id>/join-requests/<int:request_id>/approve")
@login_required
def approve_join(council_id: int, request_id: int):
    council = get_council_or_404(council_id)
    join_request = join_request_or_404(council, request_id)
    require(can_decide_join_request(current_user, council))
    form = ApproveJoinForm(prefix=f"a{join_request.id}")
    if form.validate_on_submit():
        attempt(joining.approve_join_request, current_user, join_request,
                form.vote_weight.data,
                done=_("%(name)s now sits on the council.",
                       name=join_request.user.display_name))
    else:
        _form_refused(form)
    return redirect(url_for("councils.members", council_id=council.id))


@bp.post("/councils/<int:council_id>/join-requests/<int:request_id>/decline")
@login_required
def decline_join(council_id: int, request_id: int):
    council = get_council_or_404(council_id)
    join_request = join_request_or_404(council, request_id)
    require(can_decide_join_request(current_user, council))
    form = DeclineJoinForm(prefix=f"d{join_request.id}")
    if form.validate_on_submit():
        attempt(joining.decline_join_request, current_user, join_request, form.reason.data,
                done=_("The request of %(name)s is declined; they are told why.",
                       name=join_request.user.display_name))
    elif form.reason.errors and not form.csrf_token.errors:
        flash(_("Say why the request is declined: the resident reads it."), "error")
    else:
        _form_refused(form)
    return redirect(url_for("councils.members", council_id=council.id))
