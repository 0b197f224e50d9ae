"""One place that turns every error into a page or a JSON body, in the user's language."""

from __future__ import annotations

import logging

from flask import Flask, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from govhub.api import API_PREFIX
from govhub.core.errors import DomainError
from govhub.extensions import db

log = logging.getLogger(__name__)

HTML_TEMPLATES = {400, 403, 404, 500}


def _messages() -> dict[int, tuple[str, str]]:
    """Status -> (code, message), translated at the time of the request."""
    return {
        400: ("bad_request", _("The request could not be understood.")),
        401: ("unauthorized", _("Please sign in first.")),
        403: ("forbidden", _("You are not allowed to do that.")),
        404: ("not_found", _("There is nothing at this address.")),
        405: ("method_not_allowed", _("This address does not accept that method.")),
        413: ("payload_too_large", _("What you sent is too large.")),
        415: ("unsupported_media_type", _("Send JSON with Content-Type: application/json.")),
        422: ("validation_error", _("Some fields are missing or not valid.")),
        429: ("rate_limited", _("Too many attempts. Wait a minute, then try again.")),
        500: ("server_error", _("Something went wrong on our side. It has been logged.")),
    }


def wants_json() -> bool:
    return request.path.startswith(API_PREFIX + "/") or request.path == API_PREFIX


def _headers(status: int, exc: Exception | None = None) -> dict[str, str]:
    """What the answer must carry besides its body: the exception's own headers (a 405's
    Allow, a 429's Retry-After), and for the API a 401's WWW-Authenticate."""
    headers = {}
    if isinstance(exc, HTTPException):
        headers = {name: value for name, value in exc.get_headers()
                   if name.lower() != "content-type"}
    retry_after = getattr(exc, "retry_after", None)  # a DomainError refusing for a while
    if retry_after:
        headers["Retry-After"] = str(retry_after)
    if status == 401 and wants_json():
        headers.setdefault("WWW-Authenticate", 'Bearer realm="GovHub"')
    return headers


def error_response(status: int, code: str, message: str, headers: dict | None = None,
                   **extra):
    if wants_json():
        body = {"error": {"code": code, "message": message, **extra}}
        return jsonify(body), status, headers or {}
    template = f"errors/{status}.html" if status in HTML_TEMPLATES else "errors/error.html"
    return render_template(template, status=status, message=message), status, headers or {}


def handle_http_exception(exc: HTTPException):
    status = exc.code or 500
    code, message = _messages().get(status, ("http_error", exc.description or exc.name))
    extra = {}
    if isinstance(exc, CSRFError):
        code, message = "csrf_failed", _("This form has expired. Reload the page and try again.")
    data = getattr(exc, "data", None)  # webargs puts its messages here
    if isinstance(data, dict) and data.get("messages"):
        if status == 400:  # webargs answers 400 only for a body it cannot parse
            code, message = "bad_json", _("The body is not valid JSON.")
        else:
            extra["fields"] = data["messages"].get("json", data["messages"])
    return error_response(status, code, message, _headers(status, exc), **extra)


def handle_domain_error(exc: DomainError):
    if exc.status == 403 and not wants_json() and not current_user.is_authenticated:
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
    if wants_json():
        return jsonify({"error": exc.to_dict()}), exc.status, _headers(exc.status, exc)
    return error_response(exc.status, exc.code, exc.message, _headers(exc.status, exc))


def handle_unexpected(exc: Exception):
    if isinstance(exc, HTTPException):
        return handle_http_exception(exc)
    log.exception("unhandled error on %s %s", request.method, request.path)
    # The failed statement left the session unusable; the error page reads the
    # signed-in user and the menu through it, and must not fail in its turn.
    db.session.rollback()
    return handle_http_exception(InternalServerError())


def init_app(app: Flask) -> None:
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(DomainError, handle_domain_error)
    app.register_error_handler(Exception, handle_unexpected)
