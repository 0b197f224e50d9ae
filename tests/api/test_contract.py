"""What the HTTP and OpenAPI contracts promise every answer of the JSON API."""

import pytest


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


def test_a_405_says_which_methods_the_address_takes(client):
    response = client.put("/api/v1/me")
    assert response.status_code == 405
    assert response.get_json()["error"]["code"] == "method_not_allowed"
    assert set(response.headers["Allow"].replace(" ", "").split(",")) >= {"GET"}


def test_a_405_page_says_it_too(client):
    response = client.put("/login")
    assert response.status_code == 405
    assert "POST" in response.headers["Allow"] and "GET" in response.headers["Allow"]


@pytest.mark.parametrize("headers", [{}, bearer("gh_not-a-token"), {"Authorization": "Basic x"}])
def test_a_401_names_the_bearer_scheme(client, headers):
    response = client.get("/api/v1/me", headers=headers)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert response.get_json()["error"]["code"] == "unauthorized"
