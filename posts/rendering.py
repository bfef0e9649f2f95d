"""The one place where what members type becomes HTML: Markdown, then an allowlist sanitiser.

Run once, at save; templates mark only the stored `body_html` safe.
"""

from functools import partial
from html import escape

import bleach
from bleach.linkifier import LinkifyFilter
from markdown_it import MarkdownIt

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("strikethrough")

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "del", "s", "blockquote", "code", "pre", "ul", "ol", "li",
    "a", "h2", "h3", "h4", "hr",
}
ALLOWED_ATTRIBUTES = {"a": ["href", "title", "rel"], "ol": ["start"]}
ALLOWED_PROTOCOLS = {"http", "https", "mailto"}
MEMBER_LINK_REL = "nofollow ugc noopener"


def _image_as_link(renderer, tokens, idx, options, env):
    # Images are not shown (no third-party requests, no unreviewed pictures); the member's
    # words stay: "Image: <alt>" linking to the address. The cleaner below adds rel and
    # drops an address with a refused protocol (the words remain).
    token = tokens[idx]
    src = token.attrGet("src") or ""
    alt = renderer.renderInlineAsText(token.children or [], options, env) or src
    return f'<a href="{escape(src)}">Image: {escape(alt)}</a>'


_markdown.add_render_rule("image", _image_as_link)


def _is_internal(href):
    return href.startswith("/") and not href.startswith("//")


def _set_rel(attrs, new=False):
    href = attrs.get((None, "href"), "")
    if _is_internal(href):
        attrs.pop((None, "rel"), None)
    else:
        attrs[(None, "rel")] = MEMBER_LINK_REL
    return attrs


_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    filters=[partial(LinkifyFilter, callbacks=[_set_rel], skip_tags={"pre", "code"})],
)


def _demote_headings(markdown_html):
    # The page owns the only <h1>; a member's "# Heading" becomes an <h2>.
    return markdown_html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")


def render_markdown(text):
    """Markdown (raw HTML off) -> sanitised HTML with member links marked nofollow ugc."""
    html = _demote_headings(_markdown.render(text or ""))
    return _cleaner.clean(html).strip()

