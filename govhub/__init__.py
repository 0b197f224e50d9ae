"""GovHub: community self-government, live and in the open.

Only the standard library at module level: importing any govhub module runs
this file first, and the `govhub` command (__main__.py) must patch gevent
before Flask is imported.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govhub.core.config import check_production_ready, load_config
from govhub.core.resources import resource_dir

if TYPE_CHECKING:
    from flask import Flask


def create_app(overrides: dict[str, Any] | None = None) -> Flask:
    """Build the app from config/default.toml, GOVHUB_CONFIG, GOVHUB_* and `overrides`."""
    from flask import Flask
    from werkzeug.middleware.proxy_fix import ProxyFix

    config = load_config(overrides=overrides)
    check_production_ready(config)
    instance_path = Path(config["instance_path"] or Path(os.getcwd()) / "instance").resolve()
    instance_path.mkdir(parents=True, exist_ok=True)
    app = Flask(
        __name__,
        instance_path=str(instance_path),
        template_folder=str(resource_dir("templates")),
        static_folder=str(resource_dir("static")),
    )
    app.config.update(_flask_settings(config, instance_path))
    app.config["GOVHUB"] = config
    _import_features()
    if config["proxy_count"]:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=config["proxy_count"],
                                x_proto=config["proxy_count"], x_host=config["proxy_count"])
    _init_extensions(app, config)
    _register_features(app)
    return app


def _flask_settings(config: dict[str, Any], instance_path: Path) -> dict[str, Any]:
    from govhub.core.database import engine_options

    database_url = config["database_url"] or f"sqlite:///{instance_path / 'govhub.sqlite3'}"
    return {
        "SECRET_KEY": config["secret_key"],
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SQLALCHEMY_ENGINE_OPTIONS": engine_options(database_url),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": config["session_cookie_secure"],
        # Flask-Login's remember-me cookie is no longer issued ("keep me signed in" is a
        # permanent session cookie, auth/web.py); these clear one an older GovHub left.
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": config["session_cookie_secure"],
        "REMEMBER_COOKIE_DURATION": timedelta(days=config["session_lifetime_days"]),
        "PERMANENT_SESSION_LIFETIME": timedelta(days=config["session_lifetime_days"]),
        "MAX_CONTENT_LENGTH": config["max_content_length"],
        # A resident may keep a form open through a long meeting.
        "WTF_CSRF_TIME_LIMIT": 12 * 3600,
        "RATELIMIT_STORAGE_URI": config["ratelimit_storage_uri"],
        "RATELIMIT_HEADERS_ENABLED": True,
        "BABEL_DEFAULT_LOCALE": config["default_locale"],
        "BABEL_DEFAULT_TIMEZONE": "UTC",
        "BABEL_TRANSLATION_DIRECTORIES": str(Path(__file__).parent / "translations"),
        "API_TITLE": "GovHub API",
        "API_VERSION": "v1",
        "OPENAPI_VERSION": "3.1.0",
        "OPENAPI_URL_PREFIX": "/api/v1",
        "OPENAPI_JSON_PATH": "openapi.json",
        "TESTING": config["env"] == "test",
    }


def _import_features() -> None:
    """Import every feature before the Socket.IO server exists.

    Flask-SocketIO keeps the handlers declared before init_app and gives them
    to every server it builds; a handler declared afterwards goes only to the
    server of the first app. Importing first keeps each app complete (the
    test suite builds several).
    """
    from govhub import (  # noqa: F401  (models: every mapper)
        accountability,
        actions,
        admission,
        audit,
        auth,
        communities,
        councils,
        meetings,
        models,
        notifications,
        partners,
        proposals,
        users,
        voting,
    )
    from govhub.realtime import events  # noqa: F401  (registers the /live handlers)


def _init_extensions(app: Flask, config: dict[str, Any]) -> None:
    from govhub.api import api
    from govhub.auth import passwords, throttle
    from govhub.core import input as request_input
    from govhub.core import uploads
    from govhub.extensions import babel, csrf, db, limiter, login_manager, migrate, socketio
    from govhub.realtime import events as live_events
    from govhub.realtime import handshake
    from govhub.web import access_log, error_pages, headers, health, session_cookie
    from govhub.web.locale import select_locale, select_timezone

    db.init_app(app)
    from govhub.core.keyword_search import made_by_hand  # every feature's search index

    migrate.init_app(app, db, directory=str(resource_dir("migrations")), render_as_batch=True,
                     include_object=made_by_hand)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone)
    limiter.init_app(app)
    passwords.init_app(app)
    throttle.init_app(app)
    login_manager.init_app(app)
    api.init_app(app)
    socketio.init_app(
        app,
        async_mode=config["socketio_async_mode"],
        message_queue=config["socketio_message_queue"] or None,
        cors_allowed_origins=config["socketio_cors_allowed_origins"] or None,
        # Compression costs more CPU than it saves on small live messages.
        http_compression=False,
        # A connection's events are handled one after another, in the order
        # they were sent, in the greenlet that reads them: a changed vote
        # never overtakes the first, and a burst of two thousand ballots
        # spawns no greenlet per event (docs/performance.md).
        async_handlers=False,
        logger=False,
        engineio_logger=False,
    )
    live_events.init_app(app)
    handshake.init_app(app)
    error_pages.init_app(app)
    health.init_app(app)
    access_log.init_app(app)
    session_cookie.init_app(app)
    headers.init_app(app)
    request_input.init_app(app)
    uploads.init_app(app)


def _register_features(app: Flask) -> None:
    from govhub import (
        accountability,
        actions,
        admission,
        audit,
        auth,
        communities,
        councils,
        meetings,
        notifications,
        partners,
        proposals,
        users,
        voting,
    )
    from govhub.api import api
    from govhub.extensions import csrf

    for feature in (auth, communities, users, councils, meetings, notifications, voting,
                    actions, accountability, partners, proposals, audit, admission):
        app.register_blueprint(feature.bp)
    for feature in (auth, communities, councils, meetings, voting, actions, accountability,
                    partners, proposals, admission):
        csrf.exempt(feature.api_bp)  # bearer tokens are not ambient credentials
        api.register_blueprint(feature.api_bp)
    app.jinja_env.globals.update(_template_globals())
    app.jinja_env.filters.update(_template_filters())


def _template_filters() -> dict[str, Any]:
    from govhub.core.time import format_when
    from govhub.web.locale import lang_attribute, lang_marked

    return {"when": format_when, "lang": lang_marked, "lang_attr": lang_attribute}


def _template_globals() -> dict[str, Any]:
    from govhub.core.labels import role_label
    from govhub.web.locale import SUPPORTED_LOCALES, current_locale

    return {
        "SUPPORTED_LOCALES": SUPPORTED_LOCALES,
        "current_locale": current_locale,
        "role_label": role_label,
    }
