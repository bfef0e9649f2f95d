"""Reading "What helped": the replies the asker marked, quoted, for the top of a question."""

from __future__ import annotations

from dataclasses import dataclass
from html import unescape
from typing import TYPE_CHECKING

from django.utils.html import strip_tags
from django.utils.text import Truncator

from .models import Comment
from .services.helped import MAX_HELPED

if TYPE_CHECKING:
    from .models import Post

QUOTED_LINES = 3
QUOTED_CHARS = 280


@dataclass
class HelpedReply:
    id: int
    author_name: str
    quote: str  # plain text: the template escapes it


def quote_of(body_html: str | None) -> str:
    """The first lines of a reply as plain text (its sanitised HTML, tags stripped)."""
    text = unescape(strip_tags(body_html or ""))
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return Truncator(" ".join(lines[:QUOTED_LINES])).chars(QUOTED_CHARS)


def helped_replies(post: Post) -> list[HelpedReply]:
    """The public replies that helped, in the order they were marked: one query (none for a
    story). Hidden, removed and deleted replies drop out by the `helped()` rule."""
    if not post.is_question or not getattr(post, "has_helped", True):
        return []  # `with_helped()` already said there is none: no query
    rows = (Comment.objects.helped().filter(post=post)
            .values_list("id", "author_name", "body_html")[:MAX_HELPED])
    return [HelpedReply(pk, name, quote_of(html)) for pk, name, html in rows]
