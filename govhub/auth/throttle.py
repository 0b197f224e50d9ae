"""Counting failed sign-ins, so that guessing is slow and a hall is never kept out.

Only failures count, against three keys: the account (from any address), the
account from one address, and the address alone (a cap on failures high
enough for a hall behind one public address). A success forgets the
account's failures, never the address's: a resident who knows their own
password cannot wipe the count of someone guessing others'. Unknown
usernames count like known ones, so a refusal tells nothing about who has
an account.

The counters live in Flask-Limiter's storage (`ratelimit_storage_uri`):
memory for one process, Redis when several serve, so every process sees the
same counts. docs/configuration.md has the numbers and why.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from flask import Flask, current_app
from limits import parse_many

from govhub.auth import rules
from govhub.config import ConfigError
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


def _counters(attempt: Attempt, only: str | None = None):
    """(limit, identifiers) for every counter this attempt is counted in (or those by `only`)."""
    for setting, (items, parts) in current_app.extensions["govhub.signin_limits"].items():
        if only is not None and only not in parts:
            continue
        identifiers = (NAMESPACE, setting, *(getattr(attempt, part) for part in parts))
        for item in items:
            yield item, identifiers


def seconds_to_wait(attempt: Attempt) -> float:
    """0 when this attempt may be checked now; else how long until every full counter allows it."""
    strategy = limiter.limiter
    wait = 0.0
    for item, identifiers in _counters(attempt):
        if not strategy.test(item, *identifiers):
            reset_at = strategy.get_window_stats(item, *identifiers).reset_time
            wait = max(wait, reset_at - time.time(), 1.0)
    return wait


def count_failure(attempt: Attempt) -> None:
    strategy = limiter.limiter
    for item, identifiers in _counters(attempt):
        strategy.hit(item, *identifiers)


def forget_account_failures(attempt: Attempt) -> None:
    """After a success: the account's counts start afresh; the address's stay."""
    strategy = limiter.limiter
    for item, identifiers in _counters(attempt, only="account"):
        strategy.clear(item, *identifiers)
