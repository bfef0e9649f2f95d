"""A member's own state on one post, for their story page (posts/story_post.py): the same
values as `reading.with_member_state`, in one plain SQL statement.

Building `with_member_state`'s query (five subqueries) costs the ORM about 3 ms of Python
per page, several times what the database spends on it; this statement is written once,
takes the member and the post as parameters, and runs on SQLite and PostgreSQL alike
(no GREATEST: "after what was seen" is "after the read mark and after the watermark").
`tests/posts/test_member_state.py` holds it to `with_member_state` case by case.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .models.reading import member_state_row
from .reading import seen_up_to

if TYPE_CHECKING:
    from accounts.models import User

    from .models import Post


def member_state(*, user: User, post: Post) -> dict[str, Any]:
    """{attribute: value} as `with_member_state` sets them on the post: `my_read_up_to`,
    `my_marks` (reacted to or saved anything here), `my_waiting`, `my_follow`, `my_seen`
    (-1: never opened) and `my_first_unread`."""
    watermark = seen_up_to(user, post, None)
    watermark = -1 if watermark is None else watermark
    read_up_to, marks, waiting, follow, first_unread = member_state_row(
        post_id=post.pk, user_id=user.pk, watermark=watermark)
    return {
        "my_read_up_to": read_up_to, "my_marks": marks, "my_waiting": waiting,
        "my_follow": follow,
        "my_seen": max(-1 if read_up_to is None else read_up_to, watermark),
        "my_first_unread": first_unread,
    }
