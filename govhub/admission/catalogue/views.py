"""The catalogue's pages: a community's public list, and the office's import and export."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from govhub.admission import bp
from govhub.admission.catalogue import queries, services
from govhub.admission.catalogue.forms import ImportForm, PlaceForm, StreetForm
from govhub.admission.catalogue.labels import list_type_label
from govhub.admission.catalogue.permissions import can_import_catalogue
from govhub.communities.queries import all_communities, get_community, get_community_or_404
from govhub.core.errors import DomainError, Forbidden
from govhub.core.guards import require
from govhub.extensions import db
from govhub.web.view_helpers import attempt, show_domain_error

bp.add_app_template_global(list_type_label, "list_type_label")


@bp.get("/c/<slug>/work-items")
def community_catalogue(slug: str):
    community = get_community_or_404(slug)
    version, items = queries.catalogue_of(community)
    street = version.street if version else None
    return render_template("admission/catalogue.html", community=community, version=version,
                           street=street, groups=queries.grouped(items))


@bp.route("/admin/catalogue", methods=["GET", "POST"])
@login_required
def manage():
    require(can_import_catalogue(current_user, None),
            _("Only the office's administrators may import a catalogue."))
    streets = queries.all_streets()
    form = ImportForm()
    form.street.choices = [(s.id, s.name) for s in streets]
    status, imported = 200, None
    if form.validate_on_submit():
        storage = form.file.data
        text = _text_of(storage)
        try:
            if text is None:
                raise DomainError("no_file", _("Choose a UTF-8 CSV file."), field="file")
            imported = services.import_catalogue(current_user, queries.get_street(
                form.street.data), text, form.note.data or "")
            db.session.commit()
        except DomainError as exc:
            db.session.rollback()
            if isinstance(exc, Forbidden):
                raise
            show_domain_error(form, exc)
            imported, status = None, exc.status
    elif request.method == "POST":
        status = 400
    versions = {s.id: queries.current_version(s.id) for s in streets}
    return render_template("admission/manage.html", form=form, streets=streets,
                           versions=versions, imported=imported, street_form=StreetForm(),
                           place_form=_place_form(streets), placed=_placed()), status


def _place_form(streets) -> PlaceForm:
    form = PlaceForm()
    form.community.choices = [(c.id, c.name) for c in all_communities()]
    form.place_street.choices = [(s.id, s.name) for s in streets]
    return form


def _placed() -> list[tuple[str, str]]:
    """(community, its street) by name, the street empty when it has none."""
    names = {s.id: s.name for s in queries.all_streets()}
    return [(c.name, names.get(queries.street_id_of(c), "")) for c in all_communities()]


def _back():
    return redirect(url_for("admission.manage"))


@bp.post("/admin/streets")
@login_required
def create_street():
    require(can_import_catalogue(current_user, None),
            _("Only the office's administrators may import a catalogue."))
    form = StreetForm()
    if form.validate_on_submit():
        attempt(services.create_street, current_user, form.name.data, form.name_en.data,
                done=_("The street is added."))
    else:
        flash(_("This form has expired. Reload the page and try again."), "error")
    return _back()


@bp.post("/admin/streets/place")
@login_required
def place_community():
    require(can_import_catalogue(current_user, None),
            _("Only the office's administrators may import a catalogue."))
    form = _place_form(queries.all_streets())
    if form.validate_on_submit():
        attempt(services.place_community, current_user,
                get_community(form.community.data),
                queries.get_street(form.place_street.data),
                done=_("The community now shares its street's catalogue."))
    else:
        flash(_("Choose a community and a street."), "error")
    return _back()


def _text_of(storage) -> str | None:
    if storage is None or not getattr(storage, "filename", ""):
        return None
    try:
        return storage.read(current_app.config["MAX_CONTENT_LENGTH"] or None).decode("utf-8")
    except UnicodeDecodeError:
        return None
