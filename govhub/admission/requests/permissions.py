"""Who may do what with admission requests: yes/no functions over the role helpers.

An officer acts only for their own department, a reviewer only for their own street, a
worker only for their own community; administrators see everything but decide nothing
(the street's review body does). Everything but a draft is public.
"""

from __future__ import annotations

from govhub.admission.departments.models import DepartmentOfficer, StreetReviewer
from govhub.admission.requests.rules import EDITABLE, RequestState
from govhub.core.roles import Role, is_admin, is_signed_in, is_worker_of
from govhub.extensions import db


def _active(user, role: Role) -> bool:
    return is_signed_in(user) and user.is_active and user.role == role


def officer_department_id(user) -> int | None:
    """The department an officer's account speaks for, if it is an officer's."""
    if not _active(user, Role.OFFICER):
        return None
    row = db.session.get(DepartmentOfficer, user.id)
    return row.department_id if row else None


def reviewer_street_id(user) -> int | None:
    """The street whose review body a reviewer's account sits on."""
    if not _active(user, Role.REVIEWER):
        return None
    row = db.session.get(StreetReviewer, user.id)
    return row.street_id if row else None


def is_officer_of(user, department_id: int | None) -> bool:
    return department_id is not None and officer_department_id(user) == department_id


def is_reviewer_of(user, street_id: int | None) -> bool:
    return street_id is not None and reviewer_street_id(user) == street_id


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
