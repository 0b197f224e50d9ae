"""Taking a seat: a confirmed resident asks to join a council, a worker approves or declines.

Both ends hear of it: the community's workers when a request arrives (merged into one
notification per council while unread), the resident when it is decided. Approving seats
the resident through services.seat_member, with its audit event and its default vote
weight of 1, exactly as a worker seating them from the members page would.
"""

from __future__ import annotations

from flask_babel import gettext as _

from govhub.audit.services import record
from govhub.auth.queries import workers_of
from govhub.core.errors import DomainError
from govhub.core.guards import require
from govhub.core.models import utcnow
from govhub.councils import permissions, services
from govhub.councils.models import Council, CouncilMembership, JoinRequest, JoinStatus
from govhub.councils.notices import council_data, path, tell_seated
from govhub.councils.queries import active_membership, pending_join_request
from govhub.extensions import db
from govhub.notifications.services import notify

MESSAGE_MAX = 500


def _text(value: str | None, field: str, required: bool = False) -> str:
    text = " ".join((value or "").split())
    if required and not text:
        raise DomainError("required", _("This field is required."), field)
    if len(text) > MESSAGE_MAX:
        raise DomainError("too_long", _("At most %(max)d characters.", max=MESSAGE_MAX), field)
    return text


def _pending(join_request: JoinRequest) -> None:
    if join_request.status != JoinStatus.PENDING:
        raise DomainError("already_decided", _("This request has already been answered."),
                          status=409)


def request_to_join(actor, council: Council, message: str = "") -> JoinRequest:
    """A confirmed resident asks for a seat on the council; the community's workers hear."""
    require(permissions.can_ask_to_join(actor, council),
            _("Only confirmed residents of this community who do not sit on the council "
              "can ask to join it."))
    if pending_join_request(council.id, actor.id) is not None:
        raise DomainError("already_requested",
                          _("You have already asked to join this council."), status=409)
    join_request = JoinRequest(council_id=council.id, user_id=actor.id,
                               message=_text(message, "message"))
    db.session.add(join_request)
    db.session.flush()
    record(actor, "council.join_requested", council, user_id=actor.id,
           request_id=join_request.id)
    notify(workers_of(council.community_id), "councils.join_requested",
           {**council_data(council), "resident": actor.display_name},
           link=path("councils.members", council_id=council.id),
           group=f"council-join:{council.id}", subject=join_request.id)
    return join_request


def approve_join_request(actor, join_request: JoinRequest,
                         vote_weight="1") -> CouncilMembership:
    """A worker seats the resident who asked (as a member, weight 1 unless they say)."""
    council = join_request.council
    require(permissions.can_decide_join_request(actor, council))
    _pending(join_request)
    membership = (active_membership(council.id, join_request.user_id)  # seated meanwhile
                  or services.seat_member(actor, council, join_request.user, "member",
                                          vote_weight, tell=False))
    join_request.status, join_request.decided_by_id = JoinStatus.APPROVED, actor.id
    join_request.decided_at = utcnow()
    record(actor, "council.join_approved", council, user_id=join_request.user_id,
           request_id=join_request.id)
    tell_seated(join_request.user, council, "councils.join_approved")
    return membership


def decline_join_request(actor, join_request: JoinRequest, reason: str) -> None:
    """A worker declines, saying why; the resident is told and may ask again."""
    council = join_request.council
    require(permissions.can_decide_join_request(actor, council))
    _pending(join_request)
    join_request.decline_reason = _text(reason, "reason", required=True)
    join_request.status, join_request.decided_by_id = JoinStatus.DECLINED, actor.id
    join_request.decided_at = utcnow()
    record(actor, "council.join_declined", council, user_id=join_request.user_id,
           request_id=join_request.id, reason=join_request.decline_reason)
    notify([join_request.user], "councils.join_declined",
           {**council_data(council), "reason": join_request.decline_reason},
           link=path("councils.show", council_id=council.id))


def withdraw_join_request(actor, join_request: JoinRequest) -> None:
    """The resident takes back their own request before it is answered."""
    if getattr(actor, "id", None) != join_request.user_id:
        raise DomainError("not_found", _("No such request."), status=404)
    _pending(join_request)
    join_request.status, join_request.decided_at = JoinStatus.WITHDRAWN, utcnow()
    record(actor, "council.join_withdrawn", join_request.council, user_id=actor.id,
           request_id=join_request.id)
