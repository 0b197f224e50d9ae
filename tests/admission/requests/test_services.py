from datetime import date

import pytest
import sqlalchemy as sa

from govhub.admission.catalogue.models import CatalogueVersion, WorkItem
from govhub.admission.catalogue.queries import current_version
from govhub.admission.requests import decisions, queries, services
from govhub.admission.requests.models import AdmissionView
from govhub.admission.requests.rules import RequestState
from govhub.audit.models import AuditEvent
from govhub.core.errors import DomainError, Forbidden
from govhub.extensions import db
from govhub.notifications.models import Notification
from tests.admission.requests.conftest import VALUES


def _actions(request):
    return [e.action for e in db.session.scalars(sa.select(AuditEvent).where(
        AuditEvent.target_type == "admission_requests", AuditEvent.target_id == request.id)
        .order_by(AuditEvent.id))]


def test_an_officer_writes_a_draft_for_every_community_the_department_covers(
        officer, department, community, other_community):
    request = services.create_request(officer, VALUES)
    assert request.state == RequestState.DRAFT
    assert request.department_id == department.id
    assert request.community_ids == sorted([community.id, other_community.id])
    assert request.field_list == ["姓名", "身份证号", "联系电话", "居住地址"]
    assert _actions(request) == ["admission_request.created"]


@pytest.mark.parametrize("missing", ["law", "article", "why_not_itself", "title"])
def test_a_request_without_its_legal_basis_or_reason_is_refused(officer, missing):
    with pytest.raises(DomainError) as error:
        services.create_request(officer, {**VALUES, missing: "  "})
    assert error.value.field == missing
    assert "required" in error.value.message


def test_bad_hours_and_periods_are_refused(officer):
    with pytest.raises(DomainError) as error:
        services.create_request(officer, {**VALUES, "hours_per_month": "800"})
    assert error.value.field == "hours_per_month"
    with pytest.raises(DomainError) as error:
        services.create_request(officer, {**VALUES, "period_to": date(2026, 1, 1)})
    assert error.value.field == "period_to"


def test_only_communities_the_department_covers_may_be_named(officer, make_community):
    stranger = make_community(name="别处社区")
    with pytest.raises(DomainError) as error:
        services.create_request(officer, VALUES, community_ids=[stranger.id])
    assert error.value.code == "not_covered"


def test_others_cannot_write_for_a_department(make_user, worker, reviewer):
    for user in (make_user("admin"), worker, reviewer):
        with pytest.raises(Forbidden):
            services.create_request(user, VALUES)


def test_an_officer_of_another_department_is_refused(make_request, make_department,
                                                     make_officer):
    request = make_request()
    stranger = make_officer(make_department(name="卫健委"))
    with pytest.raises(Forbidden):
        services.update_request(stranger, request, {**VALUES, "title": "改"})
    with pytest.raises(Forbidden):
        services.submit_request(stranger, request)
    with pytest.raises(Forbidden):
        services.withdraw_request(stranger, request)


def test_submitting_sets_the_decision_due_in_working_days_and_tells_reviewers(
        make_request, reviewer, app, fake_clock):
    request = make_request("submitted")
    assert request.state == RequestState.SUBMITTED
    assert request.decision_due_on is not None
    today = queries.today()
    assert (request.decision_due_on - today).days >= 15 + 4  # three weekends at least
    kinds = db.session.scalars(sa.select(Notification.kind).where(
        Notification.user_id == reviewer.id))
    assert list(kinds) == ["admission.submitted"]


def test_a_submitted_request_may_be_edited_until_the_consultation_opens(
        make_request, officer, reviewer):
    request = make_request("submitted")
    services.update_request(officer, request, {**VALUES, "title": "独居老人信息核对"})
    assert request.title == "独居老人信息核对"
    services.open_consultation(reviewer, request)
    with pytest.raises(DomainError) as error:
        services.update_request(officer, request, VALUES)
    assert error.value.status == 409


def test_an_emergency_needs_its_category_and_starts_at_once(officer, reviewer, worker):
    with pytest.raises(DomainError) as error:
        services.create_request(officer, {**VALUES, "emergency": "flood"})
    assert error.value.field == "emergency"
    request = services.create_request(officer, {**VALUES, "emergency": "public_safety"})
    services.submit_request(officer, request)
    assert request.state == RequestState.PENDING_REVIEW
    assert request.consultation_closes_on is not None
    assert {n.kind for n in db.session.scalars(sa.select(Notification))} >= {
        "admission.emergency", "admission.consultation"}


def test_a_worker_gives_one_view_per_community_and_changes_it(make_request, worker,
                                                               community):
    request = make_request("consultation")
    services.give_view(worker, request, community.id, "8", "object", "人手不足")
    services.give_view(worker, request, community.id, "5.5", "support", "")
    views = list(db.session.scalars(sa.select(AdmissionView)))
    assert len(views) == 1 and views[0].stance == "support" and str(views[0].burden_hours) == "5.50"


def test_a_view_is_refused_outside_the_window_or_community(make_request, worker, community,
                                                          other_community, fake_clock):
    request = make_request("submitted")
    with pytest.raises(DomainError) as error:
        services.give_view(worker, request, community.id, "1", "support")
    assert error.value.code == "consultation_closed"
    with pytest.raises(Forbidden):
        services.give_view(worker, request, other_community.id, "1", "support")


def test_a_view_with_bad_hours_or_stance_is_refused(make_request, worker, community):
    request = make_request("consultation")
    with pytest.raises(DomainError) as error:
        services.give_view(worker, request, community.id, "abc", "support")
    assert error.value.field == "burden_hours"
    with pytest.raises(DomainError) as error:
        services.give_view(worker, request, community.id, "1", "maybe")
    assert error.value.field == "stance"


def test_approval_with_conditions_adds_the_item_in_a_new_catalogue_version(
        make_request, reviewer, officer, street, department):
    request = make_request("consultation")
    before = current_version(street.id)
    decisions.decide(reviewer, request, "approve_with_conditions", "确有必要",
                     conditions="经费随事项下达")
    db.session.commit()
    version = current_version(street.id)
    assert version.number == (before.number + 1 if before else 1)
    item = db.session.get(WorkItem, request.work_item_id)
    assert item.version_id == version.id and item.code == f"ZR-{request.id:03d}"
    assert item.lead_department == department.name
    assert item.legal_basis == "《中华人民共和国老年人权益保障法》第三十三条"
    assert "经费随事项下达" in item.resources
    assert item.effective_to == date(2027, 12, 31) == request.rereview_on
    assert len(version.items) == (len(before.items) if before else 0) + 1
    assert request.state == RequestState.CONDITIONAL
    assert "admission_request.decided" in _actions(request)
    assert db.session.scalar(sa.select(Notification.kind).where(
        Notification.user_id == officer.id, Notification.kind == "admission.decided"))


def test_a_decision_needs_reasons_and_conditions(make_request, reviewer):
    request = make_request("consultation")
    with pytest.raises(DomainError) as error:
        decisions.decide(reviewer, request, "reject", " ")
    assert error.value.field == "reasons"
    with pytest.raises(DomainError) as error:
        decisions.decide(reviewer, request, "approve_with_conditions", "可以", conditions="")
    assert error.value.field == "conditions"
    assert request.state == RequestState.CONSULTATION


def test_a_rejection_adds_nothing_to_the_catalogue(make_request, reviewer, street):
    request = make_request("consultation")
    count = db.session.scalar(sa.select(sa.func.count(CatalogueVersion.id)))
    decisions.decide(reviewer, request, "reject", "属于部门自身职责")
    assert request.state == RequestState.REJECTED and request.work_item_id is None
    assert db.session.scalar(sa.select(sa.func.count(CatalogueVersion.id))) == count


def test_a_reviewer_of_another_street_is_refused(make_request, make_street, make_reviewer,
                                                 make_community, officer):
    request = make_request("consultation")
    elsewhere = make_reviewer(make_street(name="平安街道", name_en="Ping'an",
                                          communities=(make_community(name="平安社区"),)))
    with pytest.raises(Forbidden):
        decisions.decide(elsewhere, request, "approve", "可以")
    with pytest.raises(Forbidden):
        services.open_consultation(elsewhere, request)
    with pytest.raises(Forbidden):
        decisions.decide(officer, request, "approve", "可以")


def test_a_decided_request_cannot_be_decided_again_or_withdrawn(make_request, reviewer,
                                                                officer):
    request = make_request("consultation")
    decisions.decide(reviewer, request, "approve", "可以", code="MZ-9")
    with pytest.raises(DomainError) as error:
        decisions.decide(reviewer, request, "reject", "不行")
    assert error.value.status == 409
    with pytest.raises(DomainError):
        services.withdraw_request(officer, request, "不需要了")


def test_an_entered_code_already_in_the_catalogue_is_refused(make_request, reviewer):
    first, second = make_request("consultation"), make_request("consultation", title="另一项")
    decisions.decide(reviewer, first, "approve", "可以", code="MZ-1")
    with pytest.raises(DomainError) as error:
        decisions.decide(reviewer, second, "approve", "可以", code="MZ-1")
    assert error.value.code == "code_taken"


def test_an_officer_withdraws_a_request(make_request, officer):
    request = make_request("submitted")
    services.withdraw_request(officer, request, "任务取消")
    assert request.state == RequestState.WITHDRAWN
    assert _actions(request)[-1] == "admission_request.withdrawn"


def test_the_office_calendar_moves_the_decision_and_the_consultation(
        app, monkeypatch, fake_clock, make_request, reviewer):
    # Wednesday 30 September 2026, noon in Beijing: the National Day week is off and
    # Saturday 10 October is worked (调休); 5 days for views, 15 for the decision.
    from datetime import UTC, datetime
    fake_clock.start = datetime(2026, 9, 30, 4, 0, tzinfo=UTC)
    settings = {**app.config["GOVHUB"],
                "holidays": [f"2026-10-0{d}" for d in range(1, 8)],
                "workdays": ["2026-10-10"]}
    monkeypatch.setitem(app.config, "GOVHUB", settings)
    request = make_request("consultation")
    assert request.consultation_closes_on == date(2026, 10, 13)
    assert request.decision_due_on == date(2026, 10, 27)
