"""Who may do what with action items. A page, an API call and a service ask the same.

- Change an item (edit, check in, reassign, helpers, status among planned,
  in progress, blocked and done): its owner, its helpers, the community's
  workers, admins.
- Verify a done item: the chair of the item's council, a worker of the
  community, an admin; but not those who did the work (owner, helpers),
  unless the owner or helper is the community's only active worker and
  the item has no council chair who could verify instead. Someone must be
  able to close the loop in a one-person office; everywhere else a second
  pair of eyes confirms the result that goes on the public record.
- Reopen a done item (back to in progress): whoever may verify it, and
  whoever may change it ("not done yet" needs no second opinion).
- Read: anyone, signed in or not, for public items; otherwise those who
  may change or verify the item, and the members of the partner
  organization that helps with it (or is asked to, while it decides).
  Nobody else.
- Comment (check-ins with a note or files, no status or progress): those
  who may change the item, and the members of its partner organization
  (partners.help.services: the organization accepted a worker's ask).
"""

from __future__ import annotations

import sqlalchemy as sa

from govhub.actions.models import ActionItem
from govhub.actions.rules import Step
from govhub.core.roles import Role, is_admin, is_signed_in, is_staff_of, is_worker_of
from govhub.councils.models import Council, MemberRole
from govhub.councils.queries import active_membership
from govhub.extensions import db


def _active(actor) -> bool:
    return is_signed_in(actor) and actor.is_active


def is_chair_of(actor, council_id: int | None) -> bool:
    if council_id is None or not _active(actor):
        return False
    membership = active_membership(council_id, actor.id)
    return membership is not None and membership.role == MemberRole.CHAIR


def does_the_work(actor, item: ActionItem) -> bool:
    """The owner or one of the helpers."""
    if not _active(actor):
        return False
    return item.owner_id == actor.id or any(helper.id == actor.id for helper in item.helpers)


def can_change_item(actor, item: ActionItem) -> bool:
    return does_the_work(actor, item) or is_staff_of(actor, item.community_id)


def _only_one_who_can_verify(actor, item: ActionItem) -> bool:
    """The actor is the community's only active worker, and no chair could verify instead."""
    from govhub.auth.models import User

    if not is_worker_of(actor, item.community_id):
        return False
    others = db.session.scalar(sa.select(sa.func.count(User.id)).where(
        User.community_id == item.community_id, User.role == Role.WORKER,
        User.disabled_at.is_(None), User.id != actor.id))
    return not others and not _council_has_chair(item.council_id)


def _council_has_chair(council_id: int | None) -> bool:
    from govhub.councils.models import CouncilMembership

    if council_id is None:
        return False
    return bool(db.session.scalar(sa.select(CouncilMembership.id).where(
        CouncilMembership.council_id == council_id, CouncilMembership.active.is_(True),
        CouncilMembership.role == MemberRole.CHAIR).limit(1)))


def can_verify(actor, item: ActionItem) -> bool:
    if not _active(actor):
        return False
    may = is_staff_of(actor, item.community_id) or is_chair_of(actor, item.council_id)
    if not may:
        return False
    if does_the_work(actor, item):
        return _only_one_who_can_verify(actor, item)
    return True


def can_reopen(actor, item: ActionItem) -> bool:
    return can_change_item(actor, item) or can_verify(actor, item)


def can_take_step(actor, item: ActionItem, step: Step) -> bool:
    if step == Step.VERIFY:
        return can_verify(actor, item)
    if step == Step.REOPEN:
        return can_reopen(actor, item)
    return can_change_item(actor, item)


def helps_with(actor, item: ActionItem) -> bool:
    """A member (owner or editor) of the partner organization that helps with the item,
    while the organization is verified (a suspended one's members no longer take part)."""
    if item.organization_id is None or not _active(actor) or actor.role != Role.PARTNER:
        return False
    from govhub.partners.organizations.queries import membership_of

    membership = membership_of(item.organization_id, actor.id)
    return (membership is not None and membership.is_active
            and membership.organization.is_verified)


def is_asked_to_help(actor, item: ActionItem) -> bool:
    """A member of an organization a worker asked to help, while the ask waits (to decide)."""
    if not _active(actor) or actor.role != Role.PARTNER:
        return False
    from govhub.partners.help.models import HelpRequest, HelpStatus
    from govhub.partners.organizations.models import OrganizationMember

    return bool(db.session.scalar(sa.select(HelpRequest.id).join(
        OrganizationMember, OrganizationMember.organization_id == HelpRequest.organization_id)
        .where(HelpRequest.item_id == item.id, HelpRequest.status == HelpStatus.ASKED,
               OrganizationMember.user_id == actor.id,
               OrganizationMember.accepted_at.is_not(None)).limit(1)))


def can_comment(actor, item: ActionItem) -> bool:
    """Post a check-in with a note or files (no status change, no progress figure)."""
    return can_change_item(actor, item) or helps_with(actor, item)


def can_view_item(actor, item: ActionItem) -> bool:
    return (item.is_public or can_change_item(actor, item) or is_chair_of(actor, item.council_id)
            or helps_with(actor, item) or is_asked_to_help(actor, item))


def can_create_items(actor, community_id: int, council: Council | None = None) -> bool:
    """From a resolution: the community's staff and the chair of its council.
    On their own (work that came from no council): the community's staff."""
    if is_staff_of(actor, community_id):
        return True
    return council is not None and council.community_id == community_id and is_chair_of(
        actor, council.id)


def can_see_workload(actor, community_id: int) -> bool:
    """The office's dashboard: every item, and each worker's load beside their colleagues'."""
    return is_staff_of(actor, community_id)


def can_see_names(actor, community_id: int) -> bool:
    """Who owns and helps with an item, by name: the community's own people and staff.
    Everyone else sees roles only."""
    if is_admin(actor):
        return True
    return _active(actor) and actor.community_id == community_id
