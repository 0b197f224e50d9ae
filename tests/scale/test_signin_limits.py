"""Two server processes share one count of failed sign-ins through Redis.

Scale-out runs several `govhub run` processes behind a load balancer, with
`ratelimit_storage_uri` pointing at Redis (docs/deploy.md): a guesser whose
attempts are spread over the processes must meet the same limit as one who
talks to a single process.
"""

from __future__ import annotations

import secrets

import pytest
import redis
import requests

from tests.helpers.servers import LiveServer

pytestmark = pytest.mark.live

REDIS_URL = "redis://127.0.0.1:6379/1"


@pytest.fixture
def two_servers(tmp_path):
    try:
        redis.Redis.from_url(REDIS_URL).ping()
    except redis.RedisError as exc:
        pytest.fail(f"Redis at {REDIS_URL} is not usable: {exc}")
    env = {"GOVHUB_DATABASE_URL": f"sqlite:///{tmp_path / 'govhub.sqlite3'}",
           "GOVHUB_RATELIMIT_STORAGE_URI": REDIS_URL}
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = LiveServer(tmp_path / "a", env=env)
    try:
        second = LiveServer(tmp_path / "b", env=env)
        try:
            yield first, second
        finally:
            second.stop()
    finally:
        first.stop()


def test_failures_on_one_process_are_refused_on_the_other(two_servers):
    first, second = two_servers
    username = f"guessed-{secrets.token_hex(6)}"  # unknown usernames count too

    def attempt(server):
        return requests.post(f"{server.url}/api/v1/tokens", timeout=30,
                             json={"username": username, "password": "wrong password"})

    assert [attempt(first).status_code for _ in range(5)] == [401] * 5
    refused = attempt(second)
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) > 0
