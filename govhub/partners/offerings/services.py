"""Offerings and their sessions: create, edit, publish, pause, archive; one-off and weekly sessions.

Capacity changes live in enrolments/services.py, beside the places they guard.
"""

from __future__ import annotations

from datetime import date, datetime, time

import sqlalchemy as sa
from flask_babel import gettext as _

from govhub.audit.services import record
from govhub.core.errors import DomainError
from govhub.core.guards import require
from govhub.core.models import utcnow
from govhub.extensions import db
from govhub.partners import checks
from govhub.partners.enrolments import rules as enrolment_rules
from govhub.partners.enrolments.models import Enrolment
from govhub.partners.offerings import permissions, rules
from govhub.partners.offerings.models import (
    Offering,
    OfferingCategory,
    OfferingMode,
    OfferingSchedule,
    OfferingSession,
    OfferingStatus,
)
from govhub.partners.organizations import rules as organization_rules
from govhub.partners.organizations.models import Organization
from govhub.partners.requests.models import ServiceRequest

TITLE_MAX = 200


DESCRIPTION_MAX = 20_000


def offering_fields(fields: dict) -> dict:
    """An offering's fields, checked and cleaned."""
    return {
        "title": checks.text(fields.get("title"), "title", TITLE_MAX, required=True),
        "description": checks.text(fields.get("description"), "description", DESCRIPTION_MAX,
                                   one_line=False),
        "category": checks.choice(OfferingCategory, fields.get("category"), "category",
                                  "unknown_category", _("Choose one of the categories.")),
        "eligibility": checks.text(fields.get("eligibility"), "eligibility", 1000,
                                   one_line=False),
        "location_name": checks.text(fields.get("location_name"), "location_name", 200),
        "address": checks.text(fields.get("address"), "address", 300),
        "at_home": fields.get("at_home") is True,
        "price": checks.price(fields.get("price")),
        "mode": checks.choice(OfferingMode, fields.get("mode", OfferingMode.SESSIONS), "mode",
                              "unknown_mode", _("An offering is given on request or in "
                                                "sessions.")),
    }


def _organization_working(organization: Organization) -> None:
    if organization.status not in organization_rules.ORGANIZATION_WORKING:
        raise DomainError("organization_inactive",
                          _("A rejected or suspended organization cannot change its offerings."),
                          status=409)


def create_offering(actor, organization: Organization, **fields) -> Offering:
    """A draft offering; it is public once published, if the organization is verified."""
    require(permissions.can_manage_offerings(actor, organization))
    _organization_working(organization)
    offering = Offering(organization=organization, created_by_id=actor.id,
                        status=OfferingStatus.DRAFT, **offering_fields(fields))
    db.session.add(offering)
    db.session.flush()
    record(actor, "offering.created", offering, community_id=organization.community_id,
           title=offering.title, category=offering.category.value)
    return offering


def _has_people(offering: Offering) -> bool:
    return bool(offering.sessions) or db.session.scalar(sa.select(sa.exists().where(
        ServiceRequest.offering_id == offering.id)))


def update_offering(actor, offering: Offering, **fields) -> None:
    organization = offering.organization
    require(permissions.can_manage_offerings(actor, organization))
    _organization_working(organization)
    if offering.status == OfferingStatus.ARCHIVED:
        raise DomainError("archived", _("An archived offering cannot be changed."), status=409)
    values = offering_fields(fields)
    if values["mode"] != offering.mode and _has_people(offering):
        raise DomainError("mode_locked", _("This offering already has sessions or requests; "
                                           "its way of working cannot change."), "mode",
                          status=409)
    changed = {}
    for name, value in values.items():
        if getattr(offering, name) != value:
            changed[name] = [str(getattr(offering, name)), str(value)]
            setattr(offering, name, value)
    offering.updated_at = utcnow()
    record(actor, "offering.updated", offering, community_id=organization.community_id,
           changed=changed)


def set_offering_status(actor, offering: Offering, target) -> None:
    """Publish, pause, archive: an archived offering stays archived."""
    organization = offering.organization
    require(permissions.can_manage_offerings(actor, organization))
    _organization_working(organization)
    target = checks.choice(OfferingStatus, target, "status", "invalid_status",
                           _("There is no such status."))
    if not rules.can_move_offering(offering.status, target):
        raise DomainError("wrong_status",
                          _("The offering cannot go from its present status to that one."),
                          status=409)
    previous, offering.status = offering.status, target
    if target == OfferingStatus.PUBLISHED and offering.published_at is None:
        offering.published_at = utcnow()
    record(actor, "offering.status_changed", offering, community_id=organization.community_id,
           old=previous.value, new=target.value)


def _sessions_editable(actor, offering: Offering) -> None:
    organization = offering.organization
    require(permissions.can_manage_offerings(actor, organization))
    _organization_working(organization)
    if offering.mode != OfferingMode.SESSIONS:
        raise DomainError("not_in_sessions",
                          _("This offering is given on request; it has no sessions."),
                          status=409)
    if offering.status not in rules.SESSIONS_EDITABLE:
        raise DomainError("archived", _("An archived offering cannot be changed."), status=409)


def _checked_times(starts_at: datetime, ends_at: datetime, field: str = "date") -> None:
    if starts_at.tzinfo is None or ends_at.tzinfo is None:
        raise ValueError("session times must be aware datetimes")
    if starts_at <= utcnow():
        raise DomainError("in_the_past", _("A session cannot start in the past."), field)
    if not rules.session_times_valid(starts_at, ends_at):
        raise DomainError("invalid_times",
                          _("A session ends after it starts, on the same day."), "ends_time")


def add_session(actor, offering: Offering, starts_at: datetime, ends_at: datetime,
                capacity: int) -> OfferingSession:
    """One session on a given day and time, with its places."""
    _sessions_editable(actor, offering)
    _checked_times(starts_at, ends_at)
    session = OfferingSession(offering=offering, starts_at=starts_at, ends_at=ends_at,
                              capacity=checks.capacity(capacity))
    db.session.add(session)
    db.session.flush()
    record(actor, "offering.session_added", offering, community_id=offering.community_id,
           session_id=session.id, starts_at=starts_at.isoformat(), capacity=session.capacity)
    return session


def add_weekly_sessions(actor, offering: Offering, *, weekday: int, starts_time: time,
                        ends_time: time, first_date: date, capacity: int,
                        count: int | None = None,
                        until: date | None = None) -> list[OfferingSession]:
    """Sessions every week on a weekday at a time, `count` of them or until a date."""
    _sessions_editable(actor, offering)
    sessions = schedule_sessions(offering, weekday=weekday, starts_time=starts_time,
                                 ends_time=ends_time, first_date=first_date, capacity=capacity,
                                 count=count, until=until)
    record(actor, "offering.schedule_added", offering, community_id=offering.community_id,
           schedule_id=sessions[0].schedule_id, weekday=weekday, sessions=len(sessions),
           first=sessions[0].starts_at.isoformat(), last=sessions[-1].starts_at.isoformat())
    return sessions


def schedule_sessions(offering: Offering, *, weekday: int, starts_time: time, ends_time: time,
                      first_date: date, capacity: int, count: int | None = None,
                      until: date | None = None) -> list[OfferingSession]:
    """Check a weekly schedule and generate its sessions (the caller authorises and audits)."""
    if isinstance(weekday, bool) or not isinstance(weekday, int) or not 0 <= weekday <= 6:
        raise DomainError("invalid_weekday", _("Choose a day of the week."), "weekday")
    if (count is None) == (until is None):
        raise DomainError("count_or_until",
                          _("Say how many sessions, or until which date."), "count")
    if count is not None and not 1 <= count <= rules.MAX_SESSIONS_PER_SCHEDULE:
        raise DomainError("too_many_sessions", _("From 1 to %(max)d sessions at once.",
                                                 max=rules.MAX_SESSIONS_PER_SCHEDULE), "count")
    capacity = checks.capacity(capacity)
    days = rules.weekly_dates(first_date, weekday, count=count, until=until)
    if not days:
        raise DomainError("no_sessions", _("No such weekday falls between these dates."),
                          "until")
    if len(days) > rules.MAX_SESSIONS_PER_SCHEDULE:
        raise DomainError("too_many_sessions", _("From 1 to %(max)d sessions at once.",
                                                 max=rules.MAX_SESSIONS_PER_SCHEDULE), "until")
    timezone = offering.organization.community.timezone
    bounds = [rules.session_bounds(day, starts_time, ends_time, timezone) for day in days]
    for starts_at, ends_at in bounds:
        _checked_times(starts_at, ends_at, "first_date")
    schedule = OfferingSchedule(offering=offering, weekday=weekday, starts_time=starts_time,
                                ends_time=ends_time, first_date=first_date, until_date=until,
                                count=count, capacity=capacity, timezone=timezone)
    sessions = [OfferingSession(offering=offering, schedule=schedule, starts_at=starts_at,
                                ends_at=ends_at, capacity=capacity)
                for starts_at, ends_at in bounds]
    db.session.add_all([schedule, *sessions])
    db.session.flush()
    return sessions


def remove_session(actor, session: OfferingSession) -> None:
    """A session nobody enrolled in or waits for can be taken off again."""
    offering = session.offering
    _sessions_editable(actor, offering)
    if session.enrolled_count or db.session.scalar(sa.select(sa.exists().where(
            Enrolment.session_id == session.id,
            Enrolment.status.in_(list(enrolment_rules.ACTIVE_ENROLMENT))))):
        raise DomainError("session_has_people",
                          _("People are enrolled in or waiting for this session; it cannot "
                            "be removed."), status=409)
    offering.sessions.remove(session)
    db.session.flush()
    record(actor, "offering.session_removed", offering, community_id=offering.community_id,
           session_id=session.id, starts_at=session.starts_at.isoformat())
