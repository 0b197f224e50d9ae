"""Live events run in a request context built from Socket.IO's path: it must match a route.

Without one, every event left a NotFound (or, for a websocket, a
WebsocketMismatch) on its request, in a reference cycle through its
traceback's frames, for the cycle collector to find (docs/performance.md).
"""

import gc

import pytest
from flask import request

WEBSOCKET = {"Upgrade": "websocket", "Connection": "Upgrade"}


@pytest.mark.parametrize("headers", [WEBSOCKET, {}], ids=["websocket", "long-polling"])
def test_socketio_s_path_matches_a_route(app, headers):
    with app.test_request_context("/socket.io/", query_string="EIO=4&transport=websocket",
                                  headers=headers):
        assert request.routing_exception is None
        assert request.url_rule.endpoint == "socketio_handshake"


def test_a_live_event_s_request_context_leaves_no_routing_exception_behind(app):
    environ = app.test_request_context("/socket.io/", headers=WEBSOCKET).request.environ

    def garbage_of_100_contexts() -> int:
        gc.collect()
        gc.disable()
        try:
            for _ in range(100):
                with app.request_context(environ):
                    pass
            return gc.collect()
        finally:
            gc.enable()

    # Werkzeug's matcher leaves a small closure cycle (8 objects) per match;
    # the routing exception's cycle was about 40 more. The collector also finds
    # what other threads of the process left meanwhile (an earlier test's
    # background work), so the quietest of three rounds is the one that counts.
    assert min(garbage_of_100_contexts() for _ in range(3)) <= 100 * 10


def test_the_route_is_never_served_over_http(client):
    # The Socket.IO middleware answers its path before Flask routes it.
    response = client.get("/socket.io/")
    assert response.status_code == 400
    assert b"Not Found" not in response.data
