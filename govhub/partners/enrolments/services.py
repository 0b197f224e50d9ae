"""Places in sessions: enrol, wait in line, cancel, promotion, capacity, attendance.

A session's places are counted in `offering_sessions.enrolled_count` and
changed only here. Each change first locks the session's row (lock_places),
then lets the pure rules decide on what it read (enrolment_outcome,
promotions, capacity_allowed), then changes the count with a conditional
UPDATE. Why the count can never exceed the capacity, even when many
residents enrol in the last place at the same moment, is explained on
lock_places.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import gettext as _

from govhub.audit.services import record
from govhub.core.errors import DomainError
from govhub.core.guards import require
from govhub.core.models import utcnow
from govhub.extensions import db
from govhub.notifications.services import notify
from govhub.partners import checks
from govhub.partners.enrolments import permissions, rules
from govhub.partners.enrolments.models import Enrolment, EnrolmentStatus
from govhub.partners.enrolments.queries import active_enrolment, waiting_entries
from govhub.partners.offerings import permissions as offering_permissions
from govhub.partners.offerings import rules as offering_rules
from govhub.partners.offerings.models import OfferingMode, OfferingSession
from govhub.partners.organizations.rules import Side
from govhub.partners.organizations.services import tell_organization
from govhub.partners.requests import permissions as request_permissions


def lock_places(session: OfferingSession) -> tuple[int, int]:
    """Lock the session's row until commit and read (capacity, places taken) as committed.

    The rules decide (rules.enrolment_outcome, capacity_allowed, promotions) on the
    values read here, while nobody else can change them:

    - PostgreSQL (READ COMMITTED) locks the row this no-op UPDATE touches. A concurrent
      enrolment in the same session waits for that lock, then reads the row as the other
      committed it (RETURNING gives the values after the wait).
    - SQLite lets one connection write at a time: the UPDATE takes the database's write
      lock, held until commit, so nothing can change the row meanwhile.

    Underneath, the CHECK constraint `enrolled_count <= capacity` refuses any row with
    more enrolled than places, whatever code wrote it, and the partial unique index
    `uq_enrolments_active` refuses a second active enrolment of a resident in the same
    session.
    """
    capacity, taken = db.session.execute(
        sa.update(OfferingSession).where(OfferingSession.id == session.id)
        .values(enrolled_count=OfferingSession.enrolled_count)
        .returning(OfferingSession.capacity, OfferingSession.enrolled_count)
        .execution_options(synchronize_session=False)).one()
    return capacity, taken


def take_place(session: OfferingSession) -> bool:
    """Count one more place taken, if one is left (a conditional UPDATE: with the row locked
    by lock_places and the rule's word that a place is free, it always is)."""
    taken = db.session.execute(
        sa.update(OfferingSession)
        .where(OfferingSession.id == session.id,
               OfferingSession.enrolled_count < OfferingSession.capacity)
        .values(enrolled_count=OfferingSession.enrolled_count + 1)
        .execution_options(synchronize_session=False)).rowcount == 1
    db.session.expire(session, ["enrolled_count"])
    return taken


def free_place(session: OfferingSession) -> None:
    db.session.execute(
        sa.update(OfferingSession)
        .where(OfferingSession.id == session.id, OfferingSession.enrolled_count > 0)
        .values(enrolled_count=OfferingSession.enrolled_count - 1)
        .execution_options(synchronize_session=False))
    db.session.expire(session, ["enrolled_count"])


def _move(enrolment: Enrolment, current: EnrolmentStatus, target: EnrolmentStatus,
          **values) -> bool:
    """Change the enrolment's status only if it still is `current` (another request may
    have moved it meanwhile); True when it moved."""
    moved = db.session.execute(
        sa.update(Enrolment).where(Enrolment.id == enrolment.id, Enrolment.status == current)
        .values(status=target, **values)
        .execution_options(synchronize_session=False)).rowcount == 1
    db.session.refresh(enrolment)
    return moved


def _data(enrolment: Enrolment) -> dict:
    session = enrolment.session
    offering = session.offering
    return {"resident": enrolment.resident.display_name, "offering": offering.title,
            "offering_id": offering.id, "session_id": session.id,
            "starts_at": session.starts_at.isoformat(),
            "timezone": offering.organization.community.timezone}


def _tell(enrolment: Enrolment, kind: str) -> None:
    organization = enrolment.session.offering.organization
    tell_organization(organization, kind, _data(enrolment),
                      {"kind": "enrolment", "id": enrolment.id,
                       "status": enrolment.status.value})


def _audit(actor, action: str, enrolment: Enrolment, **data) -> None:
    session = enrolment.session
    record(actor, action, enrolment, community_id=session.offering.community_id,
           session_id=session.id, resident_id=enrolment.resident_id,
           status=enrolment.status.value, **data)


def _open_for_enrolment(session: OfferingSession) -> None:
    offering = session.offering
    if offering.mode != OfferingMode.SESSIONS:
        raise DomainError("not_in_sessions",
                          _("This offering is given on request; send a request instead."),
                          status=409)
    if (offering.status not in offering_rules.TAKING_PEOPLE
            or not offering_rules.is_public(offering.status, offering.organization.status)):
        raise DomainError("not_taking_people",
                          _("This offering is not taking enrolments at the moment."), status=409)
    if offering_rules.has_started(session.starts_at, utcnow()):
        raise DomainError("session_started", _("This session has already started."),
                          status=409)


def enrol(actor, session: OfferingSession, join_waitlist: bool = False) -> Enrolment:
    """Take a place in the session, or, when it is full and the resident wishes, join its line."""
    require(offering_permissions.can_take_part(actor, session.offering),
            _("Confirmed residents of the community enrol in sessions."))
    _open_for_enrolment(session)
    if active_enrolment(session.id, actor.id) is not None:
        raise DomainError("already_enrolled",
                          _("You are already enrolled in this session or on its waitlist."),
                          status=409)
    try:
        with db.session.begin_nested():
            status = rules.enrolment_outcome(*lock_places(session), join_waitlist)
            if status is None or (status == EnrolmentStatus.ENROLLED
                                  and not take_place(session)):
                raise DomainError("session_full",
                                  _("This session is full. You can join its waitlist."),
                                  status=409)
            enrolment = Enrolment(session=session, resident_id=actor.id, status=status)
            db.session.add(enrolment)
            db.session.flush()
    except sa.exc.IntegrityError:  # the same resident, twice at once
        raise DomainError("already_enrolled",
                          _("You are already enrolled in this session or on its waitlist."),
                          status=409) from None
    _audit(actor, f"enrolment.{status.value}", enrolment)
    _tell(enrolment, "partners.enrolled" if status == EnrolmentStatus.ENROLLED
          else "partners.waitlisted")
    return enrolment


def cancel_enrolment(actor, enrolment: Enrolment) -> None:
    """The resident gives up their place (the first in line gets it) or leaves the line."""
    require(permissions.is_own_enrolment(actor, enrolment))
    session = enrolment.session
    current = enrolment.status
    started = offering_rules.has_started(session.starts_at, utcnow())
    if not rules.enrolment_step_allowed(current, EnrolmentStatus.CANCELLED, Side.RESIDENT,
                                        started):
        message = (_("The session has started; it can no longer be cancelled.") if started
                   else _("This enrolment is no longer active."))
        raise DomainError("cannot_cancel", message, status=409)
    if not _move(enrolment, current, EnrolmentStatus.CANCELLED, cancelled_at=utcnow()):
        raise DomainError("changed", _("Your enrolment changed meanwhile. Reload the page."),
                          status=409)
    if current in rules.HOLDS_PLACE:
        free_place(session)
    _audit(actor, "enrolment.cancelled", enrolment, was=current.value)
    _tell(enrolment, "partners.enrolment_cancelled")
    promote_waitlist(actor, session)


def promote_waitlist(actor, session: OfferingSession) -> list[Enrolment]:
    """Give every free place to the first in line, first come first served; before the start."""
    promoted: list[Enrolment] = []
    if offering_rules.has_started(session.starts_at, utcnow()):
        return promoted
    capacity, taken = lock_places(session)
    waiting = len(waiting_entries(session.id))
    for _place in range(rules.promotions(capacity, taken, waiting)):
        if not take_place(session):
            break
        candidate = _first_in_line(session)
        if candidate is None:  # nobody (left) in line: give the place back
            free_place(session)
            break
        promoted.append(candidate)
        # GovHub moves the line, not the actor; the trail says whose change freed the place.
        _audit(None, "enrolment.promoted", candidate, freed_by=getattr(actor, "id", None))
        notify([candidate.resident], "partners.promoted", _data(candidate),
               link="/my/services")
        _tell(candidate, "partners.enrolled")
    return promoted


def _first_in_line(session: OfferingSession) -> Enrolment | None:
    """Move the first waiting enrolment to enrolled; one that just left the line is skipped."""
    for enrolment_id in rules.waitlist_order(waiting_entries(session.id)):
        waiting = db.session.get(Enrolment, enrolment_id)
        if _move(waiting, EnrolmentStatus.WAITLISTED, EnrolmentStatus.ENROLLED,
                 promoted_at=utcnow()):
            return waiting
    return None


def change_capacity(actor, session: OfferingSession, capacity: int) -> list[Enrolment]:
    """More or fewer places; never fewer than are taken. More places go to those waiting."""
    offering = session.offering
    require(offering_permissions.can_manage_offerings(actor, offering.organization))
    capacity = checks.capacity(capacity)
    if offering_rules.has_started(session.starts_at, utcnow()):
        raise DomainError("session_started", _("This session has already started."),
                          status=409)
    previous, taken = lock_places(session)
    if not rules.capacity_allowed(capacity, taken):
        raise DomainError("capacity_below_enrolled",
                          _("%(taken)d places are already taken; the capacity cannot be lower.",
                            taken=taken), "capacity", status=409)
    db.session.execute(
        sa.update(OfferingSession).where(OfferingSession.id == session.id)
        .values(capacity=capacity).execution_options(synchronize_session=False))
    db.session.expire(session, ["capacity", "enrolled_count"])
    record(actor, "offering.capacity_changed", offering, community_id=offering.community_id,
           session_id=session.id, old=previous, new=capacity)
    return promote_waitlist(actor, session)


def mark_attendance(actor, enrolment: Enrolment, attended: bool) -> None:
    """Once the session has started: came, or did not come (either can be corrected)."""
    session = enrolment.session
    require(request_permissions.can_handle_requests(actor, session.offering.organization))
    target = EnrolmentStatus.ATTENDED if attended else EnrolmentStatus.NO_SHOW
    if enrolment.status == target:
        return
    started = offering_rules.has_started(session.starts_at, utcnow())
    if not rules.enrolment_step_allowed(enrolment.status, target, Side.ORGANIZATION, started):
        message = (_("Attendance is marked once the session has started.") if not started
                   else _("Only enrolled residents' attendance is marked."))
        raise DomainError("cannot_mark", message, status=409)
    previous = enrolment.status
    enrolment.status, enrolment.attendance_marked_at = target, utcnow()
    db.session.flush()
    _audit(actor, "enrolment.attendance", enrolment, was=previous.value)
    organization = session.offering.organization
    tell_organization(organization, None, {}, {"kind": "enrolment", "id": enrolment.id,
                                               "status": target.value})
