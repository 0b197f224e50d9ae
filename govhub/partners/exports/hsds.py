"""A community's published offerings as HSDS 3.0 JSON (Open Referral's Human Services Data
Specification): organization → service → service_at_location → location, with schedules,
eligibility, cost options, service areas, and the organization's own public contact.

Only verified organizations and their public offerings (published or paused) appear;
drafts, archived offerings and organizations waiting for verification never do. No
resident or member appears either: the only contact data are the organization's own
public phone and e-mail. The mapping, field by field, is in docs/partners.md.

HSDS identifiers are UUIDs: each is a version-5 UUID of the object's canonical URL on
this site (the organization's or offering's page, with a fragment for the parts), so it
is stable from one export to the next and unique across GovHub sites.
"""

from __future__ import annotations

import uuid
from datetime import datetime, time
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import url_for
from sqlalchemy import orm

from govhub.core.models import utcnow
from govhub.extensions import db
from govhub.partners.offerings.models import Offering, OfferingSession, OfferingStatus
from govhub.partners.offerings.queries import PUBLIC_STATUSES
from govhub.partners.organizations.models import Organization, OrganizationStatus

HSDS_VERSION = "3.0"


WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


SERVICE_STATUS = {OfferingStatus.PUBLISHED: "active",
                  OfferingStatus.PAUSED: "temporarily closed"}


CURRENCY = "CNY"


CATEGORY_TAXONOMY = "govhub-offering-category"


def _uuid(url: str, part: str = "") -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, url + (f"#{part}" if part else "")))


def _offset_hours(timezone: str, moment: datetime) -> float:
    offset = moment.astimezone(ZoneInfo(timezone)).utcoffset()
    hours = offset.total_seconds() / 3600
    return int(hours) if hours.is_integer() else hours


def _clock(moment: time, timezone: str, day) -> str:
    """HH:MM with the UTC offset on that day, e.g. 09:30+08:00, as HSDS asks."""
    local = datetime.combine(day, moment, tzinfo=ZoneInfo(timezone))
    return local.strftime("%H:%M") + local.strftime("%z")[:3] + ":" + local.strftime("%z")[3:]


def _weekly(schedule, service_id: str, url: str) -> dict:
    found = {"id": _uuid(url, f"schedule-{schedule.id}"), "service_id": service_id,
             "freq": "WEEKLY", "wkst": "MO", "interval": 1,
             "byday": WEEKDAYS[schedule.weekday], "dtstart": schedule.first_date.isoformat(),
             "timezone": _offset_hours(schedule.timezone, datetime.combine(
                 schedule.first_date, schedule.starts_time)),
             "opens_at": _clock(schedule.starts_time, schedule.timezone, schedule.first_date),
             "closes_at": _clock(schedule.ends_time, schedule.timezone, schedule.first_date)}
    if schedule.until_date is not None:
        found["until"] = schedule.until_date.isoformat()
    if schedule.count is not None:
        found["count"] = schedule.count
    return found


def _one_off(session: OfferingSession, timezone: str, service_id: str, url: str) -> dict:
    """A session of its own: a weekly rule that happens once (HSDS has no 'once')."""
    starts, ends = (moment.astimezone(ZoneInfo(timezone)) for moment in
                    (session.starts_at, session.ends_at))
    day = starts.date()
    return {"id": _uuid(url, f"session-{session.id}"), "service_id": service_id,
            "freq": "WEEKLY", "wkst": "MO", "interval": 1, "count": 1,
            "byday": WEEKDAYS[day.weekday()], "dtstart": day.isoformat(),
            "valid_from": day.isoformat(), "valid_to": day.isoformat(),
            "timezone": _offset_hours(timezone, session.starts_at),
            "opens_at": _clock(starts.time(), timezone, day),
            "closes_at": _clock(ends.time(), timezone, day)}


def _schedules(offering: Offering, service_id: str, url: str) -> list[dict]:
    timezone = offering.organization.community.timezone
    now = utcnow()
    upcoming = [s for s in offering.sessions if s.starts_at > now]
    weekly = {s.schedule_id for s in upcoming if s.schedule_id is not None}
    return ([_weekly(schedule, service_id, url) for schedule in offering.schedules
             if schedule.id in weekly]
            + [_one_off(s, timezone, service_id, url) for s in upcoming
               if s.schedule_id is None])


def _location(offering: Offering, service_id: str, url: str) -> list[dict]:
    if not (offering.location_name or offering.address):
        return []
    location_id = _uuid(url, "location")
    location = {"id": location_id, "location_type": "physical",
                "name": offering.location_name or offering.address}
    if offering.address:
        # GovHub keeps a street address in words; HSDS's other parts are required keys.
        location["addresses"] = [{
            "id": _uuid(url, "address"), "location_id": location_id,
            "address_1": offering.address, "city": "", "state_province": "",
            "postal_code": "", "country": "CN", "address_type": "physical"}]
    return [{"id": _uuid(url, "service-at-location"), "service_id": service_id,
             "location_id": location_id, "location": location}]


def service(offering: Offering, organization_id: str) -> dict:
    """One public offering as an HSDS service."""
    url = url_for("partners.offering", offering_id=offering.id, _external=True)
    service_id = _uuid(url)
    organization = offering.organization
    found = {
        "id": service_id, "organization_id": organization_id, "name": offering.title,
        "description": offering.description, "url": url,
        "status": SERVICE_STATUS[offering.status],
        "eligibility_description": offering.eligibility,
        "fees_description": "free" if offering.price is None
        else f"{offering.price} {CURRENCY}",
        "last_modified": (offering.updated_at or offering.published_at
                          or offering.created_at).isoformat(),
        "schedules": _schedules(offering, service_id, url),
        "service_at_locations": _location(offering, service_id, url),
        "cost_options": [] if offering.price is None else [{
            "id": _uuid(url, "cost"), "service_id": service_id, "currency": CURRENCY,
            "amount": float(offering.price), "option": offering.mode.value}],
        "service_areas": [{"id": _uuid(url, "area"), "service_id": service_id,
                           "name": organization.service_area}]
        if organization.service_area else [],
        # The category, as a term of GovHub's own small taxonomy.
        "attributes": [{"id": _uuid(url, "category"), "link_id": service_id,
                        "link_type": "service", "link_entity": "service",
                        "taxonomy_term_id": _category_term(offering)["id"],
                        "value": offering.category.value,
                        "taxonomy_term": _category_term(offering)}],
    }
    return found


def _category_term(offering: Offering) -> dict:
    code = offering.category.value
    return {"id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{CATEGORY_TAXONOMY}#{code}")),
            "code": code, "name": code, "taxonomy": CATEGORY_TAXONOMY,
            "description": "GovHub offering category"}


def organization(org: Organization, offerings: list[Offering]) -> dict:
    """A verified organization and its public offerings as an HSDS organization."""
    url = url_for("partners.show", organization_id=org.id, _external=True)
    organization_id = _uuid(url)
    found = {"id": organization_id, "name": org.name, "description": org.description,
             "uri": url, "services": [service(o, organization_id) for o in offerings],
             "phones": [], "contacts": [], "organization_identifiers": []}
    if org.contact_email:
        found["email"] = org.contact_email
    if org.website:
        found["website"] = org.website
    if org.contact_phone:
        found["phones"].append({"id": _uuid(url, "phone"), "organization_id": organization_id,
                                "number": org.contact_phone, "type": "voice"})
    if org.contact_phone or org.contact_email:
        contact = {"id": _uuid(url, "contact"), "organization_id": organization_id,
                   "name": org.name}
        if org.contact_email:
            contact["email"] = org.contact_email
        if org.contact_phone:
            contact["phones"] = [{"id": _uuid(url, "contact-phone"),
                                  "number": org.contact_phone, "type": "voice"}]
        found["contacts"].append(contact)
    if org.registration_number:
        found["organization_identifiers"].append({
            "id": _uuid(url, "identifier"), "organization_id": organization_id,
            "identifier_scheme": "CN-USCC",
            "identifier_type": "Unified social credit code",
            "identifier": org.registration_number})
    return found


def catalogue(community) -> dict:
    """The community's catalogue: every verified organization with public offerings."""
    offerings = list(db.session.scalars(
        sa.select(Offering).join(Organization, Offering.organization_id == Organization.id)
        .options(orm.selectinload(Offering.sessions), orm.selectinload(Offering.schedules),
                 orm.joinedload(Offering.organization))
        .where(Organization.community_id == community.id,
               Organization.status == OrganizationStatus.VERIFIED,
               Offering.status.in_(PUBLIC_STATUSES))
        .order_by(Organization.name, Offering.id)))
    by_organization: dict[int, list[Offering]] = {}
    for offering in offerings:
        by_organization.setdefault(offering.organization_id, []).append(offering)
    organizations = [organization(items[0].organization, items)
                     for items in by_organization.values()]
    return {"hsds_version": HSDS_VERSION, "community": community.slug,
            "generated_at": utcnow().isoformat(), "organizations": organizations}
