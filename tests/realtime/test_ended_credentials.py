"""A connection lasts only as long as what it signed in with: a browser session or an API token.

In-process: each event is refused once the credential has ended, and the
sweep (realtime/expiry.py) disconnects the connections it opened; tests/live
runs the sweep in a real server.
"""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from govhub.auth.models import ApiToken
from govhub.core.models import utcnow
from govhub.extensions import db, socketio
from govhub.realtime import expiry
from govhub.realtime.rooms import NAMESPACE
from tests.conftest import csrf_token_from


@pytest.fixture
def connect(app):
    """connect(flask_client=None, token=None) -> a /live test client (disconnected afterwards)."""
    clients = []

    def make(flask_client=None, token=None):
        with app.app_context():  # its own `g`, as a real connection has
            live = socketio.test_client(app, namespace=NAMESPACE, flask_test_client=flask_client,
                                        auth={"token": token} if token else None)
        clients.append(live)
        return live

    yield make
    for live in clients:
        if live.is_connected(NAMESPACE):
            live.disconnect(NAMESPACE)


def _ack(live) -> dict:
    """Any event answers "unauthorized" before anything else once the sign-in has ended."""
    return live.emit("meeting:join", {"meeting_id": 999_999}, namespace=NAMESPACE, callback=True)


def _stored_token(user) -> ApiToken:
    return db.session.scalar(sa.select(ApiToken).where(ApiToken.user_id == user.id))


def _sign_out(client) -> None:
    page = client.get("/account").get_data(as_text=True)
    assert client.post("/logout", data={"csrf_token": csrf_token_from(page)}).status_code == 302


def _copy_of(app, client):
    thief = app.test_client()
    thief.set_cookie("session", client.get_cookie("session").value)
    return thief


def test_a_copied_cookie_cannot_open_a_socket_after_sign_out(app, client, login, make_user,
                                                             connect):
    login(make_user())
    copy = _copy_of(app, client)
    assert connect(copy).is_connected(NAMESPACE)
    _sign_out(client)
    assert not connect(copy).is_connected(NAMESPACE)


def test_a_signed_out_browsers_open_socket_is_refused_on_its_next_event(client, login, make_user,
                                                                       connect):
    login(make_user())
    live = connect(client)
    assert _ack(live)["error"]["code"] == "unknown_meeting"
    _sign_out(client)
    assert _ack(live)["error"]["code"] == "unauthorized"


def test_a_revoked_tokens_open_socket_is_refused_on_its_next_event(make_user, make_token,
                                                                  connect):
    from govhub.auth.services import revoke_token

    user = make_user()
    live = connect(token=make_token(user))
    revoke_token(user, _stored_token(user))
    db.session.commit()
    assert _ack(live)["error"]["code"] == "unauthorized"


def test_an_expired_tokens_open_socket_is_refused_on_its_next_event(make_user, make_token,
                                                                   connect):
    user = make_user()
    live = connect(token=make_token(user))
    _stored_token(user).expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert _ack(live)["error"]["code"] == "unauthorized"


def test_the_sweep_disconnects_the_sockets_of_a_revoked_token_only(make_user, make_token,
                                                                  connect):
    from govhub.auth.services import revoke_token

    user = make_user()
    revoked_token, kept_token = make_token(user), make_token(user)
    revoked, kept = connect(token=revoked_token), connect(token=kept_token)
    since = utcnow()
    token = db.session.scalar(sa.select(ApiToken).where(ApiToken.user_id == user.id)
                              .order_by(ApiToken.id))
    revoke_token(user, token)
    db.session.commit()
    assert expiry.sweep(since, utcnow()) >= 1  # (ids come again in later tests: no exact count)
    assert not revoked.is_connected(NAMESPACE) and kept.is_connected(NAMESPACE)


def test_the_sweep_disconnects_a_token_that_expired_while_connected(make_user, make_token,
                                                                   connect):
    user = make_user()
    live = connect(token=make_token(user))
    since = utcnow()
    _stored_token(user).expires_at = utcnow()
    db.session.commit()
    assert expiry.sweep(since, utcnow() + timedelta(milliseconds=1)) >= 1
    assert not live.is_connected(NAMESPACE)


def test_the_sweep_disconnects_a_signed_out_browser(client, login, make_user, connect):
    login(make_user())
    live = connect(client)
    since = utcnow()
    _sign_out(client)
    assert expiry.sweep(since, utcnow()) >= 1
    assert not live.is_connected(NAMESPACE)

