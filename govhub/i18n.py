"""Languages: which one a request speaks, and the list users choose from."""

from __future__ import annotations

from flask import current_app, request
from flask_login import current_user

# Locale code -> the language's own name, shown in the language switcher.
SUPPORTED_LOCALES = {"en": "English", "zh_CN": "简体中文"}
LOCALE_COOKIE = "govhub_locale"


def select_locale() -> str:
    """The signed-in user's choice, then this browser's, then Accept-Language."""
    if getattr(current_user, "is_authenticated", False) and current_user.locale in SUPPORTED_LOCALES:
        return current_user.locale
    cookie = request.cookies.get(LOCALE_COOKIE)
    if cookie in SUPPORTED_LOCALES:
        return cookie
    best = request.accept_languages.best_match(["en", "zh-CN", "zh"])
    if best in ("zh-CN", "zh"):
        return "zh_CN"
    return best or current_app.config["GOVHUB"]["default_locale"]


def select_timezone() -> str:
    community = getattr(current_user, "community", None) if getattr(
        current_user, "is_authenticated", False) else None
    if community is not None:
        return community.timezone
    return current_app.config["GOVHUB"]["default_timezone"]
