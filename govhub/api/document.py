"""Final touches to the OpenAPI document that flask-smorest cannot express per endpoint.

- A multipart endpoint that reads form fields beside its files gets them documented in
  its one multipart request body (flask-smorest writes them as OpenAPI 2 `formData`
  parameters, which OpenAPI 3 does not have).
- Every operation documents its 400: a NUL character anywhere in the path, query or body
  is refused before any endpoint runs (govhub.core.input), as is a body that is not JSON.
"""

from __future__ import annotations

import copy

from apispec import BasePlugin

METHODS = ("get", "put", "post", "patch", "delete")
BAD_REQUEST = ("A business rule refused the request (error.field names the field at fault); "
               "or the request carries a NUL character (U+0000) anywhere in its path, query "
               "or body, or a body that is not JSON (bad_json): refused before anything runs.")


class SchemaRules(BasePlugin):
    """A marshmallow schema's `OPENAPI_RULES` (JSON Schema keywords about the whole
    object, such as "send username or user_id") go into its component."""

    def schema_helper(self, name, definition, **kwargs):
        schema = kwargs.get("schema")
        rules = getattr(schema, "OPENAPI_RULES", None)
        return dict(rules) if rules else None


def one_of(*names: str, exactly: bool = True) -> dict:
    """Exactly one (or at least one) of these fields, not null."""
    return {"oneOf" if exactly else "anyOf": [
        {"required": [name], "properties": {name: {"not": {"type": "null"}}}}
        for name in names]}


def tidy(document: dict) -> dict:
    document = copy.deepcopy(document)
    for operations in document.get("paths", {}).values():
        for method in METHODS:
            operation = operations.get(method)
            if operation is None:
                continue
            _form_fields_into_multipart(operation, document)
            _document_bad_request(operation)
    return document


def _form_fields_into_multipart(operation: dict, document: dict) -> None:
    fields = [p for p in operation.get("parameters", []) if p.get("in") == "formData"]
    if not fields:
        return
    operation["parameters"] = [p for p in operation["parameters"] if p.get("in") != "formData"]
    if not operation["parameters"]:
        del operation["parameters"]
    content = operation.setdefault("requestBody", {"required": True}).setdefault("content", {})
    body = content.setdefault("multipart/form-data", {"schema": {"type": "object"}})
    schema = _resolve(body.get("schema", {}), document)
    properties = dict(schema.get("properties", {}))
    for field in fields:
        properties[field["name"]] = {**_not_null(field.get("schema", {})),
                                     **({"description": field["description"]}
                                        if "description" in field else {})}
    required = [*schema.get("required", []), *[f["name"] for f in fields if f.get("required")]]
    body["schema"] = {**schema, "type": "object", "properties": properties,
                      **({"required": required} if required else {})}


def _not_null(schema: dict) -> dict:
    """A form field is text or absent: it cannot carry JSON's null (leave it out instead)."""
    schema = dict(schema)
    if isinstance(schema.get("type"), list):
        types = [kind for kind in schema["type"] if kind != "null"]
        schema["type"] = types[0] if len(types) == 1 else types
    if "enum" in schema:
        schema["enum"] = [value for value in schema["enum"] if value is not None]
    if schema.get("default", "") is None:
        del schema["default"]
    return schema


def _resolve(schema: dict, document: dict) -> dict:
    ref = schema.get("$ref", "")
    if not ref.startswith("#/components/schemas/"):
        return schema
    return dict(document["components"]["schemas"][ref.rsplit("/", 1)[1]])


def _document_bad_request(operation: dict) -> None:
    responses = operation.setdefault("responses", {})
    answer = responses.setdefault("400", {
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/"
                                                            "ErrorResponse"}}}})
    answer["description"] = BAD_REQUEST
