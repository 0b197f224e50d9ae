"""The demo tells the partners' story: four verified organizations, offerings in several
categories, a full class with a waitlist, a past session rated, requests in every state."""

import sqlalchemy as sa

from govhub.auth.models import User
from govhub.demo.services import load_demo
from govhub.extensions import db
from govhub.partners.enrolments.models import Enrolment, EnrolmentStatus
from govhub.partners.offerings.models import Offering, OfferingSession
from govhub.partners.organizations.models import Organization, OrganizationKind
from govhub.partners.requests.models import Rating, RequestStatus, ServiceRequest
from tests.helpers import PASSWORD


def _statuses(model) -> set:
    return set(db.session.scalars(sa.select(model.status).distinct()))


def test_the_demo_has_organizations_offerings_enrolments_and_requests(app):
    load_demo(residents=20, password=PASSWORD)
    db.session.commit()
    organizations = db.session.scalars(sa.select(Organization)).all()
    assert {o.kind for o in organizations} == {
        OrganizationKind.VOLUNTEER_ASSOCIATION, OrganizationKind.ELDERLY_ASSOCIATION,
        OrganizationKind.ARTS_GROUP, OrganizationKind.SOCIAL_WORK_AGENCY}
    assert all(o.is_verified for o in organizations)
    partner = db.session.scalar(sa.select(User).where(User.username == "partner"))
    owned = [o for o in organizations if any(m.user_id == partner.id and m.role == "owner"
                                             for m in o.members)]
    assert [o.name for o in owned] == ["幸福里志愿者协会"]
    assert len(set(db.session.scalars(sa.select(Offering.category)))) >= 6
    assert all(o.status == "published" for o in db.session.scalars(sa.select(Offering)))
    assert {EnrolmentStatus.ENROLLED, EnrolmentStatus.WAITLISTED, EnrolmentStatus.ATTENDED,
            EnrolmentStatus.NO_SHOW} <= _statuses(Enrolment)
    assert {RequestStatus.REQUESTED, RequestStatus.ACCEPTED, RequestStatus.DECLINED,
            RequestStatus.COMPLETED} <= _statuses(ServiceRequest)
    assert db.session.scalar(sa.select(sa.func.count(Rating.id))) >= 3
    for session in db.session.scalars(sa.select(OfferingSession)):
        holding = db.session.scalar(sa.select(sa.func.count(Enrolment.id)).where(
            Enrolment.session_id == session.id,
            Enrolment.status.in_(["enrolled", "attended", "no_show"])))
        assert session.enrolled_count == holding <= session.capacity


def test_loading_the_demo_again_adds_no_organizations(app):
    load_demo(residents=3, password=PASSWORD)
    db.session.commit()
    counts = [db.session.scalar(sa.select(sa.func.count(m.id)))
              for m in (Organization, Offering, OfferingSession, Enrolment)]
    load_demo(residents=5, password=PASSWORD)
    db.session.commit()
    assert [db.session.scalar(sa.select(sa.func.count(m.id)))
            for m in (Organization, Offering, OfferingSession, Enrolment)] == counts
