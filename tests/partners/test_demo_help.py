"""The demo shows an organization helping with an action item, and an ask waiting."""

import sqlalchemy as sa

from govhub.actions.models import ActionItem
from govhub.demo.services import load_demo
from govhub.extensions import db
from govhub.partners.help.models import HelpRequest, HelpStatus
from govhub.partners.offerings.search import OfferingSearch
from tests.helpers import PASSWORD


def test_the_demo_has_an_item_carried_out_with_the_volunteers_and_an_ask_waiting(app, client):
    load_demo(residents=10, password=PASSWORD)
    db.session.commit()
    asks = {ask.item.title: ask for ask in db.session.scalars(sa.select(HelpRequest))}
    assert asks["招募长者食堂助餐志愿者"].status == HelpStatus.ACCEPTED
    assert asks["定时定点投放宣传入户"].status == HelpStatus.ASKED
    helped = db.session.scalar(sa.select(ActionItem).where(
        ActionItem.title == "招募长者食堂助餐志愿者"))
    assert helped.organization.name == "幸福里志愿者协会"
    assert "幸福里志愿者协会" in client.get(f"/actions/{helped.id}").get_data(as_text=True)


def test_the_demo_offerings_are_searchable(app, client):
    load_demo(residents=10, password=PASSWORD)
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OfferingSearch)) >= 10
    page = client.get("/c/xingfuli/services?q=书法").get_data(as_text=True)
    assert "少儿书法班" in page and "长者智能手机课" not in page
