"""The JSON API under /api/v1: flask-smorest for schemas and OpenAPI."""

from __future__ import annotations

import flask_smorest
from flask_babel import gettext as _
from webargs import core
from webargs.flaskparser import FlaskParser, abort

from govhub.api.schemas import ErrorResponseSchema

API_PREFIX = "/api/v1"
BEARER = [{"bearerAuth": []}]
# Readable without a token; with one, the answer may show more.
OPTIONAL_BEARER = [{}, *BEARER]


class Api(flask_smorest.Api):
    """flask-smorest's Api, minus its app-wide error handler.

    GovHub has one error handler (govhub.web.error_pages) that answers JSON under
    /api/ and HTML elsewhere, in the {"error": {code, message}} shape.
    """

    ERROR_SCHEMA = ErrorResponseSchema

    def _register_error_handlers(self):
        pass

    def init_app(self, app, *args, **kwargs):
        from govhub.api.document import SchemaRules

        kwargs.setdefault("spec_kwargs", {"extra_plugins": [SchemaRules()]})
        super().init_app(app, *args, **kwargs)
        self.spec.components.security_scheme(
            "bearerAuth", {"type": "http", "scheme": "bearer",
                           "description": "A token from POST /api/v1/tokens."})
        from govhub.api.document import tidy

        generate = self.spec.to_dict
        self.spec.to_dict = lambda: tidy(generate())


api = Api()


class Parser(FlaskParser):
    """webargs' parser, except that a JSON body the endpoint requires must be there: no body
    (or one not sent as JSON) is refused with 422, not read as {}."""

    def __init__(self, body_required: bool = True, **kwargs):
        super().__init__(**kwargs)
        self.body_required = body_required

    def load_json(self, req, schema):
        data = super().load_json(req, schema)
        if data is core.missing and self.body_required:
            abort(422, messages={"json": {"body": [
                _("Send JSON with Content-Type: application/json.")]}})
        return data


BODY_REQUIRED, BODY_OPTIONAL = Parser(), Parser(body_required=False)


class ApiBlueprint(flask_smorest.Blueprint):
    """Every feature's API blueprint: `arguments(..., required=False)` documents a body that
    may be left out, and reads none as {}; otherwise a missing body is refused."""

    ARGUMENTS_PARSER = BODY_REQUIRED

    def arguments(self, schema, *, required: bool = True, **kwargs):
        decorate = super().arguments(schema, required=required, **kwargs)

        def apply(func):
            self.ARGUMENTS_PARSER = BODY_REQUIRED if required else BODY_OPTIONAL
            try:
                return decorate(func)
            finally:
                del self.ARGUMENTS_PARSER  # back to the class's

        return apply


ERROR_DESCRIPTIONS = {
    400: "A business rule refused the request; error.field names the field at fault.",  # and
    # see govhub.api.document: every operation's 400 also says what is refused at the door.
    401: "No token, or an invalid, expired or revoked one.",
    403: "The token's user may not do this.",
    404: "Nothing with that id (or nothing this user may see).",
    409: "Not possible at this stage, or it conflicts with the present state.",
    422: "Fields are missing or invalid; error.fields names each one.",
}


def error_responses(blueprint, *statuses: int):
    """Document the error answers of an endpoint, all in the one error shape."""

    def decorate(fn):
        for status in statuses:
            fn = blueprint.alt_response(status, schema=ErrorResponseSchema,
                                        description=ERROR_DESCRIPTIONS[status])(fn)
        return fn

    return decorate
