"""The stored shape of action items: check-ins and evidence are append-only, progress is a
percentage by database constraint."""

from datetime import date

import pytest
import sqlalchemy as sa

from govhub.actions.models import ActionItem, ActionUpdate, Evidence
from govhub.extensions import db


@pytest.fixture
def item(community, make_user):
    worker = make_user("worker")
    item = ActionItem(community_id=community.id, title="东门投放点迁移", owner_id=worker.id,
                      due_on=date(2030, 1, 1))
    db.session.add(item)
    db.session.commit()
    return item


def test_a_check_in_cannot_be_edited(item):
    update = ActionUpdate(item_id=item.id, note="已联系环卫所")
    db.session.add(update)
    db.session.commit()
    update.note = "改写历史"
    with pytest.raises(RuntimeError, match="append-only"):
        db.session.flush()
    db.session.rollback()


def test_a_check_in_cannot_be_deleted(item):
    update = ActionUpdate(item_id=item.id, note="已联系环卫所")
    db.session.add(update)
    db.session.commit()
    db.session.delete(update)
    with pytest.raises(RuntimeError, match="append-only"):
        db.session.flush()
    db.session.rollback()


def test_evidence_cannot_be_edited(item):
    update = ActionUpdate(item_id=item.id, note="照片")
    db.session.add(update)
    db.session.flush()
    evidence = Evidence(update_id=update.id, stored_name="a" * 32 + ".png", filename="x.png",
                        content_type="image/png", size=10, sha256="0" * 64)
    db.session.add(evidence)
    db.session.commit()
    evidence.filename = "y.png"
    with pytest.raises(RuntimeError, match="append-only"):
        db.session.flush()
    db.session.rollback()


@pytest.mark.parametrize("progress", [-1, 101])
def test_the_database_refuses_progress_outside_0_to_100(item, progress):
    with pytest.raises(sa.exc.IntegrityError):
        db.session.execute(sa.update(ActionItem).where(ActionItem.id == item.id)
                           .values(progress=progress))
    db.session.rollback()
