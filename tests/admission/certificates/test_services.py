"""Issuing certificates: only listed types, for a resident account or a typed name; another
type is answered and recorded as a refusal; bad input changes nothing."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from govhub.admission.certificates.models import Certificate
from govhub.admission.certificates.queries import community_figures
from govhub.admission.certificates.services import issue_certificate, refuse_certificate
from govhub.admission.refusals.models import Refusal
from govhub.admission.refusals.rules import RuleCode
from govhub.audit.models import AuditEvent
from govhub.core.errors import DomainError, Forbidden
from govhub.extensions import db


def _count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


@pytest.fixture
def issue(worker, community, today):
    def make(actor=worker, **fields):
        fields.setdefault("code", "ZM-01")
        fields.setdefault("issued_on", today)
        if "resident_username" not in fields:
            fields.setdefault("resident_name", "张三")
        certificate = issue_certificate(actor, community, **fields)
        db.session.commit()
        return certificate

    return make


def test_a_listed_certificate_for_a_typed_name_is_recorded_and_audited(issue, worker,
                                                                        catalogue, today):
    certificate = issue()
    assert (certificate.code, certificate.name, certificate.work_item_id) == (
        "ZM-01", "居住证明", catalogue["ZM-01"].id)
    assert certificate.resident_name == "张三" and certificate.resident_id is None
    assert certificate.worker_id == worker.id and certificate.issued_on == today
    event = db.session.scalar(sa.select(AuditEvent)
                              .where(AuditEvent.action == "certificate.issued"))
    assert event.target_id == certificate.id and event.data["code"] == "ZM-01"
    assert "张三" not in str(event.data)


def test_a_resident_account_is_chosen_by_username(issue, make_user):
    resident = make_user("resident", username="lisi")
    certificate = issue(resident_username="lisi", resident_name="ignored")
    assert certificate.resident_id == resident.id and certificate.resident_name == ""


@pytest.mark.parametrize(("fields", "code"), [
    ({"code": "YF-01"}, "certificate_not_listed"),
    ({"code": "无犯罪记录证明"}, "certificate_not_listed"),
    ({"resident_name": ""}, "resident_required"),
    ({"resident_username": "nobody"}, "resident_unknown"),
    ({"issued_on": "tomorrow"}, "issued_on_future"),
])
def test_bad_input_is_refused_and_changes_nothing(issue, today, fields, code):
    if fields.get("issued_on") == "tomorrow":
        fields["issued_on"] = today + timedelta(days=1)
    events = _count(AuditEvent)
    with pytest.raises(DomainError) as error:
        issue(**fields)
    db.session.rollback()
    assert error.value.code == code
    assert _count(Certificate) == 0 and _count(AuditEvent) == events


def test_a_resident_of_another_community_is_unknown(issue, make_user, make_community):
    make_user("resident", username="faraway", community=make_community())
    with pytest.raises(DomainError) as error:
        issue(resident_username="faraway")
    assert error.value.code == "resident_unknown"


def test_only_the_community_s_workers_issue(issue, make_user, admin):
    for actor in (make_user("resident"), admin):
        with pytest.raises(Forbidden):
            issue(actor=actor)


def test_another_type_is_answered_and_recorded_as_a_refusal(worker, community, catalogue):
    answer = refuse_certificate(worker, community, what="无犯罪记录证明", who_asks="某银行")
    db.session.commit()
    assert answer.rule == RuleCode.CERTIFICATE_NOT_LISTED
    assert answer.refusal.other_department == "某银行" and answer.refusal.channel == "in_person"
    assert "Proof of residence" in answer.reply
    assert _count(Refusal) == 1 and _count(Certificate) == 0


def test_the_public_counts_have_types_and_months_only(issue, community):
    issue()
    issue(resident_name="李四")
    issue(code="ZM-02")
    lines = community_figures(community)
    assert sorted((line.code, line.count) for line in lines) == [("ZM-01", 2), ("ZM-02", 1)]
    assert "张三" not in str(lines) and "李四" not in str(lines)
