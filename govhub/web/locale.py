"""Languages: which one a request speaks, and the list users choose from."""

from __future__ import annotations

import re

from babel import Locale
from flask import current_app, g, has_request_context, request
from flask_babel import get_locale
from flask_login import current_user
from markupsafe import Markup, escape

from govhub.core.languages import SUPPORTED_LOCALES

LOCALE_COOKIE = "govhub_locale"
# Set on `g` by a live event that runs without a request (govhub/realtime/events.py):
# the language its connection's browser asked for.
CONNECTION_LOCALE = "connection_locale"


def select_locale() -> str:
    """The signed-in user's choice, then this browser's, then Accept-Language."""
    if not has_request_context():  # a lean live event, the command line, a background task
        return g.get(CONNECTION_LOCALE) or current_app.config["GOVHUB"]["default_locale"]
    signed_in = getattr(current_user, "is_authenticated", False)
    if signed_in and current_user.locale in SUPPORTED_LOCALES:
        return current_user.locale
    return browser_locale()


def browser_locale() -> str:
    """This browser's choice (the language cookie), then its Accept-Language header."""
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


def current_locale() -> str:
    """The request's language as one of SUPPORTED_LOCALES' codes."""
    active = get_locale()
    for code in SUPPORTED_LOCALES:
        if Locale.parse(code) == active:
            return code
    return current_app.config["GOVHUB"]["default_locale"]


# Han characters (with extensions and compatibility ideographs): text written in Chinese.
HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


def _foreign_chinese(text) -> bool:
    return bool(text) and HAN.search(str(text)) is not None and current_locale() != "zh_CN"


def lang_attribute(text) -> Markup:
    """` lang="zh-CN"` for an element holding `text` (a description rendered as a block),
    when `lang_marked` would mark it; nothing otherwise. The `lang_attr` template filter."""
    return Markup(' lang="zh-CN"') if _foreign_chinese(text) else Markup("")


def lang_marked(text) -> Markup:
    """Text people entered (a name, a title), for a page: wrapped in <span lang="zh-CN"> when
    it is written in Chinese and the page is not, so that a screen reader reads it in
    Chinese rather than spelling it out (WCAG 3.1.2); as it is otherwise. The `lang` template
    filter: `{{ organization.name | lang }}`."""
    if text is None:
        return Markup("")
    if not _foreign_chinese(text):
        return escape(text)
    return Markup('<span lang="zh-CN">%s</span>') % str(text)
