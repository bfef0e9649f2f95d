from __future__ import annotations

from typing import TYPE_CHECKING, Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from accounts.blocking import blocked_ids

from ..cache_versions import VersionedQuerySet
from .posts import Post

if TYPE_CHECKING:
    from accounts.types import Viewer

PATH_SEGMENT = 10  # zero-padded ids: '0000000042/0000000107' sorts in reading order


def path_segment(comment_id: int) -> str:
    return f"{comment_id:0{PATH_SEGMENT}d}"


class CommentQuerySet(VersionedQuerySet["Comment"]):
    """Who sees which comment is written here once; views and templates ask, never compare."""

    post_slug_field = "post__slug"

    def public(self) -> Self:
        """What any reader may see of a comment's words: visible comments only."""
        return self.filter(status=Comment.Status.VISIBLE)

    def listed_for(self, user: Viewer) -> Self:
        """Public comments on posts this person may read, for lists (profiles, saved); a
        reply under a post its author deleted stays listed with its author's words."""
        listed = self.public().filter(post__in=Post.objects.readable_for(user).values("pk"))
        if user is not None and user.is_authenticated:
            listed = listed.exclude(author__in=blocked_ids(user))
        return listed

    def waiting_for_review(self) -> Self:
        return self.filter(status=Comment.Status.PENDING)

    def not_deleted_by_author(self) -> Self:
        """What the authors still stand by: everything but their own deletions."""
        return self.exclude(status=Comment.Status.DELETED)

    def helped(self) -> Self:
        """Public replies the asker marked as helpful, in the order they were marked."""
        return self.public().filter(helped_at__isnull=False).order_by("helped_at", "id")

    def taken_down(self) -> Self:
        """Hidden or removed by a moderator: what the moderators' restore list shows."""
        return self.filter(status__in=Comment.TAKEN_DOWN_STATUSES)

    def displayable_to(self, user: Viewer) -> Self:
        """Comments that appear in a thread for this person: visible ones, tombstones that
        still hold replies, and the person's own comments that wait for review."""
        shown = Q(status=Comment.Status.VISIBLE) | Q(
            status__in=Comment.TOMBSTONE_STATUSES, reply_count__gt=0
        )
        if user is not None and user.is_authenticated:
            shown |= Q(status=Comment.Status.PENDING, author=user)
        return self.filter(shown)


class CommentStates:
    """A comment's state in words, for anything carrying a `status` (a Comment, or a thread
    row in posts/threads.py), so no view or template compares status strings."""

    __slots__ = ()
    status: str  # provided by the class this is mixed into

    @property
    def is_public(self) -> bool:
        return self.status == Comment.Status.VISIBLE

    @property
    def is_waiting_for_review(self) -> bool:
        return self.status == Comment.Status.PENDING

    @property
    def is_deleted(self) -> bool:
        return self.status == Comment.Status.DELETED

    @property
    def is_removed(self) -> bool:
        return self.status == Comment.Status.REMOVED

    @property
    def is_hidden(self) -> bool:
        return self.status == Comment.Status.HIDDEN

    @property
    def is_tombstone(self) -> bool:
        return self.status in Comment.TOMBSTONE_STATUSES

    @property
    def is_taken_down(self) -> bool:
        """Hidden or removed by a moderator (`CommentQuerySet.taken_down`): what a moderator
        may restore."""
        return self.status in Comment.TAKEN_DOWN_STATUSES

    @property
    def is_changeable(self) -> bool:
        """Its author may still edit or delete it (not once a moderator took it down)."""
        return self.status in (Comment.Status.VISIBLE, Comment.Status.PENDING)


class Comment(CommentStates, models.Model):
    """A comment or reply. The tree is stored flat: `path` orders a thread in one query."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for review"
        VISIBLE = "visible", "Visible"
        HIDDEN = "hidden", "Hidden by a moderator"
        REMOVED = "removed", "Removed by a moderator"
        DELETED = "deleted", "Deleted by its author"

    # Shown as a placeholder while they still hold replies, so threads stay readable.
    TOMBSTONE_STATUSES = (Status.REMOVED, Status.DELETED, Status.HIDDEN)
    TAKEN_DOWN_STATUSES = (Status.HIDDEN, Status.REMOVED)

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="comments")
    # Indexed by comment_replies below, for replies only: an index that also held every
    # top-level comment (parent_id IS NULL) tempted PostgreSQL to walk half the table.
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children",
        db_index=False,
    )
    # The top-level comment of this thread (itself for a top-level comment).
    root = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="+",
        db_index=False,
    )
    depth = models.PositiveSmallIntegerField(default=0)
    path = models.CharField(max_length=200, blank=True)
    # Set when a reply deeper than the nesting cap was attached at the cap.
    reply_to_name = models.CharField(max_length=150, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="comments",
    )
    author_name = models.CharField(max_length=150)
    body = models.TextField(blank=True)
    body_html = models.TextField(blank=True, editable=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.VISIBLE)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    edited_at = models.DateTimeField(null=True, blank=True)
    # Direct replies that show in the thread (visible ones and tombstones holding replies).
    reply_count = models.PositiveIntegerField(default=0)
    # Set when the asker (or a moderator) marked this reply "This helped me" (questions only).
    helped_at = models.DateTimeField(null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["root", "path"], name="comment_thread_order"),
            # Pages of top-level comments and their counts read only this index: it holds
            # what displayable_to() checks. They are ordered by path (for a top-level
            # comment, its zero-padded id), which no other index offers, so no plan walks
            # the primary key across the whole table looking for this post's comments.
            models.Index(fields=["post", "path", "id", "status", "reply_count", "author"],
                         name="comment_roots_shown", condition=Q(parent__isnull=True)),
            models.Index(fields=["parent", "id"], name="comment_replies",
                         condition=Q(parent__isnull=False)),
            models.Index(fields=["post", "author", "created_at"], name="comment_recent_by_author"),
            models.Index(fields=["post", "helped_at"], name="comment_helped",
                         condition=Q(helped_at__isnull=False)),
            # A member's first new comment on a story and the (capped) count of new ones in
            # lists (posts/reading.py): "this post, after the id they saw", one range.
            models.Index(fields=["post", "id"], name="comment_after_seen"),
            # "Has this member comments waiting for review here?" on every story page they
            # open: a few rows, not their thousands of published ones.
            # (Not partial: SQLite uses a partial index only for a literal, not a parameter.)
            models.Index(fields=["post", "author", "status"], name="comment_waiting"),
        ]

    def __str__(self) -> str:
        return f"Comment {self.pk} by {self.author_name}"

    def get_absolute_url(self) -> str:
        return reverse("comment_permalink", args=[self.pk])
