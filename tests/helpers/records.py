"""Rows a test looks up after the fact."""

import sqlalchemy as sa

from govhub.auth.models import User
from govhub.extensions import db
from govhub.voting.models import Ballot, SecretBallot


def organiser_of(meeting) -> User:
    """The worker who made the meeting (make_meeting's organiser)."""
    return db.session.get(User, meeting.created_by_id)


def stored_ballots(poll) -> int:
    """How many ballots the database holds for the poll, in the table its secrecy uses."""
    model = SecretBallot if poll.secret else Ballot
    return db.session.scalar(sa.select(sa.func.count()).select_from(model)
                             .where(model.poll_id == poll.id))
