"""Liveness and readiness, for the proxy and the process supervisor.

`/healthz` says the process answers (nothing else is asked: a supervisor restarts a
process that stops answering, not one whose database is down). `/readyz` says it can
serve: the database answers, and the message queue does when one is configured (several
processes share live events through it). The proxy stops sending traffic to a process
that is not ready. Both are plain JSON, open to anyone, never cached, and name no
address or secret: a failing check says which, not why.
"""

from __future__ import annotations

import logging

import sqlalchemy as sa
from flask import Blueprint, Flask, current_app, jsonify

from govhub.extensions import csrf, db

bp = Blueprint("health", __name__)
log = logging.getLogger(__name__)
QUEUE_TIMEOUT = 2.0  # seconds: a readiness probe must answer before the proxy gives up


@bp.get("/healthz")
def healthz():
    return _answer({"status": "ok"}, 200)


@bp.get("/readyz")
def readyz():
    checks = {"database": _database_answers()}
    queue = current_app.config["GOVHUB"].get("socketio_message_queue") or ""
    if queue:
        checks["message_queue"] = _queue_answers(queue)
    ready = all(checks.values())
    return _answer({"status": "ready" if ready else "not ready",
                    "checks": {name: "ok" if passed else "failing"
                               for name, passed in checks.items()}}, 200 if ready else 503)


def _answer(body: dict, status: int):
    response = jsonify(body)
    response.status_code = status
    response.headers["Cache-Control"] = "no-store"
    return response


def _database_answers() -> bool:
    try:
        db.session.execute(sa.text("SELECT 1"))
        return True
    except sa.exc.SQLAlchemyError:
        log.warning("readiness: the database does not answer", exc_info=True)
        return False
    finally:
        db.session.rollback()


def _queue_answers(url: str) -> bool:
    import redis

    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=QUEUE_TIMEOUT,
                                      socket_timeout=QUEUE_TIMEOUT)
        try:
            return bool(client.ping())
        finally:
            client.close()
    except (redis.RedisError, OSError, ValueError):
        log.warning("readiness: the message queue does not answer", exc_info=True)
        return False


def init_app(app: Flask) -> None:
    csrf.exempt(bp)
    app.register_blueprint(bp)
