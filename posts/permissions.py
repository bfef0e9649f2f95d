"""Who may do what with content. Services call these; templates only mirror them."""

from django.core.exceptions import PermissionDenied


def can_edit_post(user, post):
    """Only the author changes their words. Moderators act through moderation instead, so
    that every act is logged, told to the author and can be appealed."""
    return bool(user and user.is_authenticated and post.author_id == user.id)


def ensure_can_write(user):
    if not (user and user.is_authenticated):
        raise PermissionDenied("Please log in to write.")
    if not user.is_active:
        raise PermissionDenied("This account cannot write.")
    if user.is_silenced:
        until = user.silenced_until.strftime("%-d %B %Y, %H:%M UTC")
        raise PermissionDenied(f"A moderator has paused your posting until {until}. You can "
                               "still read, and you can appeal from your notifications.")


def ensure_can_edit_post(user, post):
    if not can_edit_post(user, post):
        if user and user.is_authenticated and user.is_moderator:
            raise PermissionDenied("Only the author can change this post. Moderators hide or "
                                   "remove it from its “Moderate” page, with reasons the "
                                   "author is told and can appeal.")
        raise PermissionDenied("Only the author can change this post.")
    if post.status == post.Status.REMOVED:
        raise PermissionDenied("This post was removed by a moderator and cannot be changed.")


def ensure_can_comment(user, post):
    ensure_can_write(user)
    if post.status != post.Status.PUBLISHED:
        raise PermissionDenied("This post is not open for comments.")
    if post.is_locked:
        raise PermissionDenied(
            "This post is locked. You can still read the conversation, but new comments "
            "and replies are closed."
        )


def ensure_can_change_comment(user, comment):
    """Members change only their own words; moderators act through moderation instead."""
    if not (user and user.is_authenticated and comment.author_id == user.id):
        raise PermissionDenied("Only the person who wrote a comment can change it.")
    if comment.status not in (comment.Status.VISIBLE, comment.Status.PENDING):
        raise PermissionDenied("This comment can no longer be changed.")
