"""The demo's refusals and certificates: the statistics form pushed through the chat group,
refusals over the last months under every rule, certificates issued; loading again adds
nothing."""

import sqlalchemy as sa

from govhub.admission.certificates.models import Certificate
from govhub.admission.departments.models import Department, DepartmentCommunity
from govhub.admission.refusals.models import Refusal
from govhub.admission.refusals.rules import REFUSING
from govhub.demo.services import load_demo
from govhub.extensions import db
from tests.helpers import PASSWORD


def _count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_the_demo_figures_show_in_chinese(app, client):
    result = load_demo(residents=0, password=PASSWORD)
    db.session.commit()
    page = client.get(f"/c/{result.community.slug}/refusals/figures",
                      headers={"Accept-Language": "zh-CN"}).get_data(as_text=True)
    assert "统计局" in page and "民政局" in page


def test_the_demo_has_refusals_and_certificates_once(app):
    load_demo(residents=3, password=PASSWORD)
    db.session.commit()
    refusals = list(db.session.scalars(sa.select(Refusal)))
    assert {r.rule for r in refusals} == set(REFUSING)
    pushed = [r for r in refusals if r.department and r.department.name == "区统计局"
              and r.channel == "chat_group"]
    assert any("统计报表" in r.what for r in pushed)
    assert len({r.asked_on.month for r in refusals}) >= 2
    certificates = list(db.session.scalars(sa.select(Certificate)))
    assert {c.code for c in certificates} == {"ZM-001", "ZM-002"}
    assert any(c.resident_id for c in certificates) and any(c.resident_name
                                                           for c in certificates)
    counts = (_count(Refusal), _count(Certificate), _count(Department),
              _count(DepartmentCommunity))
    load_demo(residents=3, password=PASSWORD)
    db.session.commit()
    assert (_count(Refusal), _count(Certificate), _count(Department),
            _count(DepartmentCommunity)) == counts
    names = set(db.session.scalars(sa.select(Department.name)))
    assert {"区民政局", "区卫生健康委员会", "区统计局"} <= names
