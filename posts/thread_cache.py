"""Members' story pages reuse one cached comment tree per post version, page and order.

The whole page of a member is theirs (their reactions, controls, CSRF token), but the tree
of comments it shows is the same for every member, except one who has comments of their own
waiting for review: they get a tree of their own, built afresh. The tree is stored under
the post's and the site's versions (cache_versions), so a change is seen at once; the
member's own state is added when the HTML is written (thread_html.ThreadRenderer).
"""

import logging
import re

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Page, Paginator

from . import cache_versions, pagination
from .community_queries import reaction_counts
from .models import Comment
from .threads import SORTS, ThreadPage, comment_ids, thread_page

logger = logging.getLogger(__name__)

TREE_TTL = 60 * 60
PAGE_NUMBER = re.compile(r"\d{1,5}")


def _shared_tree_key(post, page_number, sort):
    if page_number is not None and not PAGE_NUMBER.fullmatch(str(page_number)):
        return None  # odd page numbers are rendered, never stored
    sort = sort if sort in SORTS else "oldest"
    # A member's post from posts/story_post.py carries the versions it was read under.
    versions = getattr(post, "versions_read", None) or cache_versions.current_versions(
        [cache_versions.SITE, cache_versions.post_key(post.slug)])
    if versions is None:
        return None
    number = pagination.page_number(page_number)
    return f"threads-v3:{post.pk}:{versions[0]}:{versions[1]}:{number}:{sort}"


def _rebuild(stored, key):
    root_ids, count, more, number, threads, sort, counts = stored
    paginator = Paginator([], settings.KINDRED_COMMENTS_PER_PAGE)
    paginator.count = count  # the story's (capped) count of threads when the tree was stored
    paginator.more = more  # "Page 1 of more than 5", as the capped paginator says it
    return ThreadPage(page=Page(root_ids, number, paginator), threads=threads, sort=sort,
                      shared_key=key, reaction_counts=counts)


def _has_waiting(post, user):
    if hasattr(post, "my_waiting"):  # reading.with_member_state
        return post.my_waiting
    return Comment.objects.waiting_for_review().filter(post=post, author=user).exists()


def thread_page_for(post, user, *, page_number=None, sort="oldest"):
    """The page's tree and, when it is the shared one, the reaction counts of its comments
    (`ThreadPage.reaction_counts`: they change only with the post's version)."""
    if not user.is_authenticated or _has_waiting(post, user):
        return thread_page(post, user, page_number=page_number, sort=sort)
    key = _shared_tree_key(post, page_number, sort)
    try:
        stored = cache.get(key) if key else None
    except Exception:
        logger.warning("The thread cache is unavailable; building afresh", exc_info=True)
        key = stored = None
    if stored is not None:
        return _rebuild(stored, key)
    comments = thread_page(post, user, page_number=page_number, sort=sort)
    if key:
        comments.reaction_counts = reaction_counts(post, comment_ids(comments.threads))
        page = comments.page
        try:
            cache.set(key, (list(page.object_list), page.paginator.count,
                            getattr(page.paginator, "more", False), page.number,
                            comments.threads, comments.sort, comments.reaction_counts),
                      TREE_TTL)
        except Exception:
            logger.warning("Could not store a comment tree", exc_info=True)
        else:
            comments.shared_key = key
    return comments
