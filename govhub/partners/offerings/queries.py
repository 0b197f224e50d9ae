"""Reading offerings and sessions: the public catalogue (filters, keywords, relevance),
an organization's offerings, upcoming sessions.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import orm

from govhub.core.errors import NotFound
from govhub.core.models import utcnow
from govhub.extensions import db
from govhub.partners.common import find_row, or_404
from govhub.partners.offerings import permissions, rules, search
from govhub.partners.offerings.models import Offering, OfferingCategory, OfferingSession
from govhub.partners.organizations.models import (
    Organization,
    OrganizationStatus,
)

PER_PAGE = 20


PUBLIC_STATUSES = ("published", "paused")  # offerings.rules.PUBLIC_OFFERING


def find_offering(offering_id) -> Offering | None:
    return find_row(Offering, offering_id)


def find_session(session_id) -> OfferingSession | None:
    return find_row(OfferingSession, session_id)


def visible_offering(actor, offering_id) -> Offering:
    """The offering if the actor may see it; one they may not see does not exist for them."""
    offering = find_offering(offering_id)
    if offering is None or not permissions.can_view_offering(actor, offering):
        raise NotFound(_("There is no such offering."))
    return offering


def visible_session(actor, session_id) -> OfferingSession:
    """The session if the actor may see its offering; else it does not exist for them."""
    session = find_session(session_id)
    if session is None or not permissions.can_view_offering(actor, session.offering):
        raise NotFound(_("There is no such session."))
    return session


def get_offering_or_404(offering_id: int) -> Offering:
    return or_404(find_offering(offering_id))


def get_session_or_404(session_id: int) -> OfferingSession:
    return or_404(find_session(session_id))


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

    `keywords` are searched in the index (offerings.search): every word must match, or one
    of its synonyms; the matches come most relevant first (offerings.rules.rank).
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
    # with keywords the most relevant first (offerings.rules.rank), otherwise the newest.
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
