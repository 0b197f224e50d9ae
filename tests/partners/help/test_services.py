"""Organizations help carry out action items: asking, answering, ending."""


import pytest
import sqlalchemy as sa

from govhub.actions import permissions as action_permissions
from govhub.actions import services as actions
from govhub.audit.models import AuditEvent
from govhub.core.errors import DomainError, Forbidden
from govhub.extensions import db
from govhub.notifications.models import Notification
from govhub.partners.help import services as helping
from govhub.partners.help.models import HelpStatus
from govhub.partners.organizations import services


def _kinds(user) -> list[str]:
    return list(db.session.scalars(sa.select(Notification.kind).where(
        Notification.user_id == user.id)))


# --- asking -------------------------------------------------------------------------------

def test_a_worker_asks_and_the_members_are_notified(asked, owner, editor, organization):
    assert asked.status == HelpStatus.ASKED
    assert "partners.help_asked" in _kinds(owner)
    assert asked.item.organization_id is None
    assert db.session.scalar(sa.select(AuditEvent.id).where(
        AuditEvent.action == "action.help_asked")) is not None


def test_an_offering_named_in_the_ask_must_be_the_organizations(item, worker, organization,
                                                                make_organization,
                                                                make_offering):
    other = make_organization(name="幸福里艺术团")
    offering = make_offering(organization=other)
    with pytest.raises(DomainError) as refused:
        helping.ask_for_help(worker, item, organization, offering)
    assert refused.value.code == "unknown_offering"
    own = make_offering(organization=organization)
    assert helping.ask_for_help(worker, item, organization, own).offering_id == own.id


@pytest.mark.parametrize("status", ["pending", "rejected", "suspended"])
def test_only_a_verified_organization_is_asked(item, worker, make_organization, status):
    with pytest.raises(DomainError) as refused:
        helping.ask_for_help(worker, item, make_organization(status=status))
    assert refused.value.code == "unknown_organization"


def test_an_organization_of_another_community_is_not_asked(item, worker, make_community,
                                                           make_user, make_organization):
    elsewhere = make_community()
    partner = make_user("partner", community=elsewhere)
    other_worker = make_user("worker", community=elsewhere)
    organization = services.register_organization(partner, name="外社区协会", kind="other")
    services.review_organization(other_worker, organization, "verified")
    with pytest.raises(DomainError) as refused:
        helping.ask_for_help(worker, item, organization)
    assert refused.value.code == "unknown_organization"


def test_one_ask_waits_at_a_time(asked, worker, make_organization):
    with pytest.raises(DomainError) as refused:
        helping.ask_for_help(worker, asked.item, make_organization(name="幸福里艺术团"))
    assert refused.value.code == "already_asked"


def test_a_worker_takes_an_ask_back_and_may_ask_again(asked, worker, organization):
    helping.withdraw_ask(worker, asked)
    assert asked.status == HelpStatus.WITHDRAWN
    assert helping.ask_for_help(worker, asked.item, organization).status == HelpStatus.ASKED


def test_a_verified_item_is_not_asked_about(item, worker, colleague_verifies, organization):
    colleague_verifies(item)
    with pytest.raises(DomainError) as refused:
        helping.ask_for_help(worker, item, organization)
    assert refused.value.code == "item_verified"


# --- answering ------------------------------------------------------------------------------

def test_accepting_makes_the_organization_the_items_partner(helped, organization, worker):
    assert helped.organization_id == organization.id
    assert helped.organization.name == organization.name
    assert "partners.help_accepted" in _kinds(worker)


def test_an_editor_may_accept_too(asked, editor, organization):
    helping.accept_ask(editor, asked)
    assert asked.item.organization_id == organization.id


def test_declining_needs_a_reason_and_tells_the_worker(asked, owner, worker):
    with pytest.raises(DomainError) as refused:
        helping.decline_ask(owner, asked, " ")
    assert refused.value.code == "required" and asked.status == HelpStatus.ASKED
    helping.decline_ask(owner, asked, "本月人手不足")
    assert asked.status == HelpStatus.DECLINED and asked.reason == "本月人手不足"
    assert asked.item.organization_id is None
    assert "partners.help_declined" in _kinds(worker)


def test_an_answered_ask_cannot_be_answered_again(helped, asked, owner):
    with pytest.raises(DomainError) as refused:
        helping.decline_ask(owner, asked, "改变主意")
    assert refused.value.code == "already_answered"


def test_an_organization_already_helping_blocks_another_ask(helped, worker, make_organization):
    with pytest.raises(DomainError) as refused:
        helping.ask_for_help(worker, helped, make_organization(name="幸福里艺术团"))
    assert refused.value.code == "already_helped"


def test_the_organization_ends_its_help_with_a_reason(helped, owner, worker, asked):
    helping.end_help(owner, helped, "项目结束")
    assert helped.organization_id is None
    assert asked.status == HelpStatus.ENDED and asked.reason == "项目结束"
    assert "partners.help_ended" in _kinds(worker)


def test_a_worker_ends_the_help_and_the_members_are_told(helped, worker, owner):
    helping.end_help(worker, helped, "改由社区自行完成")
    assert helped.organization_id is None
    assert "partners.help_ended" in _kinds(owner)


def test_a_suspended_organization_no_longer_comments(helped, owner, worker, organization):
    services.review_organization(worker, organization, "suspended", reason="年检未通过")
    assert not action_permissions.can_comment(owner, helped)
    with pytest.raises(Forbidden):
        actions.check_in(owner, helped, note="还在做")
