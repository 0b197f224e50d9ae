"""The demo tells the action items' story: every state, an overdue item, a verified one,
a reopened one, photos on the timeline; loading it again adds nothing."""

import sqlalchemy as sa

from govhub.actions.models import ActionItem, ActionUpdate, Evidence
from govhub.actions.queries import Filters, items_page
from govhub.actions.rules import ActionStatus
from govhub.actions.services import today_in
from govhub.core.uploads import sniff
from govhub.demo.actions import SCENES, picture
from govhub.demo.services import load_demo
from govhub.extensions import db
from tests.helpers import PASSWORD


def test_the_demo_has_items_in_every_state_with_their_story(app, make_user):
    load_demo(residents=5, password=PASSWORD)
    db.session.commit()
    items = db.session.scalars(sa.select(ActionItem)).all()
    assert {item.status for item in items} == set(ActionStatus)
    today = today_in(items[0].community)
    overdue = items_page(make_user("admin"), None, Filters(due="overdue"), today)
    assert overdue.total >= 1
    assert sum(item.resolution_id is not None for item in items) >= 6
    reopened = db.session.scalar(sa.select(ActionUpdate).where(
        ActionUpdate.status_from == ActionStatus.DONE,
        ActionUpdate.status_to == ActionStatus.IN_PROGRESS))
    assert reopened is not None and reopened.reason
    verified = next(item for item in items if item.status == ActionStatus.VERIFIED)
    assert verified.verified_at and verified.done_at <= verified.verified_at
    assert db.session.scalar(sa.select(sa.func.count(Evidence.id))) >= 4
    # Check-ins are dated in the past, in order, after their item was created.
    for item in items:
        times = [update.created_at for update in item.updates]
        assert times == sorted(times) and all(item.created_at <= t for t in times)


def test_loading_the_demo_again_adds_no_items(app):
    load_demo(residents=3, password=PASSWORD)
    db.session.commit()
    count = db.session.scalar(sa.select(sa.func.count(ActionItem.id)))
    load_demo(residents=3, password=PASSWORD)
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count(ActionItem.id))) == count


def test_the_demo_pictures_are_real_pngs():
    for scene in SCENES:
        assert sniff(picture(scene)) == "image/png"
