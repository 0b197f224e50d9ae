"""`govhub run`'s log: every record one JSON line, an error's traceback inside it."""

import json
import logging

from govhub.web.access_log import JsonLines


def test_an_error_with_its_traceback_is_one_json_line():
    try:
        raise ValueError("投票负载无效")
    except ValueError:
        import sys

        record = logging.LogRecord("govhub.realtime.events", logging.ERROR, __file__, 1,
                                   "live event %s failed", ("cast_vote",), sys.exc_info())
    line = JsonLines().format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["message"] == "live event cast_vote failed" and entry["level"] == "error"
    assert "投票负载无效" in entry["error"] and "Traceback" in entry["traceback"]


def test_a_requests_fields_join_the_line():
    record = logging.LogRecord("govhub.access", logging.INFO, __file__, 1, "request", (), None)
    record.fields = {"method": "GET", "path": "/", "status": 200, "ms": 1.5}
    entry = json.loads(JsonLines().format(record))
    assert entry["path"] == "/" and entry["status"] == 200 and entry["time"].endswith("+00:00")
