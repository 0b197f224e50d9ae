"""Heavy calls under gevent go to a real thread; the loop keeps serving meanwhile."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from govhub.core.offload import off_the_loop, pool_size

UNDER_GEVENT = textwrap.dedent("""
    from gevent import monkey
    monkey.patch_all()
    import gevent
    from govhub.core.offload import off_the_loop

    blocking_sleep = monkey.get_original("time", "sleep")
    ticks = []

    def ticker():
        while True:
            gevent.sleep(0.01)
            ticks.append(1)

    def fails():
        raise ValueError("from the thread")

    beat = gevent.spawn(ticker)
    gevent.sleep(0.05)
    before = len(ticks)
    assert off_the_loop(lambda seconds: (blocking_sleep(seconds), "done")[1], 0.5) == "done"
    during = len(ticks) - before
    try:
        off_the_loop(fails)
    except ValueError as exc:
        raised = str(exc)
    beat.kill()
    print(during, raised)
""")


@pytest.mark.parametrize(("cores", "threads"), [(None, None), (1, 1), (2, 1), (4, 3), (16, 15)])
def test_the_pool_leaves_one_core_to_the_loop(cores, threads):
    if cores is None:
        assert pool_size() >= 1
    else:
        assert pool_size(cores) == threads


def test_without_gevent_the_call_is_made_in_place():
    assert off_the_loop(lambda a, b: a + b, 2, 3) == 5
    with pytest.raises(ZeroDivisionError):
        off_the_loop(lambda: 1 / 0)


def test_under_gevent_the_loop_keeps_running_while_a_call_blocks_its_thread():
    answer = subprocess.run([sys.executable, "-c", UNDER_GEVENT], capture_output=True,
                            text=True, timeout=60, check=True)
    during, raised = answer.stdout.split(maxsplit=1)
    assert int(during) >= 10  # a blocked loop would tick zero times in those 0.5 s
    assert raised.strip() == "from the thread"
    assert "Traceback" not in answer.stderr  # an exception comes back, it is not printed
