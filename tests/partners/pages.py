"""Helpers the partner page tests share: a response's text, the interface language, a form's
CSRF token."""

from tests.conftest import csrf_token_from


def text_of(response) -> str:
    return response.get_data(as_text=True)


def set_language(client, csrf, locale: str) -> None:
    client.post("/language", data={"csrf_token": csrf("/login"), "locale": locale, "next": "/"})


def csrf_of(client, path: str) -> str:
    return csrf_token_from(text_of(client.get(path)))
