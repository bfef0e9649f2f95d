"""Who may do what with content. Services call these; templates only mirror them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from accounts.write_checks import ensure_can_write
from plumbing.refusals import Refused

if TYPE_CHECKING:
    from accounts.types import Viewer

    from .models import Comment, Post

__all__ = ["can_comment", "can_edit_post", "comment_refusal_reason", "ensure_can_change_comment",
           "ensure_can_comment", "ensure_can_edit_post", "ensure_can_write", "offers_reply",
           "can_mark_helped"]


def can_edit_post(user: Viewer, post: Post) -> bool:
    """Only the author changes their words. Moderators act through moderation instead, so
    that every act is logged, told to the author and can be appealed."""
    return bool(user and user.is_authenticated and post.author_id == user.id)


def ensure_can_edit_post(user: Viewer, post: Post) -> None:
    if not can_edit_post(user, post):
        if user and user.is_authenticated and user.is_moderator:
            raise Refused("Only the author can change this post. Moderators hide or remove "
                          "it from its “Moderate” page, with reasons the author is told "
                          "and can appeal.", status=403)
        raise Refused("Only the author can change this post.", status=403)
    if post.is_removed:
        raise Refused("This post was removed by a moderator and cannot be changed.",
                      status=403)


def _comment_refusal(user: Viewer, post: Post) -> Refused | None:
    """The one rule for writing a comment: the reason it is refused, or None."""
    try:
        ensure_can_write(user)
    except Refused as refusal:
        return refusal
    if post.is_deleted:
        return Refused("The author deleted this post. You can still read the replies, but "
                       "new comments and replies are closed.", status=403)
    if not post.is_published:
        return Refused("This post is not open for comments.", status=403)
    if post.is_locked:
        return Refused("This post is locked. You can still read the conversation, but new "
                       "comments and replies are closed.", status=403)
    return None


def can_comment(user: Viewer, post: Post) -> bool:
    """For views and templates: may this person write a comment or reply here now?"""
    return _comment_refusal(user, post) is None


def offers_reply(user: Viewer, post: Post) -> bool:
    """Show "Reply": to members who may comment, and to readers of an open post, who are
    asked to log in first."""
    if user and user.is_authenticated:
        return can_comment(user, post)
    return post.is_open_for_comments


def comment_refusal_reason(user: Viewer, post: Post) -> str:
    """Why a logged-in member cannot comment here now ("" if they can), shown in place of
    the form so nobody writes words that would be refused."""
    refusal = _comment_refusal(user, post)
    return refusal.message if refusal is not None and user and user.is_authenticated else ""


def ensure_can_comment(user: Viewer, post: Post) -> None:
    """For services: the same rule, refusing with the reason."""
    refusal = _comment_refusal(user, post)
    if refusal is not None:
        raise refusal


def ensure_can_change_comment(user: Viewer, comment: Comment) -> None:
    """Members change only their own words; moderators act through moderation instead."""
    if not (user and user.is_authenticated and comment.author_id == user.id):
        raise Refused("Only the person who wrote a comment can change it.", status=403)
    if not comment.is_changeable:
        raise Refused("This comment can no longer be changed.", status=403)


def can_mark_helped(user: Viewer, post: Post) -> bool:
    """Who marks the replies that helped on a question: its author, and moderators."""
    return bool(post.is_question and user and user.is_authenticated
                and (post.author_id == user.pk or user.is_moderator))


def can_read_history(user: Viewer, author_id: int | None) -> bool:
    """Earlier versions of a post or comment: its author and moderators only."""
    return bool(user and user.is_authenticated
                and (user.is_moderator or (author_id is not None and user.pk == author_id)))
