"""The meeting's life, as plain rules: which step may follow which."""

from __future__ import annotations

from govhub.meetings.models import ItemStatus, MeetingStatus

# draft → scheduled → in session → adjourned → minutes published. A scheduled
# meeting may go back to draft (postponed before anyone arrived); nothing
# goes back once the session has started, because attendance and decisions
# have been recorded against it.
TRANSITIONS: dict[MeetingStatus, frozenset[MeetingStatus]] = {
    MeetingStatus.DRAFT: frozenset({MeetingStatus.SCHEDULED}),
    MeetingStatus.SCHEDULED: frozenset({MeetingStatus.DRAFT, MeetingStatus.IN_SESSION}),
    MeetingStatus.IN_SESSION: frozenset({MeetingStatus.ADJOURNED}),
    MeetingStatus.ADJOURNED: frozenset({MeetingStatus.MINUTES_PUBLISHED}),
    MeetingStatus.MINUTES_PUBLISHED: frozenset(),
}

# While these hold, the agenda may still be edited (items added, reordered).
AGENDA_EDITABLE = frozenset({MeetingStatus.DRAFT, MeetingStatus.SCHEDULED,
                             MeetingStatus.IN_SESSION})
# Members see the meeting (and are told about it) from scheduling on.
ANNOUNCED = frozenset({MeetingStatus.SCHEDULED, MeetingStatus.IN_SESSION,
                       MeetingStatus.ADJOURNED, MeetingStatus.MINUTES_PUBLISHED})
# An item that is done or deferred can be taken up again while in session.
ITEM_STATUSES_SET_BY_CHAIR = frozenset({ItemStatus.DONE, ItemStatus.DEFERRED,
                                        ItemStatus.PENDING})


def can_move(current: MeetingStatus, target: MeetingStatus) -> bool:
    return target in TRANSITIONS[current]


def next_item_position(positions: list[int]) -> int:
    return max(positions, default=0) + 1


def reordered(current_ids: list[int], wanted_ids: list[int]) -> list[int] | None:
    """The new order if `wanted_ids` is a permutation of `current_ids`, else None."""
    if not all(isinstance(i, int) and not isinstance(i, bool) for i in wanted_ids):
        return None  # strings, lists, objects: never a permutation of ids (nor sortable)
    if sorted(current_ids) != sorted(wanted_ids) or len(set(wanted_ids)) != len(wanted_ids):
        return None
    return list(wanted_ids)
