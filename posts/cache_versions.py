"""Versions naming what a cached page or its data was built from: `site`, `lists` and one per
post, plus the code version. They live in the database with the data (`PageVersion`): a bump
is an INSERT in the transaction that changes the data (once per atomic block, and again after
the commit, which prunes), so a page built before a change is never current after it,
whatever the cache did. Writes bump in the model layer (signals in cache_hooks,
`VersionedQuerySet`). See docs/architecture.md#caches."""

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


def _new_version():
    return time.time_ns()


def _insert_versions(keys):
    from .models import PageVersion

    version = _new_version()
    PageVersion.objects.bulk_create([PageVersion(key=key, version=version) for key in keys])
    return version


def _bump_again_and_prune(keys):
    from .models import PageVersion

    try:
        version = _insert_versions(keys)
        PageVersion.objects.filter(key__in=keys, version__lt=version)._raw_delete(
            PageVersion.objects.db)
    except Exception:  # the data and its first bump are committed; this one is a refinement
        logger.warning("Could not bump the page versions %s again after a commit", keys,
                       exc_info=True)


class _Pending:
    """The keys bumped in the current atomic block: each is inserted once, however many rows
    of the block touch it (other connections see them all at the commit, together), and
    all are bumped again, and pruned, after the commit. A block nested inside (a savepoint)
    has its own, so what it bumps is seen by later reads of the same connection too."""

    def __init__(self, savepoints):
        self.keys = set()
        self.savepoints = savepoints

    def __call__(self):
        _bump_again_and_prune(sorted(self.keys))


def _pending_bumps(connection):
    """This atomic block's _Pending: registered with on_commit when its first key is bumped. A
    rollback drops the callback, and with it the record of what the block bumped."""
    savepoints = tuple(connection.savepoint_ids)
    pending = getattr(connection, "kindred_pending_bumps", None)
    if pending is None or pending.savepoints != savepoints or not any(
            func is pending for _, func, _ in connection.run_on_commit):
        pending = connection.kindred_pending_bumps = _Pending(savepoints)
        transaction.on_commit(pending)
    return pending


def bump(*keys):
    keys = {key for key in keys if key}
    if not keys:
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block:  # autocommit: the data is committed already
        _bump_again_and_prune(sorted(keys))
        return
    pending = _pending_bumps(connection)
    new = keys - pending.keys
    if new:
        _insert_versions(sorted(new))  # with the data: committed, or rolled back, together
        pending.keys |= new


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
    """The version of each key, from the database (0 for a key never bumped): one query."""
    from .models import PageVersion

    found = dict(PageVersion.objects.filter(key__in=keys).order_by().values("key")
                 .annotate(newest=models.Max("version")).values_list("key", "newest"))
    return [found.get(key, 0) for key in keys]


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

