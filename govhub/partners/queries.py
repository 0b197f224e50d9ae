"""Reading organizations, offerings, sessions, enrolments and requests."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import abort
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import orm

from govhub.core.models import is_id, utcnow
from govhub.core.roles import is_admin
from govhub.extensions import db
from govhub.partners import rules, search
from govhub.partners.models import (
    Enrolment,
    EnrolmentStatus,
    Offering,
    OfferingCategory,
    OfferingSession,
    Organization,
    OrganizationMember,
    OrganizationStatus,
    Rating,
    RequestStatus,
    ServiceRequest,
)

PER_PAGE = 20
PUBLIC_STATUSES = ("published", "paused")  # partners.rules.PUBLIC_OFFERING
RECENT_DAYS = 14


def _get(model, row_id):
    return db.session.get(model, row_id) if is_id(row_id) else None


def _or_404(row):
    if row is None:
        abort(404)
    return row


def find_organization(organization_id) -> Organization | None:
    return _get(Organization, organization_id)


def find_offering(offering_id) -> Offering | None:
    return _get(Offering, offering_id)


def find_session(session_id) -> OfferingSession | None:
    return _get(OfferingSession, session_id)


def find_enrolment(enrolment_id) -> Enrolment | None:
    return _get(Enrolment, enrolment_id)


def find_request(request_id) -> ServiceRequest | None:
    return _get(ServiceRequest, request_id)


def find_membership(membership_id) -> OrganizationMember | None:
    return _get(OrganizationMember, membership_id)


def get_organization_or_404(organization_id: int) -> Organization:
    return _or_404(find_organization(organization_id))


def get_offering_or_404(offering_id: int) -> Offering:
    return _or_404(find_offering(offering_id))


def get_session_or_404(session_id: int) -> OfferingSession:
    return _or_404(find_session(session_id))


def get_enrolment_or_404(enrolment_id: int) -> Enrolment:
    return _or_404(find_enrolment(enrolment_id))


def get_request_or_404(request_id: int) -> ServiceRequest:
    return _or_404(find_request(request_id))


# --- organizations and members -----------------------------------------------------------

def membership_of(organization_id: int, user_id: int) -> OrganizationMember | None:
    """The user's membership of the organization, accepted or still an invitation."""
    return db.session.scalar(sa.select(OrganizationMember).where(
        OrganizationMember.organization_id == organization_id,
        OrganizationMember.user_id == user_id))


def memberships_of_user(user) -> list[OrganizationMember]:
    """The user's organizations and invitations, oldest first."""
    return list(db.session.scalars(
        sa.select(OrganizationMember).options(orm.joinedload(OrganizationMember.organization))
        .where(OrganizationMember.user_id == user.id).order_by(OrganizationMember.id)))


def active_members(organization: Organization) -> list:
    """The users who accepted their membership (they hear of new requests)."""
    return [m.user for m in organization.members if m.is_active and m.user.is_active]


def owners_count(organization: Organization) -> int:
    return sum(1 for m in organization.members if m.is_active and m.role == "owner")


def verified_organizations(community_id: int) -> list[Organization]:
    return list(db.session.scalars(sa.select(Organization).where(
        Organization.community_id == community_id,
        Organization.status == OrganizationStatus.VERIFIED).order_by(Organization.name)))


def organizations_for_review(actor, status: OrganizationStatus | None = None) -> list:
    """Admins see every community's organizations, workers their own community's."""
    query = sa.select(Organization).order_by(Organization.created_at, Organization.id)
    if not is_admin(actor):
        query = query.where(Organization.community_id == actor.community_id)
    if status is not None:
        query = query.where(Organization.status == status)
    return list(db.session.scalars(query))


def name_taken(community_id: int, name: str, except_id: int | None = None) -> bool:
    query = sa.select(Organization.id).where(Organization.community_id == community_id,
                                             Organization.name == name)
    if except_id is not None:
        query = query.where(Organization.id != except_id)
    return db.session.scalar(query) is not None


# --- offerings -----------------------------------------------------------------------------

def local_day_bounds(day: date, timezone: str) -> tuple[datetime, datetime]:
    """A day in the community's zone, as [start, end) in UTC."""
    start = datetime.combine(day, time(0), tzinfo=ZoneInfo(timezone))
    return start, start + timedelta(days=1)


def _public(community_id: int):
    return (sa.select(Offering).join(Organization, Offering.organization_id == Organization.id)
            .where(Organization.community_id == community_id,
                   Organization.status == OrganizationStatus.VERIFIED,
                   Offering.status.in_(PUBLIC_STATUSES)))


def public_offerings(community, *, category: OfferingCategory | None = None,
                     day: date | None = None, place: str = "", page: int = 1,
                     per_page: int = PER_PAGE, keywords: str = ""):
    """The community's public offerings, newest first, filtered, a page at a time.

    `keywords` are searched in the index (partners.search): every word must match, or one
    of its synonyms; the matches come most relevant first (partners.rules.rank).
    """
    query = _public(community.id)
    matching = search.matching_ids(keywords)
    if matching is not None:
        query = query.where(Offering.id.in_(matching))
    if category is not None:
        query = query.where(Offering.category == category)
    if place:
        query = query.where(Offering.location_name == place)
    if day is not None:
        start, end = local_day_bounds(day, community.timezone)
        query = query.where(sa.exists(sa.select(OfferingSession.id).where(
            OfferingSession.offering_id == Offering.id, OfferingSession.starts_at >= start,
            OfferingSession.starts_at < end)))
    # A page of ids first (the sort carries a few columns, not whole rows), then those rows:
    # with keywords the most relevant first (partners.rules.rank), otherwise the newest.
    order = _relevance(search.query_terms(keywords)) if matching is not None else []
    ids = query.with_only_columns(Offering.id).order_by(
        *order, Offering.published_at.desc(), Offering.id.desc())
    found = IdPage(select=ids, page=page, per_page=per_page, error_out=False)
    if found.items:
        rows = {row.id: row for row in db.session.scalars(
            sa.select(Offering).options(orm.joinedload(Offering.organization))
            .where(Offering.id.in_(found.items)))}
        found.items = [rows[offering_id] for offering_id in found.items]
    return found


class IdPage(Pagination):
    """A page of ids and the total in one statement (`count(*) OVER ()`), so that the
    filters and the keyword match run once, not once for the page and once for the count."""

    def _query_items(self) -> list:
        select = self._query_args["select"]
        rows = db.session.execute(select.add_columns(sa.func.count().over())
                                  .limit(self.per_page)
                                  .offset((self.page - 1) * self.per_page)).all()
        self._found = rows[0][1] if rows else None
        return [row[0] for row in rows]

    def _query_count(self) -> int:
        if self._found is not None:
            return self._found
        if self.page == 1:
            return 0
        return db.session.scalar(sa.select(sa.func.count()).select_from(
            self._query_args["select"].order_by(None).subquery()))


def _title_mentions(word: rules.Word):
    """rules.mentions in SQL, on the title as written (lower-cased): a Chinese word anywhere,
    another word at the start of the title or after a space. Words are letters and digits
    only, so LIKE needs no escaping (autoescape all the same)."""
    is_cjk, text = word
    title = sa.func.lower(Offering.title)
    if is_cjk:
        return title.contains(text, autoescape=True)
    return sa.or_(title.startswith(text, autoescape=True),
                  title.contains(" " + text, autoescape=True))


def _relevance(terms: list[tuple[rules.Word, ...]]) -> list:
    """rules.rank's order as one ORDER BY term: the query's terms found in the title, then
    those found as typed, as one number (found × (terms + 1) + as typed: as typed never
    exceeds found, so the number orders as the pair does). Each term's words are tried on
    the title once, the word as typed first, then its synonyms that no other implies
    (rules.broadest); the database evaluates them on the matches only."""
    if not terms:
        return []
    found = len(terms) + 1
    score = sum(sa.case((_title_mentions(alternatives[0]), found + 1),
                        *[(_title_mentions(other), found)
                          for other in rules.broadest(alternatives) if other != alternatives[0]],
                        else_=0)
                for alternatives in terms)
    return [score.desc()]


def places_of(community_id: int) -> list[str]:
    """The places public offerings happen at, for the browse page's filter."""
    query = _public(community_id).with_only_columns(Offering.location_name).distinct()
    return sorted(place for place in db.session.scalars(query) if place)


def next_sessions(offering_ids: list[int]) -> dict[int, datetime]:
    """Each offering's next session start, for lists."""
    if not offering_ids:
        return {}
    rows = db.session.execute(
        sa.select(OfferingSession.offering_id, sa.func.min(OfferingSession.starts_at))
        .where(OfferingSession.offering_id.in_(offering_ids),
               OfferingSession.starts_at > utcnow())
        .group_by(OfferingSession.offering_id))
    return {offering_id: moment for offering_id, moment in rows}


def offerings_of(organization: Organization, public_only: bool) -> list[Offering]:
    query = sa.select(Offering).where(Offering.organization_id == organization.id)
    if public_only:
        query = query.where(Offering.status.in_(PUBLIC_STATUSES))
    return list(db.session.scalars(query.order_by(Offering.id.desc())))


def sessions_of(offering: Offering, upcoming_only: bool = False) -> list[OfferingSession]:
    query = sa.select(OfferingSession).where(OfferingSession.offering_id == offering.id)
    if upcoming_only:
        query = query.where(OfferingSession.starts_at > utcnow())
    return list(db.session.scalars(query.order_by(OfferingSession.starts_at)))


def rating_summary(offering: Offering) -> tuple[float | None, int]:
    average, count = db.session.execute(
        sa.select(sa.func.avg(Rating.score), sa.func.count(Rating.id))
        .where(Rating.offering_id == offering.id)).one()
    return (round(float(average), 1) if average is not None else None), int(count)


def ratings_of(offering: Offering, limit: int = 20) -> list[Rating]:
    return list(db.session.scalars(
        sa.select(Rating).where(Rating.offering_id == offering.id, Rating.comment != "")
        .order_by(Rating.id.desc()).limit(limit)))


# --- enrolments ---------------------------------------------------------------------------

ACTIVE = [EnrolmentStatus.ENROLLED, EnrolmentStatus.WAITLISTED, EnrolmentStatus.ATTENDED,
          EnrolmentStatus.NO_SHOW]


def active_enrolment(session_id: int, user_id: int) -> Enrolment | None:
    return db.session.scalar(sa.select(Enrolment).where(
        Enrolment.session_id == session_id, Enrolment.resident_id == user_id,
        Enrolment.status.in_(ACTIVE)))


def enrolments_by_session(user, session_ids: list[int]) -> dict[int, Enrolment]:
    """The user's active enrolment in each of these sessions."""
    if not getattr(user, "is_authenticated", False) or not session_ids:
        return {}
    rows = db.session.scalars(sa.select(Enrolment).where(
        Enrolment.resident_id == user.id, Enrolment.session_id.in_(session_ids),
        Enrolment.status.in_(ACTIVE)))
    return {row.session_id: row for row in rows}


def waiting_entries(session_id: int) -> list[tuple[datetime, int]]:
    """(arrived, id) of the session's waiting enrolments, for rules.waitlist_order."""
    rows = db.session.execute(sa.select(Enrolment.created_at, Enrolment.id).where(
        Enrolment.session_id == session_id, Enrolment.status == EnrolmentStatus.WAITLISTED))
    return [(arrived, enrolment_id) for arrived, enrolment_id in rows]


def people_of_session(session: OfferingSession) -> list[Enrolment]:
    """Those enrolled (or marked) and then those waiting, first come first."""
    return list(db.session.scalars(
        sa.select(Enrolment).options(orm.joinedload(Enrolment.resident))
        .where(Enrolment.session_id == session.id, Enrolment.status.in_(ACTIVE))
        .order_by(sa.case((Enrolment.status == EnrolmentStatus.WAITLISTED, 1), else_=0),
                  Enrolment.created_at, Enrolment.id)))


def enrolments_of_resident(user) -> list[Enrolment]:
    return list(db.session.scalars(
        sa.select(Enrolment).join(OfferingSession, Enrolment.session_id == OfferingSession.id)
        .options(orm.joinedload(Enrolment.session).joinedload(OfferingSession.offering))
        .where(Enrolment.resident_id == user.id)
        .order_by(OfferingSession.starts_at.desc(), Enrolment.id.desc()).limit(100)))


def sessions_with_people(organization: Organization) -> list[OfferingSession]:
    """The organization's sessions from two weeks ago on that have anyone enrolled or waiting."""
    since = utcnow() - timedelta(days=RECENT_DAYS)
    return list(db.session.scalars(
        sa.select(OfferingSession).join(Offering, OfferingSession.offering_id == Offering.id)
        .options(orm.joinedload(OfferingSession.offering))
        .where(Offering.organization_id == organization.id, OfferingSession.starts_at >= since,
               sa.exists(sa.select(Enrolment.id).where(
                   Enrolment.session_id == OfferingSession.id, Enrolment.status.in_(ACTIVE))))
        .order_by(OfferingSession.starts_at)))


def rated_sessions(user, session_ids: list[int]) -> set[int]:
    if not session_ids:
        return set()
    return set(db.session.scalars(sa.select(Rating.session_id).where(
        Rating.resident_id == user.id, Rating.session_id.in_(session_ids))))


def rated_offerings(user) -> set[int]:
    """Offerings the user rated as a whole (on-request ones)."""
    return set(db.session.scalars(sa.select(Rating.offering_id).where(
        Rating.resident_id == user.id, Rating.session_id.is_(None))))


# --- service requests --------------------------------------------------------------------

OPEN = [RequestStatus.REQUESTED, RequestStatus.ACCEPTED]


def open_request(offering_id: int, user_id: int) -> ServiceRequest | None:
    return db.session.scalar(sa.select(ServiceRequest).where(
        ServiceRequest.offering_id == offering_id, ServiceRequest.resident_id == user_id,
        ServiceRequest.status.in_(OPEN)))


def request_statuses(offering_id: int, user_id: int) -> list[RequestStatus]:
    return list(db.session.scalars(sa.select(ServiceRequest.status).where(
        ServiceRequest.offering_id == offering_id, ServiceRequest.resident_id == user_id)))


def requests_of_resident(user) -> list[ServiceRequest]:
    return list(db.session.scalars(
        sa.select(ServiceRequest).options(orm.joinedload(ServiceRequest.offering))
        .where(ServiceRequest.resident_id == user.id)
        .order_by(ServiceRequest.id.desc()).limit(100)))


def requests_for(organization: Organization, open_only: bool) -> list[ServiceRequest]:
    """Requests addressed to the organization: the open ones first-come, or the closed, latest."""
    query = (sa.select(ServiceRequest).join(Offering, ServiceRequest.offering_id == Offering.id)
             .options(orm.joinedload(ServiceRequest.offering),
                      orm.joinedload(ServiceRequest.resident))
             .where(Offering.organization_id == organization.id))
    if open_only:
        return list(db.session.scalars(query.where(ServiceRequest.status.in_(OPEN))
                                       .order_by(ServiceRequest.id)))
    return list(db.session.scalars(query.where(ServiceRequest.status.not_in(OPEN))
                                   .order_by(ServiceRequest.id.desc()).limit(50)))
