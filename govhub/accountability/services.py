"""Following a resolution (and thereby its items), and no longer following it.

Following is a reader's own subscription, not part of the community's record:
it is not audited. Both operations are idempotent, so a button pressed twice
or an API call retried changes nothing more.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import gettext as _

from govhub.accountability import permissions
from govhub.accountability.models import ResolutionFollower
from govhub.accountability.queries import find_follow
from govhub.core.guards import require
from govhub.extensions import db
from govhub.meetings.models import Meeting
from govhub.voting.models import Resolution


def follow_resolution(actor, resolution: Resolution, meeting: Meeting) -> bool:
    """Follow the resolution; True when this started following, False when it already was."""
    require(permissions.can_follow(actor, meeting),
            _("Sign in with an active account that may read this resolution to follow it."))
    if find_follow(actor, resolution.id) is not None:
        return False
    try:
        with db.session.begin_nested():  # a follow that raced this one in wins
            db.session.add(ResolutionFollower(resolution_id=resolution.id, user_id=actor.id))
    except sa.exc.IntegrityError:
        return False
    return True


def unfollow_resolution(actor, resolution: Resolution) -> bool:
    """Stop following; True when this stopped it, False when the actor did not follow."""
    require(getattr(actor, "is_authenticated", False))
    follow = find_follow(actor, resolution.id)
    if follow is None:
        return False
    db.session.delete(follow)
    db.session.flush()
    return True
