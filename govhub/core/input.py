"""Input no page, API call or socket message may carry.

A NUL character is never meaningful in GovHub's text, and PostgreSQL
refuses it inside strings: refusing it at the door keeps one bad byte
from becoming a 500 deep inside a service.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, abort, request

NUL = "\x00"


def has_nul(value: Any) -> bool:
    """Whether a NUL hides anywhere in a string, or in the keys and values of nested data."""
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(has_nul(k) or has_nul(v) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return any(has_nul(item) for item in value)
    return False


def _refuse_nul() -> None:
    if NUL in request.path or has_nul(list(request.args.items(multi=True))):
        abort(400)
    if request.method in ("POST", "PUT", "PATCH", "DELETE"):
        if has_nul(list(request.form.items(multi=True))):
            abort(400)
        try:
            if request.is_json and has_nul(request.get_json(silent=True)):
                abort(400)
        except RecursionError:  # JSON nested deeper than anything GovHub reads
            abort(400)


def init_app(app: Flask) -> None:
    app.before_request(_refuse_nul)
