"""Telling people what happened: stored for their list, pushed live to their room.

Grouping (digests): `notify(..., group="resolution:12", subject=item.id)` merges the
notification into the reader's unread one of the same kind and group created within
GROUP_WINDOW, instead of adding another. The merged notification counts the distinct
subjects (data["count"]), takes the newest event's fields, moves to the top of the list
(updated_at) and is worded by the kind's digest sentence ("3 action items of ... changed
status"). The live push carries the same id and the reader's unread count, so the bell
is set, not bumped, and the toast is replaced. Once read, the next event starts a new one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask_babel import force_locale, get_locale
from flask_babel import lazy_gettext as _l

from govhub.core.models import utcnow
from govhub.core.time import format_when
from govhub.extensions import db
from govhub.notifications.models import Notification
from govhub.realtime import publish
from govhub.realtime.rooms import user_room

# kind -> the sentence shown, with %(name)s fields filled from the notification's data.
MESSAGES = {
    "meeting.scheduled": _l("%(council)s will meet: %(title)s, %(when)s."),
    "meeting.started": _l("The meeting has started: %(title)s. Join the room."),
    "meeting.minutes_published": _l("The minutes of %(title)s are published."),
    # Partner organizations (govhub.partners).
    "partners.organization_registered": _l(
        "%(organization)s registered as a partner organization and waits for verification."),
    "partners.organization_verified": _l(
        "%(organization)s is verified: its published offerings are now public."),
    "partners.organization_rejected": _l("%(organization)s was not verified: %(reason)s"),
    "partners.organization_suspended": _l("%(organization)s is suspended: %(reason)s"),
    "partners.invited": _l("%(inviter)s invites you to join %(organization)s."),
    "partners.enrolled": _l("%(resident)s enrolled in %(offering)s, %(when)s."),
    "partners.waitlisted": _l("%(resident)s joined the waitlist of %(offering)s, %(when)s."),
    "partners.enrolment_cancelled": _l(
        "%(resident)s cancelled their place in %(offering)s, %(when)s."),
    "partners.promoted": _l("A place is free: you are now enrolled in %(offering)s, %(when)s."),
    "partners.requested": _l("%(resident)s requests %(offering)s."),
    "partners.request_cancelled": _l("%(resident)s cancelled their request for %(offering)s."),
    "partners.request_accepted": _l("%(organization)s accepted your request for %(offering)s."),
    "partners.request_declined": _l(
        "%(organization)s declined your request for %(offering)s: %(reason)s"),
    "partners.request_completed": _l(
        "%(organization)s completed your request for %(offering)s. You can rate it now."),
    # Partner organizations helping with action items (govhub.partners.help.services).
    "partners.help_asked": _l("You are asked to help carry out an action item: %(item)s."),
    "partners.help_accepted": _l("%(organization)s will help carry out %(item)s."),
    "partners.help_declined": _l("%(organization)s cannot help with %(item)s: %(reason)s"),
    "partners.help_ended": _l("%(organization)s no longer helps with %(item)s: %(reason)s"),
    # Residents' proposals (govhub.proposals).
    "proposals.queued": _l(
        "The proposal %(proposal)s reached its threshold and is on the agenda of %(meeting)s."),
    "proposals.waiting": _l("The proposal %(proposal)s reached its threshold and waits for "
                            "the council's next meeting."),
    # (proposals.evaluate, .answer_due_soon and .answer_overdue: proposals/reminders.py)
    "proposals.accepted": _l("The office accepted the proposal %(proposal)s for the "
                             "council's agenda."),
    "proposals.done_by_office": _l("The office will carry out the proposal %(proposal)s "
                                   "directly; follow its action item."),
    "proposals.not_feasible": _l("The proposal %(proposal)s is not feasible: %(reason)s"),
    "proposals.not_competent": _l("The proposal %(proposal)s is outside the community's "
                                  "competence: %(reason)s"),
    "proposals.merge_proposed": _l("The office proposes to merge the proposal %(proposal)s "
                                   "into %(target)s; as an author, accept or refuse."),
    "proposals.coauthor_invited": _l("%(author)s invites you to co-author the proposal "
                                     "%(proposal)s; accept or decline on its page."),
    "proposals.coauthor_accepted": _l("%(coauthor)s co-authors your proposal %(proposal)s."),
    "proposals.coauthor_declined": _l("%(coauthor)s declined to co-author your proposal "
                                      "%(proposal)s."),
    "proposals.merged": _l("The proposal %(proposal)s you support joined %(target)s; your "
                           "support counts there."),
}


# Unread notifications of the same kind and group merge for this long after the first.
GROUP_WINDOW = timedelta(hours=24)
# How many subjects a merged notification remembers (it counts them all).
SUBJECTS_KEPT = 100

# kind -> digest(count, fields): the sentence of a notification that merged several
# subjects, e.g. ngettext("%(num)d action item ...", "%(num)d action items ...", count).
DIGESTS: dict[str, Callable[[int, dict], str]] = {}
# kind -> fields(data): more fields worded in the reader's language (a status, a day).
FIELDS: dict[str, Callable[[dict], dict]] = {}


def register(kind: str, message, digest: Callable[[int, dict], str] | None = None,
             fields: Callable[[dict], dict] | None = None) -> None:
    """Let another feature add a kind of notification (its sentence, digest and fields)."""
    MESSAGES[kind] = message
    if digest is not None:
        DIGESTS[kind] = digest
    if fields is not None:
        FIELDS[kind] = fields


def text_of(notification: Notification) -> str:
    """The notification's sentence in the current language (times in the community's zone)."""
    template = MESSAGES.get(notification.kind)
    if template is None:
        return notification.kind
    fields = _in_readers_language(dict(notification.data))
    if "starts_at" in fields:
        moment = datetime.fromisoformat(fields["starts_at"])
        fields["when"] = format_when(moment, fields.get("timezone", "Asia/Shanghai"))
    try:
        if notification.kind in FIELDS:
            fields.update(FIELDS[notification.kind](fields))
        count = fields.get("count", 1)
        if notification.kind in DIGESTS and isinstance(count, int) and count > 1:
            return str(DIGESTS[notification.kind](count, fields))
        return str(template) % fields
    except (KeyError, TypeError, ValueError):
        return str(template)


def _in_readers_language(fields: dict) -> dict:
    """A name stored in both languages (`council` and `council_en`, as Council.name and
    .name_en) as the reader reads it: the English one on English pages when there is one."""
    english = get_locale() is not None and get_locale().language == "en"
    for key in [key for key in fields if f"{key}_en" in fields]:
        if english and fields[f"{key}_en"]:
            fields[key] = fields[f"{key}_en"]
    return fields


def payload(notification: Notification, unread: int | None = None,
            merged: bool = False) -> dict:
    """What a page hears: the sentence, and (when known) the reader's unread count, which
    the bell shows as it is; `merged`: this updates a notification the page may show."""
    found = {"id": notification.id, "kind": notification.kind, "text": text_of(notification),
             "link": notification.link, "created_at": notification.created_at.isoformat(),
             "count": notification.data.get("count", 1) if notification.data else 1,
             "merged": merged}
    if unread is not None:
        found["unread"] = unread
    return found


def unread_counts(user_ids: Iterable[int]) -> dict[int, int]:
    """Each user's unread notifications, in one query."""
    ids = list(user_ids)
    if not ids:
        return {}
    rows = db.session.execute(
        sa.select(Notification.user_id, sa.func.count(Notification.id))
        .where(Notification.user_id.in_(ids), Notification.read_at.is_(None))
        .group_by(Notification.user_id))
    return {user_id: count for user_id, count in rows}


def _open_groups(user_ids: list[int], kind: str, group: str) -> dict[int, Notification]:
    """Each user's unread notification of this kind and group, still within the window."""
    since = utcnow() - GROUP_WINDOW
    found = {}
    for notification in db.session.scalars(
            sa.select(Notification).where(
                Notification.user_id.in_(user_ids), Notification.kind == kind,
                Notification.group_key == group, Notification.read_at.is_(None),
                Notification.created_at >= since)
            .order_by(Notification.id)):
        found.setdefault(notification.user_id, notification)
    return found


def _merge(notification: Notification, data: dict, new: list) -> None:
    subjects = list(notification.data.get("subjects", []))
    count = notification.data.get("count", len(subjects) or 1)
    for subject in new:
        if subject not in subjects:
            count += 1
            subjects.append(subject)
    notification.data = {**data, "subjects": subjects[-SUBJECTS_KEPT:], "count": count}
    notification.updated_at = utcnow()


def notify(users: Iterable, kind: str, data: dict, link: str = "", *,
           group: str | None = None, subject=None, subjects: Iterable | None = None,
           digest_link: str | None = None) -> list[Notification]:
    """Store a notification for each user and push it to their open pages after commit.

    With `group`, a user's unread notification of the same kind and group (within
    GROUP_WINDOW) takes this one in instead: it counts distinct subjects (`subject`, or
    several at once in `subjects`; `data` describes the first) and links to `digest_link`
    once it speaks of more than one.
    """
    if kind not in MESSAGES:
        raise ValueError(f"unknown notification kind {kind!r}")
    unique = list({user.id: user for user in users}.values())
    if not unique:
        return []
    new = list(dict.fromkeys(subjects)) if subjects is not None else [subject]
    existing = _open_groups([u.id for u in unique], kind, group) if group else {}
    pairs = []
    for user in unique:
        notification = existing.get(user.id)
        if notification is not None:
            _merge(notification, data, new)
        else:
            stored = {**data, "subjects": new[-SUBJECTS_KEPT:], "count": len(new)} \
                if group else data
            notification = Notification(user_id=user.id, kind=kind, data=stored, link=link,
                                        group_key=group)
            db.session.add(notification)
        if group and notification.data["count"] > 1 and digest_link:
            notification.link = digest_link
        pairs.append((user, notification, user.id in existing))
    db.session.flush()
    unread = unread_counts(user.id for user in unique)
    for user, notification, merged in pairs:
        with force_locale(user.locale or "zh_CN"):
            publish(user_room(user.id), "notification",
                    payload(notification, unread.get(user.id, 0), merged))
    return [notification for _user, notification, _merged in pairs]


def mark_read(user, notifications: Iterable[Notification]) -> int:
    count = 0
    for notification in notifications:
        if notification.user_id == user.id and notification.read_at is None:
            notification.read_at = utcnow()
            count += 1
    return count
