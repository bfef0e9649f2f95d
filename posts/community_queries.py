"""Reads for polls, reactions and bookmarks: a fixed number of queries per page."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

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


def reactions_for(post: Post, comment_ids: Iterable[int],
                  user: User | AnonymousUser) -> Reactions:
    """Counts for the post and the comments on this page, and the reader's own: 3 queries."""
    summary = Reactions()
    rows = Reaction.objects.filter(post=post).filter(
        Q(comment__isnull=True) | Q(comment_id__in=comment_ids))
    for row in rows.values("comment_id", "kind").annotate(n=Count("id")).order_by():
        summary.counts.setdefault(row["comment_id"], {})[row["kind"]] = row["n"]
    if user.is_authenticated:
        summary.mine = set(Reaction.objects.filter(post=post, user=user)
                           .values_list("comment_id", "kind"))
        summary.saved = set(Bookmark.objects.filter(user=user, post=post).values_list(
            "comment_id", flat=True))
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
