"""Reads for polls, reactions and bookmarks: a fixed number of queries per page."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from django.db import connection
from django.db.models import Count, Q

from .models import Bookmark, Poll, PollVote, Reaction

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User

    from .models import PollChoice, Post


@dataclass
class Reactions:
    # comment id (None: the post) -> {kind: n}
    counts: dict[int | None, dict[str, int]] = field(default_factory=dict)
    mine: set[tuple[int | None, str]] = field(default_factory=set)  # {(comment id or None, kind)}
    saved: set[int | None] = field(default_factory=set)  # {comment id or None}


SAVED = ""  # no reaction kind is empty: marks a saved item in reactions_for's one query


def reaction_counts(post: Post, comment_ids: Iterable[int]) -> dict[int | None, dict[str, int]]:
    """{comment id (None: the post): {kind: n}} for the post and these comments: 1 query."""
    counts: dict[int | None, dict[str, int]] = {}
    rows = Reaction.objects.filter(post=post).filter(
        Q(comment__isnull=True) | Q(comment_id__in=list(comment_ids)))
    for row in rows.values("comment_id", "kind").annotate(n=Count("id")).order_by():
        counts.setdefault(row["comment_id"], {})[row["kind"]] = row["n"]
    return counts


@cache
def _mine_statement() -> str:
    """The reader's reactions and saved items on one post: a plain statement, on every
    member's story page (the ORM's UNION cost more Python than the database spent)."""
    quote = connection.ops.quote_name
    return (f"SELECT comment_id, kind FROM {quote(Reaction._meta.db_table)} "
            "WHERE post_id = %(post)s AND user_id = %(user)s UNION ALL "
            f"SELECT comment_id, %(saved)s FROM {quote(Bookmark._meta.db_table)} "
            "WHERE post_id = %(post)s AND user_id = %(user)s")


def reactions_for(post: Post, comment_ids: Iterable[int], user: User | AnonymousUser,
                  *, counts: dict[int | None, dict[str, int]] | None = None) -> Reactions:
    """Counts for the post and the comments on this page (unless given: the shared tree
    keeps them, posts/thread_cache.py), and the reader's own reactions and saved items in
    one query; none when their state on the post says they have neither (`my_marks`,
    reading.with_member_state)."""
    summary = Reactions(counts=reaction_counts(post, comment_ids) if counts is None else counts)
    if user.is_authenticated and getattr(post, "my_marks", True):
        with connection.cursor() as cursor:
            cursor.execute(_mine_statement(), {"post": post.pk, "user": user.pk,
                                               "saved": SAVED})
            rows = cursor.fetchall()
        for comment_id, kind in rows:
            if kind == SAVED:
                summary.saved.add(comment_id)
            else:
                summary.mine.add((comment_id, kind))
    return summary


@dataclass
class PollResults:
    poll: Poll
    choices: Sequence[PollChoice]  # each with .count and .percent
    total: int
    my_choice: int | None
    show_results: bool


def poll_for(post: Post, user: User | AnonymousUser) -> PollResults | None:
    """The post's poll with counts and the reader's answer. The poll itself comes with the
    post (select_related), so a post without one costs no query."""
    try:
        poll = post.poll
    except Poll.DoesNotExist:
        return None
    choices = list(poll.choices.annotate(count=Count("votes")))
    total = sum(choice.count for choice in choices)
    for choice in choices:
        # For the template only: not a field or an annotation, so the stubs don't know it.
        choice.percent = round(100 * choice.count / total) if total else 0  # type: ignore[attr-defined]
    my_choice = None
    if user.is_authenticated:
        my_choice = (PollVote.objects.filter(poll=poll, user=user)
                     .values_list("choice_id", flat=True).first())
    return PollResults(poll=poll, choices=choices, total=total, my_choice=my_choice,
                       show_results=my_choice is not None or poll.is_closed)
