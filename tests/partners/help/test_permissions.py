"""Who may ask, answer, end, comment on and see an item an organization helps with."""


import pytest

from govhub.actions import permissions as action_permissions
from govhub.actions import services as actions
from govhub.core.errors import Forbidden
from govhub.partners.help import services as helping

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
