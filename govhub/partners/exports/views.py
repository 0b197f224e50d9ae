"""Exports and the workers' view: the HSDS catalogue (public) and each organization's
activity (staff, with a CSV).
"""

from __future__ import annotations

import csv
import io

from flask import Response, jsonify, render_template
from flask_login import current_user, login_required

from govhub.communities.queries import get_community_or_404
from govhub.core.guards import require
from govhub.core.models import utcnow
from govhub.partners import bp
from govhub.partners.exports import hsds, permissions, queries


@bp.get("/c/<slug>/services/hsds.json")
def hsds_catalogue(slug: str):
    """The community's published offerings as HSDS 3.0 JSON, for directories and apps."""
    response = jsonify(hsds.catalogue(get_community_or_404(slug)))
    response.headers["Content-Disposition"] = f'inline; filename="{slug}-hsds.json"'
    return response


@bp.get("/c/<slug>/organizations/activity")
@login_required
def activity_page(slug: str):
    community = get_community_or_404(slug)
    require(permissions.can_see_activity(current_user, community.id))
    return render_template("partners/activity.html", community=community,
                           activities=queries.activity_of(community.id))


@bp.get("/c/<slug>/organizations/activity.csv")
@login_required
def activity_csv(slug: str):
    community = get_community_or_404(slug)
    require(permissions.can_see_activity(current_user, community.id))
    buffer = io.StringIO()
    csv.writer(buffer).writerows(queries.csv_rows(queries.activity_of(community.id)))
    day = utcnow().date().isoformat()
    # A byte-order mark, so that spreadsheet programs read the Chinese names as UTF-8.
    return Response("\ufeff" + buffer.getvalue(), mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="{slug}-organizations-{day}.csv"'})
