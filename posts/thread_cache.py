"""A story page's comment rows and reaction counts, stored as data under the code, site and
post versions for every reader who sees the same rows (not one with comments waiting for
review); each reader's own state is added per request (posts/thread_view.py)."""

import re

from . import cache_versions, pagination
from .community_queries import reaction_counts
from .threads import SORTS, comment_ids, thread_page

TREE_TTL = 60 * 60
PAGE_NUMBER = re.compile(r"\d{1,5}")


def _key(post, versions, page_number, sort):
    number = pagination.page_number(page_number)
    return (f"thread-rows:{cache_versions.code_version()}:{post.pk}:{versions[0]}:"
            f"{versions[1]}:{number}:{sort}")


def _built(post, user, page_number, sort):
    comments = thread_page(post, user, page_number=page_number, sort=sort)
    comments.reaction_counts = reaction_counts(post, comment_ids(comments.threads))
    return comments


def _storable(comments):
    """The page with its ids and count in hand, no longer the queries that fetched them."""
    page = comments.page
    page.paginator.count  # noqa: B018 (counted now: the count is kept with the page)
    page.paginator.object_list, page.object_list = [], list(page.object_list)
    return comments


def thread_page_for(post, user, *, page_number=None, sort="oldest"):
    """The page's rows with `reaction_counts` filled in: stored for everyone who sees the
    same rows, built afresh for a member with comments waiting here (`my_waiting`, from
    reading.with_member_state) and for odd page numbers."""
    sort = sort if sort in SORTS else "oldest"
    if (user.is_authenticated and post.my_waiting) or (
            page_number is not None and not PAGE_NUMBER.fullmatch(str(page_number))):
        return _built(post, user, page_number, sort)
    versions = cache_versions.current_versions(
        [cache_versions.SITE, cache_versions.post_key(post.slug)])
    post.versions_read = versions  # reading.StoryReading keys where a comment sits by them
    key = _key(post, versions, page_number, sort)
    comments = cache_versions.remembered(
        key, lambda: _storable(_built(post, user, page_number, sort)), TREE_TTL,
        what="thread rows")
    comments.cache_key = key
    return comments
