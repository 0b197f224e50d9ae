"""A real GovHub in its own process, as a user starts it, and throwaway PostgreSQL databases."""

from __future__ import annotations

import contextlib
import os
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
import sqlalchemy as sa

from tests.helpers import PASSWORD, TEST_SETTINGS


class LiveServer:
    """`govhub run` in its own process, as a user starts it, on a free port."""

    def __init__(self, instance, env: dict[str, str] | None = None, port: int | None = None):
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = instance / "server.log"
        environ = {**os.environ, "GOVHUB_INSTANCE_PATH": str(instance),
                   "GOVHUB_SECRET_KEY": "live-test-secret", "GOVHUB_DEMO_PASSWORD": PASSWORD,
                   "GOVHUB_DEMO_RESIDENTS": "5", "GOVHUB_DATABASE_URL": "",
                   **(env or {})}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "govhub", "run", "--port", str(self.port)],
            env=environ, stdout=self.log_path.open("w"), stderr=subprocess.STDOUT,
        )
        self._wait_until_ready()

    def _wait_until_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                if requests.get(self.url + "/login", timeout=2).status_code == 200:
                    return
            except requests.ConnectionError:
                time.sleep(0.1)  # polling a starting server, not waiting for luck
            except requests.Timeout:
                pass  # a busy machine: the first page is slow; ask again until the deadline
        self.stop()
        raise RuntimeError(f"the server did not start:\n{self.log_path.read_text()}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


POSTGRES_URL = os.environ.get("GOVHUB_TEST_POSTGRES_URL",
                              "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@contextlib.contextmanager
def postgres_database(purpose: str):
    """A throwaway database on the PostgreSQL server: its URL, then it is dropped."""
    admin = sa.create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    name = f"govhub_{purpose}_{secrets.token_hex(6)}"
    try:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    except sa.exc.OperationalError as exc:
        admin.dispose()
        pytest.fail(f"PostgreSQL at {POSTGRES_URL} (GOVHUB_TEST_POSTGRES_URL) is not usable: {exc}")
    try:
        yield sa.make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@contextlib.contextmanager
def demo_server(tmp_path: Path, database: str, residents: int):
    """A real GovHub with `residents` demo residents on "sqlite" or "postgresql".

    argon2id as shipped costs ~25 ms of CPU per sign-in; the demo accounts
    hash cheaply, since what these tests exercise comes after signing in.
    """
    url = postgres_database("scale") if database == "postgresql" else (
        contextlib.nullcontext(f"sqlite:///{tmp_path / 'govhub.sqlite3'}"))
    with url as database_url:
        live = LiveServer(tmp_path, env={
            "GOVHUB_DATABASE_URL": database_url, "GOVHUB_DEMO_RESIDENTS": str(residents),
            "GOVHUB_PASSWORD_HASH_PROFILE": "CHEAPEST"})
        try:
            yield live
        finally:
            live.stop()


def committing_app(database_url: str, tmp_path: Path):
    """An app over `database_url`, migrated, whose tests commit for real (no outer
    transaction): for what only concurrent connections show."""
    import flask_migrate

    from govhub import create_app

    app = create_app({**TEST_SETTINGS, "instance_path": str(tmp_path / "instance"),
                      "database_url": database_url})
    with app.app_context():
        flask_migrate.upgrade()
    return app
