"""Versions naming what a cached page or its data was built from: `site`, `lists` and one per
post. Writes bump them in the model layer (signals in cache_hooks, `VersionedQuerySet`), at
once and again on commit; the code version names the code. See docs/architecture.md#caches."""

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


@lru_cache(maxsize=1)
def code_version():
    """In every key that holds pages or their data: `KINDRED_CODE_VERSION` when a release names
    itself, else a digest of the project's packages and its template and static folders
    (settings: a test's own template folder counts too), read once per process."""
    if named := getattr(settings, "KINDRED_CODE_VERSION", ""):
        return named
    base = Path(settings.BASE_DIR)
    folders = [base / name for name in sorted(os.listdir(base))
               if name != "tests" and (base / name / "__init__.py").exists()]
    folders += [Path(folder) for engine in settings.TEMPLATES for folder in engine["DIRS"]]
    folders += [Path(folder[1] if isinstance(folder, tuple) else folder)
                for folder in settings.STATICFILES_DIRS]  # (prefix, path) or path
    digest = hashlib.sha256()
    for folder in folders:
        for root, dirs, files in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__")))
            for path in sorted(Path(root, name) for name in files):
                if path.suffix in _CODE_SUFFIXES:
                    digest.update(str(path).encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def post_key(slug):
    return f"kv:post:{slug}"


def _set_versions(keys):
    try:
        cache.set_many(dict.fromkeys(keys, time.time_ns()), timeout=None)
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
            start = time.time_ns()
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
    """`cache.get_or_set`; a cache that is down is logged (`what` names the cache) and
    `compute()` answers, unstored."""
    try:
        return cache.get_or_set(key, compute, ttl)
    except Exception:
        logger.warning("The %s cache is unavailable", what, exc_info=True)
        return compute()


_M = TypeVar("_M", bound=models.Model)


class VersionedQuerySet(models.QuerySet[_M]):
    """`update()` on posts, comments and votes bumps the pages of the posts it touched;
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

