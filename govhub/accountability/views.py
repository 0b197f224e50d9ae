"""Pages: a resolution with its items and the follow button, what I follow, the office's
delivery analytics with their CSV and JSON exports, and each council's Atom feed.

Following works without JavaScript: a form posts, the page comes back with a flash.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from sqlalchemy import orm

from govhub.accountability import (
    analytics,
    bp,
    charts,
    exports,
    permissions,
    queries,
    services,
)
from govhub.actions.models import ActionItem
from govhub.actions.queries import public_resolutions, visible_clause
from govhub.communities.queries import get_community_or_404
from govhub.core.guards import require
from govhub.councils.queries import get_council_or_404
from govhub.extensions import db
from govhub.proposals.trail import proposals_behind
from govhub.web.view_helpers import safe_next_url

FEED_ENTRIES = 50


class ButtonForm(FlaskForm):
    """Only the CSRF token."""


def _readable(resolution_id: int):
    resolution, meeting = queries.get_resolution_or_404(resolution_id)
    require(permissions.can_read_resolution(current_user, meeting),
            _("This resolution is read by the council's members and the community office."))
    return resolution, meeting


# --- a resolution, and following it -------------------------------------------------------------

def decision(resolution) -> dict:
    """How the resolution was decided, from the tally frozen when its poll closed: the rule
    in words, the result sentence, the votes per option, the turnout and the base."""
    from govhub.councils.labels import rule_set_label
    from govhub.voting import display, labels
    from govhub.voting.queries import poll_payload

    frozen = resolution.tally or {}
    payload = {**poll_payload(resolution.poll), "result": frozen}
    turnout = frozen.get("turnout") or {}
    return {"rule": rule_set_label(resolution.rule_set),
            "sentence": labels.result_sentence(payload) if frozen.get("outcome") else "",
            "rows": display.tally_rows(payload, frozen.get("tally"), turnout),
            "turnout": turnout, "outcome": frozen.get("outcome") or {}}


@bp.get("/resolutions/<int:resolution_id>")
def resolution(resolution_id: int):
    """The resolution as decided, each item carrying it out that the reader may see, and the
    follow button."""
    resolution, meeting = _readable(resolution_id)
    items = db.session.scalars(
        sa.select(ActionItem).where(ActionItem.resolution_id == resolution.id,
                                    visible_clause(current_user))
        .options(orm.joinedload(ActionItem.owner), orm.joinedload(ActionItem.community))
        .order_by(ActionItem.id)).all()
    return render_template(
        "accountability/resolution.html", resolution=resolution, meeting=meeting,
        decision=decision(resolution),
        council=meeting.council, community=meeting.council.community, items=items,
        following=queries.is_following(current_user, resolution.id),
        followers=queries.follower_count(resolution.id),
        can_follow=permissions.can_follow(current_user, meeting), form=ButtonForm(),
        behind=proposals_behind(resolution))


def _back(resolution_id: int):
    fallback = url_for("accountability.resolution", resolution_id=resolution_id)
    return redirect(safe_next_url(request.form.get("next"), fallback))


@bp.post("/resolutions/<int:resolution_id>/follow")
@login_required
def follow(resolution_id: int):
    resolution, meeting = queries.get_resolution_or_404(resolution_id)
    if not ButtonForm().validate_on_submit():
        flash(_("This form has expired. Reload the page and try again."), "error")
        return _back(resolution_id)
    services.follow_resolution(current_user, resolution, meeting)
    db.session.commit()
    flash(_("You follow this resolution: when its action items change, you will be "
            "notified."), "success")
    return _back(resolution_id)


@bp.post("/resolutions/<int:resolution_id>/unfollow")
@login_required
def unfollow(resolution_id: int):
    resolution, _meeting = queries.get_resolution_or_404(resolution_id)
    if not ButtonForm().validate_on_submit():
        flash(_("This form has expired. Reload the page and try again."), "error")
        return _back(resolution_id)
    services.unfollow_resolution(current_user, resolution)
    db.session.commit()
    flash(_("You no longer follow this resolution."), "success")
    return _back(resolution_id)


@bp.get("/my/following")
@login_required
def following():
    return render_template("accountability/following.html",
                           follows=queries.follows_of(current_user), form=ButtonForm())


# --- the office's delivery analytics ------------------------------------------------------------

def _analysed(slug: str):
    community = get_community_or_404(slug)
    require(permissions.can_see_analytics(current_user, community.id),
            _("Delivery analytics are for the community office."))
    return community


@bp.get("/c/<slug>/work/analytics")
@login_required
def analytics_page(slug: str):
    community = _analysed(slug)
    public_only = request.args.get("scope") == "public"
    return render_template(
        "accountability/analytics.html", community=community, public_only=public_only,
        delivery=analytics.delivery(community, public_only=public_only), charts=charts,
        definitions=exports.definitions())


@bp.get("/c/<slug>/work/analytics.csv")
@login_required
def analytics_csv(slug: str):
    community = _analysed(slug)
    delivery = analytics.delivery(community, public_only=True, with_workers=False)
    return exports.csv_response(delivery, str(get_locale()),
                                f"{community.slug}-action-items-{delivery.today}.csv")


@bp.get("/c/<slug>/work/analytics.json")
@login_required
def analytics_json(slug: str):
    community = _analysed(slug)
    delivery = analytics.delivery(community, public_only=True, with_workers=False)
    response = current_app.json.response(
        exports.json_document(delivery, community, str(get_locale())))
    response.headers["Content-Disposition"] = (
        f'inline; filename="{community.slug}-action-items-{delivery.today}.json"')
    return response


# --- a council's Atom feed ---------------------------------------------------------------------

@bp.get("/councils/<int:council_id>/results.atom")
def council_feed(council_id: int):
    """The council's public resolutions, latest first, each with how its items stand."""
    council = get_council_or_404(council_id)
    records = public_resolutions([council.id], page=1, per_page=FEED_ENTRIES).items
    entries = []
    for record in records:
        moments = [record.resolution.decided_at] + [item.updated_at for item in record.items]
        entries.append({"record": record, "updated": max(moments)})
    updated = max((entry["updated"] for entry in entries), default=council.created_at)
    body = render_template("accountability/feed.xml", council=council,
                           community=council.community, entries=entries, updated=updated)
    return current_app.response_class(body, mimetype="application/atom+xml")
