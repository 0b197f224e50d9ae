"""Action item services: creating from a resolution or on its own, editing, reassigning and
helpers; every refusal changes nothing. Check-ins, verification and reopening are in
test_check_in_services.py."""

from datetime import timedelta
from decimal import Decimal

import pytest
import sqlalchemy as sa

from govhub.actions import services
from govhub.actions.models import ActionItem
from govhub.actions.rules import ActionStatus
from govhub.audit.models import AuditEvent
from govhub.core.errors import DomainError, Forbidden
from govhub.extensions import db
from tests.actions.conftest import _actions, _count

# --- creating --------------------------------------------------------------------------------

def test_an_item_from_a_public_resolution_is_public_and_belongs_to_its_council(
        make_resolution, make_item):
    resolution = make_resolution(is_public=True)
    item = make_item(resolution=resolution, estimated_hours=Decimal("12.5"))
    meeting = resolution.poll.meeting
    assert (item.council_id, item.resolution_id) == (meeting.council_id, resolution.id)
    assert item.is_public and item.status == ActionStatus.PLANNED and item.progress == 0
    assert item.estimated_hours == Decimal("12.5")
    assert _actions(item) == ["action.created"]


def test_an_item_from_a_private_meetings_resolution_is_not_public_by_default(
        make_resolution, make_item):
    assert not make_item(resolution=make_resolution(is_public=False)).is_public


def test_an_item_from_a_private_meeting_may_still_be_made_public(make_resolution, make_item):
    assert make_item(resolution=make_resolution(is_public=False), is_public=True).is_public


def test_work_that_came_from_no_council_stands_alone_and_is_private_by_default(make_item):
    item = make_item(title="楼道灯更换")
    assert item.council_id is None and item.resolution_id is None and not item.is_public


def test_the_chair_creates_items_from_their_councils_resolution(make_resolution, make_item,
                                                                 worker):
    resolution = make_resolution()
    chair = resolution.poll.meeting.council.test_members[0]
    item = make_item(actor=chair, resolution=resolution, owner=worker)
    assert item.created_by_id == chair.id


def test_the_chair_cannot_create_work_outside_a_resolution(make_resolution, make_item):
    chair = make_resolution().poll.meeting.council.test_members[0]
    with pytest.raises(Forbidden):
        make_item(actor=chair)


@pytest.mark.parametrize("role", ["resident", "partner"])
def test_residents_and_partners_cannot_create_items(make_user, make_item, make_resolution, role):
    resolution = make_resolution()
    with pytest.raises(Forbidden):
        make_item(actor=make_user(role), resolution=resolution)
    assert _count(ActionItem) == 0


def test_a_due_date_in_the_past_is_refused_on_create(community, worker):
    yesterday = services.today_in(community) - timedelta(days=1)
    with pytest.raises(DomainError) as refused:
        services.create_item(worker, community, title="补划停车位", owner=worker, due_on=yesterday)
    assert (refused.value.code, refused.value.field) == ("due_date_past", "due_on")
    db.session.rollback()
    assert _count(ActionItem) == 0


def test_an_item_may_be_due_today(make_item):
    assert make_item(days=0).due_on == services.today_in(make_item(days=1).community)


def _owner_problem(community, worker, owner):
    with pytest.raises(DomainError) as refused:
        services.create_item(worker, community, title="充电桩安装", owner=owner,
                             due_on=services.today_in(community) + timedelta(days=3))
    db.session.rollback()
    assert _count(ActionItem) == 0
    return refused.value.code, refused.value.field


def test_the_owner_must_be_known(community, worker):
    assert _owner_problem(community, worker, None) == ("invalid_owner", "owner_id")


@pytest.mark.parametrize("role", ["resident", "partner", "admin"])
def test_the_owner_must_be_a_worker(community, worker, make_user, role):
    assert _owner_problem(community, worker, make_user(role)) == ("invalid_owner", "owner_id")


def test_the_owner_must_work_in_the_items_community(community, worker, make_user,
                                                    make_community):
    elsewhere = make_user("worker", community=make_community())
    assert _owner_problem(community, worker, elsewhere) == ("invalid_owner", "owner_id")


def test_a_disabled_worker_cannot_own_items(community, worker, colleague):
    from govhub.core.models import utcnow

    colleague.disabled_at = utcnow()
    db.session.commit()
    assert _owner_problem(community, worker, colleague) == ("invalid_owner", "owner_id")


@pytest.mark.parametrize("fields, code, field", [
    ({"title": "  "}, "required", "title"),
    ({"title": "x" * 201}, "too_long", "title"),
    ({"category": "parking-lot"}, "invalid_category", "category"),
    ({"estimated_hours": Decimal("-1")}, "invalid_hours", "estimated_hours"),
    ({"estimated_hours": Decimal("NaN")}, "invalid_hours", "estimated_hours"),
    ({"description": "x" * 20_001}, "too_long", "description"),
])
def test_bad_fields_are_refused_and_nothing_is_created(make_item, fields, code, field):
    with pytest.raises(DomainError) as refused:
        make_item(**fields)
    db.session.rollback()
    assert (refused.value.code, refused.value.field) == (code, field)
    assert _count(ActionItem) == 0


def test_a_resolution_of_another_community_is_refused(make_item, make_resolution, make_community,
                                                      make_council, make_meeting):
    other = make_council(community=make_community())
    resolution = make_resolution(meeting=make_meeting("adjourned", council=other))
    with pytest.raises(DomainError) as refused:
        make_item(resolution=resolution)
    assert refused.value.code == "invalid_resolution"


def test_helpers_are_set_on_create(make_item, make_user):
    resident = make_user("resident")
    assert make_item(helpers=[resident]).helpers == [resident]


# --- editing ------------------------------------------------------------------------------

def _edit(actor, item, **changes):
    fields = {"title": item.title, "description": item.description, "due_on": item.due_on,
              "category": item.category, "estimated_hours": item.estimated_hours,
              "is_public": item.is_public, **changes}
    services.update_item(actor, item, **fields)
    db.session.commit()


def test_an_edit_is_audited_with_what_changed(make_item, worker):
    item = make_item()
    new_due = item.due_on + timedelta(days=7)
    _edit(worker, item, title="东门投放点迁至车棚北侧", due_on=new_due)
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "action.updated"))
    assert event.data["changes"] == {"title": ["东门垃圾投放点迁移", "东门投放点迁至车棚北侧"],
                                     "due_on": [(new_due - timedelta(days=7)).isoformat(),
                                                new_due.isoformat()]}


def test_a_past_due_date_may_stay_but_not_be_set(make_item, worker):
    item = make_item()
    item.due_on = services.today_in(item.community) - timedelta(days=3)
    db.session.commit()
    _edit(worker, item, title="改个标题")  # the passed date is kept
    with pytest.raises(DomainError) as refused:
        _edit(worker, item, due_on=item.due_on - timedelta(days=1))
    assert refused.value.code == "due_date_past"


def test_a_verified_item_is_not_edited(make_item, move, colleague):
    item = move(make_item(), "in_progress", "done")
    move(item, "verified", actor=colleague)
    with pytest.raises(DomainError) as refused:
        _edit(colleague, item, title="改写")
    assert refused.value.code == "item_verified"


def test_a_resident_cannot_edit(make_item, make_user):
    with pytest.raises(Forbidden):
        _edit(make_user("resident"), make_item(), title="改写")


# --- owner and helpers ---------------------------------------------------------------------

def test_reassigning_hands_the_item_over_and_tells_the_listeners(make_item, worker, colleague,
                                                                 monkeypatch):
    heard = []
    monkeypatch.setitem(services.LISTENERS, "assigned",
                        [lambda **details: heard.append(details)])
    item = make_item()
    services.reassign_owner(worker, item, colleague)
    db.session.commit()
    assert item.owner == colleague
    assert heard == [{"actor": worker, "item": item, "previous_owner": worker}]
    assert _actions(item)[-1] == "action.reassigned"


def test_a_helper_who_takes_over_stops_helping(make_item, worker, colleague):
    item = make_item(helpers=[colleague])
    services.reassign_owner(worker, item, colleague)
    db.session.commit()
    assert item.owner == colleague and item.helpers == []


@pytest.mark.parametrize("who", ["same", "resident", "none"])
def test_reassigning_to_a_non_worker_or_the_same_owner_is_refused(make_item, worker, make_user,
                                                                  who):
    item = make_item()
    target = {"same": worker, "resident": make_user("resident"), "none": None}[who]
    with pytest.raises(DomainError) as refused:
        services.reassign_owner(worker, item, target)
    db.session.rollback()
    assert refused.value.code == ("same_owner" if who == "same" else "invalid_owner")
    assert item.owner == worker


def test_helpers_are_added_and_removed(make_item, worker, make_user):
    item, resident = make_item(), make_user("resident")
    services.add_helper(worker, item, resident)
    db.session.commit()
    assert item.helpers == [resident]
    services.remove_helper(worker, item, resident)
    db.session.commit()
    assert item.helpers == []
    assert _actions(item)[-2:] == ["action.helper_added", "action.helper_removed"]


def test_bad_helpers_are_refused(make_item, worker, make_user, make_community):
    item = make_item()
    stranger = make_user("resident", community=make_community())
    for user, code in [(stranger, "invalid_helper"), (None, "invalid_helper"),
                       (worker, "helper_is_owner")]:
        with pytest.raises(DomainError) as refused:
            services.add_helper(worker, item, user)
        db.session.rollback()
        assert refused.value.code == code
    helper = make_user("resident")
    services.add_helper(worker, item, helper)
    with pytest.raises(DomainError) as refused:
        services.add_helper(worker, item, helper)
    assert refused.value.code == "already_helping"


def test_removing_someone_who_does_not_help_is_refused(make_item, worker, make_user):
    with pytest.raises(DomainError) as refused:
        services.remove_helper(worker, make_item(), make_user("resident"))
    assert refused.value.code == "not_helping"
