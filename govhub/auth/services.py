"""Account operations. They flush, never commit; the caller commits once."""

from __future__ import annotations

import hashlib
import math
import secrets
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app
from flask_babel import format_timedelta
from flask_babel import gettext as _
from sqlalchemy import orm

from govhub.audit.services import record
from govhub.auth import passwords, rules, throttle
from govhub.auth.models import ApiToken, User, UserSession
from govhub.auth.permissions import can_confirm_user, can_create_user, can_set_role
from govhub.auth.sessions import end_sessions
from govhub.communities.models import Community
from govhub.core.errors import DomainError, TooManyAttempts
from govhub.core.guards import require
from govhub.core.languages import SUPPORTED_LOCALES
from govhub.core.models import is_id, utcnow
from govhub.core.roles import COMMUNITY_ROLES, Role
from govhub.extensions import db

TOKEN_PREFIX = "gh_"


# --- validation shared by every way in -------------------------------------

def _checked_username(raw: str) -> str:
    username = rules.normalise_username(raw)
    problem = rules.username_problem(username)
    if problem == "length":
        raise DomainError("invalid_username", _("A username has 3 to 40 characters."), "username")
    if problem == "characters":
        raise DomainError(
            "invalid_username",
            _("Use lower-case letters, digits, dots, dashes and underscores in a username."),
            "username",
        )
    exists = db.session.scalar(sa.select(User.id).where(User.username == username))
    if exists:
        raise DomainError("username_taken", _("That username is taken."), "username", status=409)
    return username


def _check_password(password: str, username: str, field: str = "password") -> None:
    messages = {
        "too_short": _("A password has at least %(n)d characters.", n=rules.PASSWORD_MIN),
        "too_long": _("A password has at most %(n)d characters.", n=rules.PASSWORD_MAX),
        "common": _("That password is too easy to guess."),
        "like_username": _("A password must not contain the username."),
    }
    problem = rules.password_problem(password, username)
    if problem:
        raise DomainError("weak_password", messages[problem], field)


def _checked_display_name(raw: str) -> str:
    name = " ".join(raw.split())
    if not 1 <= len(name) <= 80:
        raise DomainError("invalid_display_name", _("A display name has 1 to 80 characters."),
                          "display_name")
    return name


def _checked_locale(locale: str | None) -> str | None:
    if locale in (None, ""):
        return None
    if locale not in SUPPORTED_LOCALES:
        raise DomainError("invalid_locale", _("That language is not available."), "locale")
    return locale


# --- accounts ---------------------------------------------------------------

def register_resident(
    community: Community, username: str, display_name: str, password: str,
    email: str | None = None, phone: str | None = None, locale: str | None = None,
) -> User:
    """A resident signs up; the account waits for a worker's confirmation."""
    user = User(
        username=_checked_username(username),
        display_name=_checked_display_name(display_name),
        role=Role.RESIDENT,
        community_id=community.id,
        email=email or None,
        phone=phone or None,
        locale=_checked_locale(locale),
    )
    _check_password(password, user.username)
    user.password_hash = passwords.hash_password(password)
    db.session.add(user)
    db.session.flush()
    record(user, "user.registered", user)
    return user


def create_user(
    actor: User | None, username: str, display_name: str, password: str,
    role: Role = Role.RESIDENT, community: Community | None = None,
    email: str | None = None, phone: str | None = None,
) -> User:
    """Staff (or the command line, actor None) create an account, confirmed at once."""
    if actor is not None:
        require(can_create_user(actor))
    role = Role(role)
    if role in COMMUNITY_ROLES and community is None:
        raise DomainError("community_required",
                          _("Choose the community this account belongs to."), "community")
    user = User(
        username=_checked_username(username),
        display_name=_checked_display_name(display_name),
        role=role,
        community_id=community.id if community else None,
        email=email or None,
        phone=phone or None,
        confirmed_at=utcnow(),
        confirmed_by_id=actor.id if actor else None,
    )
    _check_password(password, user.username)
    user.password_hash = passwords.hash_password(password)
    db.session.add(user)
    db.session.flush()
    record(actor, "user.created", user, role=role.value, username=user.username)
    return user


def confirm_user(actor: User, user: User) -> None:
    """A worker or admin confirms a resident's registration."""
    require(can_confirm_user(actor, user))
    if user.is_confirmed:
        raise DomainError("already_confirmed", _("This account is already confirmed."), status=409)
    user.confirmed_at = utcnow()
    user.confirmed_by_id = actor.id
    record(actor, "user.confirmed", user)


def set_role(actor: User, user: User, role: Role | str) -> None:
    """An admin changes someone's global role."""
    require(can_set_role(actor, user))
    try:
        role = Role(role)
    except ValueError:
        raise DomainError("invalid_role", _("That role does not exist."), "role") from None
    if role in COMMUNITY_ROLES and user.community_id is None:
        raise DomainError("community_required",
                          _("Residents, workers and partners belong to a community: this "
                            "account has none."), "role")
    if role == user.role:
        return
    record(actor, "user.role_changed", user, old=user.role.value, new=role.value)
    user.role = role
    if user.confirmed_at is None:
        user.confirmed_at, user.confirmed_by_id = utcnow(), actor.id


def authenticate(username: str, password: str, address: str | None = None) -> User:
    """Return the user whose password this is, or refuse without saying which part was wrong.

    Every way of signing in calls this, so they share one count of failures
    (govhub.auth.throttle); `address` is the client's (None: not from the
    network, e.g. the command line). A refused attempt is not checked, and
    costs nothing.
    """
    name = rules.normalise_username(username or "")
    attempt = throttle.Attempt.of(name, address)
    wait = throttle.admit(attempt)
    if wait:
        raise _too_many_attempts(wait)
    user = db.session.scalar(sa.select(User).where(User.username == name))
    if user is None:
        passwords.dummy_verify()
    if user is None or not passwords.verify_password(user.password_hash, password or ""):
        throttle.count_failure(attempt)
        record(None, "user.login_failed", user, username=name[:40])
        raise DomainError("invalid_credentials", _("Wrong username or password."), status=401)
    throttle.forget_account_failures(attempt)
    if not user.is_active:
        raise DomainError("account_disabled", _("This account is disabled."), status=403)
    if passwords.needs_rehash(user.password_hash):
        user.password_hash = passwords.hash_password(password)
    return user


def _too_many_attempts(seconds: float) -> TooManyAttempts:
    """The refusal, saying truthfully how long to wait (rounded up, never down)."""
    when = format_timedelta(rules.wait_to_tell(seconds), threshold=1, add_direction=True)
    return TooManyAttempts(_("Too many failed sign-ins. Try again %(when)s.", when=when),
                           retry_after=math.ceil(seconds))


def record_login(user: User, via: str) -> None:
    user.last_login_at = utcnow()
    record(user, "user.login", user, via=via)


def record_logout(user: User) -> None:
    record(user, "user.logout", user)


def change_password(user: User, current_password: str, new_password: str,
                    keep: UserSession | None = None) -> None:
    """Change one's own password; every other browser (all but `keep`) is signed out and
    every API token revoked, and the live connections they opened end with them."""
    if not passwords.verify_password(user.password_hash, current_password or ""):
        raise DomainError("invalid_credentials", _("Your current password is not right."),
                          "current_password")
    _check_password(new_password, user.username, "new_password")
    user.password_hash = passwords.hash_password(new_password)
    end_sessions(user, keep=keep)
    now = utcnow()
    db.session.execute(
        sa.update(ApiToken)
        .where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    record(user, "user.password_changed", user)


def update_profile(user: User, display_name: str, locale: str | None,
                   email: str | None = None, phone: str | None = None) -> None:
    user.display_name = _checked_display_name(display_name)
    user.locale = _checked_locale(locale)
    user.email = email or None
    user.phone = phone or None
    record(user, "user.profile_updated", user)


def set_locale(user: User, locale: str) -> None:
    user.locale = _checked_locale(locale)


# --- API tokens -------------------------------------------------------------

def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(user: User, name: str = "", days: int | None = None) -> tuple[ApiToken, str]:
    """Create a token; the plain token is returned once and never stored."""
    days = days or current_app.config["GOVHUB"]["api_token_days"]
    plain = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user_id=user.id,
        token_hash=_digest(plain),
        prefix=plain[: len(TOKEN_PREFIX) + 6],
        name=(name or "")[:80],
        expires_at=utcnow() + timedelta(days=days),
    )
    db.session.add(token)
    db.session.flush()
    record(user, "token.issued", token, name=token.name)
    return token, plain


def find_token(plain: str | None) -> ApiToken | None:
    """The usable token for this bearer string, or None."""
    if not plain or not plain.startswith(TOKEN_PREFIX) or len(plain) > 100:
        return None
    token = db.session.scalar(sa.select(ApiToken).options(orm.joinedload(ApiToken.user))
                              .where(ApiToken.token_hash == _digest(plain)))
    if token is None or not token.is_usable():
        return None
    return token


def touch_token(token: ApiToken) -> None:
    """Note the token's use, at most once a minute (it is on every API call)."""
    now = utcnow()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        token.last_used_at = now


def revoke_token(user: User, token: ApiToken) -> None:
    if token.user_id != user.id:
        raise DomainError("not_found", _("No such token."), status=404)
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        record(user, "token.revoked", token)


def standing_tokens(user: User) -> list[ApiToken]:
    """The user's tokens that still work, the newest first."""
    return list(db.session.scalars(
        sa.select(ApiToken)
        .where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None),
               ApiToken.expires_at > utcnow())
        .order_by(ApiToken.id.desc())))


def own_token(user: User, token_id) -> ApiToken:
    """One of the user's own tokens, or a 404 (another's answers the same as none)."""
    token = db.session.get(ApiToken, token_id) if is_id(token_id) else None
    if token is None or token.user_id != user.id:
        raise DomainError("not_found", _("No such token."), status=404)
    return token
