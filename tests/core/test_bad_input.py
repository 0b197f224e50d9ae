"""Input a visitor may type into the address bar gets a clear answer, never a 500."""

import pytest

from tests.helpers import PASSWORD

HUGE = "9" * 30  # far beyond SQLite's (and PostgreSQL's) 64-bit integers


@pytest.fixture
def council(make_council):
    return make_council()


@pytest.mark.parametrize("value", [HUGE, "-" + HUGE, "0", "-3", "1.5", "abc", "１２"])
def test_a_page_number_out_of_range_shows_a_page(client, login, make_user, community, council,
                                                  value):
    login(make_user("worker"))  # a worker may see all six lists with a pager
    for path in ("/users/", "/notifications", f"/c/{community.slug}/services",
                 f"/c/{community.slug}/actions", f"/c/{community.slug}/results",
                 f"/councils/{council.id}/results"):
        response = client.get(path, query_string={"page": value})
        assert response.status_code == 200, (path, value)


def test_the_public_record_clamps_its_second_pager_too(client, community):
    response = client.get(f"/c/{community.slug}/results", query_string={"other": HUGE})
    assert response.status_code == 200


def test_a_huge_page_is_the_last_possible_page_not_the_first(app):
    from govhub.web.view_helpers import MAX_PAGE, page_number

    with app.test_request_context("/?page=" + HUGE):
        assert page_number() == MAX_PAGE
    with app.test_request_context("/?page=7"):
        assert page_number() == 7
    with app.test_request_context("/?page=-7"):
        assert page_number() == 1


@pytest.mark.parametrize("target", ["/account\r\nSet-Cookie: x=1", "/account\nX: y", "/a\x7fb",
                                    "/account\r"])
def test_a_line_break_in_next_after_signing_in_goes_home(client, csrf, make_user, target):
    user = make_user()
    response = client.post("/login", data={"username": user.username, "password": PASSWORD,
                                           "next": target, "csrf_token": csrf("/login")})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert "Set-Cookie: x" not in str(response.headers)


@pytest.mark.parametrize("target", ["/account\r\nSet-Cookie: x=1", "/c/x\n"])
def test_a_line_break_in_next_on_the_language_switch_goes_home(client, csrf, target):
    response = client.post("/language", data={"locale": "en", "next": target,
                                              "csrf_token": csrf("/login")})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
