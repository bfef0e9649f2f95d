from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from .comments import Comment
from .posts import Post


class Revision(models.Model):
    """The words a post or comment had before one edit (title too, for posts). Only the
    author and moderators read them (posts.permissions.can_read_history): members edit to
    take something personal out, and readers must not be able to undo that."""

    post = models.ForeignKey(Post, null=True, blank=True, on_delete=models.CASCADE,
                             related_name="revisions")
    comment = models.ForeignKey(Comment, null=True, blank=True, on_delete=models.CASCADE,
                                related_name="revisions")
    title = models.CharField(max_length=200, blank=True)
    body = models.TextField()
    # Who replaced these words (the author: only authors edit).
    editor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(Q(post__isnull=False, comment__isnull=True)
                           | Q(post__isnull=True, comment__isnull=False)),
                name="revision_of_a_post_or_a_comment",
            ),
        ]
        indexes = [
            models.Index(fields=["post", "-created_at"], name="revision_post_latest"),
            models.Index(fields=["comment", "-created_at"], name="revision_comment_latest"),
        ]

    def __str__(self) -> str:
        return f"Revision {self.pk}"
