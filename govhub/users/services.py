"""Confirming a resident, and seating them in the same step.

A resident who registers waits for a worker of their community. Confirming says that
they live there; a vote needs a seat on a council too. So the worker confirms and seats
at once: on the community's residents' meeting unless they choose another council (or
none). One transaction: if the seat is refused, the confirmation is not kept either.
The resident is told which of the two happened, in their language.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from govhub.auth import services as accounts
from govhub.councils import services as councils
from govhub.councils.models import Council, CouncilMembership
from govhub.councils.notices import council_fields, path, tell_seated
from govhub.councils.queries import active_membership
from govhub.notifications.services import notify, register

register("users.confirmed_seated",
         _l("A community worker confirmed your account. You now sit on %(council)s: you can "
            "check in and vote at its meetings."), fields=council_fields)
register("users.confirmed",
         _l("A community worker confirmed your account. To vote, ask to join a council from "
            "its page, or ask a community worker to seat you."))


def confirm_resident(actor, user, council: Council | None = None) -> CouncilMembership | None:
    """Confirm a registration and seat the resident on `council` (as a member, weight 1)."""
    accounts.confirm_user(actor, user)
    membership = None
    if council is not None:
        membership = (active_membership(council.id, user.id)
                      or councils.seat_member(actor, council, user, tell=False))
    if membership is not None:
        tell_seated(user, council, "users.confirmed_seated")
    else:
        notify([user], "users.confirmed", {},
               link=path("councils.index", slug=user.community.slug) if user.community else "")
    return membership
