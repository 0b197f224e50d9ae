"""Password hashing with argon2id (argon2-cffi), off the server's loop.

The shipped profile is OWASP's argon2id minimum (19 MiB, 2 passes, 1 lane):
about 20-30 ms of one core per check, so a hall of 300 signing in costs
seconds of CPU, not a minute. docs/configuration.md weighs it against
RFC 9106's profiles. A hash made with another profile is replaced at its
owner's next successful sign-in.
"""

from __future__ import annotations

import argon2
from argon2 import Parameters, Type, profiles
from flask import Flask, current_app

from govhub.core.config import ConfigError
from govhub.core.offload import off_the_loop

MIN_LENGTH = 8
MAX_LENGTH = 256  # argon2 takes any length; this only stops absurd bodies.

# OWASP Password Storage Cheat Sheet: "argon2id with a minimum configuration
# of 19 MiB of memory, an iteration count of 2, and 1 degree of parallelism".
OWASP = Parameters(type=Type.ID, version=19, salt_len=16, hash_len=32,
                   time_cost=2, memory_cost=19 * 1024, parallelism=1)
PROFILES = {
    "OWASP": OWASP,
    "RFC_9106_LOW_MEMORY": profiles.RFC_9106_LOW_MEMORY,
    "RFC_9106_HIGH_MEMORY": profiles.RFC_9106_HIGH_MEMORY,
    "CHEAPEST": profiles.CHEAPEST,  # the test suite's: never in production
}


def init_app(app: Flask) -> None:
    """Build the hasher of the configured profile, or refuse to start on an unknown one."""
    name = app.config["GOVHUB"]["password_hash_profile"]
    if name not in PROFILES:
        raise ConfigError(f"password_hash_profile must be one of {', '.join(PROFILES)}, "
                          f"not {name!r}")
    hasher = argon2.PasswordHasher.from_parameters(PROFILES[name])
    app.extensions["govhub.password_hasher"] = hasher
    # Made now, so that not even the first unknown username costs an extra hash.
    app.extensions["govhub.dummy_hash"] = hasher.hash("dummy password for timing")


def hasher() -> argon2.PasswordHasher:
    return current_app.extensions["govhub.password_hasher"]


def hash_password(password: str) -> str:
    return off_the_loop(hasher().hash, password)


def verify_password(password_hash: str, password: str) -> bool:
    return off_the_loop(_matches, hasher(), password_hash, password)


def _matches(hasher: argon2.PasswordHasher, password_hash: str, password: str) -> bool:
    try:
        return hasher.verify(password_hash, password)
    except (argon2.exceptions.VerificationError, argon2.exceptions.InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return hasher().check_needs_rehash(password_hash)


def dummy_verify() -> None:
    """Spend the time of a real check, so a timing gap does not reveal usernames."""
    verify_password(dummy_hash(), "not the password")


def dummy_hash() -> str:
    return current_app.extensions["govhub.dummy_hash"]
