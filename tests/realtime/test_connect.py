"""Connecting to /live in-process: by session cookie or token, or refused with a reason."""

from govhub.extensions import db, socketio
from govhub.realtime.rooms import NAMESPACE


def _connect(app, client=None, auth=None):
    return socketio.test_client(app, namespace=NAMESPACE, flask_test_client=client, auth=auth)


def test_a_signed_in_browser_connects_with_its_session(app, client, login, make_user):
    login(make_user())
    live = _connect(app, client)
    assert live.is_connected(NAMESPACE)
    live.disconnect(NAMESPACE)


def test_a_token_connects(app, make_user, make_token):
    live = _connect(app, auth={"token": make_token(make_user())})
    assert live.is_connected(NAMESPACE)
    live.disconnect(NAMESPACE)


def test_an_anonymous_connection_is_refused(app, client):
    assert not _connect(app, client).is_connected(NAMESPACE)


def test_a_bad_token_is_refused(app):
    assert not _connect(app, auth={"token": "gh_nonsense"}).is_connected(NAMESPACE)
    assert not _connect(app, auth={"token": 12345}).is_connected(NAMESPACE)
    assert not _connect(app, auth="not a dict").is_connected(NAMESPACE)


def test_a_disabled_account_cannot_connect(app, make_user, make_token):
    from govhub.core.models import utcnow

    user = make_user()
    token = make_token(user)
    user.disabled_at = utcnow()
    db.session.commit()
    assert not _connect(app, auth={"token": token}).is_connected(NAMESPACE)


def test_a_connected_user_receives_messages_for_their_own_room(app, make_user, make_token):
    from govhub.realtime.publisher import publish
    from govhub.realtime.rooms import user_room

    user, other = make_user(), make_user()
    live = _connect(app, auth={"token": make_token(user)})
    publish(user_room(user.id), "notification", {"text": "hello"})
    publish(user_room(other.id), "notification", {"text": "not for you"})
    db.session.commit()
    received = live.get_received(NAMESPACE)
    assert [m["args"][0]["text"] for m in received if m["name"] == "notification"] == ["hello"]
    live.disconnect(NAMESPACE)


def test_a_message_carrying_a_nul_character_is_answered_with_an_error(app, make_user, make_token):
    live = _connect(app, auth={"token": make_token(make_user())})
    ack = live.emit("meeting:join", {"meeting_id": 1, "note": "a\x00b"}, namespace=NAMESPACE,
                    callback=True)
    assert ack["ok"] is False and ack["error"]["code"] == "bad_payload"
    assert live.is_connected(NAMESPACE)
    live.disconnect(NAMESPACE)


def test_an_event_with_several_arguments_is_refused_in_its_ack(app, make_user, make_token,
                                                                caplog):
    from govhub.realtime.events import _lean_events

    assert _lean_events, "the burst path's events are tested here too"
    live = _connect(app, auth={"token": make_token(make_user())})
    for event in ("meeting:join", *(name for name, _answer in _lean_events)):
        ack = live.emit(event, {"meeting_id": 1}, {"more": 1}, namespace=NAMESPACE,
                        callback=True)
        assert ack["ok"] is False and ack["error"]["code"] == "bad_request", event
        assert ack["error"]["message"]
    assert "Traceback" not in caplog.text and not [
        record for record in caplog.records if record.levelname in ("ERROR", "CRITICAL")]
    assert live.is_connected(NAMESPACE)
    live.disconnect(NAMESPACE)
