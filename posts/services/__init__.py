"""Writes. One function per action; each checks permission and acts in one transaction."""

from .comments import delete_comment, edit_comment, post_comment
from .community import (
    remove_poll,
    set_poll,
    toggle_bookmark,
    toggle_reaction,
    vote,
)
from .follows import set_post_follow
from .helped import toggle_helped
from .posts import create_post, delete_post, publish_disclaimer, update_post
from .tags import (
    approve_suggestion,
    decline_suggestion,
    merge_suggestion,
    set_follow,
    suggest_tag,
)

__all__ = [
    "remove_poll", "set_poll", "toggle_bookmark", "toggle_reaction", "vote",
    "approve_suggestion", "create_post", "decline_suggestion",
    "delete_comment", "delete_post", "edit_comment", "merge_suggestion", "post_comment",
    "publish_disclaimer", "set_follow", "set_post_follow", "suggest_tag", "toggle_helped",
    "update_post",
]
