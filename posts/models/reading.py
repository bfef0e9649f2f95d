"""What each member has read of each post, and how closely they follow it."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ReadMark(models.Model):
    """The newest comment a member has seen on a post: one row per member and post,
    upserted when they open it (posts/reading.py). `last_comment_id` 0: opened, no comment
    seen yet."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="read_marks")
    post = models.ForeignKey("posts.Post", on_delete=models.CASCADE, related_name="+")
    last_comment_id = models.PositiveBigIntegerField(default=0)
    read_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "post"],
                                               name="one_read_mark_per_member_and_post")]

    def __str__(self) -> str:
        return f"{self.user_id} read {self.post_id} up to {self.last_comment_id}"


class PostFollow(models.Model):
    """A member's chosen level for one post. Without a row: authors watch their own posts,
    everyone else is "normal" (told of replies to them and mentions only)."""

    class Level(models.TextChoices):
        WATCHING = "watching", "Watching: tell me about every new comment"
        NORMAL = "normal", "Normal: tell me when someone replies to me or mentions me"
        MUTED = "muted", "Muted: never notify me about this post"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="post_follows")
    post = models.ForeignKey("posts.Post", on_delete=models.CASCADE, related_name="follows")
    level = models.CharField(max_length=10, choices=Level.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "post"],
                                               name="one_post_follow_per_member")]
        indexes = [models.Index(fields=["post", "level"], name="post_follow_level")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.level} {self.post_id}"
