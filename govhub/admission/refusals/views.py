"""The refusal pages: the two-tap form and its answer, the community's and a department's
lists, and the public monthly figures (page, CSV, JSON) per community and per street."""

from __future__ import annotations

from flask import current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from govhub.actions.services import today_in
from govhub.admission import bp
from govhub.admission.catalogue.queries import get_street, street_id_of
from govhub.admission.departments import queries as department_queries
from govhub.admission.refusals import permissions, queries, services
from govhub.admission.refusals.forms import OTHER, refusal_form
from govhub.admission.refusals.labels import channel_label, rule_label
from govhub.admission.refusals.rules import REFUSING
from govhub.communities.queries import get_community_or_404
from govhub.core.errors import DomainError, NotFound
from govhub.core.guards import require
from govhub.core.spreadsheet import csv_response
from govhub.extensions import db
from govhub.web.view_helpers import show_domain_error

bp.add_app_template_global(channel_label, "channel_label")
bp.add_app_template_global(rule_label, "rule_label")


@bp.route("/c/<slug>/refusals/new", methods=["GET", "POST"])
@login_required
def record_refusal(slug: str):
    community = get_community_or_404(slug)
    require(permissions.can_record_refusal(current_user, community),
            _("Only the community's workers record refused tasks."))
    departments = department_queries.departments_covering(community)
    form = refusal_form(departments, queries.current_items(community), queries.locale(),
                        today_in(community))
    status = 200
    if form.validate_on_submit():
        try:
            answer = services.answer_task(
                current_user, community,
                department_id=None if form.department.data == OTHER else form.department.data,
                other_department=form.other_department.data or "",
                channel=form.channel.data, asked_on=form.asked_on.data, what=form.what.data,
                work_item_id=form.work_item.data or None)
            db.session.commit()
        except DomainError as exc:
            db.session.rollback()
            show_domain_error(form, exc)
            status = exc.status
        else:
            if answer.refusal is not None:
                return redirect(url_for("admission.show_refusal", slug=community.slug,
                                        refusal_id=answer.refusal.id, recorded=1))
            return render_template("admission/refusals/answer.html", community=community,
                                   answer=answer, refusal=None, may_list=True)
    elif request.method == "POST":
        status = 400
    return render_template("admission/refusals/new.html", community=community, form=form,
                           departments=departments), status


@bp.get("/c/<slug>/refusals/<int:refusal_id>")
@login_required
def show_refusal(slug: str, refusal_id: int):
    community = get_community_or_404(slug)
    refusal = queries.get_refusal(refusal_id)
    if refusal.community_id != community.id:
        raise NotFound(_("There is no such refusal."))
    require(permissions.can_view_refusal(current_user, refusal))
    answer = services.Answer(refusal.rule, services.reply_for(refusal), refusal,
                             refusal.work_item)
    return render_template("admission/refusals/answer.html", community=community,
                           answer=answer, refusal=refusal,
                           recorded=request.args.get("recorded") == "1",
                           may_list=permissions.can_view_community_refusals(current_user,
                                                                            community))


@bp.get("/c/<slug>/refusals")
@login_required
def community_refusals(slug: str):
    community = get_community_or_404(slug)
    require(permissions.can_view_community_refusals(current_user, community))
    return render_template("admission/refusals/list.html", community=community,
                           department=None, place_name=community.display_name(queries.locale()),
                           refusals=queries.community_refusals(community),
                           may_record=permissions.can_record_refusal(current_user, community))


@bp.get("/departments/<int:department_id>/refusals")
@login_required
def department_refusals(department_id: int):
    department = department_queries.get_department(department_id)
    require(permissions.can_view_department_refusals(current_user, department.id),
            _("A department sees only its own refusals."))
    return render_template("admission/refusals/list.html", community=None,
                           department=department,
                           place_name=department.display_name(queries.locale()),
                           refusals=queries.department_refusals(department.id),
                           may_record=False)


# --- public figures ------------------------------------------------------------------------

def _figures_page(place_name: str, figures, csv_url: str, json_url: str, back_url: str,
                  street_url: str | None = None):
    return render_template("admission/refusals/figures.html", place_name=place_name,
                           figures=figures, rules=REFUSING, csv_url=csv_url,
                           json_url=json_url, back_url=back_url, street_url=street_url)


def _figures_csv(figures, filename: str):
    rows = queries.figures_rows(figures)
    header = ["month", "department_id", "department", *[r.value for r in REFUSING], "total"]
    return csv_response([header, *[[row[h] if row[h] is not None else "" for h in header]
                                   for row in rows]], filename)


def _figures_json(place: dict, figures, filename: str):
    response = current_app.json.response({**place, "scope": "refusals_per_department",
                                          "figures": queries.figures_rows(figures)})
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@bp.get("/c/<slug>/refusals/figures")
def community_figures(slug: str):
    community = get_community_or_404(slug)
    street_id = street_id_of(community)
    return _figures_page(community.display_name(queries.locale()),
                         queries.community_figures(community),
                         url_for("admission.community_figures_csv", slug=slug),
                         url_for("admission.community_figures_json", slug=slug),
                         url_for("communities.community_page", slug=slug),
                         url_for("admission.street_figures", street_id=street_id)
                         if street_id else None)


@bp.get("/c/<slug>/refusals/figures.csv")
def community_figures_csv(slug: str):
    community = get_community_or_404(slug)
    return _figures_csv(queries.community_figures(community), f"refusals-{slug}.csv")


@bp.get("/c/<slug>/refusals/figures.json")
def community_figures_json(slug: str):
    community = get_community_or_404(slug)
    return _figures_json({"community": {"slug": slug, "name": community.name}},
                         queries.community_figures(community), f"refusals-{slug}.json")


@bp.get("/streets/<int:street_id>/refusals/figures")
def street_figures(street_id: int):
    street = get_street(street_id)
    return _figures_page(street.display_name(queries.locale()),
                         queries.street_figures(street.id),
                         url_for("admission.street_figures_csv", street_id=street.id),
                         url_for("admission.street_figures_json", street_id=street.id),
                         url_for("communities.home"))


@bp.get("/streets/<int:street_id>/refusals/figures.csv")
def street_figures_csv(street_id: int):
    street = get_street(street_id)
    return _figures_csv(queries.street_figures(street.id), f"refusals-street-{street.id}.csv")


@bp.get("/streets/<int:street_id>/refusals/figures.json")
def street_figures_json(street_id: int):
    street = get_street(street_id)
    return _figures_json({"street": {"id": street.id, "name": street.name}},
                         queries.street_figures(street.id),
                         f"refusals-street-{street.id}.json")
