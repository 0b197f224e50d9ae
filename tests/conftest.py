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
import sqlalchemy as sa
from flask.testing import FlaskClient
from sqlalchemy import orm

from govhub import create_app
from govhub.extensions import db, limiter, socketio
from govhub.realtime.rooms import NAMESPACE
from tests.helpers import PASSWORD, TEST_SETTINGS
from tests.helpers.api import bearer
from tests.helpers.servers import LiveServer, postgres_database


def pytest_sessionstart(session):
    """Compile the catalogues, so that `pytest` alone tests the current translations
    (once, in the controller: xdist's workers start after it and only read them)."""
    if hasattr(session.config, "workerinput"):
        return
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po_path in Path(__file__).parent.parent.glob("govhub/translations/*/LC_MESSAGES/*.po"):
        with po_path.open("rb") as po_file, po_path.with_suffix(".mo").open("wb") as mo_file:
            write_mo(mo_file, read_po(po_file))


@pytest.fixture(scope="session")
def _database_url():
    """SQLite in the instance folder by default; GOVHUB_TEST_DATABASE=postgresql gives this
    session (each xdist worker) a throwaway database on the PostgreSQL server instead."""
    if os.environ.get("GOVHUB_TEST_DATABASE") == "postgresql":
        with postgres_database("suite") as url:
            yield url
    else:
        yield os.environ.get("GOVHUB_TEST_DATABASE_URL", "")


@pytest.fixture(scope="session")
def _app(tmp_path_factory, _database_url):
    instance = tmp_path_factory.mktemp("instance")
    app = create_app({**TEST_SETTINGS, "instance_path": str(instance),
                      "database_url": _database_url})
    with app.app_context():
        flask_migrate.upgrade()
    yield app
    with app.app_context():
        db.engine.dispose()  # before a throwaway database is dropped


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


@pytest.fixture
def statements(app, client):
    """statements(path) -> how many SQL statements a GET of `path` runs (it must answer 200)."""

    def count(path: str) -> int:
        executed = []

        def record(conn, cursor, statement, parameters, context, executemany):
            executed.append(statement)

        db.session.expire_all()
        sa.event.listen(db.engine, "before_cursor_execute", record)
        try:
            response = client.get(path)
        finally:
            sa.event.remove(db.engine, "before_cursor_execute", record)
        assert response.status_code == 200, (path, response.status_code)
        return len(executed)

    return count


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
                                        community=None if role in ("admin", "officer", "reviewer")
                                        else community,
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
def auth(make_token):
    """auth(user) -> the headers that carry a fresh token of that user."""
    return lambda user: bearer(make_token(user))


@pytest.fixture
def connect(app, make_token):
    """connect(user) -> a /live test client with that user's token; connect(None) -> a
    Viewer; connect(user, **auth) -> one with that auth payload. Disconnected afterwards."""
    clients = []

    def make(user, **auth):
        auth = auth or ({"token": make_token(user)} if user is not None else {"view": True})
        live = socketio.test_client(app, namespace=NAMESPACE, auth=auth)
        assert live.is_connected(NAMESPACE)
        clients.append(live)
        return live

    yield make
    for live in clients:
        if live.is_connected(NAMESPACE):
            live.disconnect(NAMESPACE)


@pytest.fixture
def broadcasts(app, monkeypatch):
    """Every message the publisher delivers, as (room, event, payload)."""
    from govhub.realtime import publisher

    sent: list[tuple[str, str, object]] = []
    monkeypatch.setattr(publisher, "deliver", lambda room, event, payload:
                        sent.append((room, event, payload)))
    return sent


@pytest.fixture
def fake_clock(app, monkeypatch):
    """The app's clock, moved by hand: `fake_clock.advance(seconds)` (tests/fake_clock.py)."""
    from govhub.core.clock import CLOCK
    from tests.fake_clock import FakeClock

    clock = FakeClock()
    monkeypatch.setitem(app.extensions, CLOCK, clock)
    return clock


@pytest.fixture
def coalescing(app, fake_clock, monkeypatch):
    """The coalescing loop as `govhub run` has it (tallies at most every 150 ms, attendance
    every second), not running: the test moves `fake_clock` and calls `coalescing.round()`."""
    from govhub.meetings import queries
    from govhub.realtime.coalesce import LOOP, Loop

    monkeypatch.setitem(app.config, "GOVHUB", {**app.config["GOVHUB"], "tally_interval_ms": 150,
                                               "attendance_interval_ms": 1000})
    monkeypatch.setattr(queries, "_recent_summaries", {})
    loop = Loop(app, fake_clock)
    monkeypatch.setitem(app.extensions, LOOP, loop)
    return loop


# --- a real server ---------------------------------------------------------

@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """One real GovHub with the demo data (residents resident001…005, PASSWORD)."""
    server = LiveServer(tmp_path_factory.mktemp("live-instance"))
    yield server
    server.stop()


# --- councils and meetings -------------------------------------------------------

@pytest.fixture
def make_council(app, community, make_user):
    """make_council(members=3, chair=True, rule_set="organic_law") -> council.

    Members are confirmed residents with weight 1; `council.test_members`
    lists them (chair first, when there is one).
    """
    from govhub.councils.models import Council, CouncilMembership, MemberRole

    made = []  # strong references: the session's identity map only holds weak ones

    def make(members: int = 3, chair: bool = True, rule_set: str = "organic_law",
             community=community, max_proxies: int = 1, kind: str = "residents_meeting"):
        council = Council(community_id=community.id, name="居民议事会",
                          name_en="Residents' council",
                          kind=kind, rule_set=rule_set, max_proxies_per_holder=max_proxies)
        db.session.add(council)
        db.session.flush()
        people = [make_user(community=community) for _ in range(members)]
        for index, person in enumerate(people):
            role = MemberRole.CHAIR if chair and index == 0 else MemberRole.MEMBER
            db.session.add(CouncilMembership(council_id=council.id, user_id=person.id, role=role))
        db.session.commit()
        council.test_members = people
        made.append(council)
        return council

    return make


@pytest.fixture
def make_meeting(app, make_council):
    """make_meeting(status="in_session", council=None, items=2, is_public=True) -> meeting."""
    from datetime import timedelta

    from govhub.core.models import utcnow
    from govhub.meetings import services
    from govhub.meetings.models import MeetingStatus

    path = {
        "draft": [], "scheduled": ["scheduled"], "in_session": ["scheduled", "in_session"],
        "adjourned": ["scheduled", "in_session", "adjourned"],
    }

    def make(status: str = "in_session", council=None, items: int = 2, is_public: bool = True,
             title: str = "加装电梯议事会"):
        council = council or make_council()
        organiser = make_user_for(council)
        meeting = services.create_meeting(
            organiser, council, title, utcnow() + timedelta(hours=1), place="社区活动室",
            is_public=is_public, items=[(f"议题 {n}", "") for n in range(1, items + 1)])
        for step in path[status]:
            services.move_meeting(organiser, meeting, MeetingStatus(step))
        db.session.commit()
        return meeting

    def make_user_for(council):
        import sqlalchemy as sa

        from govhub.auth.models import User

        worker = db.session.scalar(sa.select(User).where(
            User.role == "worker", User.community_id == council.community_id))
        if worker is None:
            from govhub.auth.services import create_user

            worker = create_user(None, f"worker{next(_serial):04d}", "社区工作者", PASSWORD,
                                 role="worker", community=council.community)
        return worker

    return make
