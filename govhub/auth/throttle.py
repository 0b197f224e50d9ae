"""Counting failed sign-ins, so that guessing is slow and a hall is never kept out.

Only failures count, against three keys: the account (from any address), the
account from one address, and the address alone (a cap on failures high
enough for a hall behind one public address). A success forgets the
account's failures, never the address's: a resident who knows their own
password cannot wipe the count of someone guessing others'. Unknown
usernames count like known ones, so a refusal tells nothing about who has
an account.

The counters live in Flask-Limiter's storage (`ratelimit_storage_uri`), as
fixed windows: memory for one process, Redis when several serve, so every
process sees the same counts. docs/configuration.md has the numbers and why.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from flask import Flask, current_app
from limits import parse_many
from limits.strategies import FixedWindowRateLimiter

from govhub.auth import rules
from govhub.core.config import ConfigError
from govhub.extensions import limiter

# Setting -> the part of the attempt it counts against.
LIMITS = {
    "signin_failures_per_account": ("account",),
    "signin_failures_per_account_and_address": ("account", "address"),
    "signin_failures_per_address": ("address",),
}
NAMESPACE = "govhub-signin-failures"


@dataclass(frozen=True)
class Attempt:
    """Who is trying to sign in, as the counters know them."""

    account: str  # a digest of the normalised username: Redis never holds usernames
    address: str

    @classmethod
    def of(cls, username: str, address: str | None) -> Attempt:
        digest = hashlib.sha256(rules.normalise_username(username).encode()).hexdigest()[:32]
        return cls(account=digest, address=rules.address_bucket(address))


def init_app(app: Flask) -> None:
    """Read the limits once, and refuse to start on one Flask-Limiter cannot read."""
    parsed = {}
    for setting, parts in LIMITS.items():
        try:
            parsed[setting] = (parse_many(app.config["GOVHUB"][setting]), parts)
        except ValueError:
            raise ConfigError(f"{setting} must be in Flask-Limiter's syntax, "
                              f"e.g. \"10 per 15 minutes; 100 per day\"") from None
    app.extensions["govhub.signin_limits"] = parsed


def _counters(attempt: Attempt, account: bool):
    """(limit, identifiers) of the counters keyed by the account (or of those that are not)."""
    for setting, (items, parts) in current_app.extensions["govhub.signin_limits"].items():
        if ("account" in parts) != account:
            continue
        identifiers = (NAMESPACE, setting, *(getattr(attempt, part) for part in parts))
        for item in items:
            yield item, identifiers


def _strategy() -> FixedWindowRateLimiter:
    return FixedWindowRateLimiter(limiter.storage)


def admit(attempt: Attempt) -> float:
    """0 when this attempt may be checked now; else the seconds until it may, and nothing kept.

    The account's counters are taken before the password is checked, so that
    a guesser who sends a thousand attempts in the same instant gets no more
    checks than the limit: a failure keeps them, a success clears them. The
    address's counter is only read here and counted on failure, so that a
    hall signing in at once never fills it with successes on their way.
    """
    strategy = _strategy()
    taken, full = [], []
    for item, identifiers in _counters(attempt, account=True):
        taken.append((item, identifiers))
        if not strategy.hit(item, *identifiers):
            full.append((item, identifiers))
    for item, identifiers in _counters(attempt, account=False):
        if not strategy.test(item, *identifiers):
            full.append((item, identifiers))
    if not full:
        return 0.0
    for item, identifiers in taken:  # a refused attempt is not checked, so it does not count
        strategy.hit(item, *identifiers, cost=-1)
    now = time.time()
    return max(1.0, *(strategy.get_window_stats(item, *identifiers).reset_time - now
                      for item, identifiers in full))


def count_failure(attempt: Attempt) -> None:
    """After a wrong password: the address counts it too (the account took it on admission)."""
    strategy = _strategy()
    for item, identifiers in _counters(attempt, account=False):
        strategy.hit(item, *identifiers)


def forget_account_failures(attempt: Attempt) -> None:
    """After a success: the account's counts start afresh; the address's stay."""
    strategy = _strategy()
    for item, identifiers in _counters(attempt, account=True):
        strategy.clear(item, *identifiers)
