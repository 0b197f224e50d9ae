"""Helping from the item's and the organization's pages, without JavaScript."""


import pytest
import sqlalchemy as sa

from govhub.extensions import db
from govhub.partners.help import services as helping
from govhub.partners.help.models import HelpRequest, HelpStatus

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
