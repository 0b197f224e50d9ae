"""Answering a task: the rule, the reply citing it, the record and its audit event; bad
input changes nothing."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from govhub.admission.refusals.models import Refusal
from govhub.admission.refusals.rules import RuleCode
from govhub.admission.refusals.services import answer_task, reply_for
from govhub.audit.models import AuditEvent
from govhub.core.errors import DomainError, Forbidden
from govhub.extensions import db


def _count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_a_task_not_in_the_catalogue_is_not_admitted_and_recorded(refuse, worker, statistics,
                                                                  community, today):
    answer = refuse("填报企业统计报表")
    assert answer.rule == RuleCode.NOT_ADMITTED
    refusal = answer.refusal
    assert (refusal.community_id, refusal.worker_id, refusal.department_id) == (
        community.id, worker.id, statistics.id)
    assert refusal.asked_on == today and refusal.channel == "chat_group"
    assert "整治形式主义为基层减负若干规定" in answer.reply and "填报企业统计报表" in answer.reply
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "refusal.recorded"))
    assert event.target_id == refusal.id and event.community_id == community.id
    assert event.data["rule"] == "not_admitted" and event.data["department_id"] == statistics.id


def test_a_negative_list_item_is_cited_with_its_basis(refuse, catalogue):
    answer = refuse("创建评比数据", work_item_id=catalogue["FM-01"].id)
    assert answer.rule == RuleCode.NEGATIVE_LIST and answer.refusal.work_item_id == \
        catalogue["FM-01"].id
    assert "FM-01" in answer.reply and "《整治形式主义为基层减负若干规定》" in answer.reply


def test_a_negative_item_without_a_basis_still_cites_the_list(refuse, catalogue):
    answer = refuse("招商", work_item_id=catalogue["FM-02"].id)
    assert answer.rule == RuleCode.NEGATIVE_LIST and "Basis" not in answer.reply


def test_a_certificate_not_on_the_list_cites_the_list(refuse):
    answer = refuse("无犯罪记录证明", asks_certificate=True, department_id=None,
                    other_department="")
    assert answer.rule == RuleCode.CERTIFICATE_NOT_LISTED
    assert "Proof of residence" in answer.reply and "Pension eligibility help" in answer.reply
    assert answer.refusal.department_id is None


def test_an_admitted_item_is_answered_and_not_recorded(refuse, catalogue):
    events = _count(AuditEvent)
    answer = refuse("高龄津贴初审", work_item_id=catalogue["XZ-01"].id)
    assert answer.rule == RuleCode.ADMITTED and answer.refusal is None
    assert "XZ-01" in answer.reply
    assert _count(Refusal) == 0 and _count(AuditEvent) == events


def test_a_listed_certificate_asked_for_is_admitted(refuse, catalogue):
    answer = refuse("居住证明", work_item_id=catalogue["ZM-01"].id, asks_certificate=True)
    assert answer.rule == RuleCode.ADMITTED and answer.refusal is None


def test_another_department_is_named(refuse):
    answer = refuse(department_id=None, other_department="  某区 住建委 ")
    assert answer.refusal.other_department == "某区 住建委"


def test_the_reply_is_in_the_reader_s_language(app, refuse):
    with app.test_request_context(headers={"Accept-Language": "en"}):
        answer = refuse()
        assert answer.reply.startswith("Hello.")
        assert reply_for(answer.refusal) == answer.reply


@pytest.mark.parametrize(("fields", "code"), [
    ({"what": "   "}, "what_required"),
    ({"what": "字" * 501}, "what_too_long"),
    ({"asked_on": "tomorrow"}, "asked_on_future"),
    ({"asked_on": None}, "asked_on_required"),
    ({"channel": "pigeon"}, "channel_unknown"),
    ({"department_id": None}, "department_required"),
    ({"department_id": "health"}, "department_unknown"),
    ({"work_item_id": 999_999}, "work_item_unknown"),
])
def test_bad_input_is_refused_and_changes_nothing(refuse, health, today, fields, code):
    if fields.get("asked_on") == "tomorrow":
        fields["asked_on"] = today + timedelta(days=1)
    if fields.get("department_id") == "health":
        fields["department_id"] = health.id
    events = _count(AuditEvent)
    with pytest.raises(DomainError) as error:
        refuse(**fields)
    db.session.rollback()
    assert error.value.code == code and error.value.field
    assert _count(Refusal) == 0 and _count(AuditEvent) == events


def test_an_item_of_an_old_catalogue_version_is_refused(refuse, catalogue, street, admin):
    from govhub.admission.catalogue.services import import_catalogue

    import_catalogue(admin, street, "code,name,list_type\nNEW-1,新事项,duty_by_law\n"
                     .replace("duty_by_law", "placard"))
    db.session.commit()
    with pytest.raises(DomainError) as error:
        refuse(work_item_id=catalogue["FM-01"].id)
    assert error.value.code == "work_item_unknown"


def test_only_the_community_s_workers_record(refuse, make_user, make_community, admin):
    elsewhere = make_user("worker", community=make_community())
    for actor in (make_user("resident"), admin, elsewhere, make_user("officer")):
        with pytest.raises(Forbidden):
            refuse(actor=actor)
    assert _count(Refusal) == 0


def test_a_worker_of_a_community_without_a_street_gets_not_admitted(make_user, make_community,
                                                                      today):
    place = make_community()
    worker = make_user("worker", community=place)
    answer = answer_task(worker, place, department_id=None, other_department="统计局",
                         channel="phone", asked_on=today, what="报表")
    assert answer.rule == RuleCode.NOT_ADMITTED
