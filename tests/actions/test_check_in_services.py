"""Action item services: check-ins with status changes, corrections, verification and
reopening, and the listeners that hear them; every refusal changes nothing."""

import pytest

from govhub.actions import services
from govhub.actions.models import ActionUpdate
from govhub.actions.rules import ActionStatus
from govhub.core.errors import DomainError, Forbidden
from govhub.extensions import db
from tests.actions.conftest import _actions, _count

# --- check-ins -----------------------------------------------------------------------------

def test_a_note_with_progress_is_appended_and_moves_the_bar(make_item, worker):
    item = make_item()
    update = services.check_in(worker, item, note="已与环卫所现场踏勘", progress=20)
    db.session.commit()
    assert (update.note, update.progress, update.status_to) == ("已与环卫所现场踏勘", 20, None)
    assert item.progress == 20 and item.status == ActionStatus.PLANNED
    assert _actions(item)[-1] == "action.checked_in"


def test_a_status_change_records_where_from_where_to_and_why(make_item, worker):
    item = make_item()
    update = services.check_in(worker, item, status="in_progress", reason="施工队已进场")
    db.session.commit()
    assert (update.status_from, update.status_to, update.reason) == (
        ActionStatus.PLANNED, ActionStatus.IN_PROGRESS, "施工队已进场")
    assert item.status == ActionStatus.IN_PROGRESS


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_status_change_without_a_reason_is_refused_and_changes_nothing(make_item, worker,
                                                                          reason):
    item = make_item()
    with pytest.raises(DomainError) as refused:
        services.check_in(worker, item, note="开工", status="in_progress", reason=reason)
    db.session.rollback()
    assert (refused.value.code, refused.value.field) == ("reason_required", "reason")
    assert item.status == ActionStatus.PLANNED and _count(ActionUpdate) == 0


@pytest.mark.parametrize("status", ["done", "verified", "planned"])
def test_a_status_that_may_not_follow_is_refused(make_item, worker, status):
    item = make_item()
    with pytest.raises(DomainError) as refused:
        services.check_in(worker, item, status=status, reason="试试")
    db.session.rollback()
    assert (refused.value.code, refused.value.status) == ("transition_not_allowed", 409)
    assert item.status == ActionStatus.PLANNED and _count(ActionUpdate) == 0


def test_an_unknown_status_is_refused(make_item, worker):
    with pytest.raises(DomainError) as refused:
        services.check_in(worker, make_item(), status="finished", reason="x")
    assert refused.value.code == "invalid_status"


@pytest.mark.parametrize("progress", [-1, 101, "50", 12.5, True])
def test_progress_outside_0_to_100_is_refused(make_item, worker, progress):
    item = make_item()
    with pytest.raises(DomainError) as refused:
        services.check_in(worker, item, note="进度", progress=progress)
    db.session.rollback()
    assert refused.value.code == "invalid_progress"
    assert item.progress == 0 and _count(ActionUpdate) == 0


def test_an_empty_check_in_is_refused(make_item, worker):
    with pytest.raises(DomainError) as refused:
        services.check_in(worker, make_item(), note="   ")
    assert refused.value.code == "empty_check_in"


def test_done_means_100_percent_and_is_dated(make_item, move):
    item = move(make_item(), "in_progress")
    services.check_in(item.owner, item, status="done", reason="验收合格", progress=80)
    db.session.commit()
    assert item.status == ActionStatus.DONE and item.progress == 100 and item.done_at


def test_a_colleague_verifies_a_done_item(make_item, move, colleague):
    item = move(make_item(), "in_progress", "done")
    update = services.verify(colleague, item, "现场查看，投放点已启用")
    db.session.commit()
    assert item.status == ActionStatus.VERIFIED and item.verified_at
    assert (update.status_from, update.status_to) == (ActionStatus.DONE, ActionStatus.VERIFIED)


def test_the_owner_does_not_verify_their_own_item_when_a_colleague_could(make_item, move,
                                                                         worker, colleague):
    item = move(make_item(), "in_progress", "done")
    with pytest.raises(Forbidden) as refused:
        services.verify(worker, item, "我自己看过了")
    assert "verify" in refused.value.message
    db.session.rollback()
    assert item.status == ActionStatus.DONE


def test_the_only_worker_of_a_community_verifies_their_own_standalone_item(make_item, move,
                                                                           worker):
    item = move(make_item(), "in_progress", "done")
    services.verify(worker, item, "社区只有我一名工作者")
    assert item.status == ActionStatus.VERIFIED


def test_the_only_worker_does_not_verify_when_the_council_has_a_chair(make_item, move, worker,
                                                                      make_resolution):
    resolution = make_resolution()
    item = move(make_item(resolution=resolution), "in_progress", "done")
    with pytest.raises(Forbidden):
        services.verify(worker, item, "我自己看过了")
    db.session.rollback()
    chair = resolution.poll.meeting.council.test_members[0]
    services.verify(chair, item, "主持人现场查看")
    assert item.status == ActionStatus.VERIFIED


def test_reopening_sends_a_done_item_back_and_clears_its_done_date(make_item, move, colleague):
    item = move(make_item(), "in_progress", "done")
    services.reopen(colleague, item, "居民反映投放点照明还没装")
    db.session.commit()
    assert item.status == ActionStatus.IN_PROGRESS and item.done_at is None


def test_a_verified_item_takes_no_further_status(make_item, move, colleague):
    item = move(make_item(), "in_progress", "done")
    move(item, "verified", actor=colleague)
    with pytest.raises(DomainError) as refused:
        services.reopen(colleague, item, "又坏了")
    assert refused.value.code == "transition_not_allowed"


def test_a_resident_cannot_check_in(make_item, make_user):
    with pytest.raises(Forbidden):
        services.check_in(make_user("resident"), make_item(), note="我来说两句")


def test_a_helper_checks_in(make_item, make_user):
    helper = make_user("resident")
    item = make_item(helpers=[helper])
    assert services.check_in(helper, item, note="楼长已通知各户").author_id == helper.id


def test_a_correction_names_the_check_in_it_corrects(make_item, worker):
    item = make_item()
    wrong = services.check_in(worker, item, note="进度 80%", progress=80)
    fixed = services.check_in(worker, item, note="更正：应为 30%", progress=30, corrects=wrong)
    db.session.commit()
    assert fixed.corrects_id == wrong.id and wrong.note == "进度 80%"
    assert item.progress == 30


def test_a_correction_of_another_items_check_in_is_refused(make_item, worker):
    other = services.check_in(worker, make_item(), note="别的事项")
    with pytest.raises(DomainError) as refused:
        services.check_in(worker, make_item(), note="更正", corrects=other)
    assert refused.value.code == "invalid_correction"


def test_listeners_hear_every_status_change_once(make_item, worker, monkeypatch):
    heard = []
    monkeypatch.setitem(services.LISTENERS, "status_changed",
                        [lambda **d: heard.append((d["old"], d["new"], d["update"].id))])
    item = make_item()
    services.check_in(worker, item, note="只是记录")
    update = services.check_in(worker, item, status="blocked", reason="等待供电局审批")
    assert heard == [(ActionStatus.PLANNED, ActionStatus.BLOCKED, update.id)]


def test_listening_twice_registers_once(monkeypatch):
    monkeypatch.setitem(services.LISTENERS, "created", [])

    def listener(**details):
        pass

    services.listen("created", listener)
    services.listen("created", listener)
    assert services.LISTENERS["created"] == [listener]
