"""The audit page: the events the reader may see, newest first, filtered; and its CSV."""

from __future__ import annotations

from flask import render_template, request
from flask_babel import gettext as _
from flask_login import current_user, login_required

from govhub.audit import bp, display, permissions, queries
from govhub.audit.forms import AuditFilterForm
from govhub.audit.labels import action_choices
from govhub.audit.queries import Filters
from govhub.audit.rules import day_bounds
from govhub.auth.queries import user_by_username
from govhub.communities.queries import all_communities
from govhub.core.guards import require
from govhub.core.models import utcnow
from govhub.core.spreadsheet import csv_response
from govhub.core.time import from_local
from govhub.web.locale import current_locale
from govhub.web.view_helpers import page_number


def _allowed() -> None:
    require(permissions.can_read_audit(current_user),
            _("Only the community office reads the audit trail."))


def _communities(actor) -> dict[int, object]:
    """The communities the reader may see events of, by id."""
    readable = permissions.readable_communities(actor)
    return {community.id: community for community in all_communities()
            if readable is None or community.id in readable}


def _read_filters(form: AuditFilterForm, communities: dict) -> Filters | None:
    """The form's filters, or None when the input is wrong (the form says why)."""
    if not form.validate():
        return None
    actor_id = None
    if form.actor.data and form.actor.data.strip():
        user = user_by_username(form.actor.data.strip())
        if user is None:
            form.actor.errors = [*form.actor.errors, _("No account has this username.")]
            return None
        actor_id = user.id
    community_id = int(form.community.data) if form.community.data else None
    # Days are the chosen community's, else the reader's own community's, else UTC.
    place = communities.get(community_id) or getattr(current_user, "community", None)
    timezone = getattr(place, "timezone", None) or "UTC"
    start, end = day_bounds(form.since.data, form.until.data)
    return Filters(actor_id=actor_id, action=form.action.data or None,
                   target_type=form.object_type.data or None, target_id=form.object_id.data,
                   community_id=community_id,
                   since=from_local(start, timezone) if start else None,
                   until=from_local(end, timezone) if end else None)


def _without_page() -> dict:
    """The filters of this page, for the CSV link: every event they find, not one page."""
    return {key: value for key, value in request.args.items() if key != "page"}


def _form(communities: dict) -> AuditFilterForm:
    locale = current_locale()
    return AuditFilterForm(request.args, communities=[
        (cid, community.display_name(locale)) for cid, community in communities.items()])


@bp.get("/")
@login_required
def index():
    _allowed()
    communities = _communities(current_user)
    form = _form(communities)
    filters = _read_filters(form, communities)
    page, found = None, []
    if filters is not None:
        page = queries.events_page(current_user, filters, page_number())
        found = display.lines(page.items, queries.names_of(page.items), communities,
                              current_locale())
    return render_template("audit/index.html", form=form, page=page, lines=found,
                           action_groups=action_choices(),
                           export_args=_without_page()), 200 if filters is not None else 400


@bp.get("/events.csv")
@login_required
def export():
    _allowed()
    communities = _communities(current_user)
    form = _form(communities)
    filters = _read_filters(form, communities)
    if filters is None:
        return render_template("audit/index.html", form=form, page=None, lines=[],
                               action_groups=action_choices(),
                               export_args=_without_page()), 400
    events = queries.events_to_export(current_user, filters)
    found = display.lines(events, queries.names_of(events), communities, current_locale())
    return csv_response(display.csv_rows(found),
                        f"audit-{utcnow().date().isoformat()}.csv")
