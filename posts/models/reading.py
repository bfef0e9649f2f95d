"""What each member has read of each post, and how closely they follow it."""

from __future__ import annotations

from functools import cache

from django.conf import settings
from django.db import connection, models

from accounts.statements import prepared_cursor

from .comments import Comment
from .community import Bookmark, Reaction


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


def _table(model: type[models.Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


@cache
def _member_state_statement() -> str:
    comments, marks, follows = _table(Comment), _table(ReadMark), _table(PostFollow)
    read_mark = (f"SELECT last_comment_id FROM {marks} "
                 f"WHERE post_id = %(post)s AND user_id = %(user)s")
    mine = "WHERE post_id = %(post)s AND user_id = %(user)s"
    return (
        f"SELECT ({read_mark}), "
        f"(EXISTS(SELECT 1 FROM {_table(Reaction)} {mine}) "
        f"OR EXISTS(SELECT 1 FROM {_table(Bookmark)} {mine})), "
        f"EXISTS(SELECT 1 FROM {comments} WHERE post_id = %(post)s AND author_id = %(user)s "
        f"AND status = %(pending)s), "
        f"(SELECT level FROM {follows} WHERE post_id = %(post)s AND user_id = %(user)s), "
        f"(SELECT id FROM {comments} WHERE post_id = %(post)s AND status = %(visible)s "
        f"AND id > COALESCE(({read_mark}), -1) AND id > %(watermark)s "
        f"AND (author_id IS NULL OR author_id <> %(user)s) ORDER BY id LIMIT 1)"
    )


def member_state_row(*, post_id: int, user_id: int, watermark: int
                     ) -> tuple[int | None, bool, bool, str | None, int | None]:
    """(read mark, has reacted to or saved anything here, has a comment waiting for review,
    follow level, first public comment by someone else after what was seen) in one plain
    SQL statement, which runs on SQLite and PostgreSQL alike. The comment states it asks
    for are stated here, with the models; posts/member_state.py turns the row into the
    page's attributes."""
    with prepared_cursor() as cursor:
        cursor.execute(_member_state_statement(), {
            "post": post_id, "user": user_id, "watermark": watermark,
            "pending": Comment.Status.PENDING.value, "visible": Comment.Status.VISIBLE.value,
        })
        read_up_to, marks, waiting, follow, first_unread = cursor.fetchone()
    return read_up_to, bool(marks), bool(waiting), follow, first_unread
