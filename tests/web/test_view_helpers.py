"""The helpers every HTML view shares: numbers from forms and URLs, and a button's attempt."""

import pytest
from flask import get_flashed_messages

from govhub.core.errors import DomainError, Forbidden
from govhub.web.view_helpers import MAX_PAGE, attempt, page_number, whole_number


@pytest.mark.parametrize("value, number", [
    ("12", 12), ("0", 0), ("-3", -3), (7, 7), ("007", 7),
    (None, None), ("", None), ("-", None), ("1.5", None), ("x1", None), (" 1", None),
    ("+1", None), ("1_000", None), ("١٢", None), ("9" * 5000, None), (True, None), ([1], None),
])
def test_a_whole_number_is_ascii_digits_after_an_optional_minus(value, number):
    assert whole_number(value) == number


@pytest.mark.parametrize("query, page", [
    ("", 1), ("?page=3", 3), ("?page=0", 1), ("?page=-4", 1), ("?page=two", 1),
    (f"?page={MAX_PAGE + 1}", MAX_PAGE), ("?page=" + "9" * 5000, 1),
])
def test_a_page_number_is_clamped_and_anything_else_is_the_first(app, query, page):
    with app.test_request_context(f"/list{query}"):
        assert page_number() == page


def _refuse(error):
    def service():
        raise error
    return service


def test_attempt_commits_and_says_done(app):
    with app.test_request_context("/"):
        assert attempt(lambda: None, done="Saved.") is True
        assert get_flashed_messages(with_categories=True) == [("success", "Saved.")]


def test_attempt_says_why_not(app):
    with app.test_request_context("/"):
        assert attempt(_refuse(DomainError("full", "It is full.")), done="Saved.") is False
        assert get_flashed_messages(with_categories=True) == [("error", "It is full.")]


def test_attempt_says_a_forbidden_refusal_unless_told_to_raise_it(app):
    with app.test_request_context("/"):
        assert attempt(_refuse(Forbidden("Not yours."))) is False
        assert get_flashed_messages() == ["Not yours."]
    with app.test_request_context("/"), pytest.raises(Forbidden):
        attempt(_refuse(Forbidden("Not yours.")), raise_forbidden=True)
