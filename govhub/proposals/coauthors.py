"""Co-authors: the author invites residents of the community to sign the proposal with
them; each accepts or declines. An accepted co-author is one of its authors: their support
counts (once: signing it and supporting it are the same person's one support), they edit
the draft, and they answer merges. Only the author who wrote it publishes or withdraws it.

Invitations are made while the proposal is a draft or collects supports; a co-author who
accepts a published proposal adds their support then, one who accepts a draft when it is
published. Services flush, never commit.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import gettext as _

from govhub.audit.services import record
from govhub.auth.models import User
from govhub.core.errors import DomainError
from govhub.core.guards import require
from govhub.core.models import utcnow
from govhub.extensions import db
from govhub.notifications.services import notify
from govhub.proposals import permissions, queries, services
from govhub.proposals.models import CoauthorStatus, Proposal, ProposalCoauthor
from govhub.proposals.rules import ProposalState

COAUTHORS_MAX = 5  # invitations not declined, besides the author
# While the co-authors can still change: before the threshold signs the proposal.
OPEN_STATES = frozenset({ProposalState.DRAFT, ProposalState.PUBLISHED})


def invite(actor, proposal: Proposal, username: str) -> ProposalCoauthor:
    """The author asks a resident of the community, named by their username, to co-author."""
    require(permissions.is_author(actor, proposal),
            _("Only the author of the proposal invites co-authors."))
    _require_open(proposal)
    invitee = _resident_named(proposal, username)
    if invitee.id == actor.id:
        raise DomainError("own_proposal", _("You already wrote this proposal."), "username")
    taken = [c for c in proposal.coauthorships if c.status != CoauthorStatus.DECLINED]
    if len(taken) >= COAUTHORS_MAX:
        raise DomainError("too_many_coauthors", _(
            "A proposal has at most %(count)d co-authors.", count=COAUTHORS_MAX), status=409)
    invitation = ProposalCoauthor(proposal_id=proposal.id, user_id=invitee.id,
                                  status=CoauthorStatus.INVITED)
    try:
        with db.session.begin_nested():
            db.session.add(invitation)
            db.session.flush()
    except sa.exc.IntegrityError:
        raise DomainError("already_invited", _("This resident was already invited."),
                          "username", status=409) from None
    db.session.expire(proposal, ["coauthorships"])
    record(actor, "proposal.coauthor_invited", proposal, user_id=invitee.id)
    notify([invitee], "proposals.coauthor_invited",
           {"proposal": proposal.title, "author": actor.display_name},
           f"/proposals/{proposal.id}")
    return invitation


def answer(actor, proposal: Proposal, accept: bool) -> None:
    """The invited resident accepts (and their support counts) or declines."""
    invitation = invitation_of(actor, proposal)
    if invitation is None or invitation.status != CoauthorStatus.INVITED:
        raise DomainError("no_invitation", _("You have no invitation to answer for this "
                                             "proposal."), status=409)
    _require_open(proposal)
    invitation.status = CoauthorStatus.ACCEPTED if accept else CoauthorStatus.DECLINED
    invitation.answered_at = utcnow()
    db.session.flush()
    record(actor, "proposal.coauthor_accepted" if accept else "proposal.coauthor_declined",
           proposal)
    if accept and proposal.state == ProposalState.PUBLISHED:
        count_coauthor_support(proposal, actor)
    notify([proposal.author],
           "proposals.coauthor_accepted" if accept else "proposals.coauthor_declined",
           {"proposal": proposal.title, "coauthor": actor.display_name},
           f"/proposals/{proposal.id}")


def cancel(actor, proposal: Proposal, user_id) -> None:
    """The author takes back an invitation not yet answered."""
    require(permissions.is_author(actor, proposal),
            _("Only the author of the proposal invites co-authors."))
    invitation = next((c for c in proposal.coauthorships if c.user_id == user_id
                       and c.status == CoauthorStatus.INVITED), None)
    if invitation is None:
        raise DomainError("no_invitation", _("There is no invitation waiting for an answer "
                                             "from this resident."), status=409)
    db.session.delete(invitation)
    db.session.flush()
    db.session.expire(proposal, ["coauthorships"])
    record(actor, "proposal.coauthor_invitation_cancelled", proposal, user_id=user_id)


def count_coauthor_support(proposal: Proposal, user: User) -> None:
    """A co-author's support, counted once: nothing more if they already supported it."""
    if not queries.supports(user, proposal):
        services.support_proposal(user, proposal)


def invitation_of(user, proposal: Proposal) -> ProposalCoauthor | None:
    user_id = getattr(user, "id", None)
    return next((c for c in proposal.coauthorships if c.user_id == user_id), None)


def coauthor_context(user, proposal: Proposal) -> dict:
    """What templates/proposals/_coauthors.html draws."""
    mine = invitation_of(user, proposal)
    author = permissions.is_author(user, proposal)
    return {
        "coauthors": [c.user for c in proposal.coauthorships
                      if c.status == CoauthorStatus.ACCEPTED],
        "invitations": [c for c in proposal.coauthorships if c.status != CoauthorStatus.ACCEPTED]
        if author else [],
        "may_invite": author and proposal.state in OPEN_STATES,
        "invitation_waiting": bool(mine and mine.status == CoauthorStatus.INVITED
                                   and proposal.state in OPEN_STATES),
    }


def _resident_named(proposal: Proposal, username) -> User:
    name = " ".join(str(username or "").split())
    if not name:
        raise DomainError("username_required",
                          _("Give the username of the resident you invite."), "username")
    invitee = db.session.scalar(sa.select(User).where(User.username == name))
    if invitee is None or not permissions.is_resident_of(invitee, proposal.community_id):
        raise DomainError("not_a_resident", _(
            "No confirmed resident of the community has this username."), "username")
    return invitee


def _require_open(proposal: Proposal) -> None:
    if ProposalState(proposal.state) not in OPEN_STATES:
        raise DomainError("coauthors_closed", _(
            "Co-authors can join only while the proposal is a draft or collects supports."),
            status=409)
