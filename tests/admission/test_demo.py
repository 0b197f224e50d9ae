"""The demo's street office, 幸福街道, holds the demo community and a catalogue in Chinese."""

import sqlalchemy as sa

from govhub.admission.catalogue.models import CatalogueVersion, Street
from govhub.admission.catalogue.queries import catalogue_of
from govhub.admission.catalogue.rules import ListType
from govhub.demo.services import load_demo
from govhub.extensions import db
from tests.helpers import PASSWORD


def test_the_demo_community_shares_xingfu_streets_catalogue(app):
    result = load_demo(residents=5, password=PASSWORD)
    db.session.commit()
    version, items = catalogue_of(result.community)
    # version 1 is the imported list; each admitted demo request published the next one
    assert version.street.name == "幸福街道" and version.number == 3
    assert len(items) >= 15 and {i.list_type for i in items} == set(ListType)
    names = {i.name for i in items}
    assert {"居民委员会换届选举", "招商引资", "党群服务中心"} <= names
    assert all(i.legal_basis for i in items
               if i.list_type in (ListType.DUTY_BY_LAW, ListType.ASSISTING_GOVERNMENT))


def test_loading_the_demo_again_adds_no_version(app):
    load_demo(residents=0, password=PASSWORD)
    versions = db.session.scalar(sa.select(sa.func.count()).select_from(CatalogueVersion))
    load_demo(residents=0, password=PASSWORD)
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CatalogueVersion)) == versions
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Street)) == 1


def test_the_demo_catalogue_page_shows_in_chinese(app, client):
    result = load_demo(residents=0, password=PASSWORD)
    db.session.commit()
    page = client.get(f"/c/{result.community.slug}/work-items",
                      headers={"Accept-Language": "zh-CN"}).get_data(as_text=True)
    assert "城乡居民医保参保登记" in page and "《中华人民共和国社区矫正法》第十二条" in page


def test_the_demo_street_has_three_departments_an_officer_and_a_reviewer(app):
    from govhub.admission.departments.models import Department
    from govhub.admission.departments.permissions import is_officer_of, is_reviewer_of
    from govhub.admission.departments.queries import department_of, departments_covering
    from govhub.auth.models import User

    result = load_demo(residents=0, password=PASSWORD)
    load_demo(residents=0, password=PASSWORD)
    db.session.commit()
    departments = departments_covering(result.community)
    assert {d.name for d in departments} == {"区民政局", "区卫生健康委员会", "区统计局"}
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Department)) == 3
    people = {u.username: u for u in db.session.scalars(sa.select(User))}
    officer, reviewer = people["officer"], people["reviewer"]
    assert is_officer_of(officer, department_of(officer).id)
    assert department_of(officer).name == "区民政局"
    assert is_reviewer_of(reviewer, departments[0].street_id)
    assert people["worker2"].community_id == people["worker3"].community_id == result.community.id
    assert officer.community_id is None and reviewer.community_id is None
