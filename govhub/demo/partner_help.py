"""Demo: partner organizations helping with action items.

The volunteer association (the `partner` account's) carries out the recruitment of the
elders' canteen volunteers with the office, accepted three weeks ago; and it has just been
asked to help with the door-to-door waste sorting publicity, which waits for its answer.
"""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from govhub.actions.models import ActionItem
from govhub.auth.models import User
from govhub.communities.models import Community
from govhub.core.models import utcnow
from govhub.extensions import db
from govhub.partners.help import services as helping
from govhub.partners.help.models import HelpRequest
from govhub.partners.organizations.models import Organization

VOLUNTEERS = "幸福里志愿者协会"
HELPED = ("招募长者食堂助餐志愿者", 21,
          "请协会从会员中招募送餐和就餐引导志愿者，排好工作日午餐班次。")
ASKED = ("定时定点投放宣传入户",
         "请协会组织志愿者入户宣传定时定点投放，两周内走访 3–6 号楼，发放投放时间表。")


def load_demo_partner_help(community: Community, worker: User) -> None:
    """Once: one item carried out with the volunteer association, one ask waiting."""
    organization = db.session.scalar(sa.select(Organization).where(
        Organization.community_id == community.id, Organization.name == VOLUNTEERS))
    partner = db.session.scalar(sa.select(User).where(User.username == "partner"))
    if organization is None or partner is None or db.session.scalar(
            sa.select(HelpRequest.id).where(HelpRequest.organization_id == organization.id)):
        return
    items = {item.title: item for item in db.session.scalars(sa.select(ActionItem).where(
        ActionItem.community_id == community.id,
        ActionItem.title.in_([HELPED[0], ASKED[0]])))}
    helped = items.get(HELPED[0])
    if helped is not None:
        ask = helping.ask_for_help(worker, helped, organization, message=HELPED[2])
        helping.accept_ask(partner, ask)
        when = utcnow() - timedelta(days=HELPED[1])
        ask.created_at, ask.answered_at = when - timedelta(hours=5), when
    asked = items.get(ASKED[0])
    if asked is not None and asked.organization_id is None:
        helping.ask_for_help(worker, asked, organization, message=ASKED[1])
    db.session.flush()
