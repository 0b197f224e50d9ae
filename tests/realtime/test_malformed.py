"""Malformed Socket.IO packets are logged in one line, at most once an interval."""

import json
import logging

import pytest

from govhub.realtime import malformed

BAD = [b"42/live,[", b"4\xff", b'42/live,["x",{]', b"4" + b"[" * 3, b"42/live,{}}"]


def _send(app, bodies):
    client = app.test_client()
    answer = client.get("/socket.io/?EIO=4&transport=polling")
    sid = json.loads(answer.data[1:])["sid"]
    for body in bodies:
        client.post(f"/socket.io/?EIO=4&transport=polling&sid={sid}", data=body)


def test_a_flood_of_malformed_packets_logs_one_line_without_a_traceback(app, caplog):
    installed = [f for name in malformed.LOGGERS for f in logging.getLogger(name).filters
                 if isinstance(f, malformed.MalformedPackets)]
    assert installed, "the app puts the filter on the Socket.IO servers' loggers"
    for noise in installed:
        noise.last = None  # a fresh interval: nothing logged yet in this test
    caplog.set_level(logging.INFO)
    _send(app, BAD * 6)
    assert "Traceback" not in caplog.text
    lines = [r for r in caplog.records if r.name in malformed.LOGGERS]
    assert len(lines) == 1, caplog.text
    assert lines[0].levelname == "WARNING"
    assert "dropped a malformed packet from a client" in lines[0].getMessage()


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def _record(exc: BaseException) -> logging.LogRecord:
    try:
        raise exc
    except BaseException as raised:  # noqa: BLE001 - the record carries it, as logging's does
        return logging.LogRecord("engineio.server", logging.ERROR, __file__, 1,
                                 "message handler error", None,
                                 (type(raised), raised, raised.__traceback__))


def test_after_the_interval_the_next_line_counts_those_left_out():
    clock = Clock()
    noise = malformed.MalformedPackets(interval=60, clock=clock)
    bad = b"\xff".decode  # a UnicodeDecodeError, as a body that is not UTF-8 raises
    with pytest.raises(UnicodeDecodeError) as caught:
        bad("utf-8")
    first = _record(caught.value)
    assert noise.filter(first) and first.exc_info is None
    assert [noise.filter(_record(caught.value)) for _ in range(5)] == [False] * 5
    clock.now += 61
    later = _record(caught.value)
    assert noise.filter(later)
    assert "5 more since the last such line" in later.getMessage()


def test_other_errors_keep_their_traceback():
    noise = malformed.MalformedPackets(interval=60, clock=Clock())
    record = _record(RuntimeError("a bug in a handler"))
    assert noise.filter(record) and record.exc_info is not None
    assert record.levelname == "ERROR"
