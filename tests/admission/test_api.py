"""GET /api/v1/communities/<slug>/work-items: the catalogue as JSON, public."""

from govhub.admission.catalogue.services import import_catalogue
from govhub.extensions import db
from tests.admission.conftest import CSV


def test_the_catalogue_is_public_json(client, admin, street, community):
    import_catalogue(admin, street, CSV)
    db.session.commit()
    body = client.get(f"/api/v1/communities/{community.slug}/work-items",
                      headers={"Accept-Language": "en"}).get_json()
    assert body["version"] == 1 and body["street"]["name"] == "幸福街道"
    assert [i["code"] for i in body["items"]] == ["FM-01", "XZ-01", "YF-01"]
    item = body["items"][1]
    assert item["list_type"] == "assisting_government" and item["hours_per_month"] == "4.50"
    assert item["assessable"] is True and item["list_type_label"] == "Assisting the government"
    assert "id" not in item or isinstance(item["id"], int)


def test_a_community_without_a_street_has_no_items(client, make_community):
    body = client.get(f"/api/v1/communities/{make_community().slug}/work-items").get_json()
    assert body == {"street": None, "version": None, "published_at": None, "items": []}


def test_an_unknown_community_answers_404_in_the_error_shape(client):
    response = client.get("/api/v1/communities/nowhere/work-items")
    assert response.status_code == 404 and response.get_json()["error"]["code"]


def test_the_endpoint_is_documented(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    assert "/api/v1/communities/{slug}/work-items" in spec["paths"]
