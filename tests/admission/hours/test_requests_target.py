"""Hours against an admission request: a worker of a community it concerns logs time on it
(counted as the list it asks for, and towards its catalogue item once admitted); a draft,
or a request that concerns another community, is refused; the quick form offers it."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from govhub.admission.departments.models import Department, DepartmentCommunity
from govhub.admission.hours import queries, services
from govhub.admission.hours.models import TimeEntry
from govhub.admission.requests.models import AdmissionRequest, AdmissionRequestCommunity
from govhub.admission.requests.rules import RequestState
from govhub.core.errors import DomainError
from govhub.core.models import utcnow
from govhub.extensions import db


@pytest.fixture
def make_request(street, community, make_user):
    department = Department(street_id=street.id, name="区统计局")
    department.communities = [DepartmentCommunity(community_id=community.id)]
    db.session.add(department)
    db.session.flush()

    def make(state=RequestState.CONSULTATION, communities=(community,), work_item_id=None):
        request = AdmissionRequest(
            street_id=street.id, department_id=department.id, title="经济普查入户登记",
            law="《全国经济普查条例》", article="第十条", why_not_itself="普查员不足",
            data_fields="单位名称", hours_per_month=6, period_from=queries.today_of(
                make_user("worker")), state=state, work_item_id=work_item_id)
        request.communities = [AdmissionRequestCommunity(community_id=c.id)
                               for c in communities]
        db.session.add(request)
        db.session.commit()
        return request

    return make


def test_a_worker_logs_time_on_a_request_of_their_community(worker, items, make_request):
    request = make_request()
    entry = services.log_time(worker, "request", request.id, 45, note="核对名单")
    db.session.commit()
    assert (entry.request_id, entry.target_id, entry.list_type) == (
        request.id, request.id, "assisting_government")
    assert entry.work_item_code is None
    offered = dict(queries.targets_of(worker))
    assert [t.key for t in offered["request"]] == [f"request:{request.id}"]
    assert queries.recent_keys(worker.id) == [f"request:{request.id}"]


def test_an_admitted_requests_hours_count_towards_its_catalogue_item(worker, items,
                                                                      make_request):
    request = make_request(RequestState.APPROVED, work_item_id=items["XZ-01"].id)
    entry = services.log_time(worker, "request", request.id, 60)
    db.session.commit()
    assert entry.work_item_code == "XZ-01"


def test_a_draft_or_another_communitys_request_is_refused(worker, items, make_request,
                                                          other_community):
    for request in (make_request(RequestState.DRAFT),
                    make_request(communities=(other_community,))):
        with pytest.raises(DomainError) as refused:
            services.log_time(worker, "request", request.id, 30)
        assert refused.value.code == "wrong_target"
        db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(TimeEntry)) == 0


def test_the_database_keeps_exactly_the_kinds_column(worker, items, make_request):
    request = make_request()
    entry = services.log_time(worker, "request", request.id, 30)
    db.session.commit()
    entry.meeting_id, entry.request_id = None, None
    with pytest.raises(sa.exc.IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_an_admitted_requests_page_sets_measured_hours_against_the_estimate(
        client, worker, items, make_request):
    request = make_request(RequestState.APPROVED, work_item_id=items["XZ-01"].id)
    request.decided_at = utcnow() - timedelta(days=40)
    services.log_time(worker, "request", request.id, 120)
    services.log_time(worker, "work_item", items["XZ-01"].id, 60)
    db.session.commit()
    page = client.get(f"/admission/requests/{request.id}",
                      headers={"Accept-Language": "en"}).get_data(as_text=True)
    # both entries count (by the item's code): 3 hours over the days since the decision
    days = (queries.today_of(worker) - request.decided_at.date()).days + 1
    per_month = 3 / (days / (365.25 / 12))
    assert f"estimated 6, measured {per_month:.1f} since the decision" in page


def test_in_its_first_four_weeks_an_admitted_task_is_not_measured_yet(client, worker, items,
                                                                      make_request):
    request = make_request(RequestState.APPROVED, work_item_id=items["XZ-01"].id)
    request.decided_at = utcnow()
    services.log_time(worker, "request", request.id, 120)
    db.session.commit()
    page = client.get(f"/admission/requests/{request.id}",
                      headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "estimated 6; measured once four weeks have passed since the decision" in page
