"""The demo's proposals to the residents' meeting, one in each part of the loop.

Made through the same services residents and workers use (publishing, supporting,
answering), so the counts, queueing, notifications and audit trail are real. The
council's threshold is set from the number of demo residents, so that the stories
hold with five residents as with forty-five. One proposal is traced to the past
meeting whose resolution has action items in progress: it is linked to that
meeting's first item (the only field the demo sets by hand), its dates moved back.
The residents' comments, and a duplicate merged into the queued proposal, are in
proposal_threads.py.
"""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from govhub.auth.models import User
from govhub.councils.models import Council, CouncilMembership
from govhub.demo.meetings import PAST
from govhub.demo.proposal_threads import load_demo_threads, merge_duplicate
from govhub.extensions import db
from govhub.meetings import services as meetings
from govhub.meetings.models import AgendaItem, Meeting
from govhub.proposals import answers, coauthors, queries, services
from govhub.proposals.following import supporters_follow
from govhub.proposals.models import Proposal
from govhub.voting.models import Resolution

# (title, body, category, author's index among the residents)
TRACED = ("东门垃圾投放点离住户窗口太近", "东门投放点夏天气味很大，正对着1号楼一层住户的窗户，"
          "建议迁到自行车棚北侧。", "environment", 2)
QUEUED = ("小区东门加装雨棚", "下雨天东门排队等班车的老人没有地方避雨，建议加装一段雨棚。",
          "facilities", 3)
SHORT = ("3号楼南侧增设休息座椅", "3号楼南侧的小广场是老人晒太阳的地方，只有两张长椅，"
         "建议再增设四张带靠背的座椅。", "elderly_care", 4)
NOT_FEASIBLE = ("在小区内开设周末夜市", "周末晚上在中心广场摆摊，方便居民购物，也更热闹。",
                "culture", 5)
NOT_FEASIBLE_REASON = "中心广场是消防通道，不能摆摊；夜间噪音也会影响住户休息。"
NOT_COMPETENT = ("地铁站B出口加装无障碍电梯", "B出口只有楼梯，坐轮椅和推婴儿车的居民很不方便。",
                 "traffic", 6)
NOT_COMPETENT_REASON = "地铁站设施归地铁运营公司管理，请拨打12345热线或向区交通委反映。"
WITHDRAWN = ("清理楼道小广告", "各楼道墙上贴满了开锁、通下水道的小广告。", "environment", 7)
WITHDRAWN_REASON = "物业上周已经统一清理了。"
DRAFT = ("增加快递柜", "（草稿）东门快递柜经常满，想建议再加一组。", "services", 1)


def load_demo_proposals(council: Council, worker: User) -> None:
    """Add the demo's proposals to a council that has none yet."""
    if db.session.scalar(sa.select(Proposal.id).where(Proposal.council_id == council.id)
                         .limit(1)):
        return
    residents = _residents(council)
    if len(residents) < 8:
        return  # too few people for the stories: the council keeps its defaults
    threshold = max(2, min(8, len(residents) // 5))
    services.save_settings(worker, council, threshold_kind="absolute",
                           threshold_value=threshold, time_limit_days=90,
                           answer_working_days=15, supports_public=False)
    traced = _supported(council, residents, TRACED, threshold)
    _trace_to_the_past_meeting(worker, traced)
    queued = _supported(council, residents, QUEUED, threshold, coauthor=residents[0])
    short = _supported(council, residents, SHORT, threshold - 1)
    load_demo_threads(worker, residents, queued, short)
    merge_duplicate(worker, council, residents, queued)
    answers.answer_proposal(worker, _supported(council, residents, NOT_FEASIBLE, threshold),
                             "decline_not_feasible", NOT_FEASIBLE_REASON)
    answers.answer_proposal(worker, _supported(council, residents, NOT_COMPETENT, threshold),
                             "decline_not_competent", NOT_COMPETENT_REASON)
    withdrawn = _supported(council, residents, WITHDRAWN, 1)
    services.withdraw_proposal(residents[WITHDRAWN[3]], withdrawn, WITHDRAWN_REASON)
    title, body, category, author = DRAFT
    services.create_proposal(residents[author], council, title=title, body=body,
                             category=category)
    db.session.flush()


def _residents(council: Council) -> list[User]:
    return list(db.session.scalars(
        sa.select(User).join(CouncilMembership, CouncilMembership.user_id == User.id)
        .where(CouncilMembership.council_id == council.id, User.username.like("resident%"))
        .order_by(User.username)))


def _supported(council: Council, residents: list[User], story, supports: int,
               coauthor: User | None = None) -> Proposal:
    """Publish the story's proposal and bring it to `supports` supports (its author's first,
    then its co-author's, who accepted the author's invitation), through the services."""
    title, body, category, author = story
    proposal = services.create_proposal(residents[author], council, title=title, body=body,
                                        category=category, publish=True)
    if coauthor is not None:
        coauthors.invite(residents[author], proposal, coauthor.username)
        coauthors.answer(coauthor, proposal, True)
    for resident in residents:
        if proposal.support_count >= supports:
            break
        if not queries.supports(resident, proposal):
            services.support_proposal(resident, proposal)
    return proposal


def _trace_to_the_past_meeting(worker: User, proposal: Proposal) -> None:
    """The proposal the council took up at its past meeting, on the waste collection point:
    accepted, then linked to that meeting's first item (whose poll has a resolution with
    action items), its own queued item taken off the coming meeting's agenda."""
    answers.answer_proposal(worker, proposal, "accept")
    past_item = db.session.scalar(
        sa.select(AgendaItem).join(Meeting, Meeting.id == AgendaItem.meeting_id)
        .where(Meeting.council_id == proposal.council_id, AgendaItem.title == PAST[2][0][0]))
    if past_item is None:
        return
    queued_item = proposal.agenda_item
    proposal.agenda_item = past_item
    db.session.flush()
    for resolution_id in db.session.scalars(sa.select(Resolution.id).where(
            Resolution.agenda_item_id == past_item.id)):
        supporters_follow(db.session.connection(), resolution_id, past_item.id)
    if queued_item is not None:
        meetings.remove_item(worker, queued_item)
    started = past_item.meeting.starts_at
    for name, days in (("created_at", 22), ("published_at", 21), ("reached_at", 14),
                       ("answered_at", 12)):
        setattr(proposal, name, started - timedelta(days=days))
    proposal.expires_on = (started - timedelta(days=21)).date() + timedelta(days=90)
