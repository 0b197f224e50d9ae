"""Action items in words: statuses, categories, the steps between statuses, deadlines."""

from __future__ import annotations

from babel.dates import format_date
from flask_babel import get_locale, lazy_pgettext, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from govhub.actions.rules import ActionCategory, ActionStatus, Deadline

STATUS_LABELS = {
    ActionStatus.PLANNED: _l("Planned"),
    ActionStatus.IN_PROGRESS: _l("In progress"),
    ActionStatus.BLOCKED: _l("Blocked"),
    ActionStatus.DONE: _l("Done, awaiting verification"),
    ActionStatus.VERIFIED: _l("Done and verified"),
}

# The choice in a check-in's status menu: what the person reporting says happened.
STEP_LABELS = {
    (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS): _l("Work has started"),
    (ActionStatus.PLANNED, ActionStatus.BLOCKED): _l("Blocked: it cannot start"),
    (ActionStatus.IN_PROGRESS, ActionStatus.BLOCKED): _l("Blocked"),
    (ActionStatus.IN_PROGRESS, ActionStatus.DONE): _l("Done: ask for verification"),
    (ActionStatus.BLOCKED, ActionStatus.IN_PROGRESS): _l("Unblocked: work goes on"),
    (ActionStatus.DONE, ActionStatus.VERIFIED): lazy_pgettext("action item", "Verified"),
    (ActionStatus.DONE, ActionStatus.IN_PROGRESS): _l("Reopened: not done yet"),
}

CATEGORY_LABELS = {
    ActionCategory.FACILITIES: _l("Buildings and facilities"),
    ActionCategory.ENVIRONMENT: _l("Environment and waste"),
    ActionCategory.TRAFFIC: _l("Parking and charging"),
    ActionCategory.SAFETY: _l("Safety"),
    ActionCategory.ELDERLY_CARE: _l("Elderly care"),
    ActionCategory.SERVICES: _l("Services for residents"),
    ActionCategory.CULTURE: _l("Culture and activities"),
    ActionCategory.OTHER: _l("Other"),
}


def status_label(status) -> str:
    try:
        return str(STATUS_LABELS[ActionStatus(status)])
    except ValueError:
        return str(status)


def category_label(category) -> str:
    try:
        return str(CATEGORY_LABELS[ActionCategory(category)])
    except ValueError:
        return str(category)


def step_label(current, target) -> str:
    label = STEP_LABELS.get((ActionStatus(current), ActionStatus(target)))
    return str(label) if label is not None else status_label(target)


def day_text(day) -> str:
    """A date in the reader's language, e.g. "May 11, 2026" / "2026年5月11日"."""
    return format_date(day, "long", locale=get_locale())


def deadline_text(state: Deadline, due_on) -> str:
    """"Overdue by 3 days", "Due today", "Due in 5 days", "Done on May 9, 2026 (2 days late)"."""
    if state.state == "done":
        done = _("Done on %(day)s", day=day_text(state.on))
        if state.days:
            return str(done) + " " + ngettext("(%(num)d day late)", "(%(num)d days late)",
                                              state.days)
        return str(done)
    if state.state == "overdue":
        return ngettext("Overdue by %(num)d day", "Overdue by %(num)d days", state.days)
    if state.state == "due_today":
        return _("Due today")
    return ngettext("Due in %(num)d day", "Due in %(num)d days", state.days)
