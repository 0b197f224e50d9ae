"""The demo's street office, 幸福街道, holds the demo community and a catalogue in Chinese."""

import sqlalchemy as sa

from govhub.admission.models import CatalogueVersion, Street
from govhub.admission.queries import catalogue_of
from govhub.admission.rules import ListType
from govhub.demo.services import load_demo
from govhub.extensions import db
from tests.helpers import PASSWORD


def test_the_demo_community_shares_xingfu_streets_catalogue(app):
    result = load_demo(residents=5, password=PASSWORD)
    db.session.commit()
    version, items = catalogue_of(result.community)
    assert version.street.name == "幸福街道" and version.number == 1
    assert len(items) >= 15 and {i.list_type for i in items} == set(ListType)
    names = {i.name for i in items}
    assert {"居民委员会换届选举", "招商引资", "党群服务中心"} <= names
    assert all(i.legal_basis for i in items
               if i.list_type in (ListType.DUTY_BY_LAW, ListType.ASSISTING_GOVERNMENT))


def test_loading_the_demo_again_adds_no_version(app):
    load_demo(residents=0, password=PASSWORD)
    load_demo(residents=0, password=PASSWORD)
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CatalogueVersion)) == 1
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Street)) == 1


def test_the_demo_catalogue_page_shows_in_chinese(app, client):
    result = load_demo(residents=0, password=PASSWORD)
    db.session.commit()
    page = client.get(f"/c/{result.community.slug}/work-items",
                      headers={"Accept-Language": "zh-CN"}).get_data(as_text=True)
    assert "城乡居民医保参保登记" in page and "《中华人民共和国社区矫正法》第十二条" in page
