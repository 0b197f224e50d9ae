"""Voting in the live room: `poll:vote` for members, `poll:open` and `poll:close` for the chair."""

from __future__ import annotations

from flask_babel import gettext as _

from govhub.core.errors import DomainError
from govhub.realtime.events import live_event
from govhub.voting import ballot_box, services
from govhub.voting.queries import visible_poll


def _poll(user, payload: dict):
    return visible_poll(user, payload.get("poll_id"), getattr(user, "projector_key", None))


@live_event("poll:vote", commits_itself=True, identity_only=True)
def vote(user, payload):
    """{poll_id, choice | choices | ranking, key, member_id? | for_all?} → ack after commit."""
    if not getattr(user, "is_authenticated", False):
        raise DomainError("unauthorized", _("Sign in to vote."), status=401)
    return ballot_box.submit(user, payload, user.browser_locale)


@live_event("poll:open")
def open_poll(user, payload):
    services.open_poll(user, _poll(user, payload), payload.get("closes_in_seconds"))


@live_event("poll:close")
def close_poll(user, payload):
    services.close_poll(user, _poll(user, payload))
