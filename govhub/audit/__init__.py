"""The audit trail: append-only, who did what to what and when; read by the office staff
on the audit page (filters, pages, CSV)."""

from flask import Blueprint

bp = Blueprint("audit", __name__, url_prefix="/audit")

from govhub.audit import views  # noqa: E402,F401
