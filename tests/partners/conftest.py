"""Fixtures the partner tests share: organizations, offerings, sessions, residents."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from govhub.core.models import utcnow
from govhub.extensions import db
from govhub.partners.offerings import services as offerings
from govhub.partners.offerings.models import OfferingSession
from govhub.partners.organizations import services


@pytest.fixture
def worker(make_user):
    return make_user("worker")


@pytest.fixture
def owner(make_user):
    return make_user("partner", display_name="志愿者协会联络人")


@pytest.fixture
def make_organization(owner, worker):
    """make_organization(status="verified", owner=<the owner>, name=...) -> organization."""

    made = []

    def make(status: str = "verified", owner=owner, name: str | None = None, **fields):
        organization = services.register_organization(
            owner, name=name or f"幸福里志愿者协会{len(made) + 1}",
            kind=fields.pop("kind", "volunteer_association"),
            description=fields.pop("description", "社区志愿服务。"), **fields)
        if status in ("verified", "suspended"):
            services.review_organization(worker, organization, "verified")
        if status in ("rejected", "suspended"):
            services.review_organization(worker, organization, status, reason="材料不全")
        db.session.commit()
        made.append(organization)
        return organization

    return make


@pytest.fixture
def organization(make_organization):
    return make_organization()


@pytest.fixture
def make_offering(organization, owner):
    """make_offering(mode="sessions", status="published", organization=...) -> offering."""

    def make(mode: str = "sessions", status: str = "published", organization=organization,
             actor=owner, **fields):
        offering = offerings.create_offering(
            actor, organization, title=fields.pop("title", "长者智能手机课"),
            category=fields.pop("category", "education"), mode=mode,
            location_name=fields.pop("location_name", "社区活动室"), **fields)
        if status != "draft":
            offerings.set_offering_status(actor, offering, "published")
        if status in ("paused", "archived"):
            offerings.set_offering_status(actor, offering, status)
        db.session.commit()
        return offering

    return make


@pytest.fixture
def make_session(make_offering, owner):
    """make_session(capacity=2, offering=None, days=2) -> a session `days` from now."""

    def make(capacity: int = 2, offering=None, days: float = 2):
        offering = offering or make_offering()
        starts_at = utcnow() + timedelta(days=days)
        session = offerings.add_session(owner, offering, starts_at,
                                        starts_at + timedelta(hours=1), capacity)
        db.session.commit()
        return session

    return make


@pytest.fixture
def residents(make_user):
    """residents(n) -> n confirmed residents of the community."""
    return lambda n: [make_user() for _ in range(n)]


def move_to_the_past(session, hours: float = 2) -> None:
    """A session that has started (sessions can only be made in the future)."""
    starts_at = utcnow() - timedelta(hours=hours)
    db.session.execute(sa.update(OfferingSession).where(OfferingSession.id == session.id)
                       .values(starts_at=starts_at, ends_at=starts_at + timedelta(hours=1)))
    db.session.commit()
    db.session.refresh(session)
