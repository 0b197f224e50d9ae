"""The demo's departments, officer and reviewer, and requests in every state."""

import sqlalchemy as sa

from govhub.admission.departments.models import Department, DepartmentOfficer, StreetReviewer
from govhub.admission.requests import queries
from govhub.admission.requests.models import AdmissionRequest
from govhub.admission.requests.rules import RequestState
from govhub.auth.models import User
from govhub.demo.services import load_demo
from govhub.extensions import db
from tests.helpers import PASSWORD


def test_the_demo_has_requests_in_every_state_and_loads_once(app):
    load_demo(0, PASSWORD)
    db.session.commit()
    requests = list(db.session.scalars(sa.select(AdmissionRequest)))
    assert {r.state for r in requests} == set(RequestState)
    assert any(queries.is_overdue(r) for r in requests)
    assert any(r.emergency for r in requests)
    conditional = next(r for r in requests if r.state == RequestState.CONDITIONAL)
    assert conditional.conditions and conditional.work_item_id
    assert set(db.session.scalars(sa.select(Department.name))) >= {
        "区民政局", "区卫生健康委员会", "区统计局"}
    officer = db.session.scalar(sa.select(User).where(User.username == "officer"))
    reviewer = db.session.scalar(sa.select(User).where(User.username == "reviewer"))
    assert db.session.get(DepartmentOfficer, officer.id).department.name == "区民政局"
    assert db.session.get(StreetReviewer, reviewer.id) is not None
    load_demo(0, PASSWORD)
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count(AdmissionRequest.id))) == len(requests)


def test_every_demo_request_has_its_page_and_the_street_its_list(app, client, login):
    load_demo(0, PASSWORD)
    db.session.commit()
    requests = list(db.session.scalars(sa.select(AdmissionRequest)))
    for request in requests:
        status = client.get(f"/admission/requests/{request.id}").status_code
        assert status == (404 if request.state == RequestState.DRAFT else 200), request.title
    street_page = client.get(f"/streets/{requests[0].street_id}/requests")
    assert "小微企业经营情况季度报表" in street_page.get_data(as_text=True)
    login("reviewer")
    queue = client.get("/admission/reviews").get_data(as_text=True)
    assert "admission-overdue" in queue and "流感高发期重点人群排查" in queue
    for request in requests:
        assert client.get(f"/admission/requests/{request.id}").status_code in (200, 404)
