"""A story page's comment rows and reaction counts, stored as data.

Every reader without comments of their own waiting for review sees the same rows on a page
of a post, so they are stored under the code version and the site's and the post's
versions (cache_versions): a change, or a deploy, is seen at once. Nothing of any reader is
in them; each reader's state is added per request (posts/thread_view.py). A reader with
comments waiting gets rows built for them alone; a dead cache builds them afresh.
"""

import re

from django.conf import settings
from django.core.paginator import Page, Paginator

from . import cache_versions, pagination
from .community_queries import reaction_counts
from .models import Comment
from .threads import SORTS, ThreadPage, comment_ids, thread_page

TREE_TTL = 60 * 60
PAGE_NUMBER = re.compile(r"\d{1,5}")


def _key(post, versions, page_number, sort):
    number = pagination.page_number(page_number)
    return (f"thread-rows:{cache_versions.code_version()}:{post.pk}:{versions[0]}:"
            f"{versions[1]}:{number}:{sort}")


def _has_waiting(post, user):
    if hasattr(post, "my_waiting"):  # reading.with_member_state
        return post.my_waiting
    return Comment.objects.waiting_for_review().filter(post=post, author=user).exists()


def _built(post, user, page_number, sort):
    comments = thread_page(post, user, page_number=page_number, sort=sort)
    comments.reaction_counts = reaction_counts(post, comment_ids(comments.threads))
    return comments


def _stored(comments):
    page = comments.page
    return (list(page.object_list), page.paginator.count, getattr(page.paginator, "more", False),
            page.number, comments.threads, comments.sort, comments.reaction_counts)


def _rebuilt(stored):
    root_ids, count, more, number, threads, sort, counts = stored
    paginator = Paginator([], settings.KINDRED_COMMENTS_PER_PAGE)
    paginator.count = count  # the story's (capped) count of threads when it was stored
    paginator.more = more  # "Page 1 of more than 5", as the capped paginator says it
    return ThreadPage(page=Page(root_ids, number, paginator), threads=threads, sort=sort,
                      reaction_counts=counts)


def thread_page_for(post, user, *, page_number=None, sort="oldest"):
    """The page's rows with `reaction_counts` filled in: stored for everyone who sees the
    same rows, built afresh for a member with comments waiting here and for odd page
    numbers."""
    sort = sort if sort in SORTS else "oldest"
    if (user.is_authenticated and _has_waiting(post, user)) or (
            page_number is not None and not PAGE_NUMBER.fullmatch(str(page_number))):
        return _built(post, user, page_number, sort)
    versions = cache_versions.current_versions(
        [cache_versions.SITE, cache_versions.post_key(post.slug)])
    post.versions_read = versions  # reading.StoryReading keys where a comment sits by them
    key = _key(post, versions, page_number, sort)
    stored = cache_versions.remembered(
        key, lambda: _stored(_built(post, user, page_number, sort)), TREE_TTL,
        what="thread rows")
    comments = _rebuilt(stored)
    comments.cache_key = key
    return comments
