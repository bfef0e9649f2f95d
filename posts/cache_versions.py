"""Version numbers that name what a cached page was built from, so a change is seen at once.

A cached page is stored under the versions of what it shows: the whole site (`site`: the
disclaimer, symptom tags, editorial pages, members' names and privacy), the lists of posts
(`lists`: home, tag pages, /tags/, feeds) and one post with its comments, reactions and poll
(`post:<slug>`). Changing any of them bumps its version, so the next reader's key misses
and the page is built afresh: invalidation is exact, never a matter of waiting for a TTL.

The bumps live in ONE place, the model layer (`posts.apps` connects them): `save` and
`delete` of every model a page shows (signals), and `update()` of the querysets that
services call for counters, statuses and locks (`VersionedQuerySet`). So any service,
today's or a rewritten one, invalidates by writing, and none has to remember to.

A bump happens twice: at once, and again when the transaction commits. The second one
closes the race where a reader builds the page from the data before the commit and stores
it under the version of the first bump. Cache errors never break a write or a read: they
are logged, and a read without versions is simply rendered.
"""

import hashlib
import logging
import os
import time
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import models, transaction

logger = logging.getLogger(__name__)

SITE = "kv:site"
LISTS = "kv:lists"
# A large change (a member's account deleted) bumps the whole site instead of every post.
MANY_POSTS = 100


_CODE_SUFFIXES = {".py", ".html", ".txt", ".css", ".js", ".svg", ".json"}


def _code_folders():
    """Where the running code lives: the project's Python packages, its template and static
    folders (settings), so a template of a test's own folder counts too."""
    base = Path(settings.BASE_DIR)
    folders = [base / name for name in sorted(os.listdir(base))
               if name != "tests" and (base / name / "__init__.py").exists()]
    folders += [Path(folder) for engine in settings.TEMPLATES for folder in engine["DIRS"]]
    folders += [Path(folder[1] if isinstance(folder, tuple) else folder)
                for folder in settings.STATICFILES_DIRS]  # (prefix, path) or path
    return folders


@lru_cache(maxsize=1)
def code_version():
    """Names the code that writes pages, in every cache key that holds pages or their data:
    a deploy (or a changed template) is served fresh at once. `KINDRED_CODE_VERSION` when
    set (a release names itself), else a digest of the code's files, read once per process."""
    named = getattr(settings, "KINDRED_CODE_VERSION", "")
    if named:
        return named
    digest = hashlib.sha256()
    for folder in _code_folders():
        for root, dirs, files in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__")))
            for name in sorted(files):
                path = Path(root, name)
                if path.suffix in _CODE_SUFFIXES:
                    digest.update(str(path).encode())
                    digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def post_key(slug):
    return f"kv:post:{slug}"


def _new_version():
    return time.time_ns()


def _set_versions(keys):
    try:
        version = _new_version()
        cache.set_many(dict.fromkeys(keys, version), timeout=None)
    except Exception:  # a dead cache must not break a write; pages then render afresh
        logger.warning("Could not bump the page-cache versions %s", keys, exc_info=True)


def bump(*keys):
    keys = [key for key in keys if key]
    if not keys:
        return
    _set_versions(keys)
    transaction.on_commit(lambda: _set_versions(keys))


def bump_site():
    bump(SITE, LISTS)


def bump_lists():
    bump(LISTS)


def bump_posts(slugs, *, lists=True):
    """A post (or its comments, reactions or poll) changed: its page and, by default, the
    lists that show it (titles, comment counts, order) are stale."""
    slugs = set(slugs)
    if len(slugs) > MANY_POSTS:
        bump_site()
        return
    bump(*(post_key(slug) for slug in slugs), LISTS if lists else None)


def bump_post_ids(post_ids, *, lists=True):
    from .models import Post

    post_ids = {pk for pk in post_ids if pk}
    if post_ids:
        bump_posts(Post.objects.filter(pk__in=post_ids).values_list("slug", flat=True),
                   lists=lists)


def current_versions(keys):
    """The version of each key (a missing one is started), or None when the cache is down."""
    try:
        found = cache.get_many(keys)
        missing = [key for key in keys if key not in found]
        if missing:
            start = _new_version()
            for key in missing:
                cache.add(key, start, timeout=None)  # add: never undo a bump made meanwhile
            found.update(cache.get_many(missing))
        if len(found) != len(keys):
            return None
        return [found[key] for key in keys]
    except Exception:
        logger.warning("The page cache is unavailable; rendering afresh", exc_info=True)
        return None


def remembered[T](key: str, compute: Callable[[], T], ttl: int, *, what: str) -> T:
    """What is stored under `key`, or `compute()` stored there for `ttl` seconds. A cache
    that is down is logged (`what` names the cache) and `compute()` answers, unstored."""
    try:
        stored = cache.get(key)
    except Exception:
        logger.warning("The %s cache is unavailable", what, exc_info=True)
        return compute()
    if stored is None:
        stored = compute()
        try:
            cache.set(key, stored, ttl)
        except Exception:
            logger.warning("Could not store in the %s cache", what, exc_info=True)
    return stored


_M = TypeVar("_M", bound=models.Model)


class VersionedQuerySet(models.QuerySet[_M]):
    """`update()` on posts, comments and votes bumps the pages of the posts it touched.

    `post_slug_field` names the path from the row to its post's slug."""

    post_slug_field = "slug"
    bumps_lists = True

    def update(self, **kwargs):
        slugs = list(self.order_by().values_list(self.post_slug_field, flat=True)
                     .distinct()[:MANY_POSTS + 1])
        rows = super().update(**kwargs)
        if rows:
            bump_posts(slugs, lists=self.bumps_lists)
        return rows

