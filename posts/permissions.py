"""Who may do what with content. Services call these; templates only mirror them."""

from accounts.refusals import Refused
from accounts.write_checks import ensure_can_write

__all__ = ["can_edit_post", "ensure_can_change_comment", "ensure_can_comment",
           "ensure_can_edit_post", "ensure_can_write"]


def can_edit_post(user, post):
    """Only the author changes their words. Moderators act through moderation instead, so
    that every act is logged, told to the author and can be appealed."""
    return bool(user and user.is_authenticated and post.author_id == user.id)


def ensure_can_edit_post(user, post):
    if not can_edit_post(user, post):
        if user and user.is_authenticated and user.is_moderator:
            raise Refused("Only the author can change this post. Moderators hide or remove "
                          "it from its “Moderate” page, with reasons the author is told "
                          "and can appeal.", status=403)
        raise Refused("Only the author can change this post.", status=403)
    if post.status == post.Status.REMOVED:
        raise Refused("This post was removed by a moderator and cannot be changed.",
                      status=403)


def ensure_can_comment(user, post):
    ensure_can_write(user)
    if post.status != post.Status.PUBLISHED:
        raise Refused("This post is not open for comments.", status=403)
    if post.is_locked:
        raise Refused("This post is locked. You can still read the conversation, but new "
                      "comments and replies are closed.", status=403)


def ensure_can_change_comment(user, comment):
    """Members change only their own words; moderators act through moderation instead."""
    if not (user and user.is_authenticated and comment.author_id == user.id):
        raise Refused("Only the person who wrote a comment can change it.", status=403)
    if comment.status not in (comment.Status.VISIBLE, comment.Status.PENDING):
        raise Refused("This comment can no longer be changed.", status=403)
