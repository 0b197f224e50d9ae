"""The /live namespace: connection handling and the helper every event uses."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

from flask import Flask, g
from flask_babel import gettext as _
from flask_socketio import ConnectionRefusedError, join_room

from govhub.core.errors import DomainError
from govhub.core.input import has_nul
from govhub.extensions import db, socketio
from govhub.realtime.auth import (
    authenticate_connection,
    current_socket_user,
    socket_browser_locale,
    socket_identity,
)
from govhub.realtime.rooms import NAMESPACE, user_room
from govhub.web.locale import CONNECTION_LOCALE

log = logging.getLogger(__name__)

Answer = Callable[[Any, Any], dict]  # (user, payload) -> the ack
_lean_events: list[tuple[str, Answer]] = []


def error_ack(code: str, message: str) -> dict:
    return {"ok": False, "error": {"code": code, "message": message}}


def several_arguments() -> dict:
    """An event carries one JSON object (or nothing); several arguments are refused."""
    return error_ack("bad_request", _("Send one JSON object with the event, nothing more."))


@socketio.on("connect", namespace=NAMESPACE)
def on_connect(auth=None):
    user = authenticate_connection(auth)
    if user is None:
        # The client sees {"message": ..., "data": {"code", "message"}} in connect_error.
        message = _("Sign in, or connect with a valid API token, to join live rooms.")
        raise ConnectionRefusedError(message, {"code": "unauthorized", "message": message})
    if user.is_authenticated:  # viewers have no personal room
        join_room(user_room(user.id))


def live_event(name: str, commits_itself: bool = False, identity_only: bool = False) -> Callable:
    """Register a /live event: authenticate, check the payload shape, commit once, ack.

    The wrapped function takes (user, payload) and returns a dict for the ack
    or raises DomainError. The connection always stays up. An event whose
    function commits by other means (the ballot box) returns its whole ack.

    With `identity_only` the function gets a SocketIdentity instead of the
    User read from the database, and must check the account itself; and it
    runs in an app context only, in the browser's language, without the
    request context Flask-SocketIO builds for every event. That is for the
    burst path (a ballot among two thousand): building a request context
    cost more of the server's core than the rest of the event
    (docs/performance.md).
    """

    def decorator(fn: Callable[[Any, dict], dict | None]) -> Callable:
        answer = functools.partial(_answer, name, fn, commits_itself)
        if identity_only:
            _lean_events.append((name, answer))  # given to each server by init_app
            return fn

        @functools.wraps(fn)
        def handler(*args):
            if len(args) > 1:
                return several_arguments()
            return answer(current_socket_user(), args[0] if args else None)

        socketio.on_event(name, handler, namespace=NAMESPACE)
        return handler

    return decorator


def init_app(app: Flask) -> None:
    """Give this app's Socket.IO server the `identity_only` events, after socketio.init_app."""
    from govhub.realtime import malformed

    malformed.install()
    for name, answer in _lean_events:
        socketio.server.on(name, _lean_handler(app, answer), namespace=NAMESPACE)


def _lean_handler(app: Flask, answer: Answer) -> Callable:
    def handler(sid, *args):
        if len(args) > 1:
            with app.app_context():
                return several_arguments()
        payload = args[0] if args else None
        environ = socketio.server.get_environ(sid, namespace=NAMESPACE) or {}
        with app.app_context():
            # The language selector looks here if anything is worded.
            setattr(g, CONNECTION_LOCALE, socket_browser_locale(environ))
            return answer(socket_identity(environ), payload)

    return handler


def _answer(name: str, fn: Callable, commits_itself: bool, user, payload) -> dict:
    if user is None:
        return error_ack("unauthorized", _("Your session has ended; sign in again."))
    if payload is None:
        payload = {}
    if not isinstance(payload, dict):
        return error_ack("bad_payload", _("The message must be a JSON object."))
    if has_nul(payload):
        return error_ack("bad_payload", _("The message contains a NUL character."))
    try:
        result = fn(user, payload) or {}
        if commits_itself:
            return result
        db.session.commit()
    except DomainError as exc:
        db.session.rollback()
        return {"ok": False, "error": exc.to_dict()}
    except Exception:
        db.session.rollback()
        log.exception("live event %s failed", name)
        return error_ack("server_error", _("Something went wrong on our side."))
    return {"ok": True, **result}
