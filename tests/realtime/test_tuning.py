"""The serving process's tuning: the wake-up slice is gevent's alone."""

import gc
import sys

import pytest

from govhub.realtime.tuning import GC_THRESHOLDS, WAKE_UP_SLICE, tune_for_live_rooms


@pytest.fixture
def restored():
    """Put the interpreter back as it was after the test."""
    thresholds, interval = gc.get_threshold(), sys.getswitchinterval()
    yield
    gc.unfreeze()
    gc.set_threshold(*thresholds)
    sys.setswitchinterval(interval)


def test_under_gevent_waking_greenlets_gets_a_longer_slice(restored):
    tune_for_live_rooms("gevent")
    assert sys.getswitchinterval() == pytest.approx(WAKE_UP_SLICE)
    assert gc.get_threshold() == GC_THRESHOLDS
    assert gc.get_freeze_count() > 0


def test_under_threads_the_interpreter_keeps_switching_threads_as_often(restored):
    before = sys.getswitchinterval()
    tune_for_live_rooms("threading")
    assert sys.getswitchinterval() == pytest.approx(before)
    assert gc.get_threshold() == GC_THRESHOLDS
