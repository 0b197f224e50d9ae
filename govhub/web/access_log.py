"""One structured line per request, and every log record as one JSON line, for `govhub run`.

A log collector reads one JSON object a line: `{"time", "level", "logger", "message", …}`,
a request adding `method`, `path` (without its query string, which may carry a join code),
`status` and `ms`. A live event's error is one line too, its traceback inside the object.
No address and no account is logged: the proxy's log has the addresses, the audit trail
the accounts. Tests and the shell configure nothing, so nothing is written there.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from datetime import UTC, datetime

from flask import Flask, g, request

log = logging.getLogger("govhub.access")


class JsonLines(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {"time": datetime.fromtimestamp(record.created, UTC).isoformat(
                     timespec="milliseconds"),
                 "level": record.levelname.lower(), "logger": record.name,
                 "message": record.getMessage(), **getattr(record, "fields", {})}
        if record.exc_info:
            entry["error"] = repr(record.exc_info[1])
            entry["traceback"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def configure(level: int = logging.INFO) -> None:
    """Every record of the process to stderr as JSON lines (called by `govhub run`)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonLines())
    root = logging.getLogger()
    root.handlers = [handler]
    root.setLevel(logging.WARNING)
    logging.getLogger("govhub").setLevel(level)


def _started() -> None:
    g.request_started = time.perf_counter()


def _finished(response):
    if log.isEnabledFor(logging.INFO):
        started = g.get("request_started", time.perf_counter())
        log.info("request", extra={"fields": {
            "method": request.method, "path": request.path, "status": response.status_code,
            "ms": round((time.perf_counter() - started) * 1000, 1)}})
    return response


def init_app(app: Flask) -> None:
    app.before_request(_started)
    app.after_request(_finished)
