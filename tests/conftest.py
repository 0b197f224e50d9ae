"""Fixtures every GovHub test stands on.

One app per test session, migrated once. Each test runs inside an outer
transaction on one connection; the session joins it with savepoints, so
services and views really commit (and after-commit broadcasts really fire)
while the test's rows vanish at the end.
"""

from __future__ import annotations

import itertools
import os
import re
from pathlib import Path

import flask_migrate
import pytest
from flask.testing import FlaskClient
from sqlalchemy import orm

from govhub import create_app
from govhub.extensions import db, limiter

PASSWORD = "correct horse battery"

TEST_SETTINGS = {
    "env": "test",
    "secret_key": "test-secret-key",
    # argon2's cheapest profile keeps hashing out of the suite's run time.
    "password_hash_profile": "CHEAPEST",
    # The test client and socketio.test_client run in this process, unpatched.
    "socketio_async_mode": "threading",
    "demo_password": PASSWORD,
}


def pytest_sessionstart(session):
    """Compile the catalogues, so that `pytest` alone tests the current translations."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po_path in Path(__file__).parent.parent.glob("govhub/translations/*/LC_MESSAGES/*.po"):
        with po_path.open("rb") as po_file, po_path.with_suffix(".mo").open("wb") as mo_file:
            write_mo(mo_file, read_po(po_file))


@pytest.fixture(scope="session")
def _app(tmp_path_factory):
    instance = tmp_path_factory.mktemp("instance")
    app = create_app({**TEST_SETTINGS, "instance_path": str(instance),
                      "database_url": os.environ.get("GOVHUB_TEST_DATABASE_URL", "")})
    with app.app_context():
        flask_migrate.upgrade()
    return app


class TestSession(orm.scoped_session):
    """One session for the whole test, joined to the test's outer transaction.

    Flask-SQLAlchemy removes the session when each app context ends; here
    that becomes a rollback to the last commit, as closing would do, while
    the objects a test holds stay attached.
    """

    def remove(self):
        self.registry().rollback()

    def really_remove(self):
        super().remove()


class RequestClient(FlaskClient):
    """A test client whose every request gets its own app context (and `g`),
    as in production, even though the test itself holds one open."""

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)


@pytest.fixture
def app(_app, monkeypatch):
    """The app inside a transaction that is rolled back after the test."""
    with _app.app_context():
        connection = db.engine.connect()
        outer = connection.begin()
        session = TestSession(
            orm.sessionmaker(bind=connection, join_transaction_mode="create_savepoint")
        )
        monkeypatch.setattr(db, "session", session)
        monkeypatch.setattr(_app, "test_client_class", RequestClient)
        limiter.reset()
        try:
            yield _app
        finally:
            session.really_remove()
            outer.rollback()
            connection.close()


@pytest.fixture
def client(app):
    return app.test_client()


def csrf_token_from(html: str) -> str:
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html)
    assert match, "the page has no CSRF token"
    return match.group(1)


@pytest.fixture
def csrf(client):
    """csrf(path) -> the CSRF token of the form on that page."""

    def fetch(path: str = "/login") -> str:
        return csrf_token_from(client.get(path).get_data(as_text=True))

    return fetch


@pytest.fixture
def login(client, csrf):
    """login(user_or_username, password=PASSWORD) signs the test client in."""

    def sign_in(user, password: str = PASSWORD):
        username = getattr(user, "username", user)
        response = client.post("/login", data={
            "csrf_token": csrf("/login"), "username": username, "password": password,
        })
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        return response

    return sign_in


@pytest.fixture
def post_form(client, csrf):
    """post_form(path, data, page=path) posts a form with the CSRF token of `page`."""

    def post(path: str, data: dict | None = None, page: str | None = None, **kwargs):
        return client.post(path, data={"csrf_token": csrf(page or path), **(data or {})}, **kwargs)

    return post


# --- factories ---------------------------------------------------------------

_serial = itertools.count(1)


@pytest.fixture
def make_community(app):
    from govhub.communities.services import create_community

    def make(slug: str | None = None, name: str = "Test community", **fields):
        community = create_community(None, slug or f"community-{next(_serial)}", name, **fields)
        db.session.commit()
        return community

    return make


@pytest.fixture
def community(make_community):
    return make_community(name="幸福里社区", name_en="Xingfuli Community")


@pytest.fixture
def make_user(app, community):
    """make_user(role="resident", confirmed=True, community=<the test community>, ...)."""
    from govhub.auth import services

    def make(role: str = "resident", username: str | None = None, confirmed: bool = True,
             community=community, password: str = PASSWORD, **fields):
        username = username or f"{role}{next(_serial):04d}"
        display_name = fields.pop("display_name", username.title())
        if confirmed:
            user = services.create_user(None, username, display_name, password, role=role,
                                        community=None if role == "admin" else community,
                                        **fields)
        else:
            user = services.register_resident(community, username, display_name, password,
                                              **fields)
        db.session.commit()
        return user

    return make


@pytest.fixture
def make_token(app):
    from govhub.auth.services import issue_token

    def make(user, days: int | None = None) -> str:
        _, plain = issue_token(user, name="test", days=days)
        db.session.commit()
        return plain

    return make


@pytest.fixture
def broadcasts(app, monkeypatch):
    """Every message the publisher delivers, as (room, event, payload)."""
    from govhub.realtime import publisher

    sent: list[tuple[str, str, object]] = []
    monkeypatch.setattr(publisher, "deliver", lambda room, event, payload:
                        sent.append((room, event, payload)))
    return sent
