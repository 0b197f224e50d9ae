"""What the HTTP and OpenAPI contracts promise every answer of the JSON API."""

import pytest

from tests.helpers.api import bearer


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


# --- bodies ------------------------------------------------------------------------------------

@pytest.fixture
def worker_auth(make_user, make_token):
    return bearer(make_token(make_user("worker")))


@pytest.mark.parametrize("send", [{}, {"data": "", "content_type": "application/json"},
                                  {"data": "kind=x", "content_type": "text/plain"}])
def test_a_missing_body_is_refused_not_read_as_an_empty_object(client, worker_auth, make_council,
                                                               send):
    council = make_council()  # PATCH takes a body whose fields are all optional
    response = client.patch(f"/api/v1/councils/{council.id}", headers=worker_auth, **send)
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "validation_error" and "body" in error["fields"]


def test_an_empty_object_is_still_a_body(client, make_user):
    response = client.post("/api/v1/tokens", json={})
    assert response.status_code == 422
    assert "username" in response.get_json()["error"]["fields"]


# --- integers: 120.0 is 120 (a JSON number without a fraction), everywhere ----------------------

@pytest.mark.parametrize("days, status", [(7, 201), (7.0, 201), (7.5, 422), ("7", 422),
                                          (True, 422), (1e400, 422)])
def test_a_whole_number_may_be_written_with_a_zero_fraction(client, make_user, days, status):
    from tests.helpers import PASSWORD

    user = make_user()
    response = client.post("/api/v1/tokens", json={"username": user.username,
                                                   "password": PASSWORD, "days": days})
    assert response.status_code == status, response.get_json()
    if status == 422:
        assert "days" in response.get_json()["error"]["fields"]


@pytest.mark.parametrize("per_page, status", [("10", 200), ("10.0", 200), ("10.5", 422),
                                              ("ten", 422)])
def test_a_whole_number_in_the_query_string_too(client, per_page, status):
    assert client.get(f"/api/v1/actions?per_page={per_page}").status_code == status


def test_every_integer_field_of_every_schema_is_one_class(app):
    """One field class reads every integer of the API, so all accept 120.0 alike."""
    import marshmallow as ma

    from govhub.api.schemas import WholeNumber

    loose = []
    for cls in _schema_classes():
        for field_name, field in cls._declared_fields.items():
            if isinstance(field, ma.fields.Integer) and not isinstance(field, WholeNumber):
                loose.append(f"{cls.__name__}.{field_name}")
    assert loose == []


def _schema_classes():
    import marshmallow as ma

    found, queue = set(), [ma.Schema]
    while queue:
        for sub in queue.pop().__subclasses__():
            if sub.__module__.startswith("govhub.") and sub not in found:
                found.add(sub)
                queue.append(sub)
    return found


@pytest.mark.parametrize("value, status", [(2, 200), (2.0, 200), (2.5, 422), ("2", 422)])
def test_an_integer_that_was_strict_takes_a_zero_fraction_too(client, worker_auth, make_council,
                                                               value, status):
    council = make_council()
    response = client.patch(f"/api/v1/councils/{council.id}", headers=worker_auth,
                            json={"max_proxies": value})
    assert response.status_code == status, response.get_json()
