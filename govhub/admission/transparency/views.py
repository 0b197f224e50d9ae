"""The public pages of a street: its overview and its catalogue as open data."""

from __future__ import annotations

from flask import current_app, render_template
from flask_babel import gettext as _

from govhub.admission import bp
from govhub.admission.catalogue import queries as catalogue
from govhub.admission.catalogue.services import export_csv
from govhub.admission.transparency import queries
from govhub.core.errors import DomainError


@bp.get("/streets")
def streets_index():
    return render_template("admission/streets.html", streets=catalogue.all_streets())


@bp.get("/streets/<int:street_id>")
def street_page(street_id: int):
    return render_template("admission/street.html",
                           overview=queries.overview(catalogue.get_street(street_id)))


@bp.get("/streets/<int:street_id>/catalogue.csv")
def catalogue_csv(street_id: int):
    """The street's current catalogue as the import reads it: open data, no personal data."""
    street = catalogue.get_street(street_id)
    version = catalogue.current_version(street.id)
    if version is None:
        raise DomainError("no_catalogue", _("This street has no catalogue yet."), status=404)
    response = current_app.response_class(export_csv(version), mimetype="text/csv")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="catalogue-{street.id}-v{version.number}.csv"')
    return response
