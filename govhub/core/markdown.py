"""Markdown for minutes and descriptions: rendered, then sanitised.

Two walls, either of which would be enough on its own: markdown-it never
passes raw HTML through (it is shown as text) and refuses javascript:,
vbscript:, file: and data: links; nh3 then keeps only the tags and
attributes Markdown itself produces, only http(s) and mailto links (and
same-site paths), and gives every link rel="nofollow noopener".
"""

from __future__ import annotations

import nh3
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markupsafe import Markup

_parser = MarkdownIt("commonmark", {"html": False, "breaks": True, "linkify": False}).enable(
    ["table", "strikethrough"])


def _image_as_link(self, tokens, idx, options, env) -> str:
    """Images become links to them: no third-party image loads in a public record."""
    token = tokens[idx]
    src = escapeHtml(str(token.attrGet("src") or ""))
    alt = self.renderInline(token.children or [], options, env) or src
    return f'<a href="{src}">{alt}</a>'


_parser.add_render_rule("image", _image_as_link)

ALLOWED_TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "s", "del", "code",
    "pre", "blockquote", "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow noopener"
MAX_SOURCE = 200_000


def render_html(text: str | None) -> str:
    """Markdown source -> sanitised HTML (a str)."""
    if not text:
        return ""
    html = _parser.render(str(text)[:MAX_SOURCE])
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                     url_schemes=URL_SCHEMES, link_rel=LINK_REL,
                     clean_content_tags={"script", "style"})


def render(text: str | None) -> Markup:
    """Markdown source -> sanitised HTML that templates may print as it is."""
    return Markup(render_html(text))  # noqa: S704 (sanitised by nh3 above)
