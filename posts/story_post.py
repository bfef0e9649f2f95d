"""The post a member's story page shows: its shared part from the cache, their state in one
small query.

What every reader of a post sees of it (its fields, author, disclaimer, poll, tags and
whether replies helped) is stored under the post's and the site's versions
(cache_versions), the same versions the readers' page cache uses, so a change is seen at
once. Building that part took one large query (joins and subqueries that cost PostgreSQL
2–6 ms to plan) and the tags query; with it stored, a member pays one query on the post's
id for their own state (read mark, follow level, first new comment, comments waiting for
review: `member_state`, the values of `reading.with_member_state`). A miss costs what the
page cost before (the post with the member's state, and its tags) and stores the shared
part. Who may open the post
is checked on the post in hand (`Post.is_visible_to`, the rule of
`PostQuerySet.visible_to`), so a removed or withdrawn post stops showing the moment its
version changes. The author is stored with only what the page shows of them.
"""

from __future__ import annotations

import copy
import logging
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.http import Http404

from . import cache_versions
from .member_state import member_state
from .models import Post
from .reading import with_member_state

if TYPE_CHECKING:
    from accounts.models import User

logger = logging.getLogger(__name__)

POST_TTL = 60 * 60
MEMBER_STATE = ("my_read_up_to", "my_marks", "my_waiting", "my_follow", "my_seen",
                "my_first_unread")
# What the page shows of the author (a change to any bumps the site, see cache_hooks); the
# rest of the row is left deferred, so nothing else of theirs is stored or goes stale.
AUTHOR_FIELDS = ("id", "username", "profile_visibility", "is_active")


def _post_with_member_state(slug: str, user: User) -> Post:
    """The post (whoever may open it) with its shared part and the member's state: one
    query and the tags'."""
    user_fields = [field.name for field in get_user_model()._meta.concrete_fields
                   if field.name not in AUTHOR_FIELDS]
    posts = (Post.objects.select_related("disclaimer", "poll").with_tags()
             .defer(*(f"author__{name}" for name in user_fields)))
    post = with_member_state(posts, user).filter(slug=slug).first()
    if post is None:
        raise Http404("No post here.")
    list(post.tags.all())  # prefetched with the post, stored with it
    if not post.is_visible_to(user):
        raise Http404("No post here.")
    return post


def _shared_copy(post: Post) -> Post:
    """The post without this member's state, to store for every member."""
    shared = copy.copy(post)
    for name in (*MEMBER_STATE, "versions_read"):
        shared.__dict__.pop(name, None)
    return shared


def _add_member_state(post: Post, user: User) -> Post:
    if not post.is_visible_to(user):
        raise Http404("No post here.")
    for name, value in member_state(user=user, post=post).items():
        setattr(post, name, value)
    return post


def _versions(slug: str) -> list[int] | None:
    return cache_versions.current_versions([cache_versions.SITE, cache_versions.post_key(slug)])


def story_post_for_member(user: User, slug: str) -> Post | None:
    """The post with the member's state (`with_member_state`'s attributes): from the stored
    shared part and one query for the member's state; on a miss, the post read with their
    state (what the page cost before) and its shared part stored. None when the cache is
    down (the caller then reads it the usual way). 404 when it is not there or not theirs
    to open."""
    versions = _versions(slug)
    if versions is None:
        return None
    key = f"story-post-v1:{slug}:{versions[0]}:{versions[1]}"
    try:
        stored = cache.get(key)
    except Exception:
        logger.warning("The story post cache is unavailable; reading the post", exc_info=True)
        return None
    if stored is not None:
        post = _add_member_state(stored, user)
    else:
        post = _post_with_member_state(slug, user)
        try:
            cache.set(key, _shared_copy(post), POST_TTL)
        except Exception:
            logger.warning("Could not store a story post", exc_info=True)
    post.versions_read = versions  # the thread cache keys the tree by the same, read once
    return post

