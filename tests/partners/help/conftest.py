"""Fixtures the tests of organizations helping with action items share."""

from datetime import timedelta

import pytest

from govhub.actions import services as actions
from govhub.extensions import db
from govhub.partners.help import services as helping
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


@pytest.fixture
def colleague_verifies(worker, make_user):
    colleague = make_user("worker")

    def verify(item):
        actions.check_in(worker, item, status="in_progress", reason="开始")
        actions.check_in(worker, item, status="done", reason="完成")
        actions.verify(colleague, item, reason="现场查看")
        db.session.commit()

    return verify
