"""Liveness and readiness for the proxy and the supervisor: /healthz answers while the
process does; /readyz says whether the database (and the message queue, when one is set)
answers, naming the failing check but no address."""

import pytest

from govhub import create_app
from tests.helpers import TEST_SETTINGS


def test_a_live_process_says_so(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.get_json() == {"status": "ok"}
    assert response.headers["Cache-Control"] == "no-store"


def test_a_process_whose_database_answers_is_ready(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ready", "checks": {"database": "ok"}}


@pytest.fixture
def app_with(tmp_path):
    """An app built with these settings (not migrated: readiness needs no table)."""
    def build(**settings):
        return create_app({**TEST_SETTINGS, "instance_path": str(tmp_path), **settings})
    return build


def test_a_database_that_does_not_answer_makes_the_process_not_ready(app_with):
    app = app_with(database_url="postgresql+psycopg://govhub@127.0.0.1:1/nowhere")
    response = app.test_client().get("/readyz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "not ready", "checks": {"database": "failing"}}
    assert app.test_client().get("/healthz").status_code == 200  # alive all the same
    assert "127.0.0.1" not in response.get_data(as_text=True)


def test_the_message_queue_is_checked_when_one_is_set(app, client, monkeypatch):
    # The setting is read at each probe; an app built with a queue would rebind the
    # process's one Socket.IO server to it (and the other tests' test clients refuse that).
    settings = app.config["GOVHUB"]
    monkeypatch.setitem(settings, "socketio_message_queue", "redis://127.0.0.1:1/0")
    answer = client.get("/readyz")
    assert answer.status_code == 503
    assert answer.get_json()["checks"] == {"database": "ok", "message_queue": "failing"}
    monkeypatch.setitem(settings, "socketio_message_queue", "redis://127.0.0.1:6379/0")
    answer = client.get("/readyz")
    assert answer.status_code == 200
    assert answer.get_json()["checks"] == {"database": "ok", "message_queue": "ok"}
