"""Who may do what with proposals: yes/no functions over the core role helpers."""

from __future__ import annotations

from govhub.core.roles import Role, belongs_to, is_staff_of
from govhub.proposals.models import CoauthorStatus
from govhub.proposals.rules import ProposalState


def is_resident_of(user, community_id: int | None) -> bool:
    """A confirmed resident of that community: who may propose, support and deliberate."""
    return (belongs_to(user, community_id) and user.role == Role.RESIDENT
            and bool(getattr(user, "is_confirmed", False)))


def can_propose(user, council) -> bool:
    return is_resident_of(user, council.community_id)


def is_author(user, proposal) -> bool:
    """The resident who wrote it: who publishes it, withdraws it and invites co-authors."""
    return getattr(user, "id", None) is not None and user.id == proposal.author_id


def author_ids(proposal) -> set[int]:
    """Its author and the co-authors who accepted: whose support counts from the start,
    who edit the draft and answer merges."""
    return {proposal.author_id} | {c.user_id for c in proposal.coauthorships
                                   if c.status == CoauthorStatus.ACCEPTED}


def is_one_of_its_authors(user, proposal) -> bool:
    return getattr(user, "id", None) in author_ids(proposal)


def can_view_proposal(user, proposal) -> bool:
    """Drafts are their authors' (invited ones included, to decide) and the office's;
    everything else is public."""
    if proposal.state != ProposalState.DRAFT:
        return True
    user_id = getattr(user, "id", None)
    invited = any(c.user_id == user_id and c.status != CoauthorStatus.DECLINED
                  for c in proposal.coauthorships)
    return is_author(user, proposal) or invited or is_staff_of(user, proposal.community_id)


def can_edit_draft(user, proposal) -> bool:
    return proposal.state == ProposalState.DRAFT and is_one_of_its_authors(user, proposal)


def can_support(user, proposal) -> bool:
    return is_resident_of(user, proposal.community_id)


def can_manage_settings(user, council) -> bool:
    return is_staff_of(user, council.community_id)


def can_see_supporters(user, proposal, supports_public: bool) -> bool:
    """Names of supporters: the office always (paper checks); others if the council says so."""
    return supports_public or is_staff_of(user, proposal.community_id)


def can_answer(user, proposal) -> bool:
    """The community's office answers a queued proposal (its evaluator, or any colleague)."""
    return is_staff_of(user, proposal.community_id)
