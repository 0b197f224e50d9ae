"""The meeting's life as a state machine, and agenda ordering."""

import pytest

from govhub.meetings.models import MeetingStatus as S
from govhub.meetings.rules import TRANSITIONS, can_move, next_item_position, reordered

ALLOWED = {
    (S.DRAFT, S.SCHEDULED), (S.SCHEDULED, S.DRAFT), (S.SCHEDULED, S.IN_SESSION),
    (S.IN_SESSION, S.ADJOURNED), (S.ADJOURNED, S.MINUTES_PUBLISHED),
}


@pytest.mark.parametrize("current", list(S))
@pytest.mark.parametrize("target", list(S))
def test_only_the_agreed_steps_are_allowed(current, target):
    assert can_move(current, target) is ((current, target) in ALLOWED)


def test_every_status_has_its_transitions_listed():
    assert set(TRANSITIONS) == set(S)


def test_nothing_follows_published_minutes():
    assert not TRANSITIONS[S.MINUTES_PUBLISHED]


@pytest.mark.parametrize("positions, following", [([], 1), ([1, 2, 3], 4), ([5, 2], 6)])
def test_a_new_item_goes_last(positions, following):
    assert next_item_position(positions) == following


@pytest.mark.parametrize("current, wanted, result", [
    ([1, 2, 3], [3, 1, 2], [3, 1, 2]),
    ([1, 2, 3], [1, 2], None),          # one left out
    ([1, 2, 3], [1, 2, 3, 4], None),    # one unknown
    ([1, 2, 3], [1, 1, 2], None),       # one twice
    ([], [], []),
])
def test_a_new_order_must_name_every_item_exactly_once(current, wanted, result):
    assert reordered(current, wanted) == result
