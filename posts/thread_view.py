"""What one reader sees of a thread: the shared comment rows (posts/threads.py, cached as
data by posts/thread_cache.py) paired with this reader's own state, for the templates
(templates/jinja2/posts/thread.html) to write.

Nothing here writes markup and nothing here is stored: a `Shown` is built per request from
the rows and the reader's reactions, saved items, blocks, read state and reply box, so no
member's state can reach another member's page.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import AnonymousUser
from django.template import engines
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from accounts.privacy import can_see_profile

from .cache_versions import remembered
from .models import Reaction
from .permissions import can_mark_helped

if TYPE_CHECKING:
    from .community_queries import Reactions
    from .reading import StoryReading
    from .threads import ThreadItem

REACTION_KINDS = [(kind.value, kind.label) for kind in Reaction.Kind]
_ID = 987654321
# What the templates call each link of a comment: the URL's name.
_LINKS = {"permalink": "comment_permalink", "react": "comment_react",
          "bookmark": "comment_bookmark", "reactions": "comment_reactions",
          "thread": "comment_thread", "edit": "comment_edit", "delete": "comment_delete",
          "history": "comment_history", "report": "report_comment", "helped": "comment_helped",
          "actions": "comment_actions"}


class Links:
    """A comment's action URLs: each name reversed by Django once per page, not once per
    comment (a 200-comment page would reverse ~1,000 URLs at ~40 µs each)."""

    def __init__(self, post: Any, viewer: Any) -> None:
        self.patterns = {link: reverse(name, args=[_ID]).replace(str(_ID), "{}")
                          for link, name in _LINKS.items()}
        if viewer.is_authenticated and viewer.is_moderator:
            self.patterns["moderate"] = reverse(
                "moderation:act_comment", args=[post.pk, _ID]).replace(str(_ID), "{}")
        self.profile = reverse("profile", args=["HANDLE"]).replace("HANDLE", "{}")

    def of(self, pk: int) -> dict[str, str]:
        return {link: pattern.format(pk) for link, pattern in self.patterns.items()}


@dataclass(slots=True)
class Shown:
    """One comment as this reader sees it."""

    c: ThreadItem
    links: dict[str, str]
    children: list[Shown] = field(default_factory=list)
    head: str | None = None  # the stored start of its byline (see `_shared_heads`)
    profile_visible: bool = False
    profile_url: str = ""
    reactions: list[tuple[str, str, int, bool]] = field(default_factory=list)
    reaction_total: int = 0
    saved: bool = False
    mine: bool = False
    collapsed: bool = False  # the reader blocked its author
    can_reply: bool = False
    is_new: bool = False
    first_unread: bool = False
    reply_open: bool = False
    can_report: bool = False
    can_moderate: bool = False
    can_read_history: bool = False
    can_mark_helped: bool = False
    replies_name: str = ""
    reply_total: int = 0
    flat_parent: str = ""  # "@name" or "a comment", for levels flattened on phones
    # None of this member's reactions on it: its React menu is the page's shared <template>
    # (thread.html), not written out here; `plain`: nor saved, theirs or moderated: More too.
    react_plain: bool = False
    plain: bool = False


class ThreadView:
    """Pairs the rows with the reader's state; `shown(threads)` gives the `Shown` tree."""

    def __init__(self, viewer: Any, post: Any, *, can_reply: bool, reactions: Reactions | None,
                 blocks: tuple[frozenset[int], frozenset[int]] = (frozenset(), frozenset()),
                 reading: StoryReading | None = None, reply_to: int | None = None) -> None:
        self.viewer, self.post = viewer, post
        self.member = viewer.is_authenticated
        self.user_id = viewer.pk if self.member else None
        self.is_moderator = bool(self.member and viewer.is_moderator)
        self.can_reply, self.reactions, self.reading = can_reply, reactions, reading
        self.blocked, self.blocked_by = blocks
        self.first_unread_id = reading.first_unread_id if reading else None
        self.reply_to = reply_to
        self.heads: dict[int, str] = {}
        self.helped = can_mark_helped(viewer, post)
        self.links = Links(post, viewer)
        # The labels translated once per page, not once per comment.
        self.kinds = [(kind, str(label)) for kind, label in REACTION_KINDS]

    def shown(self, threads: list[ThreadItem]) -> list[Shown]:
        return [self._one(comment, None) for comment in threads]

    def _one(self, comment: ThreadItem, parent: ThreadItem | None) -> Shown:
        pk, author = comment.pk, comment.author_id
        public, mine = comment.is_public, self.member and author == self.user_id
        shown = Shown(c=comment, links=self.links.of(pk), mine=bool(mine),
                      head=None if mine or pk not in self.heads else mark_safe(self.heads[pk]))
        shown.profile_visible = bool(author and can_see_profile(
            self.viewer, comment.author_visibility, author))
        if shown.profile_visible:
            shown.profile_url = self.links.profile.format(comment.author_name)
        shown.collapsed = author in self.blocked and not comment.is_tombstone
        if self.reactions is not None and public:
            counts = self.reactions.counts.get(pk, {})
            shown.reactions = [(kind, label, counts.get(kind, 0),
                                (pk, kind) in self.reactions.mine)
                               for kind, label in self.kinds]
            shown.reaction_total = sum(counts.values())
            shown.saved = pk in self.reactions.saved
        shown.can_reply = bool(self.can_reply and public and author not in self.blocked_by)
        shown.is_new = bool(self.reading is not None and public and self.reading.is_new(comment))
        shown.first_unread = pk == self.first_unread_id
        shown.reply_open = bool(self.member and pk == self.reply_to
                                and author not in self.blocked_by)
        shown.can_report = bool(self.member and not mine and public)
        shown.can_moderate = self.is_moderator and not mine
        shown.react_plain = bool(self.member and shown.reactions
                                 and not any(pressed for *_, pressed in shown.reactions))
        shown.plain = shown.react_plain and not (mine or shown.saved or shown.can_moderate)
        shown.can_read_history = bool(comment.edited_at and (self.is_moderator or mine))
        shown.can_mark_helped = bool(self.helped and public and author != self.post.author_id)
        shown.replies_name = ("this comment" if comment.is_tombstone or shown.collapsed
                              else comment.author_name)
        if parent is not None and comment.depth >= 2 and not comment.reply_to_name:
            shown.flat_parent = ("a comment" if parent.is_tombstone
                                 else f"@{parent.author_name}")
        shown.children = [self._one(child, comment)
                          for child in getattr(comment, "shown_children", ())]
        shown.reply_total = len(shown.children) + getattr(comment, "more_replies", 0)
        return shown


def _context(request: Any, post: Any, **extra: Any) -> dict[str, Any]:
    return {"member": request.user.is_authenticated, "post_id": post.pk,
            "post_url": post.get_absolute_url(), "login_url": reverse("account_login"),
            "comment_url": reverse("post_comment", args=[post.slug]), **extra}


# Whose eyes a stored byline is written with: a member, the author of no comment.
_SOME_MEMBER = SimpleNamespace(pk=None, is_authenticated=True, is_moderator=False)
HEADS_TTL = 60 * 60


def _shared_heads(request: Any, post: Any, threads: list[ThreadItem], rows_key: str
                  ) -> dict[int, str]:
    """The start of each comment's byline (comment_head.html) as a member who wrote none of
    them, or a reader, sees it: stored under the rows' key, the kind of reader, the time
    zone and the minute. A member's own comments are written afresh; no member is in it."""
    member = request.user.is_authenticated
    zone = timezone.get_current_timezone_name()
    key = f"{rows_key}:heads:{int(member)}:{zone}:{int(time.time() // 60)}"

    def write() -> dict[int, str]:
        someone = ThreadView(_SOME_MEMBER if member else AnonymousUser(), post,
                             can_reply=False, reactions=None)
        head = engines["jinja2"].env.get_template("posts/comment_head.html").module.head
        heads, stack = {}, someone.shown(threads)
        while stack:
            s = stack.pop()
            heads[s.c.pk] = str(head(s.c, s.profile_visible, s.profile_url, s.flat_parent,
                                     s.links["permalink"]))
            stack.extend(s.children)
        return heads

    return remembered(key, write, HEADS_TTL, what="thread bylines")


def thread_html(request: Any, post: Any, view: ThreadView, threads: list[ThreadItem], *,
                draft: str = "", rows_key: str | None = None) -> str:
    """The thread, written by templates/jinja2/posts/thread.html for this reader; with
    `rows_key` (the rows are the stored ones) the bylines' starts come from `_shared_heads`."""
    if rows_key is not None:
        view.heads = _shared_heads(request, post, threads, rows_key)
    context = _context(request, post, shown=view.shown(threads), draft=draft,
                       kinds=view.kinds, patterns=view.links.patterns)
    return mark_safe(render_to_string("posts/thread.html", context, request, using="jinja2"))


def reply_template_html(request: Any, post: Any) -> str:
    """The blank reply box the script clones under a comment."""
    context = _context(request, post, parent=None, name="", draft="")
    return mark_safe(render_to_string("posts/reply_form.html", context, request,
                                      using="jinja2"))
