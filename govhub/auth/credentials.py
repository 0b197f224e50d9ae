"""What a live connection signed in with: a browser session or an API token.

A socket keeps its credential's kind and id from the handshake. Every event
(and every batch of ballots) asks the database whether it still stands,
and the live rooms' sweep (realtime/expiry.py) asks which ended lately, so
a revoked or expired credential ends what it opened.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from govhub.auth.models import ApiToken, User, UserSession
from govhub.core.models import utcnow
from govhub.extensions import db

SESSION = "session"
TOKEN = "token"
_MODELS: dict[str, type[UserSession] | type[ApiToken]] = {SESSION: UserSession, TOKEN: ApiToken}


@dataclass(frozen=True)
class Credential:
    kind: str  # SESSION or TOKEN
    id: int


def of_session(record: UserSession) -> Credential:
    return Credential(SESSION, record.id)


def of_token(token: ApiToken) -> Credential:
    return Credential(TOKEN, token.id)


def _standing(model, now: datetime):
    return sa.and_(model.revoked_at.is_(None), model.expires_at > now,
                   User.disabled_at.is_(None))


def holder(credential: Credential, user_id: int) -> User | None:
    """`user_id`'s account, if this credential is theirs and still stands (one statement)."""
    model = _MODELS[credential.kind]
    return db.session.scalar(
        sa.select(User).join(model, model.user_id == User.id)
        .where(model.id == credential.id, User.id == user_id, _standing(model, utcnow())))


def standing_holders(credentials: Iterable[Credential]) -> dict[Credential, tuple[int, str | None]]:
    """Of these credentials, those that still stand, each with its holder's id and chosen
    language: one statement per kind present (a batch of ballots checks its voters so)."""
    now = utcnow()
    found: dict[Credential, tuple[int, str | None]] = {}
    for kind, model in _MODELS.items():
        ids = {c.id for c in credentials if c.kind == kind}
        if not ids:
            continue
        rows = db.session.execute(
            sa.select(model.id, User.id, User.locale).join(User, model.user_id == User.id)
            .where(model.id.in_(ids), _standing(model, now)))
        found.update({Credential(kind, cid): (uid, locale) for cid, uid, locale in rows})
    return found


def ended_between(since: datetime, until: datetime) -> set[Credential]:
    """The credentials revoked after `since`, or expired in (since, until]: two indexed ranges
    per kind, a few rows at most, however many connections are open."""
    ended: set[Credential] = set()
    for kind, model in _MODELS.items():
        ids = db.session.scalars(sa.select(model.id).where(sa.or_(
            model.revoked_at > since,
            sa.and_(model.expires_at > since, model.expires_at <= until))))
        ended.update(Credential(kind, cid) for cid in ids)
    return ended
