"""Signing in as a hall arrives: failures are limited, successes never are.

Every way of signing in (the form at /login and POST /api/v1/tokens) goes
through one service and one set of counters: failures per account (from any
address), per account and address, and per address. The test client sends
from 127.0.0.1 unless a test names another address.
"""

from __future__ import annotations

import argon2
import pytest

from govhub.auth import passwords
from govhub.auth.models import User
from govhub.core.models import utcnow
from govhub.extensions import db
from tests.conftest import csrf_token_from
from tests.helpers import PASSWORD


def _form_sign_in(app, username, password, address="127.0.0.1", language="en"):
    """One resident's phone: load the form, send it. Returns the answer to the POST."""
    phone = app.test_client()
    environ = {"REMOTE_ADDR": address}
    headers = {"Accept-Language": language}
    page = phone.get("/login", environ_base=environ, headers=headers)
    return phone.post("/login", environ_base=environ, headers=headers, data={
        "csrf_token": csrf_token_from(page.get_data(as_text=True)),
        "username": username, "password": password})


def _api_sign_in(client, username, password, address="127.0.0.1", language="en"):
    return client.post("/api/v1/tokens", environ_base={"REMOTE_ADDR": address},
                       headers={"Accept-Language": language},
                       json={"username": username, "password": password})


def _residents(community, count):
    """`count` confirmed residents sharing one (cheap, test-profile) password hash."""
    password_hash = passwords.hash_password(PASSWORD)
    people = [User(username=f"hall{n:03d}", display_name=f"居民{n:03d}", role="resident",
                   community_id=community.id, password_hash=password_hash,
                   confirmed_at=utcnow()) for n in range(count)]
    db.session.add_all(people)
    db.session.commit()
    return [person.username for person in people]


def test_a_hall_of_300_signs_in_from_one_address_within_a_minute(app, client, community):
    usernames = _residents(community, 300)
    statuses = []
    for n, username in enumerate(usernames):
        if n % 2:
            statuses.append(_api_sign_in(client, username, PASSWORD).status_code)
        else:
            statuses.append(_form_sign_in(app, username, PASSWORD).status_code)
    assert statuses == [201 if n % 2 else 302 for n in range(300)]


def test_a_hall_with_a_few_typos_still_signs_in(app, client, community):
    usernames = _residents(community, 60)
    for username in usernames[:30]:  # every other resident mistypes once, then gets it right
        assert _api_sign_in(client, username, "not my password").status_code == 401
    statuses = {_api_sign_in(client, username, PASSWORD).status_code for username in usernames}
    assert statuses == {201}


def test_20_wrong_passwords_for_one_account_are_refused_from_any_address(client, make_user):
    user = make_user()
    statuses = [_api_sign_in(client, user.username, f"guess number {n}",
                             address=f"198.51.100.{n}").status_code for n in range(1, 21)]
    assert statuses == [401] * 10 + [429] * 10
    # ...and while the account is locked, not even its right password gets in, from anywhere.
    assert _api_sign_in(client, user.username, PASSWORD, address="203.0.113.9").status_code == 429


def test_the_form_and_the_api_share_one_counter(app, client, make_user):
    user = make_user()
    for _ in range(3):
        assert _form_sign_in(app, user.username, "wrong password").status_code == 200
    for _ in range(2):
        assert _api_sign_in(client, user.username, "wrong password").status_code == 401
    assert _api_sign_in(client, user.username, PASSWORD).status_code == 429
    assert _form_sign_in(app, user.username, PASSWORD).status_code == 429


def test_an_unknown_username_is_counted_like_a_known_one(client, make_user):
    known = make_user()
    answers = {}
    for username in (known.username, "nobody-lives-here"):
        answers[username] = [_api_sign_in(client, username, "wrong password",
                                          address=f"192.0.2.{n}").status_code
                             for n in range(1, 13)]
    assert answers[known.username] == answers["nobody-lives-here"] == [401] * 10 + [429] * 2


def test_a_locked_account_does_not_lock_its_neighbours(client, make_user):
    locked, neighbour = make_user(), make_user()
    for n in range(10):
        _api_sign_in(client, locked.username, "wrong password", address=f"192.0.2.{n}")
    assert _api_sign_in(client, locked.username, PASSWORD).status_code == 429
    assert _api_sign_in(client, neighbour.username, PASSWORD).status_code == 201


def test_a_success_forgets_the_accounts_failures(client, make_user):
    user = make_user()
    for _ in range(4):
        assert _api_sign_in(client, user.username, "wrong password").status_code == 401
    assert _api_sign_in(client, user.username, PASSWORD).status_code == 201
    for _ in range(4):
        assert _api_sign_in(client, user.username, "wrong password").status_code == 401
    assert _api_sign_in(client, user.username, PASSWORD).status_code == 201


def test_one_address_guessing_many_accounts_is_capped(client, community):
    """Password spraying from one address: its failures are capped (a hall's are far below)."""
    statuses = [_api_sign_in(client, f"sprayed{n:03d}", "summer2026").status_code
                for n in range(101)]
    assert statuses == [401] * 100 + [429]


@pytest.mark.parametrize(("language", "words"), [("en", "15 minutes"), ("zh-CN", "15分钟")])
def test_the_json_refusal_says_truthfully_how_long_to_wait(client, make_user, language, words):
    user = make_user()
    for n in range(10):
        _api_sign_in(client, user.username, "wrong password", address=f"192.0.2.{n}")
    refused = _api_sign_in(client, user.username, PASSWORD, language=language)
    assert refused.status_code == 429
    assert 14 * 60 < int(refused.headers["Retry-After"]) <= 15 * 60
    error = refused.get_json()["error"]
    assert error["code"] == "rate_limited"
    assert words in error["message"]
    assert error["retry_after"] == int(refused.headers["Retry-After"])


@pytest.mark.parametrize(("language", "words"), [("en", "5 minutes"), ("zh-CN", "5分钟")])
def test_the_sign_in_page_says_truthfully_how_long_to_wait(app, make_user, language, words):
    user = make_user()
    for _ in range(5):
        _form_sign_in(app, user.username, "wrong password")
    refused = _form_sign_in(app, user.username, PASSWORD, language=language)
    assert refused.status_code == 429
    assert 4 * 60 < int(refused.headers["Retry-After"]) <= 5 * 60
    page = refused.get_data(as_text=True)
    assert words in page
    assert "wait a minute" not in page.lower()
    assert 'name="username"' in page  # the form is there to try again later


def test_a_hash_of_another_profile_is_rehashed_at_the_next_sign_in(app, client, make_user):
    user = make_user()
    old = argon2.PasswordHasher.from_parameters(argon2.profiles.PRE_21_2)
    user.password_hash = old.hash(PASSWORD)
    db.session.commit()
    assert _api_sign_in(client, user.username, PASSWORD).status_code == 201
    db.session.refresh(user)
    assert argon2.extract_parameters(user.password_hash) == _profile(app)
    assert not passwords.needs_rehash(user.password_hash)


def test_an_unknown_username_costs_a_check_of_the_same_profile(app):
    assert argon2.extract_parameters(passwords.dummy_hash()) == _profile(app)


def _profile(app):
    return passwords.PROFILES[app.config["GOVHUB"]["password_hash_profile"]]


def test_when_the_hourly_cap_blocks_the_answer_says_an_hour(app, client, monkeypatch):
    from limits import parse_many

    monkeypatch.setitem(app.extensions["govhub.signin_limits"], "signin_failures_per_address",
                        (parse_many("3 per hour; 5 per minute"), ("address",)))
    for n in range(3):
        assert _api_sign_in(client, f"someone{n}", "wrong password").status_code == 401
    refused = _api_sign_in(client, "someone-else", "wrong password")
    assert refused.status_code == 429
    assert 59 * 60 < int(refused.headers["Retry-After"]) <= 3600
    assert "1 hour" in refused.get_json()["error"]["message"]


def test_a_refused_attempt_is_not_checked_and_not_counted(app, client, make_user, monkeypatch):
    user = make_user()
    for _ in range(5):
        _api_sign_in(client, user.username, "wrong password")
    checked = []
    monkeypatch.setattr(passwords, "verify_password", lambda *args: checked.append(args))
    assert _api_sign_in(client, user.username, PASSWORD).status_code == 429
    assert checked == []


def test_guesses_sent_at_the_same_instant_get_no_more_checks_than_the_limit(app):
    """Fifteen attempts on their way at once (none answered yet): five are checked."""
    from govhub.auth import throttle

    attempt = throttle.Attempt.of("resident042", "198.51.100.7")
    with app.test_request_context():
        admitted = [throttle.admit(attempt) == 0 for _ in range(15)]
    assert admitted == [True] * 5 + [False] * 10


def test_a_hall_on_its_way_at_once_is_admitted_whole(app):
    """Three hundred sign-ins from one address, all waiting for their hash at the same time."""
    from govhub.auth import throttle

    with app.test_request_context():
        admitted = [throttle.admit(throttle.Attempt.of(f"hall{n:03d}", "203.0.113.1")) == 0
                    for n in range(300)]
    assert all(admitted)
