"""The certificate pages: the office's list and issue form (with the answer for a type not
on the list), and the public counts per type and month."""

from __future__ import annotations

from flask import current_app, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from govhub.actions.services import today_in
from govhub.admission import bp
from govhub.admission.certificates import permissions, queries, services
from govhub.admission.certificates.forms import OtherForm, issue_form
from govhub.admission.refusals.queries import locale
from govhub.communities.queries import get_community_or_404
from govhub.core.errors import DomainError
from govhub.core.guards import require
from govhub.core.spreadsheet import csv_response
from govhub.extensions import db
from govhub.web.view_helpers import show_domain_error


def _page(community, form=None, other=None, status: int = 200):
    items = queries.certificate_list(community)
    form = form or issue_form(items, locale(), today_in(community))
    return render_template(
        "admission/certificates/index.html", community=community, items=items, form=form,
        other=other or OtherForm(prefix="other"),
        certificates=queries.community_certificates(community),
        may_issue=permissions.can_issue_certificate(current_user, community)), status


@bp.get("/c/<slug>/certificates")
@login_required
def certificates(slug: str):
    community = get_community_or_404(slug)
    require(permissions.can_view_certificates(current_user, community))
    return _page(community)


@bp.post("/c/<slug>/certificates")
@login_required
def issue_certificate(slug: str):
    community = get_community_or_404(slug)
    require(permissions.can_issue_certificate(current_user, community),
            _("Only the community's workers issue certificates."))
    form = issue_form(queries.certificate_list(community), locale(), today_in(community))
    if not form.validate_on_submit():
        return _page(community, form=form, status=400)
    try:
        services.issue_certificate(current_user, community, code=form.certificate.data,
                                   issued_on=form.issued_on.data,
                                   resident_username=form.resident_username.data or "",
                                   resident_name=form.resident_name.data or "")
        db.session.commit()
    except DomainError as exc:
        db.session.rollback()
        show_domain_error(form, exc)
        return _page(community, form=form, status=exc.status)
    return redirect(url_for("admission.certificates", slug=slug, issued=1))


@bp.post("/c/<slug>/certificates/other")
@login_required
def other_certificate(slug: str):
    """A type not on the list: the refusal's text, recorded as a refusal."""
    community = get_community_or_404(slug)
    require(permissions.can_issue_certificate(current_user, community),
            _("Only the community's workers issue certificates."))
    other = OtherForm(prefix="other")
    if not other.validate_on_submit():
        return _page(community, other=other, status=400)
    try:
        answer = services.refuse_certificate(current_user, community, what=other.what.data,
                                             who_asks=other.who_asks.data or "")
        db.session.commit()
    except DomainError as exc:
        db.session.rollback()
        show_domain_error(other, exc)
        return _page(community, other=other, status=exc.status)
    return redirect(url_for("admission.show_refusal", slug=slug,
                            refusal_id=answer.refusal.id, recorded=1))


@bp.get("/c/<slug>/certificates/figures")
def certificate_figures(slug: str):
    community = get_community_or_404(slug)
    return render_template("admission/certificates/figures.html", community=community,
                           lines=queries.community_figures(community))


@bp.get("/c/<slug>/certificates/figures.csv")
def certificate_figures_csv(slug: str):
    community = get_community_or_404(slug)
    rows = queries.figures_rows(queries.community_figures(community))
    header = ["month", "code", "name", "name_en", "count"]
    return csv_response([header, *[[row[h] for h in header] for row in rows]],
                        f"certificates-{slug}.csv")


@bp.get("/c/<slug>/certificates/figures.json")
def certificate_figures_json(slug: str):
    community = get_community_or_404(slug)
    response = current_app.json.response({
        "community": {"slug": slug, "name": community.name},
        "scope": "certificates_per_type",
        "figures": queries.figures_rows(queries.community_figures(community))})
    response.headers["Content-Disposition"] = f'inline; filename="certificates-{slug}.json"'
    return response
