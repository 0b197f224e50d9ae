"""Tuning of the serving process, so that a hall of two thousand phones stays answered.

The cycle collector: with two thousand connections the heap holds millions
of objects, and with Python's defaults a full collection ran every few
hundred milliseconds of a vote, each pausing every socket for up to 450 ms.
Freezing what start-up allocated (modules, the ORM's mappers, translations:
never garbage) takes it out of every later collection, and a larger
youngest generation makes full collections rare. Memory freed by reference
counting, nearly all of it, is unaffected.

gevent's loop: a voter's handler waits for the ballot box's commit and is
woken by a callback, but gevent runs callbacks for only one switch interval
per turn before it reads every socket that has data. In a burst the sockets
always have data, so the acknowledgements of ballots committed in the first
tenth of a second waited until the burst was over. A longer slice lets the
loop finish what it started (answers and their writes) before it takes in
more. Under threads the same setting would be the interpreter's thread
switch interval, so it is left alone there.

docs/performance.md has the measurements.
"""

from __future__ import annotations

import gc
import sys

# Objects allocated between two collections of the youngest generation, and
# how many of those collections make one of the next (Python's are 700, 10, 10).
GC_THRESHOLDS = (20_000, 10, 10)
# Seconds gevent's loop may spend waking greenlets before it reads sockets again
# (gevent uses Python's switch interval, 0.005 s by default).
WAKE_UP_SLICE = 0.25


def tune_for_live_rooms(async_mode: str) -> None:
    """Call once, after start-up and before serving."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
    if async_mode == "gevent":
        sys.setswitchinterval(WAKE_UP_SLICE)
