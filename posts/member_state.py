"""A member's own state on one post, for their story page (posts/story_post.py): the same
values as `reading.with_member_state`, in one plain SQL statement.

Building `with_member_state`'s query (five subqueries) costs the ORM about 3 ms of Python
per page, several times what the database spends on it; this statement is written once,
takes the member and the post as parameters, and runs on SQLite and PostgreSQL alike
(no GREATEST: "after what was seen" is "after the read mark and after the watermark").
`tests/posts/test_member_state.py` holds it to `with_member_state` case by case.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from django.db import connection

from .models import Comment, PostFollow, ReadMark
from .reading import seen_up_to

if TYPE_CHECKING:
    from django.db.models import Model

    from accounts.models import User

    from .models import Post


def _table(model: type[Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


@cache
def _statement() -> str:
    comments, marks, follows = _table(Comment), _table(ReadMark), _table(PostFollow)
    read_mark = (f"SELECT last_comment_id FROM {marks} "
                 f"WHERE post_id = %(post)s AND user_id = %(user)s")
    return (
        f"SELECT ({read_mark}), "
        f"EXISTS(SELECT 1 FROM {comments} WHERE post_id = %(post)s AND author_id = %(user)s "
        f"AND status = %(pending)s), "
        f"(SELECT level FROM {follows} WHERE post_id = %(post)s AND user_id = %(user)s), "
        f"(SELECT id FROM {comments} WHERE post_id = %(post)s AND status = %(visible)s "
        f"AND id > COALESCE(({read_mark}), -1) AND id > %(watermark)s "
        f"AND (author_id IS NULL OR author_id <> %(user)s) ORDER BY id LIMIT 1)"
    )


def member_state(*, user: User, post: Post) -> dict[str, Any]:
    """{attribute: value} as `with_member_state` sets them on the post: `my_read_up_to`,
    `my_waiting`, `my_follow`, `my_seen` (-1: never opened) and `my_first_unread`."""
    watermark = seen_up_to(user, post, None)
    watermark = -1 if watermark is None else watermark
    with connection.cursor() as cursor:
        cursor.execute(_statement(), {
            "post": post.pk, "user": user.pk, "watermark": watermark,
            "pending": Comment.Status.PENDING.value, "visible": Comment.Status.VISIBLE.value,
        })
        read_up_to, waiting, follow, first_unread = cursor.fetchone()
    return {
        "my_read_up_to": read_up_to, "my_waiting": bool(waiting), "my_follow": follow,
        "my_seen": max(-1 if read_up_to is None else read_up_to, watermark),
        "my_first_unread": first_unread,
    }
