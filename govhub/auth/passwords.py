"""Password hashing with argon2id (argon2-cffi)."""

from __future__ import annotations

import argon2
from argon2 import profiles
from flask import current_app

MIN_LENGTH = 8
MAX_LENGTH = 256  # argon2 takes any length; this only stops absurd bodies.


def hasher() -> argon2.PasswordHasher:
    """One hasher per app, with the configured argon2 profile."""
    ext = current_app.extensions
    if "govhub.password_hasher" not in ext:
        profile = getattr(profiles, current_app.config["GOVHUB"]["password_hash_profile"])
        ext["govhub.password_hasher"] = argon2.PasswordHasher.from_parameters(profile)
    return ext["govhub.password_hasher"]


def hash_password(password: str) -> str:
    return hasher().hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return hasher().verify(password_hash, password)
    except (argon2.exceptions.VerificationError, argon2.exceptions.InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return hasher().check_needs_rehash(password_hash)


def dummy_verify() -> None:
    """Spend the time of a real check, so a timing gap does not reveal usernames."""
    verify_password(_dummy_hash(), "not the password")


def _dummy_hash() -> str:
    ext = current_app.extensions
    if "govhub.dummy_hash" not in ext:
        ext["govhub.dummy_hash"] = hash_password("dummy password for timing")
    return ext["govhub.dummy_hash"]
