"""Talking to /live through flask_socketio's in-process test client (the `connect` fixture)."""

from govhub.realtime.rooms import NAMESPACE

NO_PAYLOAD = object()


def call(live, event: str, payload=NO_PAYLOAD):
    """Emit `event` (with `payload`, if any) and return the server's acknowledgement."""
    args = () if payload is NO_PAYLOAD else (payload,)
    return live.emit(event, *args, namespace=NAMESPACE, callback=True)


def heard(live, event: str) -> list:
    """The payloads of `event` this client received since it was last asked."""
    return [m["args"][0] for m in live.get_received(NAMESPACE) if m["name"] == event]


def refused(ack, code: str) -> dict:
    """The error of a refused acknowledgement, after checking its code and that it says why."""
    assert ack["ok"] is False, ack
    assert ack["error"]["code"] == code, ack
    assert isinstance(ack["error"]["message"], str) and ack["error"]["message"]
    return ack["error"]
