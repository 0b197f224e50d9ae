"""A route for Socket.IO's own path, so that live events leave no garbage behind.

Flask-SocketIO runs every event in a request context built from the
connection's handshake request (`/socket.io/`), and pushing a request
context matches its URL against the app's routes. With no route there,
every event raised a NotFound and kept it on the request: the exception's
traceback holds the frames of the event's whole call stack, one of which
holds the request context that holds the exception. A reference cycle of
some forty objects per event, freed only by the cycle collector: in a burst
of two thousand ballots, 12,000 objects per thousand events and a pause of
10-30 ms each time (docs/performance.md). With a route the match succeeds
and nothing is raised. Real requests to the path never reach the view: the
Socket.IO middleware answers them before Flask sees them.
"""

from __future__ import annotations

from flask import Flask, abort

SOCKETIO_PATH = "socket.io"  # Flask-SocketIO's default, which GovHub keeps


def init_app(app: Flask) -> None:
    # A handshake that upgrades to a websocket only matches a websocket rule.
    for websocket, methods in ((True, ["GET"]), (False, ["GET", "POST"])):
        app.add_url_rule(f"/{SOCKETIO_PATH}/", endpoint="socketio_handshake",
                         view_func=_not_here, methods=methods, websocket=websocket,
                         strict_slashes=False)


def _not_here():
    abort(404)
