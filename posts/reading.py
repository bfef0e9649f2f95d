"""Read tracking: what is new for a member since they last opened a post.

One ReadMark per member and post holds the newest comment they have seen; "Mark all as
read" sets a watermark on the member (`all_read_comment_id`, `all_read_at`) instead of
writing a row per post. A post is "seen up to" the larger of the two. Lists read the marks
and count the new comments within their own query (`with_unread`), or for a page of posts
in two bulk queries (`annotate_unread`), whatever the number of posts or marks; the story
reads the member's state with the post (`with_member_state`) and writes at most one row,
and nothing for readers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeIs

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    IntegerField,
    Max,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest
from django.db.models.lookups import GreaterThan
from django.urls import reverse
from django.utils import timezone

from .cache_versions import remembered
from .models import Bookmark, Comment, PostFollow, Reaction, ReadMark
from .threads import location

if TYPE_CHECKING:
    from collections.abc import Collection, Iterable

    from django.contrib.auth.models import AnonymousUser
    from django.db.models import QuerySet

    from accounts.models import User
    from accounts.types import Viewer

    from .models import Post

JUMP_TTL = 60 * 60


def _member(user: Viewer) -> TypeIs[User]:
    return user is not None and user.is_authenticated


def _seen_sql(user: User) -> tuple[Subquery, Greatest]:
    """seen_up_to in SQL: -1 when the member never opened the post (nor marked all read
    since it was published)."""
    read_up_to = Subquery(ReadMark.objects.filter(user=user, post=OuterRef("pk"))
                          .values("last_comment_id")[:1])
    watermark = Case(When(published_at__lte=user.all_read_at,
                          then=Value(user.all_read_comment_id)), default=Value(-1)) \
        if user.all_read_at else Value(-1)
    return read_up_to, Greatest(Coalesce(read_up_to, Value(-1)), watermark)


def _comments_after_seen(user: User) -> QuerySet[Comment]:
    return (Comment.objects.public().filter(post=OuterRef("pk"), id__gt=OuterRef("my_seen"))
            .filter(~Q(author=user)).order_by())


def with_member_state[Posts: QuerySet[Post]](posts: Posts, user: Viewer) -> Posts:
    """The member's read mark (`my_read_up_to`), chosen follow level (`my_follow`), first
    new comment (`my_first_unread`) and whether they have comments waiting for review here
    (`my_waiting`, posts/thread_cache.py) on the post itself, and whether they reacted to or
    saved anything on it (`my_marks`: when not, the page skips asking which): no query of
    their own."""
    if not _member(user):
        return posts
    read_up_to, seen = _seen_sql(user)
    mine = {"post": OuterRef("pk"), "user": user}
    return posts.annotate(
        my_read_up_to=read_up_to,
        my_marks=ExpressionWrapper(Q(Exists(Reaction.objects.filter(**mine)))
                                   | Q(Exists(Bookmark.objects.filter(**mine))),
                                   output_field=BooleanField()),
        my_waiting=Exists(Comment.objects.waiting_for_review().filter(
            post=OuterRef("pk"), author=user)),
        my_follow=Subquery(PostFollow.objects.filter(user=user, post=OuterRef("pk"))
                           .values("level")[:1]),
        my_seen=seen,
    ).annotate(my_first_unread=Subquery(  # meaningful only when my_seen is not -1
        _comments_after_seen(user).order_by("id").values("id")[:1]))


def with_unread[Posts: QuerySet[Post]](posts: Posts, user: Viewer) -> Posts:
    """For lists: what annotate_unread needs, in the list's own query (`my_seen`, -1 when
    never opened, and `my_unread`, the new comments since)."""
    if not _member(user):
        return posts
    _, seen = _seen_sql(user)
    # Never opened (my_seen -1): the list says "New", not a count, so the count is not made
    # (a pseudo-constant filter: the database skips the subquery; on a 100,000-comment story
    # it would count every comment).
    opened = GreaterThan(OuterRef("my_seen"), Value(-1))
    # Counted up to UNREAD_SHOWN + 1 ("100+ new"): a story with 100,000 comments opened
    # once would otherwise be counted in full on every list it appears in.
    return posts.annotate(my_seen=seen).annotate(my_unread=_CountOf(
        _comments_after_seen(user).filter(opened).values("id")[:UNREAD_SHOWN + 1]))


UNREAD_SHOWN = 100  # lists say "100+ new" above this


class _CountOf(Subquery):
    """COUNT(*) of a (limited) subquery's rows."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) AS counted)"
    output_field = IntegerField()


def seen_up_to(user: User, post: Post, last_comment_id: int | None) -> int | None:
    """The id of the newest comment this member has seen on the post (from their read mark,
    None when there is none), or None when they have never opened it (nor marked
    everything read since it was published)."""
    watermark = user.all_read_comment_id if (
        user.all_read_at and post.published_at and post.published_at <= user.all_read_at) else None
    if last_comment_id is None:
        return watermark
    return max(last_comment_id, watermark or 0)


def _is_new(user: User, post: Post) -> bool:
    """Never opened since published, published after the member joined (and after they
    last marked everything read), and not theirs."""
    after = max(user.date_joined, user.all_read_at) if user.all_read_at else user.date_joined
    return post.author_id != user.pk and post.published_at is not None and \
        post.published_at > after


def annotate_unread(user: Viewer, posts: Iterable[Post]) -> list[Post]:
    """Set `unread_count` (new comments since the last visit; `unread_more` when the list
    counted only UNREAD_SHOWN + 1 of them) and `is_new` on each post: none when the posts
    come `with_unread`, else two queries at most, whatever the number
    of posts."""
    posts = list(posts)
    for post in posts:
        post.unread_count, post.is_new, post.unread_more = 0, False, False
    if not _member(user) or not posts:
        return posts
    if all(hasattr(post, "my_unread") for post in posts):  # with_unread: no query at all
        for post in posts:
            if post.my_seen == -1:
                post.is_new = _is_new(user, post)
            else:
                post.unread_count = post.my_unread
                post.unread_more = post.my_unread > UNREAD_SHOWN
        return posts
    marks = {mark.post_id: mark for mark in ReadMark.objects.filter(
        user=user, post_id__in={post.pk for post in posts})}
    since = {}
    for post in posts:
        mark = marks.get(post.pk)
        seen = seen_up_to(user, post, mark.last_comment_id if mark else None)
        if seen is None:
            post.is_new = _is_new(user, post)
        elif post.comment_count:
            since[post.pk] = seen
    if since:
        condition = Q()
        for post_id, seen in since.items():
            condition |= Q(post_id=post_id, id__gt=seen)
        counts = dict(Comment.objects.public().filter(condition).exclude(author=user)
                      .values("post_id").annotate(n=Count("id")).values_list("post_id", "n"))
        for post in posts:
            post.unread_count = counts.get(post.pk, 0)
    return posts


class StoryReading:
    """What a member's story page needs: the mark read before this view, which comments are
    new, where the first new one is. Writes the new mark with `mark_seen`."""

    def __init__(self, user: User | AnonymousUser, post: Post) -> None:
        self.user, self.post = user, post
        self.last_read: int | None = None  # the member's read mark before this view; None: no mark
        self.seen: int | None = None
        self.first_unread_id: int | None = None
        if not _member(user):
            return
        if hasattr(post, "my_read_up_to"):  # with_member_state
            self.last_read = post.my_read_up_to
        else:
            self.last_read = (ReadMark.objects.filter(user=user, post=post)
                              .values_list("last_comment_id", flat=True).first())
        self.seen = seen_up_to(user, post, self.last_read)
        if self.seen is None or not post.comment_count:
            return
        if hasattr(post, "my_first_unread"):  # with_member_state
            self.first_unread_id = post.my_first_unread
        else:
            self.first_unread_id = (
                Comment.objects.public().filter(post=post, id__gt=self.seen)
                .exclude(author=user).order_by("id").values_list("id", flat=True).first())

    def is_new(self, comment: Comment) -> bool:
        """For the thread HTML: a public comment by someone else, after what was seen."""
        return self.seen is not None and comment.pk > self.seen and \
            comment.author_id != self.user.pk

    def jump_url(self, shown_ids: Collection[int], *, page_number: int = 1) -> str | None:
        """Where "Jump to the first new comment" goes: #first-unread on this page, or the
        page (or folded thread) holding it; None when nothing is new."""
        if self.first_unread_id is None:
            return None
        if self.first_unread_id in shown_ids:
            return "#first-unread"
        where, value = self._location_of_first_unread(self.first_unread_id)
        if where == "thread":
            return f"{reverse('comment_thread', args=[value])}#first-unread"
        base = reverse("post_detail", args=[self.post.slug])
        return f"{base}?page={value}#first-unread" if value > 1 else f"{base}#first-unread"

    def _location_of_first_unread(self, first_unread_id: int) -> tuple[str, int]:
        """`threads.location` of the first new comment. Every member without comments
        waiting here sees the same threads, so where a comment sits is stored under the
        post's versions (posts/thread_cache.py read them): two queries saved per visit."""
        def locate() -> tuple[str, int]:
            comment = Comment.objects.only("id", "path", "post_id").get(pk=first_unread_id)
            return location(comment, self.user)

        versions = getattr(self.post, "versions_read", None)
        if versions is None or getattr(self.post, "my_waiting", True) is not False:
            return locate()
        key = f"jump-v1:{self.post.pk}:{versions[0]}:{versions[1]}:{first_unread_id}"
        return remembered(key, locate, JUMP_TTL, what="jump")

    def mark_seen(self, shown_ids: Iterable[int]) -> None:
        """One upsert when the member saw something newer (or opened the post at all)."""
        if not _member(self.user):
            return
        newest = max(shown_ids, default=0)
        if self.last_read is not None and newest <= self.last_read:
            return
        newest = max(newest, self.last_read or 0)
        ReadMark.objects.bulk_create(
            [ReadMark(user=self.user, post=self.post, last_comment_id=newest,
                      read_at=timezone.now())],
            update_conflicts=True, unique_fields=["user", "post"],
            update_fields=["last_comment_id", "read_at"])


def mark_all_read(user: User) -> None:
    """Everything published and commented until now counts as read: one read, one write."""
    newest = Comment.objects.aggregate(newest=Max("id"))["newest"] or 0
    user.all_read_comment_id, user.all_read_at = newest, timezone.now()
    user.save(update_fields=["all_read_comment_id", "all_read_at"])
