"""The JSON API's way in: bearer tokens, /me, and the error format."""

from datetime import timedelta

import sqlalchemy as sa

from govhub.auth.models import ApiToken
from govhub.core.models import utcnow
from govhub.extensions import db
from tests.helpers import PASSWORD
from tests.helpers.api import bearer


def test_a_token_is_issued_for_the_right_password(client, make_user):
    user = make_user(display_name="张伟")
    response = client.post("/api/v1/tokens", json={"username": user.username, "password": PASSWORD,
                                                   "name": "phone"})
    assert response.status_code == 201
    body = response.get_json()
    assert body["token"].startswith("gh_") and body["name"] == "phone"
    me = client.get("/api/v1/me", headers=bearer(body["token"]))
    assert me.status_code == 200
    assert me.get_json()["display_name"] == "张伟"
    assert me.get_json()["community"]["slug"] == user.community.slug


def test_tokens_are_stored_only_as_hashes(client, make_user):
    user = make_user()
    plain = client.post("/api/v1/tokens", json={"username": user.username,
                                                "password": PASSWORD}).get_json()["token"]
    stored = db.session.scalar(sa.select(ApiToken).where(ApiToken.user_id == user.id))
    assert plain not in (stored.token_hash, stored.prefix)
    assert len(stored.token_hash) == 64


def test_a_wrong_password_gets_401_in_the_error_format(client, make_user):
    user = make_user()
    response = client.post("/api/v1/tokens", json={"username": user.username,
                                                   "password": "not the password"})
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "invalid_credentials"
    assert db.session.scalar(sa.select(sa.func.count(ApiToken.id))) == 0


def test_an_unknown_user_gets_the_same_401(client):
    response = client.post("/api/v1/tokens", json={"username": "nobody", "password": "x" * 10})
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "invalid_credentials"


def test_a_missing_field_is_named_in_a_422(client):
    response = client.post("/api/v1/tokens", json={"username": "someone"})
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "validation_error"
    assert "password" in error["fields"]


def test_malformed_json_gets_400_bad_json(client):
    response = client.post("/api/v1/tokens", data="{not json",
                           headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "bad_json"


def test_a_json_array_instead_of_an_object_is_refused(client):
    response = client.post("/api/v1/tokens", json=["username", "password"])
    assert response.status_code in (400, 422)
    assert "error" in response.get_json()


def test_an_oversized_body_gets_413(client):
    response = client.post("/api/v1/tokens", data="x" * 3_000_000,
                           headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    assert response.get_json()["error"]["code"] == "payload_too_large"


def test_a_token_lifetime_out_of_range_is_refused(client, make_user):
    user = make_user()
    response = client.post("/api/v1/tokens", json={"username": user.username,
                                                   "password": PASSWORD, "days": 1000})
    assert response.status_code == 422
    assert "days" in response.get_json()["error"]["fields"]


def test_me_without_a_token_is_401(client):
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "unauthorized"


def test_me_with_a_garbage_token_is_401(client):
    assert client.get("/api/v1/me", headers=bearer("gh_not-a-token")).status_code == 401
    assert client.get("/api/v1/me", headers={"Authorization": "Basic abc"}).status_code == 401


def test_a_revoked_token_stops_working(client, make_user, make_token):
    token = make_token(make_user())
    assert client.delete("/api/v1/tokens/current", headers=bearer(token)).status_code == 204
    assert client.get("/api/v1/me", headers=bearer(token)).status_code == 401


def test_an_expired_token_stops_working(client, make_user, make_token):
    token = make_token(make_user())
    stored = db.session.scalar(sa.select(ApiToken))
    stored.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert client.get("/api/v1/me", headers=bearer(token)).status_code == 401


def test_a_disabled_account_cannot_use_its_token(client, make_user, make_token):
    user = make_user()
    token = make_token(user)
    user.disabled_at = utcnow()
    db.session.commit()
    assert client.get("/api/v1/me", headers=bearer(token)).status_code == 401


def test_changing_the_password_revokes_tokens(client, make_user, make_token):
    from govhub.auth.services import change_password

    user = make_user()
    token = make_token(user)
    change_password(user, PASSWORD, "a brand new secret")
    db.session.commit()
    assert client.get("/api/v1/me", headers=bearer(token)).status_code == 401


def test_token_requests_are_rate_limited(client, make_user):
    user = make_user()
    statuses = [client.post("/api/v1/tokens", json={"username": user.username,
                                                    "password": "wrong one"}).status_code
                for _ in range(11)]
    assert statuses[-1] == 429
    assert client.post("/api/v1/tokens", json={"username": user.username,
                                               "password": "wrong one"}).get_json()[
        "error"]["code"] == "rate_limited"


def test_api_errors_speak_the_clients_language(client):
    response = client.get("/api/v1/me", headers={"Accept-Language": "zh-CN"})
    message = response.get_json()["error"]["message"]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message)


def test_an_unknown_api_path_is_a_json_404(client):
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"


def test_the_openapi_document_describes_tokens_and_me(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    assert spec["info"]["title"] == "GovHub API"
    assert "/api/v1/tokens" in spec["paths"] and "/api/v1/me" in spec["paths"]
    assert spec["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"


def test_the_communities_list_is_public(client, community):
    response = client.get("/api/v1/communities")
    assert response.status_code == 200
    assert community.slug in [c["slug"] for c in response.get_json()]
