"""Reading threaded comments: one page of top-level threads in reading order, in one query.

A page holds KINDRED_COMMENTS_PER_PAGE top-level comments with their replies. Under each
comment the first KINDRED_REPLIES_SHOWN replies show; the rest are counted and reached
through the comment's "continue this thread" page. A SQL window function does the folding,
so the rows fetched depend on the page size, never on the size of the story.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber

from .models import Comment
from .models.comments import CommentStates
from .pagination import capped_page

if TYPE_CHECKING:
    from django.core.paginator import Page
    from django.db.models import QuerySet

    from accounts.types import Viewer

    from .models import Post

# Top-level comments in order of their path, which for them is their zero-padded id:
# the index comment_roots_shown serves it (see the model).
SORTS = {"oldest": "path", "newest": "-path"}


# What a thread page shows of each comment; rows become ThreadItems, not model instances,
# because building hundreds of models costs more than the query that fetches them.
ITEM_LOOKUPS = {
    "id": "id", "parent_id": "parent_id", "depth": "depth", "status": "status",
    "author_id": "author_id", "author_name": "author_name", "reply_to_name": "reply_to_name",
    "body_html": "body_html", "created_at": "created_at", "edited_at": "edited_at",
    "helped_at": "helped_at",
    "author_visibility": "author__profile_visibility", "sibling_total": "sibling_total",
}
ITEM_FIELDS = tuple(ITEM_LOOKUPS)


class ThreadItem(CommentStates):
    __slots__ = (*ITEM_FIELDS, "shown_children", "children_total", "more_replies")
    # One attribute per ITEM_LOOKUPS key, set from the row.
    id: int
    parent_id: int | None
    depth: int
    status: str
    author_id: int | None
    author_name: str
    reply_to_name: str
    body_html: str
    created_at: datetime
    edited_at: datetime | None
    helped_at: datetime | None
    author_visibility: str | None
    sibling_total: int
    shown_children: list[ThreadItem]
    children_total: int
    more_replies: int

    def __init__(self, row: Sequence[Any]) -> None:
        for name, value in zip(ITEM_FIELDS, row, strict=True):
            setattr(self, name, value)
        self.shown_children, self.children_total, self.more_replies = [], 0, 0

    @property
    def pk(self) -> int:
        return self.id


@dataclass
class ThreadPage:
    page: Page                # the (capped) Paginator page of top-level comment ids
    threads: list[ThreadItem]  # top-level comments, each with .shown_children, .more_replies
    sort: str
    # The stored rows' cache key (posts/thread_cache.py), None when built for one reader.
    cache_key: str | None = None
    # {comment id or None (the post): {kind: n}} (community_queries), with the stored rows.
    reaction_counts: dict[int | None, dict[str, int]] | None = None


def _folded(queryset: QuerySet[Comment], *, unfolded_depth: int) -> QuerySet[Comment, Any]:
    """Keep the first N replies under each comment (all at `unfolded_depth` and above)."""
    return queryset.annotate(
        sibling_rank=Window(RowNumber(), partition_by=[F("parent_id")], order_by=F("path").asc()),
        sibling_total=Window(Count("id"), partition_by=[F("parent_id")]),
    ).filter(
        Q(depth__lte=unfolded_depth) | Q(sibling_rank__lte=settings.KINDRED_REPLIES_SHOWN)
    ).order_by("path").values_list(*ITEM_LOOKUPS.values())


def _build_tree(rows: Iterable[Sequence[Any]], top_depth: int) -> list[ThreadItem]:
    """Rows in path order -> nested comments; replies under a folded reply are dropped."""
    by_id: dict[int | None, ThreadItem] = {}
    top: list[ThreadItem] = []
    for row in rows:
        comment = ThreadItem(row)
        if comment.depth == top_depth:
            top.append(comment)
        else:
            parent = by_id.get(comment.parent_id)
            if parent is None:
                continue
            parent.shown_children.append(comment)
            parent.children_total = comment.sibling_total
        by_id[comment.pk] = comment
    for comment in by_id.values():
        comment.more_replies = max(comment.children_total - len(comment.shown_children), 0)
    return top


def thread_page(post: Post, user: Viewer, *, page_number: int | str | None = None,
                sort: str = "oldest") -> ThreadPage:
    sort = sort if sort in SORTS else "oldest"
    roots = (
        Comment.objects.filter(post=post, parent__isnull=True)
        .displayable_to(user).order_by(SORTS[sort]).values_list("id", flat=True)
    )
    # Counting stops a few pages past this one: a 100,000-comment story costs what a short one does.
    page = capped_page(roots, page_number, settings.KINDRED_COMMENTS_PER_PAGE)
    root_ids = list(page.object_list)
    if not root_ids:
        return ThreadPage(page=page, threads=[], sort=sort)
    rows = _folded(
        Comment.objects.filter(root_id__in=root_ids).displayable_to(user),
        unfolded_depth=0,
    )
    threads = _build_tree(rows, top_depth=0)
    if sort == "newest":
        threads.reverse()
    return ThreadPage(page=page, threads=threads, sort=sort)


def comment_ids(threads: Iterable[ThreadItem]) -> list[int]:
    """Ids of every comment shown in these threads (for per-comment counts)."""
    ids, stack = [], list(threads)
    while stack:
        comment = stack.pop()
        ids.append(comment.pk)
        stack.extend(comment.shown_children)
    return ids


def subthread(comment: Comment, user: Viewer) -> ThreadItem | None:
    """A comment with all its direct replies and, below them, the usual folding."""
    rows = _folded(
        Comment.objects.filter(root_id=comment.root_id, path__startswith=comment.path)
        .displayable_to(user),
        unfolded_depth=comment.depth + 1,
    )
    top = _build_tree(rows, top_depth=comment.depth)
    return top[0] if top else None


def location(comment: Comment, user: Viewer) -> tuple[str, int]:
    """Where a comment is shown: ('page', N) on its post, or ('thread', ancestor_id) when it
    is folded under "show more replies" and lives on that ancestor's continue page."""
    chain_ids = [int(segment) for segment in comment.path.split("/")]
    folded_under = None
    if len(chain_ids) > 1:
        earlier_siblings = Q()
        for parent_id, child_id in zip(chain_ids, chain_ids[1:], strict=False):
            earlier_siblings |= Q(parent_id=parent_id, id__lt=child_id)
        counts = (
            Comment.objects.filter(earlier_siblings).displayable_to(user)
            .values("parent_id").annotate(before=Count("id"))
        )
        folded = {row["parent_id"] for row in counts
                  if row["before"] >= settings.KINDRED_REPLIES_SHOWN}
        # The deepest fold wins: from there down, the continue page shows the comment.
        for parent_id in chain_ids[:-1]:
            if parent_id in folded:
                folded_under = parent_id
    if folded_under is not None:
        return ("thread", folded_under)
    earlier_roots = (
        Comment.objects.filter(post_id=comment.post_id, parent__isnull=True,
                               path__lt=comment.path.split("/")[0])
        .displayable_to(user).count()
    )
    return ("page", earlier_roots // settings.KINDRED_COMMENTS_PER_PAGE + 1)
