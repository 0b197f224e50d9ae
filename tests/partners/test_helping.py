"""Organizations help carry out action items: the services, who may do what, and the pages."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from govhub.actions import permissions as action_permissions
from govhub.actions import services as actions
from govhub.audit.models import AuditEvent
from govhub.core.errors import DomainError, Forbidden
from govhub.extensions import db
from govhub.notifications.models import Notification
from govhub.partners.help import services as helping
from govhub.partners.help.models import HelpRequest, HelpStatus
from govhub.partners.organizations import services


@pytest.fixture
def make_item(community, worker):
    def make(is_public: bool = True, owner=None):
        item = actions.create_item(worker, community, title="东门垃圾投放点迁移",
                                   owner=owner or worker, is_public=is_public,
                                   due_on=actions.today_in(community) + timedelta(days=14))
        db.session.commit()
        return item

    return make


@pytest.fixture
def item(make_item):
    return make_item()


@pytest.fixture
def editor(make_user, organization, owner):
    user = make_user("partner")
    membership = services.invite_member(owner, organization, user.username, "editor")
    services.accept_invitation(user, membership)
    db.session.commit()
    return user


@pytest.fixture
def asked(item, organization, worker):
    ask = helping.ask_for_help(worker, item, organization, message="需要志愿者协助引导居民")
    db.session.commit()
    return ask


@pytest.fixture
def helped(asked, owner):
    helping.accept_ask(owner, asked)
    db.session.commit()
    return asked.item


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


@pytest.fixture
def colleague_verifies(worker, make_user):
    colleague = make_user("worker")

    def verify(item):
        actions.check_in(worker, item, status="in_progress", reason="开始")
        actions.check_in(worker, item, status="done", reason="完成")
        actions.verify(colleague, item, reason="现场查看")
        db.session.commit()

    return verify


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


# --- who may do what -------------------------------------------------------------------------

ROLES = ["anonymous", "resident", "other_partner", "editor", "owner", "worker", "admin",
         "other_worker"]


@pytest.fixture
def actor(request, make_user, make_community, owner, editor, worker):
    from flask_login import AnonymousUserMixin

    role = request.param
    if role == "anonymous":
        return AnonymousUserMixin()
    if role == "owner":
        return owner
    if role == "editor":
        return editor
    if role == "worker":
        return worker
    if role == "other_worker":
        return make_user("worker", community=make_community())
    if role == "other_partner":
        return make_user("partner")
    return make_user(role)


@pytest.mark.parametrize(("actor", "allowed"), [
    ("anonymous", False), ("resident", False), ("other_partner", False), ("editor", False),
    ("owner", False), ("worker", True), ("admin", True), ("other_worker", False)],
    indirect=["actor"])
def test_who_asks_for_help(actor, allowed, item, organization):
    if allowed:
        helping.ask_for_help(actor, item, organization)
    else:
        with pytest.raises(Forbidden):
            helping.ask_for_help(actor, item, organization)


@pytest.mark.parametrize(("actor", "allowed"), [
    ("anonymous", False), ("resident", False), ("other_partner", False), ("editor", True),
    ("owner", True), ("worker", False), ("admin", False), ("other_worker", False)],
    indirect=["actor"])
def test_who_accepts(actor, allowed, asked):
    if allowed:
        helping.accept_ask(actor, asked)
    else:
        with pytest.raises(Forbidden):
            helping.accept_ask(actor, asked)


@pytest.mark.parametrize(("actor", "allowed"), [
    ("anonymous", False), ("resident", False), ("other_partner", False), ("editor", True),
    ("owner", True), ("worker", True), ("admin", True), ("other_worker", False)],
    indirect=["actor"])
def test_who_ends_the_help(actor, allowed, helped):
    if allowed:
        helping.end_help(actor, helped, "结束")
    else:
        with pytest.raises(Forbidden):
            helping.end_help(actor, helped, "结束")


@pytest.mark.parametrize(("actor", "comments", "changes"), [
    ("anonymous", False, False), ("resident", False, False), ("other_partner", False, False),
    ("editor", True, False), ("owner", True, False), ("worker", True, True),
    ("admin", True, True), ("other_worker", False, False)], indirect=["actor"])
def test_the_helping_organization_comments_on_the_item(actor, comments, changes, helped):
    assert action_permissions.can_comment(actor, helped) is comments
    assert action_permissions.can_change_item(actor, helped) is changes


@pytest.mark.parametrize(("actor", "sees"), [
    ("anonymous", False), ("resident", False), ("other_partner", False), ("editor", True),
    ("owner", True), ("worker", True), ("admin", True), ("other_worker", False)],
    indirect=["actor"])
def test_the_helping_organization_sees_a_private_item(actor, sees, make_item, organization,
                                                      worker, owner):
    item = make_item(is_public=False)
    helping.accept_ask(owner, helping.ask_for_help(worker, item, organization))
    assert action_permissions.can_view_item(actor, item) is sees


def test_an_asked_organization_sees_the_private_item_while_it_decides(make_item, organization,
                                                                       worker, owner):
    item = make_item(is_public=False)
    ask = helping.ask_for_help(worker, item, organization)
    assert action_permissions.can_view_item(owner, item)
    helping.decline_ask(owner, ask, "人手不足")
    assert not action_permissions.can_view_item(owner, item)


def test_a_member_posts_a_note_but_no_progress_or_status(helped, owner):
    update = actions.check_in(owner, helped, note="已安排 6 名志愿者周六值守")
    assert update.author_id == owner.id
    with pytest.raises(Forbidden):
        actions.check_in(owner, helped, progress=50)
    with pytest.raises(Forbidden):
        actions.check_in(owner, helped, status="in_progress", reason="开始")


def test_a_former_partner_no_longer_comments(helped, owner, worker):
    helping.end_help(worker, helped, "结束")
    with pytest.raises(Forbidden):
        actions.check_in(owner, helped, note="还在做")


# --- pages --------------------------------------------------------------------------------------

def test_the_public_page_says_who_carries_it_out(client, helped, organization):
    page = client.get(f"/actions/{helped.id}").get_data(as_text=True)
    assert "Carried out with" in page and organization.name in page
    assert "Ask for help" not in page and "需要志愿者协助" not in page


def test_a_worker_asks_from_the_items_page(client, login, post_form, item, worker, organization,
                                           make_offering):
    offering = make_offering()
    login(worker)
    page = client.get(f"/actions/{item.id}").get_data(as_text=True)
    assert "Ask for help" in page and offering.title in page
    response = post_form(f"/actions/{item.id}/help", {
        "organization_id": organization.id, "offering_id": offering.id,
        "message": "请协助"}, page=f"/actions/{item.id}")
    assert response.status_code == 302
    ask = db.session.scalar(sa.select(HelpRequest).where(HelpRequest.item_id == item.id))
    assert ask.offering_id == offering.id and ask.message == "请协助"


@pytest.mark.parametrize("organization_id", ["", "abc", "999999999", "99999999999999999999"])
def test_a_bad_organization_in_the_form_changes_nothing(client, login, post_form, item, worker,
                                                         organization_id):
    login(worker)
    response = post_form(f"/actions/{item.id}/help", {"organization_id": organization_id},
                         page=f"/actions/{item.id}")
    assert response.status_code == 302
    assert db.session.scalar(sa.select(sa.func.count(HelpRequest.id))) == 0


def test_the_owner_accepts_from_the_items_page(client, login, post_form, asked, owner):
    login(owner)
    page = client.get(f"/actions/{asked.item_id}").get_data(as_text=True)
    assert "Accept: we will help" in page and "需要志愿者协助引导居民" in page
    response = post_form(f"/help-requests/{asked.id}/accept", page=f"/actions/{asked.item_id}")
    assert response.status_code == 302
    db.session.refresh(asked)
    assert asked.status == HelpStatus.ACCEPTED


def test_the_owner_declines_with_a_reason_from_the_page(client, login, post_form, asked, owner):
    login(owner)
    post_form(f"/help-requests/{asked.id}/decline", {"reason": ""},
              page=f"/actions/{asked.item_id}")
    db.session.refresh(asked)
    assert asked.status == HelpStatus.ASKED
    post_form(f"/help-requests/{asked.id}/decline", {"reason": "人手不足"},
              page=f"/actions/{asked.item_id}")
    db.session.refresh(asked)
    assert asked.status == HelpStatus.DECLINED


def test_a_resident_cannot_accept(client, login, post_form, asked, make_user):
    login(make_user())
    response = post_form(f"/help-requests/{asked.id}/accept", page=f"/actions/{asked.item_id}")
    assert response.status_code in (403, 404)
    db.session.refresh(asked)
    assert asked.status == HelpStatus.ASKED


def test_a_member_checks_in_from_the_items_page(client, login, post_form, helped, owner):
    login(owner)
    page = client.get(f"/actions/{helped.id}").get_data(as_text=True)
    assert "Report progress" in page and 'name="progress"' not in page
    response = post_form(f"/actions/{helped.id}/check-ins", {"note": "已完成第一次引导"},
                         page=f"/actions/{helped.id}")
    assert response.status_code == 302
    assert "已完成第一次引导" in client.get(f"/actions/{helped.id}").get_data(as_text=True)


def test_the_organizations_page_lists_the_items_it_helps_with(client, helped, organization):
    page = client.get(f"/organizations/{organization.id}").get_data(as_text=True)
    assert "Action items it helps carry out" in page and helped.title in page


def test_a_private_item_is_listed_only_for_those_who_may_read_it(client, login, make_item,
                                                                 organization, worker, owner):
    item = make_item(is_public=False)
    helping.accept_ask(owner, helping.ask_for_help(worker, item, organization))
    db.session.commit()
    assert "东门垃圾投放点迁移" not in client.get(
        f"/organizations/{organization.id}").get_data(as_text=True)
    login(owner)
    assert "东门垃圾投放点迁移" in client.get(
        f"/organizations/{organization.id}").get_data(as_text=True)


def test_a_worker_takes_the_ask_back_from_the_page(client, login, post_form, asked, worker):
    login(worker)
    assert "Take the request back" in client.get(f"/actions/{asked.item_id}").get_data(
        as_text=True)
    post_form(f"/help-requests/{asked.id}/withdraw", page=f"/actions/{asked.item_id}")
    db.session.refresh(asked)
    assert asked.status == HelpStatus.WITHDRAWN


def test_an_expired_form_changes_nothing(client, login, asked, owner):
    login(owner)
    client.post(f"/help-requests/{asked.id}/accept", data={"csrf_token": "stale"})
    db.session.refresh(asked)
    assert asked.status == HelpStatus.ASKED


def test_a_suspended_organization_no_longer_comments(helped, owner, worker, organization):
    services.review_organization(worker, organization, "suspended", reason="年检未通过")
    assert not action_permissions.can_comment(owner, helped)
    with pytest.raises(Forbidden):
        actions.check_in(owner, helped, note="还在做")
