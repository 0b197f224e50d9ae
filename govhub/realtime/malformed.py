"""A malformed packet from a client is logged in one line, at most once a minute.

python-engineio and python-socketio log a packet they cannot decode (JSON that does not
parse, bytes that are not UTF-8, an unknown packet type) with its whole traceback: 25
lines for each packet anyone on the internet cares to send, a log flood. The connection
copes (the packet is dropped), so the traceback says nothing worth its lines. This filter,
on their loggers, writes one warning line instead, at most one per interval, with the
number of packets left out since the last line. Anything else they log passes unchanged.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

LOGGERS = ("engineio.server", "socketio.server")
DECODERS = ("socketio/packet.py", "engineio/packet.py", "engineio/payload.py")
INTERVAL = 60.0


def _is_malformed_packet(record: logging.LogRecord) -> bool:
    if not record.exc_info or record.exc_info[1] is None:
        return False
    exc = record.exc_info[1]
    if isinstance(exc, UnicodeDecodeError):
        return True
    trace = exc.__traceback__
    while trace is not None:
        if trace.tb_frame.f_code.co_filename.replace("\\", "/").endswith(DECODERS):
            return True
        trace = trace.tb_next
    return False


class MalformedPackets(logging.Filter):
    def __init__(self, interval: float = INTERVAL, clock: Callable[[], float] = time.monotonic):
        super().__init__()
        self.interval = interval
        self.clock = clock
        self.last: float | None = None
        self.left_out = 0

    def filter(self, record: logging.LogRecord) -> bool:
        if not _is_malformed_packet(record):
            return True
        now = self.clock()
        if self.last is not None and now - self.last < self.interval:
            self.left_out += 1
            return False
        exc = record.exc_info[1]
        more = (f"; {self.left_out} more since the last such line" if self.left_out else "")
        record.msg = "dropped a malformed packet from a client (%s: %s)%s"
        record.args = (type(exc).__name__, str(exc)[:200], more)
        record.exc_info, record.exc_text = None, None
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        self.last, self.left_out = now, 0
        return True


def install(interval: float = INTERVAL) -> MalformedPackets:
    """Put one filter (shared, so one rate for both) on the Socket.IO servers' loggers."""
    loggers = [logging.getLogger(name) for name in LOGGERS]
    for logger in loggers:
        for old in [f for f in logger.filters if isinstance(f, MalformedPackets)]:
            logger.removeFilter(old)
    shared = MalformedPackets(interval)
    for logger in loggers:
        logger.addFilter(shared)
    return shared
