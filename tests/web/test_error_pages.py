"""Errors a visitor can cause get a clear page in their language, never a 500."""

import pytest


@pytest.mark.parametrize("lang, text", [("en", "There is nothing at this address"),
                                        ("zh-CN", "该网址下没有任何内容")])
def test_an_unknown_page_is_a_friendly_404(client, lang, text):
    response = client.get("/no/such/page", headers={"Accept-Language": lang})
    assert response.status_code == 404
    assert text in response.get_data(as_text=True)


def test_a_form_without_csrf_gets_a_400_page_that_says_why(client):
    response = client.post("/register", data={"username": "x"})
    assert response.status_code == 400
    assert "This form has expired" in response.get_data(as_text=True)


def test_a_forbidden_page_explains_in_chinese(client, login, make_user):
    login(make_user())
    response = client.get("/users/", headers={"Accept-Language": "zh-CN"})
    assert response.status_code == 403
    assert "<html lang=\"zh-CN\">" in response.get_data(as_text=True)


def test_a_wrong_method_is_405_not_500(client):
    assert client.put("/login").status_code == 405


def test_an_unknown_community_is_404(client):
    assert client.get("/c/nowhere").status_code == 404


def test_an_unexpected_failure_is_a_logged_500_page(tmp_path, caplog):
    from govhub import create_app
    from tests.conftest import TEST_SETTINGS

    app = create_app({**TEST_SETTINGS, "instance_path": str(tmp_path)})

    @app.get("/boom")
    def boom():
        raise RuntimeError("boom")

    response = app.test_client().get("/boom")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.get_data(as_text=True)
    assert "boom" in caplog.text


def test_a_failed_write_still_gets_a_500_page_for_the_signed_in_user(tmp_path):
    """The failed flush leaves the session unusable; the page that says so reads the
    signed-in user through it and must not fail in its turn."""
    import flask_migrate

    from govhub import create_app
    from govhub.auth.models import User
    from govhub.auth.services import create_user
    from govhub.extensions import db
    from tests.conftest import PASSWORD, TEST_SETTINGS, csrf_token_from

    app = create_app({**TEST_SETTINGS, "instance_path": str(tmp_path)})

    @app.get("/clash")
    def clash():
        db.session.add(User(username="admin0001", display_name="Twin", role="admin",
                            password_hash="x"))
        db.session.flush()  # the username is taken: IntegrityError
        return "unreachable"

    with app.app_context():
        flask_migrate.upgrade()
        create_user(None, "admin0001", "Admin", PASSWORD, role="admin")
        db.session.commit()
    phone = app.test_client()
    token = csrf_token_from(phone.get("/login").get_data(as_text=True))
    signed_in = phone.post("/login", data={"csrf_token": token, "username": "admin0001",
                                           "password": PASSWORD})
    assert signed_in.status_code == 302
    response = phone.get("/clash")
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert "Something went wrong on our side" in page and "Admin" in page


def test_security_headers_are_on_every_page(client):
    headers = client.get("/login").headers
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_session_cookies_are_httponly_and_lax(client, login, make_user):
    response = login(make_user())
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_no_template_has_inline_script_or_style():
    import pathlib
    import re

    root = pathlib.Path(__file__).parent.parent / "templates"
    for template in root.rglob("*.html"):
        text = template.read_text()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), template
        assert not re.search(r"\son[a-z]+=\"", text), template
        assert " style=\"" not in text, template


def test_form_fields_carry_no_stray_aria_values(client, csrf, community):
    page = client.get("/register").get_data(as_text=True)
    assert '="None"' not in page
    response = client.post("/register", data={"csrf_token": csrf("/register"), "username": "x"})
    html = response.get_data(as_text=True)
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="username-help username-error"' in html


def test_a_nul_character_in_a_form_is_refused_before_it_reaches_the_database(client, csrf,
                                                                             community):
    response = client.post("/register", data={
        "csrf_token": csrf("/register"), "community": community.id, "username": "nul\x00user",
        "display_name": "x", "password": "a long secret", "confirm": "a long secret"})
    assert response.status_code == 400


def test_a_nul_character_in_json_is_refused(client):
    response = client.post("/api/v1/tokens", json={"username": "a\x00b", "password": "x" * 10})
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "bad_request"


def test_a_nul_character_in_a_url_is_refused(client):
    assert client.get("/c/xing%00fuli").status_code in (400, 404)
