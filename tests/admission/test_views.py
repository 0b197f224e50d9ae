"""The catalogue's pages: a community's public list, the office's import and download."""

import html
import io

import pytest
import sqlalchemy as sa

from govhub.admission.catalogue.models import CatalogueVersion
from govhub.admission.catalogue.services import import_catalogue
from govhub.extensions import db
from tests.admission.conftest import CSV

EN = {"Accept-Language": "en"}
ZH = {"Accept-Language": "zh-CN"}


@pytest.fixture
def published(app, admin, street):
    version = import_catalogue(admin, street, CSV)
    db.session.commit()
    return version


def upload(text: str, name: str = "catalogue.csv"):
    return (io.BytesIO(text.encode("utf-8")), name)


def test_the_public_page_groups_items_by_list_type_in_english(client, community, published):
    page = client.get(f"/c/{community.slug}/work-items", headers=EN).get_data(as_text=True)
    assert "Duties by law" in page and "Not for the community (negative list)" in page
    assert "《城市居民委员会组织法》第八条" in page and "Residents&#39; committee election" in page
    assert page.index("Duties by law") < page.index("Assisting the government")
    assert "<script>" not in page and "style=" not in page


def test_the_public_page_speaks_chinese(client, community, published):
    page = client.get(f"/c/{community.slug}/work-items", headers=ZH).get_data(as_text=True)
    assert "依法履职事项" in page and "不应由社区承担的事项" in page and "居民委员会选举" in page


def test_a_community_without_a_catalogue_says_so(client, make_community):
    other = make_community()
    page = client.get(f"/c/{other.slug}/work-items", headers=EN).get_data(as_text=True)
    assert "no work-item catalogue yet" in page


def test_the_community_page_links_its_catalogue(client, community):
    page = client.get(f"/c/{community.slug}").get_data(as_text=True)
    assert f"/c/{community.slug}/work-items" in page


def test_an_unknown_community_answers_404(client):
    assert client.get("/c/nowhere/work-items").status_code == 404


def test_an_admin_imports_a_csv_on_the_page(client, login, post_form, admin, street):
    login(admin)
    response = post_form("/admin/catalogue", {"street": street.id, "file": upload(CSV),
                                              "note": "首版"},
                         content_type="multipart/form-data")
    assert response.status_code == 200
    version = db.session.scalar(sa.select(CatalogueVersion))
    assert version.number == 1 and len(version.items) == 3


def test_a_bad_file_is_refused_on_the_page_with_its_line(client, login, post_form, admin,
                                                          street):
    login(admin)
    data = {"street": street.id, "file": upload(CSV + "X,,,placard\n")}
    response = post_form("/admin/catalogue", data, headers=EN,
                         content_type="multipart/form-data")
    assert response.status_code == 400
    assert "Line 5: the name is required" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(CatalogueVersion)) is None


def test_a_file_that_is_not_utf8_is_refused(client, login, post_form, admin, street):
    login(admin)
    response = post_form("/admin/catalogue", {"street": street.id,
                                              "file": (io.BytesIO(CSV.encode("gbk")), "a.csv")},
                         content_type="multipart/form-data")
    assert response.status_code == 400


def test_an_admin_downloads_the_current_version_from_the_catalogue_page(client, login, admin,
                                                                       street, published):
    login(admin)
    assert f"/streets/{street.id}/catalogue.csv" in client.get(
        "/admin/catalogue").get_data(as_text=True)
    response = client.get(f"/streets/{street.id}/catalogue.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.get_data(as_text=True).startswith("\ufeffcode,name,")


@pytest.mark.parametrize("role", ["worker", "resident"])
def test_others_may_not_import(client, login, make_user, street, published, role):
    login(make_user(role))
    assert client.get("/admin/catalogue").status_code == 403


def test_a_street_without_a_catalogue_has_nothing_to_download(client, street):
    assert client.get(f"/streets/{street.id}/catalogue.csv").status_code == 404
    assert client.get("/streets/999999/catalogue.csv").status_code == 404


def test_an_admin_adds_a_street_and_places_a_community_from_the_page(
        client, login, post_form, admin, make_community):
    from govhub.admission.catalogue.models import Street
    from govhub.admission.catalogue.queries import street_id_of

    community = make_community()
    login(admin)
    menu = client.get("/").get_data(as_text=True)
    assert 'href="/admin/catalogue"' in menu  # reachable from the menu
    added = post_form("/admin/streets", {"name": " 和平 街道 ", "name_en": "Heping Street"},
                      page="/admin/catalogue", follow_redirects=True)
    assert "The street is added." in added.get_data(as_text=True)
    street = db.session.scalar(sa.select(Street).where(Street.name == "和平 街道"))
    twice = post_form("/admin/streets", {"name": "和平 街道"}, page="/admin/catalogue",
                      follow_redirects=True)
    assert "There is already a street of that name." in twice.get_data(as_text=True)
    empty = post_form("/admin/streets", {"name": "  "}, page="/admin/catalogue",
                      follow_redirects=True)
    assert "Give the street its name." in empty.get_data(as_text=True)
    placed = post_form("/admin/streets/place", {"community": community.id,
                                                "place_street": street.id},
                       page="/admin/catalogue", follow_redirects=True)
    page = html.unescape(placed.get_data(as_text=True))
    assert "The community now shares its street's catalogue." in page
    assert f"{community.name} — 和平 街道" in page
    assert street_id_of(community) == street.id
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Street)) >= 1


def test_a_worker_cannot_add_a_street(client, login, post_form, make_user):
    from govhub.admission.catalogue.models import Street

    login(make_user(role="worker"))
    before = db.session.scalar(sa.select(sa.func.count()).select_from(Street))
    response = post_form("/admin/streets", {"name": "和平街道"}, page="/account")
    assert response.status_code == 403
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Street)) == before
