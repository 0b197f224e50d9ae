"""Minutes in Markdown: what people write survives, anything that could run code does not."""

from html.parser import HTMLParser

import pytest

from govhub.core.markdown import render, render_html


def test_headings_lists_and_emphasis_survive():
    html = render_html("# Decided\n\n- **lifts** for building 3\n- *charging* points\n\n1. first")
    assert "<h1>Decided</h1>" in html
    assert "<li><strong>lifts</strong> for building 3</li>" in html
    assert "<em>charging</em>" in html and "<ol>" in html


def test_links_survive_with_nofollow_noopener():
    html = render_html("[the plan](https://example.org/plan)")
    assert html.strip() == ('<p><a href="https://example.org/plan" rel="nofollow noopener">'
                            "the plan</a></p>")


def test_links_within_the_site_survive():
    assert 'href="/meetings/3"' in render_html("[last meeting](/meetings/3)")


@pytest.mark.parametrize("source", [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="https://example.org" onclick="alert(1)">x</a>',
    "<iframe src=https://example.org></iframe>",
])
def test_raw_html_is_shown_as_text(source):
    html = render_html(source)
    assert "<script" not in html and "<img" not in html and "<iframe" not in html
    assert "<a " not in html
    assert "&lt;" in html  # still readable as text


@pytest.mark.parametrize("link", ["javascript:alert(1)", "JaVaScRiPt:alert(1)",
                                  "vbscript:msgbox(1)", "data:text/html,<b>x</b>",
                                  "java\tscript:alert(1)"])
def test_dangerous_links_are_not_links(link):
    html = render_html(f"[click]({link})")
    assert "href" not in html


def _attributes(html: str) -> set[str]:
    names: set[str] = set()

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            names.update(name for name, _value in attrs)

    Collect().feed(html)
    return names


def test_event_handler_attributes_cannot_be_smuggled_in_a_title():
    html = render_html('[x](https://example.org "t\\" onmouseover=\\"alert(1)")')
    assert _attributes(html) <= {"href", "title", "rel"}


def test_markdown_attributes_syntax_adds_no_event_handlers():
    html = render_html("[x](https://example.org){onclick=alert(1)}\n\n# Title {#id onclick=x}")
    assert _attributes(html) <= {"href", "title", "rel"}


def test_images_become_links_to_them():
    html = render_html("![site plan](https://example.org/plan.png)")
    assert "<img" not in html
    assert '<a href="https://example.org/plan.png" rel="nofollow noopener">site plan</a>' in html


def test_tables_survive():
    html = render_html("| item | votes |\n|---|---|\n| lift | 12 |")
    assert "<table>" in html and "<td>lift</td>" in html


def test_render_is_safe_markup_for_templates():
    assert render("**x**").__html__() == "<p><strong>x</strong></p>\n"


def test_empty_minutes_render_nothing():
    assert render_html("") == "" and render_html(None) == ""
