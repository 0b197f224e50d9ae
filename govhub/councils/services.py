"""Councils: founding them, choosing their rules, seating and unseating members."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

import sqlalchemy as sa
from flask_babel import gettext as _

from govhub.audit.services import record
from govhub.core.errors import DomainError
from govhub.core.guards import require
from govhub.councils import permissions
from govhub.councils.models import Council, CouncilKind, CouncilMembership, MemberRole
from govhub.councils.notices import tell_seated
from govhub.councils.rules import RULE_SETS
from govhub.extensions import db

MAX_WEIGHT = Decimal(1000)


def _name(value: str, field: str = "name", required: bool = True) -> str:
    name = " ".join((value or "").split())
    if required and not name:
        raise DomainError("required", _("This field is required."), field)
    if len(name) > 120:
        raise DomainError("too_long", _("At most %(max)d characters.", max=120), field)
    return name


def _choice(enum_cls, value, field: str):
    try:
        return enum_cls(value)
    except ValueError:
        raise DomainError("invalid_choice", _("Choose one of the offered options."),
                          field) from None


def _rule_set(value: str) -> str:
    if value not in RULE_SETS:
        raise DomainError("invalid_choice", _("Choose one of the offered options."), "rule_set")
    return value


def _proxies(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
        raise DomainError("invalid_proxies",
                          _("A member may hold between 0 and 10 proxies."), "max_proxies")
    return value


def weight(value) -> Decimal:
    """A vote weight: 0 to 1000, at most three decimals (a household may hold 0.5)."""
    try:
        parsed = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        parsed = None
    if parsed is None or not parsed.is_finite() or not 0 <= parsed <= MAX_WEIGHT or (
            parsed.as_tuple().exponent < -3):
        raise DomainError("invalid_weight",
                          _("A vote weight is a number from 0 to 1000 with at most 3 decimals."),
                          "vote_weight")
    return parsed


def create_council(actor, community, name: str, kind: str, *, name_en: str = "",
                   description: str = "", rule_set: str = "organic_law",
                   max_proxies: int = 1) -> Council:
    require(permissions.can_create_council(actor, community))
    council = Council(community_id=community.id, name=_name(name),
                      name_en=_name(name_en, "name_en", required=False),
                      kind=_choice(CouncilKind, kind, "kind"),
                      description=(description or "").strip()[:5000],
                      rule_set=_rule_set(rule_set), max_proxies_per_holder=_proxies(max_proxies))
    db.session.add(council)
    db.session.flush()
    record(actor, "council.created", council, name=council.name, rule_set=council.rule_set)
    return council


def update_council(actor, council: Council, *, name: str, kind: str, name_en: str = "",
                   description: str = "", rule_set: str, max_proxies: int) -> None:
    require(permissions.can_manage_council(actor, council))
    before = {"name": council.name, "rule_set": council.rule_set,
              "max_proxies": council.max_proxies_per_holder}
    council.name, council.name_en = _name(name), _name(name_en, "name_en", required=False)
    council.kind = _choice(CouncilKind, kind, "kind")
    council.description = (description or "").strip()[:5000]
    council.rule_set = _rule_set(rule_set)
    council.max_proxies_per_holder = _proxies(max_proxies)
    after = {"name": council.name, "rule_set": council.rule_set,
             "max_proxies": council.max_proxies_per_holder}
    record(actor, "council.updated", council, before=before, after=after)


def seat_member(actor, council: Council, user, role: str = "member",
                vote_weight="1", *, tell: bool = True) -> CouncilMembership:
    """Add a resident of the council's community (or re-activate them) with a role and weight;
    they are told (unless `tell` is false: the caller tells them in its own words)."""
    require(permissions.can_manage_council(actor, council))
    if user is None or user.community_id != council.community_id:
        raise DomainError("not_in_community",
                          _("Only people of this community can sit on its council."), "user_id")
    role, parsed_weight = _choice(MemberRole, role, "role"), weight(vote_weight)
    membership = db.session.scalar(sa.select(CouncilMembership).where(
        CouncilMembership.council_id == council.id, CouncilMembership.user_id == user.id))
    if membership is not None and membership.active:
        raise DomainError("already_member", _("%(name)s already sits on this council.",
                                              name=user.display_name), "user_id", status=409)
    if membership is None:
        membership = CouncilMembership(council_id=council.id, user_id=user.id)
        db.session.add(membership)
    membership.role, membership.vote_weight, membership.active = role, parsed_weight, True
    db.session.flush()
    record(actor, "council.member_seated", council, user_id=user.id, role=role.value,
           vote_weight=str(parsed_weight))
    _seats_changed(council)
    if tell:
        tell_seated(user, council)
    return membership


def update_member(actor, membership: CouncilMembership, role: str, vote_weight) -> None:
    council = membership.council
    require(permissions.can_manage_council(actor, council))
    old = {"role": membership.role.value, "vote_weight": str(membership.vote_weight)}
    membership.role = _choice(MemberRole, role, "role")
    membership.vote_weight = weight(vote_weight)
    record(actor, "council.member_updated", council, user_id=membership.user_id, before=old,
           after={"role": membership.role.value, "vote_weight": str(membership.vote_weight)})
    _seats_changed(council)


def unseat_member(actor, membership: CouncilMembership) -> None:
    """Deactivate: the membership stays on record for past meetings and votes."""
    council = membership.council
    require(permissions.can_manage_council(actor, council))
    if not membership.active:
        raise DomainError("not_member", _("That person no longer sits on this council."),
                          status=409)
    membership.active = False
    record(actor, "council.member_unseated", council, user_id=membership.user_id)
    _seats_changed(council)


def _seats_changed(council: Council) -> None:
    """Rooms of the council in session recount those entitled (their quorum base) at once."""
    from govhub.meetings.attendance import seats_changed

    db.session.flush()
    seats_changed(council.id)
