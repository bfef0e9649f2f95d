"""Following one post: watching (every new comment), normal, or muted (nothing at all)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from plumbing.refusals import Refused

from ..models import Post, PostFollow

if TYPE_CHECKING:
    from accounts.models import User
    from accounts.types import Viewer

LEVELS = {level.value for level in PostFollow.Level}


def follow_level(user: Viewer, post: Post) -> str | None:
    """The member's level on this post: their choice, else watching for the author."""
    if not (user and user.is_authenticated):
        return None
    if hasattr(post, "my_follow"):  # posts.reading.with_member_state
        chosen = post.my_follow
    else:
        chosen = (PostFollow.objects.filter(user=user, post=post)
                  .values_list("level", flat=True).first())
    if chosen:
        return chosen
    return PostFollow.Level.WATCHING if post.author_id == user.pk else PostFollow.Level.NORMAL


def set_post_follow(*, user: User, post: Post, level: str | None) -> str:
    if not (user and user.is_authenticated):
        raise Refused("Please log in to follow a post.", status=403)
    if level not in LEVELS:
        raise Refused("Choose how to follow this post: watching, normal or muted.")
    if not Post.objects.visible_to(user).filter(pk=post.pk).exists():
        raise Refused("This post is not available.", status=404)
    PostFollow.objects.update_or_create(user=user, post=post, defaults={"level": level})
    return level


def watch_after_commenting(user: User, post: Post) -> None:
    """Commenting makes the member watch the post, if their setting says so; a level they
    chose before (normal, muted) stays. One INSERT that does nothing when a row exists."""
    if not getattr(user, "watch_on_comment", False):
        return
    PostFollow.objects.bulk_create(
        [PostFollow(user=user, post=post, level=PostFollow.Level.WATCHING)],
        ignore_conflicts=True)
