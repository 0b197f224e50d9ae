"""JSON routes for certificates: a worker records one of a listed type; the office reads what
was issued; anyone reads the counts per type and month (no names). A type not on the list
is refused (400, nothing recorded): ask POST /communities/{slug}/refusals with
asks_certificate for the text to send back."""

from __future__ import annotations

import functools

from flask import g
from flask_babel import gettext as _

from govhub.actions.services import today_in
from govhub.admission import api_bp
from govhub.admission.certificates import permissions, queries, services
from govhub.admission.certificates.schemas import (
    CertificateCreateSchema,
    CertificateFiguresSchema,
    CertificateListSchema,
    CertificateSchema,
)
from govhub.api import BEARER, OPTIONAL_BEARER, error_responses
from govhub.api.auth import optional_token, token_required
from govhub.communities.queries import get_community_or_404
from govhub.core.guards import require
from govhub.extensions import db

errors = functools.partial(error_responses, api_bp)


def certificate_payload(certificate) -> dict:
    return {
        "id": certificate.id, "community_id": certificate.community_id,
        "code": certificate.code, "name": certificate.name, "name_en": certificate.name_en,
        "resident": (certificate.resident.display_name if certificate.resident
                     else certificate.resident_name),
        "issued_on": certificate.issued_on,
        "worker": certificate.worker.display_name if certificate.worker else "",
        "created_at": certificate.created_at,
    }


@api_bp.post("/communities/<slug>/certificates")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.arguments(CertificateCreateSchema)
@api_bp.response(201, CertificateSchema)
@errors(400, 401, 403, 404, 422)
def issue_certificate(body, slug):
    """Record a certificate of a type on the community's certificate list (its workers).

    Refusals: certificate_not_listed, resident_required, resident_unknown,
    issued_on_future, issued_on_too_old (400), forbidden (403).
    """
    community = get_community_or_404(slug)
    require(permissions.can_issue_certificate(g.api_user, community),
            _("Only the community's workers issue certificates."))
    certificate = services.issue_certificate(
        g.api_user, community, code=body["code"],
        issued_on=body["issued_on"] or today_in(community),
        resident_username=body["resident_username"], resident_name=body["resident_name"])
    db.session.commit()
    return certificate_payload(certificate)


@api_bp.get("/communities/<slug>/certificates")
@api_bp.doc(security=BEARER)
@token_required
@api_bp.response(200, CertificateListSchema)
@errors(401, 403, 404)
def list_certificates(slug):
    """The certificates the community issued, newest first, with residents' names (its
    office only)."""
    community = get_community_or_404(slug)
    require(permissions.can_view_certificates(g.api_user, community))
    items = [certificate_payload(c) for c in queries.community_certificates(community)]
    db.session.commit()
    return {"items": items}


@api_bp.get("/communities/<slug>/certificate-figures")
@api_bp.doc(security=OPTIONAL_BEARER)
@optional_token
@api_bp.response(200, CertificateFiguresSchema)
@errors(401, 404)
def certificate_figures(slug):
    """How many certificates of each type the community issued each month. Public."""
    community = get_community_or_404(slug)
    return {"figures": queries.figures_rows(queries.community_figures(community))}
