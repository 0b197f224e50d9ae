"""How often the coalescing loop sends summaries: more rarely as a process serves more phones."""

import pytest

from govhub.realtime.coalesce import step

SETTINGS = {"tally_interval_ms": 150, "tally_us_per_connection": 125}


@pytest.mark.parametrize("connections, seconds", [
    (0, 0.150),
    (45, 0.150),     # a council meeting: the configured interval
    (1_200, 0.150),  # where the two meet
    (1_201, 0.150125),
    (2_000, 0.250),  # a hall of two thousand (DESIGN.md §5: about 0.1 ms x N)
    (10_000, 1.250),
])
def test_the_interval_grows_with_the_connections_past_the_configured_floor(connections, seconds):
    assert step(SETTINGS, connections) == pytest.approx(seconds)


def test_without_a_per_connection_share_the_interval_stays_as_configured():
    assert step({**SETTINGS, "tally_us_per_connection": 0}, 5_000) == pytest.approx(0.150)
