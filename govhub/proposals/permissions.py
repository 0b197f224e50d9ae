"""Who may do what with proposals: yes/no functions over the core role helpers."""

from __future__ import annotations

from govhub.core.roles import Role, belongs_to, is_staff_of
from govhub.proposals.rules import ProposalState


def is_resident_of(user, community_id: int | None) -> bool:
    """A confirmed resident of that community: who may propose, support and deliberate."""
    return (belongs_to(user, community_id) and user.role == Role.RESIDENT
            and bool(getattr(user, "is_confirmed", False)))


def can_propose(user, council) -> bool:
    return is_resident_of(user, council.community_id)


def is_author(user, proposal) -> bool:
    return getattr(user, "id", None) is not None and user.id == proposal.author_id


def can_view_proposal(user, proposal) -> bool:
    """Drafts are their author's (and the office's); everything else is public."""
    if proposal.state != ProposalState.DRAFT:
        return True
    return is_author(user, proposal) or is_staff_of(user, proposal.community_id)


def can_edit_draft(user, proposal) -> bool:
    return proposal.state == ProposalState.DRAFT and is_author(user, proposal)


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
