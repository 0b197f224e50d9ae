"""Telling people what happened: stored for their list, pushed live to their room."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from govhub.core.models import utcnow
from govhub.core.time import format_local
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
    # Partner organizations helping with action items (govhub.partners.helping).
    "partners.help_asked": _l("You are asked to help carry out an action item: %(item)s."),
    "partners.help_accepted": _l("%(organization)s will help carry out %(item)s."),
    "partners.help_declined": _l("%(organization)s cannot help with %(item)s: %(reason)s"),
    "partners.help_ended": _l("%(organization)s no longer helps with %(item)s: %(reason)s"),
}


def text_of(notification: Notification) -> str:
    """The notification's sentence in the current language (times in the community's zone)."""
    template = MESSAGES.get(notification.kind)
    if template is None:
        return notification.kind
    fields = dict(notification.data)
    if "starts_at" in fields:
        moment = datetime.fromisoformat(fields["starts_at"])
        fields["when"] = format_local(moment, fields.get("timezone", "Asia/Shanghai"), "short")
    try:
        return str(template) % fields
    except (KeyError, TypeError, ValueError):
        return str(template)


def payload(notification: Notification) -> dict:
    return {"id": notification.id, "kind": notification.kind, "text": text_of(notification),
            "link": notification.link, "created_at": notification.created_at.isoformat()}


def notify(users: Iterable, kind: str, data: dict, link: str = "") -> list[Notification]:
    """Store a notification for each user and push it to their open pages after commit."""
    if kind not in MESSAGES:
        raise ValueError(f"unknown notification kind {kind!r}")
    pairs = [(user, Notification(user_id=user.id, kind=kind, data=data, link=link))
             for user in users]
    db.session.add_all(notification for _user, notification in pairs)
    db.session.flush()
    for user, notification in pairs:
        with force_locale(user.locale or "zh_CN"):
            publish(user_room(user.id), "notification", payload(notification))
    return [notification for _user, notification in pairs]


def mark_read(user, notifications: Iterable[Notification]) -> int:
    count = 0
    for notification in notifications:
        if notification.user_id == user.id and notification.read_at is None:
            notification.read_at = utcnow()
            count += 1
    return count
