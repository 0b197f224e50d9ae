"""The signed session cookie: its signer is built once, yet follows the secret key."""

import pytest


@pytest.fixture
def secret(app, monkeypatch):
    """secret(key, fallbacks=()) changes the app's secret key for this test."""

    def change(key: str, fallbacks: tuple = ()):
        monkeypatch.setattr(app, "secret_key", key)
        monkeypatch.setitem(app.config, "SECRET_KEY_FALLBACKS", list(fallbacks))

    return change


def test_a_signed_in_resident_stays_signed_in(client, login, make_user):
    login(make_user())
    assert client.get("/account").status_code == 200
    assert client.get("/account").status_code == 200  # the second request reuses the signer


def test_a_new_secret_key_signs_everyone_out(app, client, login, make_user, secret):
    login(make_user())
    secret("a-rotated-secret-key")
    assert client.get("/account").status_code == 302


def test_the_old_key_as_a_fallback_keeps_sessions(app, client, login, make_user, secret):
    old = app.secret_key
    login(make_user())
    secret("a-rotated-secret-key", fallbacks=(old,))
    assert client.get("/account").status_code == 200
