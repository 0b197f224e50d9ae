"""Lists of action items: the office's dashboard, every item (filtered, sorted, paged), and
the public record of each council's and community's resolutions with their items.

Also the helpers templates share: deadlines in words, who owns an item (by role, and by
name for the community's own people), and a meeting's resolutions with their follow-up.
"""

from __future__ import annotations

from decimal import Decimal

from flask import render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from govhub.accountability.queries import followed_among
from govhub.actions import bp, labels, permissions, queries, rules, services
from govhub.actions.models import ActionItem
from govhub.actions.queries import Filters
from govhub.actions.rules import ActionCategory, ActionStatus
from govhub.communities.queries import get_community_or_404
from govhub.core.guards import require
from govhub.core.labels import role_label
from govhub.core.models import utcnow
from govhub.core.uploads import size_text
from govhub.councils.queries import councils_of, get_council_or_404
from govhub.web.view_helpers import page_number


@bp.record_once
def _template_helpers(state) -> None:
    state.app.jinja_env.globals.update(
        action_status_label=labels.status_label, action_category_label=labels.category_label,
        action_deadline=action_deadline, action_person=action_person,
        day_text=labels.day_text, hours_text=hours_text,
        upload_size=size_text, page_url=page_url, local_day_text=local_day_text,
        ACTION_STATUSES=list(ActionStatus), ACTION_CATEGORIES=list(ActionCategory))


def page_url(param: str, number: int, anchor: str | None = None) -> str:
    """This page's address with another page number, every other filter kept."""
    args = {**(request.view_args or {}), **request.args.to_dict(), param: number}
    return url_for(request.endpoint, **args, _anchor=anchor)


def hours_text(hours) -> str:
    """Decimal("12.50") -> "12.5", Decimal("10.00") -> "10" (never "1E+1")."""
    return format(Decimal(hours).normalize(), "f") if hours is not None else ""


def action_deadline(item: ActionItem) -> dict:
    """{"state", "text"} for an item: "Overdue by 3 days", "Done on May 9, 2026", ..."""
    state = rules.deadline(item.due_on, item.status, item.done_at, utcnow(),
                           item.community.timezone)
    return {"state": state.state, "text": labels.deadline_text(state, item.due_on)}


def action_person(user, item: ActionItem, chairs: frozenset[int] = frozenset()) -> str:
    """Who someone is on an item's page: their role (the council's chair as such, when
    `chairs` names them), and their name for the community's own people and staff.
    Never contact data."""
    if user is None:
        return role_label("worker")
    role = (_("Chair of %(council)s", council=item.council.display_name(str(get_locale())))
            if user.id in chairs and item.council is not None else role_label(user.role))
    if permissions.can_see_names(current_user, item.community_id):
        return f"{user.display_name} · {role}"
    return role


def local_day_text(moment, timezone: str) -> str:
    """The day a moment falls on in the community, in the reader's language."""
    return labels.day_text(rules.local_day(moment, timezone))


# --- the office -----------------------------------------------------------------------------

@bp.get("/c/<slug>/work")
@login_required
def dashboard(slug: str):
    community = get_community_or_404(slug)
    require(permissions.can_see_workload(current_user, community.id))
    today = services.today_in(community)
    return render_template(
        "actions/dashboard.html", community=community, today=today,
        sections=queries.dashboard(community.id, current_user, today),
        loads=queries.workload(community.id, today),
        can_create=permissions.can_create_items(current_user, community.id))


@bp.get("/c/<slug>/actions")
def index(slug: str):
    """Every item the viewer may read (for the public: the public ones), filtered and sorted."""
    community = get_community_or_404(slug)
    filters = Filters.from_args(request.args)
    today = services.today_in(community)
    page = queries.items_page(current_user, community.id, filters, today,
                              page=page_number())
    return render_template(
        "actions/index.html", community=community, filters=filters, page=page,
        councils=councils_of(community.id), staff=permissions.can_see_workload(
            current_user, community.id),
        workers=queries.workers_of(community.id) if permissions.can_see_workload(
            current_user, community.id) else [])


# --- the public record ---------------------------------------------------------------------------

@bp.get("/c/<slug>/results")
def community_results(slug: str):
    """Every public resolution of the community's councils with its items, and the office's
    own public work."""
    community = get_community_or_404(slug)
    councils = councils_of(community.id)
    records = queries.public_resolutions([c.id for c in councils], page_number("page"))
    return render_template(
        "actions/results.html", community=community, council=None, records=records,
        followed=_followed(records),
        other=queries.public_items_without_resolution(community.id,
                                                      page=page_number("other")))


@bp.get("/councils/<int:council_id>/results")
def council_results(council_id: int):
    council = get_council_or_404(council_id)
    records = queries.public_resolutions([council.id], page_number("page"))
    return render_template(
        "actions/results.html", community=council.community, council=council,
        records=records, followed=_followed(records), other=None)


def _followed(records) -> frozenset[int]:
    """Which of the page's resolutions the reader follows (one query), for follow buttons."""
    return followed_among(current_user, [record.resolution.id for record in records.items])
