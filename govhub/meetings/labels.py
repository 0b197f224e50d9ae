"""Meetings in words: stages, item states and the steps between stages, translated when shown."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from govhub.meetings.models import ItemStatus, MeetingStatus

STATUS_LABELS = {
    MeetingStatus.DRAFT: _l("Draft"),
    MeetingStatus.SCHEDULED: _l("Scheduled"),
    MeetingStatus.IN_SESSION: _l("In session"),
    MeetingStatus.ADJOURNED: _l("Adjourned"),
    MeetingStatus.MINUTES_PUBLISHED: _l("Minutes published"),
}

ITEM_STATUS_LABELS = {
    ItemStatus.PENDING: _l("Not yet taken up"),
    ItemStatus.CURRENT: _l("Under discussion"),
    ItemStatus.DONE: _l("Done"),
    ItemStatus.DEFERRED: _l("Deferred"),
}

# The button that takes a meeting to each stage.
STEP_LABELS = {
    MeetingStatus.SCHEDULED: _l("Schedule and notify members"),
    MeetingStatus.DRAFT: _l("Back to draft"),
    MeetingStatus.IN_SESSION: _l("Open the session"),
    MeetingStatus.ADJOURNED: _l("Adjourn the meeting"),
    MeetingStatus.MINUTES_PUBLISHED: _l("Publish the minutes"),
}


def status_label(status) -> str:
    try:
        return str(STATUS_LABELS[MeetingStatus(status)])
    except ValueError:
        return str(status)


def item_status_label(status, meeting_status=None) -> str:
    """An item's state; on a finished meeting's record, the current item was the last one up."""
    try:
        status = ItemStatus(status)
    except ValueError:
        return str(status)
    if status == ItemStatus.CURRENT and meeting_status in (MeetingStatus.ADJOURNED,
                                                            MeetingStatus.MINUTES_PUBLISHED):
        return str(_l("Under discussion when the meeting adjourned"))
    return str(ITEM_STATUS_LABELS[status])


def step_label(status) -> str:
    try:
        return str(STEP_LABELS[MeetingStatus(status)])
    except ValueError:
        return str(status)
