"""What a live connection signed in with: a browser session or an API token.

A socket keeps its credential's kind and id from the handshake. Every event
(and every batch of ballots) asks the database whether it still stands,
and the live rooms' sweep (realtime/expiry.py) asks which ended lately, so
a revoked or expired credential ends what it opened.
"""

from __future__ import annotations

import functools
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


# The statements are built once per kind, with bound parameters: on the path of every
# event, building a statement cost more than running it (bench/credential_check.py).

@functools.cache
def _holder_statement(kind: str) -> sa.Select:
    model = _MODELS[kind]
    return (sa.select(User).join(model, model.user_id == User.id)
            .where(model.id == sa.bindparam("credential_id"), User.id == sa.bindparam("user_id"),
                   *_standing(model)))


@functools.cache
def _holders_statement(kind: str) -> sa.Select:
    model = _MODELS[kind]
    return (sa.select(model.id, User.id, User.locale).join(User, model.user_id == User.id)
            .where(model.id.in_(sa.bindparam("ids", expanding=True)), *_standing(model)))


@functools.cache
def _ended_statement(kind: str) -> sa.Select:
    model = _MODELS[kind]
    since, until = _moment("since"), _moment("until")
    return sa.select(model.id).where(sa.or_(
        model.revoked_at > since, sa.and_(model.expires_at > since, model.expires_at <= until)))


def _moment(name: str):
    return sa.bindparam(name, type_=UserSession.expires_at.type)


def _standing(model) -> tuple:
    return (model.revoked_at.is_(None), model.expires_at > _moment("now"),
            User.disabled_at.is_(None))


def holder(credential: Credential, user_id: int) -> User | None:
    """`user_id`'s account, if this credential is theirs and still stands (one statement)."""
    return db.session.scalar(_holder_statement(credential.kind), {
        "credential_id": credential.id, "user_id": user_id, "now": utcnow()})


def standing_holders(credentials: Iterable[Credential]) -> dict[Credential, tuple[int, str | None]]:
    """Of these credentials, those that still stand, each with its holder's id and chosen
    language: one statement per kind present (a batch of ballots checks its voters so)."""
    now = utcnow()
    found: dict[Credential, tuple[int, str | None]] = {}
    for kind in _MODELS:
        ids = {c.id for c in credentials if c.kind == kind}
        if ids:
            rows = db.session.execute(_holders_statement(kind), {"ids": list(ids), "now": now})
            found.update({Credential(kind, cid): (uid, locale) for cid, uid, locale in rows})
    return found


def ended_between(since: datetime, until: datetime) -> set[Credential]:
    """The credentials revoked after `since`, or expired in (since, until]: two indexed ranges
    per kind, a few rows at most, however many connections are open."""
    return {Credential(kind, cid) for kind in _MODELS
            for cid in db.session.scalars(_ended_statement(kind),
                                          {"since": since, "until": until})}
