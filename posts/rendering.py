"""The one place where what members type becomes HTML: Markdown, then an allowlist sanitiser,
then (for posts and comments) @handles linked to profiles.

Run once, at save; templates mark only the stored `body_html` safe. A mention links when the
member exists and their profile is not hidden at the time of writing; the link is not
rewritten if they hide their profile later (the profile page then says it is not there),
and a handle left as plain text stays so until the text is edited.
"""

from functools import partial
from html import escape

import bleach
from bleach.html5lib_shim import Filter
from bleach.linkifier import LinkifyFilter
from django.urls import reverse
from markdown_it import MarkdownIt

from accounts.mentions import MENTION, linkable_handles, mentioned_handles

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("strikethrough")

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "del", "s", "blockquote", "code", "pre", "ul", "ol", "li",
    "a", "h2", "h3", "h4", "hr",
}
ALLOWED_ATTRIBUTES = {"a": ["href", "title", "rel"], "ol": ["start"]}
# tel: and sms: so a helpline number, in a page or a comment, is one tap on a phone.
ALLOWED_PROTOCOLS = {"http", "https", "mailto", "tel", "sms"}
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


class MentionFilter(Filter):
    """@handle in text (not inside links or code) becomes a link to the profile, for the
    handles in `handles` ({lower case: as spelled}); the text keeps what the member typed."""

    SKIP = {"a", "pre", "code"}

    def __init__(self, source, handles):
        super().__init__(source)
        self.handles = handles

    def __iter__(self):
        inside = 0
        for token in super().__iter__():
            kind = token["type"]
            if kind == "StartTag" and token["name"] in self.SKIP:
                inside += 1
            elif kind == "EndTag" and token["name"] in self.SKIP:
                inside = max(0, inside - 1)
            elif kind == "Characters" and not inside:
                yield from self._link(token["data"])
                continue
            yield token

    def _link(self, text):
        end = 0
        for match in MENTION.finditer(text):
            handle = self.handles.get(match.group(1).lower())
            if handle is None:
                continue
            if match.start() > end:
                yield {"type": "Characters", "data": text[end:match.start()]}
            href = reverse("profile", args=[handle])
            yield {"type": "StartTag", "name": "a",
                   "data": {(None, "href"): href, (None, "class"): "mention"}}
            yield {"type": "Characters", "data": match.group(0)}
            yield {"type": "EndTag", "name": "a"}
            end = match.end()
        if end < len(text):
            yield {"type": "Characters", "data": text[end:]}


def _cleaner(mention_handles=None):
    filters = [partial(LinkifyFilter, callbacks=[_set_rel], skip_tags={"pre", "code"})]
    if mention_handles:  # after linkify: an @ inside a web address is part of its link
        filters.append(partial(MentionFilter, handles=mention_handles))
    return bleach.Cleaner(tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                          protocols=ALLOWED_PROTOCOLS, strip=True, filters=filters)


_plain_cleaner = _cleaner()


def _demote_headings(markdown_html):
    # The page owns the only <h1>; a member's "# Heading" becomes an <h2>.
    return markdown_html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")


def render_markdown(text, *, mentions=False):
    """Markdown (raw HTML off) -> sanitised HTML with member links marked nofollow ugc.

    `mentions=True` (posts and comments, at save) also links @handles of members who can
    be mentioned: one query for all of them, none when the text mentions nobody. Link
    limits count links without it (a mention is not a link someone posted)."""
    html = _demote_headings(_markdown.render(text or ""))
    handles = linkable_handles(mentioned_handles(text)) if mentions else None
    cleaner = _cleaner(handles) if handles else _plain_cleaner
    return cleaner.clean(html).strip()

