"""What the database itself guarantees, whatever the code above it does."""

from datetime import timedelta
from decimal import Decimal

import pytest
import sqlalchemy as sa

from govhub.core.models import utcnow
from govhub.extensions import db
from govhub.partners.enrolments.models import Enrolment, EnrolmentStatus
from govhub.partners.offerings.models import Offering, OfferingCategory, OfferingSession
from govhub.partners.organizations.models import Organization, OrganizationKind
from govhub.partners.requests.models import Rating, RequestStatus, ServiceRequest


@pytest.fixture
def session_row(community):
    organization = Organization(community_id=community.id, name="幸福里志愿者协会",
                                kind=OrganizationKind.VOLUNTEER_ASSOCIATION)
    offering = Offering(organization=organization, title="长者智能手机课",
                        category=OfferingCategory.EDUCATION)
    start = utcnow() + timedelta(days=2)
    row = OfferingSession(offering=offering, starts_at=start, ends_at=start + timedelta(hours=1),
                          capacity=2)
    db.session.add(row)
    db.session.commit()
    return row


def _refused(statement_or_rows):
    with pytest.raises(sa.exc.IntegrityError), db.session.begin_nested():
        if isinstance(statement_or_rows, list):
            db.session.add_all(statement_or_rows)
            db.session.flush()
        else:
            db.session.execute(statement_or_rows)


def test_more_enrolled_than_places_is_refused_by_the_database(session_row):
    _refused(sa.update(OfferingSession).where(OfferingSession.id == session_row.id)
             .values(enrolled_count=3))
    _refused(sa.update(OfferingSession).where(OfferingSession.id == session_row.id)
             .values(enrolled_count=-1))


def test_a_capacity_below_one_or_an_end_before_the_start_is_refused(session_row):
    _refused(sa.update(OfferingSession).where(OfferingSession.id == session_row.id)
             .values(capacity=0))
    _refused(sa.update(OfferingSession).where(OfferingSession.id == session_row.id)
             .values(ends_at=session_row.starts_at))


def test_one_active_enrolment_per_resident_per_session(session_row, make_user):
    resident = make_user()
    db.session.add(Enrolment(session_id=session_row.id, resident_id=resident.id,
                             status=EnrolmentStatus.WAITLISTED))
    db.session.commit()
    _refused([Enrolment(session_id=session_row.id, resident_id=resident.id,
                        status=EnrolmentStatus.ENROLLED)])


def test_cancelled_enrolments_do_not_block_enrolling_again(session_row, make_user):
    resident = make_user()
    for _ in range(2):
        db.session.add(Enrolment(session_id=session_row.id, resident_id=resident.id,
                                 status=EnrolmentStatus.CANCELLED))
    db.session.add(Enrolment(session_id=session_row.id, resident_id=resident.id,
                             status=EnrolmentStatus.ENROLLED))
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count(Enrolment.id))) == 3


def test_one_open_request_per_resident_per_offering(session_row, make_user):
    resident, offering = make_user(), session_row.offering
    db.session.add_all([ServiceRequest(offering=offering, resident_id=resident.id,
                                       status=RequestStatus.COMPLETED),
                        ServiceRequest(offering=offering, resident_id=resident.id)])
    db.session.commit()
    _refused([ServiceRequest(offering=offering, resident_id=resident.id,
                             status=RequestStatus.ACCEPTED)])


def test_ratings_are_one_to_five_and_one_per_resident(session_row, make_user):
    resident, offering = make_user(), session_row.offering
    _refused([Rating(offering=offering, resident_id=resident.id, score=6)])
    db.session.add_all([Rating(offering=offering, resident_id=resident.id, score=5),
                        Rating(offering=offering, session=session_row, resident_id=resident.id,
                               score=4)])
    db.session.commit()
    _refused([Rating(offering=offering, resident_id=resident.id, score=3)])
    _refused([Rating(offering=offering, session=session_row, resident_id=resident.id, score=3)])


def test_a_price_is_positive_or_null(session_row):
    offering = session_row.offering
    _refused(sa.update(Offering).where(Offering.id == offering.id).values(price=Decimal(0)))
    db.session.execute(sa.update(Offering).where(Offering.id == offering.id)
                       .values(price=Decimal("12.50")))
    db.session.commit()
    db.session.refresh(offering)
    assert offering.price == Decimal("12.50") and not offering.is_free
