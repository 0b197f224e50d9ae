"""Proposals' services: writing, publishing, supporting and the threshold that queues them."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from govhub.actions.rules import local_today
from govhub.audit.models import AuditEvent
from govhub.core.errors import DomainError, Forbidden
from govhub.core.models import utcnow
from govhub.core.working_days import add_working_days
from govhub.extensions import db
from govhub.meetings.models import AgendaItem
from govhub.notifications.models import Notification
from govhub.proposals import services
from govhub.proposals.models import Proposal, ProposalSupport
from govhub.proposals.rules import ProposalState
from tests.helpers.api import sent


def _count(model, **where) -> int:
    query = sa.select(sa.func.count()).select_from(model)
    for name, value in where.items():
        query = query.where(getattr(model, name) == value)
    return db.session.scalar(query)


def _actions(proposal) -> list[str]:
    return list(db.session.scalars(sa.select(AuditEvent.action).where(
        AuditEvent.target_type == "proposals", AuditEvent.target_id == proposal.id)
        .order_by(AuditEvent.id)))


def _kinds(user) -> list[str]:
    return list(db.session.scalars(sa.select(Notification.kind).where(
        Notification.user_id == user.id)))


def _support(user, proposal) -> bool:
    queued = services.support_proposal(user, proposal)
    db.session.commit()
    return queued


# --- writing and publishing ---------------------------------------------------------------

def test_a_resident_publishes_and_counts_as_its_first_supporter(make_proposal, residents, council):
    [author] = residents(1)
    proposal = make_proposal(author, threshold=5)
    assert proposal.state == ProposalState.PUBLISHED
    assert (proposal.threshold, proposal.support_count) == (5, 1)
    today = local_today(utcnow(), council.community.timezone)
    assert proposal.expires_on == today + timedelta(days=90)
    assert _actions(proposal) == ["proposal.created", "proposal.published", "proposal.supported"]


def test_a_draft_waits_for_its_author(make_proposal, residents):
    [author] = residents(1)
    proposal = make_proposal(author, publish=False)
    assert proposal.state == ProposalState.DRAFT and proposal.support_count == 0
    services.publish_proposal(author, proposal)
    assert proposal.state == ProposalState.PUBLISHED


@pytest.mark.parametrize("who", ["unconfirmed", "worker", "partner", "elsewhere"])
def test_only_confirmed_residents_of_the_community_propose(who, council, make_user,
                                                           make_community):
    user = {"unconfirmed": lambda: make_user(confirmed=False),
            "worker": lambda: make_user(role="worker"),
            "partner": lambda: make_user(role="partner"),
            "elsewhere": lambda: make_user(community=make_community())}[who]()
    with pytest.raises(Forbidden):
        services.create_proposal(user, council, title="题目", body="内容", publish=True)
    assert _count(Proposal) == 0


@pytest.mark.parametrize(("fields", "code"), [
    ({"title": "  "}, "title_required"),
    ({"title": "长" * 201}, "title_too_long"),
    ({"body": ""}, "body_required"),
    ({"body": "x" * 20_001}, "body_too_long"),
    ({"category": "fireworks"}, "invalid_category"),
])
def test_bad_input_is_refused_and_stores_nothing(fields, code, council, residents):
    [author] = residents(1)
    given = {"title": "楼道加装扶手", "body": "内容", "category": "facilities", **fields}
    with pytest.raises(DomainError) as refused:
        services.create_proposal(author, council, publish=True, **given)
    assert refused.value.code == code
    db.session.rollback()
    assert _count(Proposal) == 0


# --- supports ----------------------------------------------------------------------------------

def test_a_resident_supports_once(make_proposal, residents):
    author, supporter = residents(2)
    proposal = make_proposal(author, threshold=5)
    assert _support(supporter, proposal) is False
    with pytest.raises(DomainError) as twice:
        services.support_proposal(supporter, proposal)
    assert twice.value.code == "already_supported"
    db.session.rollback()
    assert proposal.support_count == 2
    assert _count(ProposalSupport, proposal_id=proposal.id) == 2


def test_the_author_cannot_support_again(make_proposal, residents):
    [author] = residents(1)
    proposal = make_proposal(author, threshold=5)
    with pytest.raises(DomainError) as again:
        services.support_proposal(author, proposal)
    assert again.value.code == "already_supported"


def test_a_support_is_withdrawn_while_it_collects(make_proposal, residents):
    author, supporter = residents(2)
    proposal = make_proposal(author, threshold=5)
    _support(supporter, proposal)
    services.withdraw_support(supporter, proposal)
    db.session.commit()
    assert proposal.support_count == 1
    assert _count(ProposalSupport, proposal_id=proposal.id) == 1
    with pytest.raises(DomainError) as not_there:
        services.withdraw_support(supporter, proposal)
    assert not_there.value.code == "not_supported"
    db.session.rollback()
    assert _count(ProposalSupport, proposal_id=proposal.id) == 1
    with pytest.raises(DomainError) as own:
        services.withdraw_support(author, proposal)
    assert own.value.code == "author_support"


def test_a_withdrawn_proposal_takes_no_support(make_proposal, residents):
    author, supporter = residents(2)
    proposal = make_proposal(author)
    with pytest.raises(DomainError) as no_reason:
        services.withdraw_proposal(author, proposal, "  ")
    assert no_reason.value.code == "reason_required"
    services.withdraw_proposal(author, proposal, "已由物业解决")
    db.session.commit()
    with pytest.raises(DomainError) as closed:
        services.support_proposal(supporter, proposal)
    assert closed.value.code == "not_open"
    db.session.rollback()
    assert proposal.support_count == 1


# --- the threshold -------------------------------------------------------------------------

def test_the_threshold_queues_it_on_the_next_meeting_once(make_proposal, residents, council,
                                                          make_meeting, worker, broadcasts):
    meeting = make_meeting("scheduled", council=council)
    author, first, second, late = residents(4)
    proposal = make_proposal(author, threshold=3)
    assert _support(first, proposal) is False
    broadcasts.clear()
    assert _support(second, proposal) is True
    assert proposal.state == ProposalState.QUEUED
    assert proposal.agenda_item.meeting_id == meeting.id
    assert proposal.agenda_item.title == proposal.title
    [agenda] = sent(broadcasts, "agenda:update", meeting)
    assert agenda["items"][-1]["title"] == proposal.title
    assert proposal.evaluator_id == worker.id
    today = local_today(utcnow(), council.community.timezone)
    assert proposal.answer_due_on == add_working_days(today, 15)
    # More supports are welcome, signed; they queue nothing again.
    assert _support(late, proposal) is False
    assert proposal.support_count == 4
    assert _count(AgendaItem, title=proposal.title) == 1
    assert _actions(proposal).count("proposal.threshold_reached") == 1
    with pytest.raises(DomainError) as signed:
        services.withdraw_support(late, proposal)
    assert signed.value.code == "support_signed"
    for person in (author, first, second):
        assert "proposals.queued" in _kinds(person)
    assert "proposals.queued" not in _kinds(late)
    assert _kinds(worker) == ["proposals.evaluate"]


def test_without_a_meeting_it_waits(make_proposal, residents, council, make_meeting):
    make_meeting("in_session", council=council)  # too late for this one's agenda
    author, supporter = residents(2)
    proposal = make_proposal(author, threshold=2)
    assert _support(supporter, proposal) is True
    assert proposal.state == ProposalState.QUEUED and proposal.agenda_item is None
    assert "proposals.waiting" in _kinds(author)


def test_a_threshold_of_one_is_reached_by_publishing(make_proposal, residents):
    [author] = residents(1)
    proposal = make_proposal(author, threshold=1)
    assert proposal.state == ProposalState.QUEUED


def test_the_least_busy_worker_evaluates(make_proposal, residents, worker, make_user):
    other = make_user(role="worker")
    author, a, b = residents(3)
    first = make_proposal(author, threshold=2, title="第一")
    _support(a, first)
    second = make_proposal(author, threshold=2, title="第二")
    _support(b, second)
    assert {first.evaluator_id, second.evaluator_id} == {worker.id, other.id}


def test_the_answer_deadline_skips_the_office_holidays(make_proposal, residents, council, app,
                                                       monkeypatch):
    today = local_today(utcnow(), council.community.timezone)
    holidays = [(today + timedelta(days=n)).isoformat() for n in range(1, 8)]
    monkeypatch.setitem(app.config, "GOVHUB", {**app.config["GOVHUB"], "holidays": holidays})
    author, supporter = residents(2)
    proposal = make_proposal(author, threshold=2)
    _support(supporter, proposal)
    expected = add_working_days(today, 15, holidays=frozenset(
        today + timedelta(days=n) for n in range(1, 8)))
    assert proposal.answer_due_on == expected > add_working_days(today, 15)


# --- settings ----------------------------------------------------------------------------------

def test_a_share_threshold_counts_the_confirmed_residents(council, worker, residents,
                                                          make_user):
    residents(97)
    make_user(confirmed=False)  # not counted
    services.save_settings(worker, council, threshold_kind="share", threshold_value="0.05",
                           time_limit_days=30, answer_working_days=10, supports_public=False)
    author = council.test_members[1]
    proposal = services.create_proposal(author, council, title="题目", body="内容", publish=True)
    assert proposal.threshold == 5  # 3 members + 97 residents = 100 confirmed


@pytest.mark.parametrize("change", [
    {"threshold_value": 0}, {"threshold_value": "-1"}, {"threshold_value": "lots"},
    {"threshold_kind": "share", "threshold_value": "1.5"}, {"threshold_kind": "vibes"},
    {"time_limit_days": 0}, {"time_limit_days": "ninety"}, {"answer_working_days": 0},
    {"answer_working_days": True},
])
def test_bad_settings_are_refused(change, council, worker):
    given = {"threshold_kind": "absolute", "threshold_value": 10, "time_limit_days": 90,
             "answer_working_days": 15, "supports_public": False, **change}
    with pytest.raises(DomainError) as refused:
        services.save_settings(worker, council, **given)
    assert refused.value.code == "invalid_settings"


def test_only_the_office_sets_the_rules(council):
    with pytest.raises(Forbidden):
        services.save_settings(council.test_members[0], council, threshold_kind="absolute",
                               threshold_value=1, time_limit_days=1, answer_working_days=1,
                               supports_public=True)
