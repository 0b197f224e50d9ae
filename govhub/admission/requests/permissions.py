"""Who may do what with admission requests: yes/no functions over the role helpers.

An officer acts only for their own department, a reviewer only for their own street, a
worker only for their own community; administrators see everything but decide nothing
(the street's review body does). Everything but a draft is public.
"""

from __future__ import annotations

from govhub.admission.departments.permissions import (  # noqa: F401  (used as permissions.*)
    is_officer_of,
    is_reviewer_of,
    officer_department_id,
    reviewer_street_id,
)
from govhub.admission.requests.rules import EDITABLE, RequestState
from govhub.core.roles import is_admin, is_worker_of


def can_view_request(user, request) -> bool:
    """Drafts are their department's; everything submitted is public."""
    return (request.state != RequestState.DRAFT or is_officer_of(user, request.department_id)
            or is_admin(user))


def can_edit_request(user, request) -> bool:
    return request.state in EDITABLE and is_officer_of(user, request.department_id)


def can_withdraw_request(user, request) -> bool:
    return is_officer_of(user, request.department_id)


def can_review(user, request) -> bool:
    return is_reviewer_of(user, request.street_id)


def can_give_view(user, request, community_id: int) -> bool:
    """A worker of a community the request concerns speaks for it."""
    return community_id in request.community_ids and is_worker_of(user, community_id)


def concerns_worker(user, request) -> bool:
    return any(is_worker_of(user, cid) for cid in request.community_ids)
