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
from .posts import (
    create_post,
    delete_post,
    others_replied,
    publish_disclaimer,
    remove_post_for_account_deletion,
    update_post,
)
from .tags import (
    approve_suggestion,
    decline_suggestion,
    merge_suggestion,
    set_follow,
    suggest_tag,
)

__all__ = [
    "remove_poll", "set_poll", "toggle_bookmark", "toggle_reaction", "vote", "approve_suggestion",
    "create_post", "decline_suggestion", "delete_comment", "delete_post", "edit_comment",
    "merge_suggestion", "others_replied", "post_comment", "publish_disclaimer",
    "remove_post_for_account_deletion", "set_follow", "set_post_follow", "suggest_tag",
    "toggle_helped", "update_post",
]
