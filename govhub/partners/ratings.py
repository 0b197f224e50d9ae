"""Ratings: 1 to 5 and a comment, once the service was received.

A session is rated by those who attended it, once each; an on-request
offering by a resident with a completed request, once.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import gettext as _

from govhub.audit.services import record
from govhub.core.errors import DomainError
from govhub.core.guards import require
from govhub.extensions import db
from govhub.partners import checks, rules
from govhub.partners.models import Offering, OfferingMode, OfferingSession, Rating
from govhub.partners.queries import active_enrolment, request_statuses

COMMENT_MAX = 2000


def _already_rated() -> DomainError:
    return DomainError("already_rated", _("You have already rated this."), status=409)


def _served(actor, offering: Offering, session: OfferingSession | None) -> None:
    if offering.mode == OfferingMode.SESSIONS:
        if session is None or session.offering_id != offering.id:
            raise DomainError("unknown_session", _("Choose the session you attended."),
                              "session_id")
        enrolment = active_enrolment(session.id, actor.id)
        if not rules.may_rate_session(enrolment.status if enrolment else None):
            raise DomainError("not_served", _("You can rate a session after you attended it."),
                              status=409)
    elif session is not None:
        raise DomainError("unknown_session", _("This offering has no sessions."), "session_id")
    elif not rules.may_rate_request(request_statuses(offering.id, actor.id)):
        raise DomainError("not_served",
                          _("You can rate this service once your request is completed."),
                          status=409)


def rate(actor, offering: Offering, score, comment: str = "",
         session: OfferingSession | None = None) -> Rating:
    """Rate a service received: the session attended, or the completed request's offering."""
    require(getattr(actor, "is_authenticated", False) and actor.is_active)
    if not rules.valid_score(score):
        raise DomainError("invalid_score", _("Give 1 to 5 stars."), "score")
    comment = checks.text(comment, "comment", COMMENT_MAX, one_line=False)
    _served(actor, offering, session)
    try:
        with db.session.begin_nested():
            rating = Rating(offering=offering, session=session, resident_id=actor.id,
                            score=score, comment=comment)
            db.session.add(rating)
            db.session.flush()
    except sa.exc.IntegrityError:
        raise _already_rated() from None
    record(actor, "offering.rated", offering, community_id=offering.community_id,
           session_id=session.id if session else None, score=score)
    return rating
