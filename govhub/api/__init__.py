"""The JSON API under /api/v1: flask-smorest for schemas and OpenAPI."""

from __future__ import annotations

import flask_smorest

from govhub.api.schemas import ErrorResponseSchema

API_PREFIX = "/api/v1"
BEARER = [{"bearerAuth": []}]


class Api(flask_smorest.Api):
    """flask-smorest's Api, minus its app-wide error handler.

    GovHub has one error handler (govhub.errors) that answers JSON under
    /api/ and HTML elsewhere, in the {"error": {code, message}} shape.
    """

    ERROR_SCHEMA = ErrorResponseSchema

    def _register_error_handlers(self):
        pass

    def init_app(self, app, *args, **kwargs):
        super().init_app(app, *args, **kwargs)
        self.spec.components.security_scheme(
            "bearerAuth", {"type": "http", "scheme": "bearer",
                           "description": "A token from POST /api/v1/tokens."})


api = Api()
