"""Rules that apply before anything is published: rate limits, new-member review, links,
and the crisis check. Content owns them (it needs them at write time); moderation uses them."""

from __future__ import annotations

import logging
import re
import time
from datetime import timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.cache.backends.redis import RedisCache
from django.db import connection, transaction
from django.utils import timezone
from django.utils.connection import ConnectionProxy

from accounts.write_checks import check_link_count, may_link_freely
from plumbing.refusals import Refused

from . import events
from .models.limits import RateCount
from .rendering import render_markdown

if TYPE_CHECKING:
    from accounts.models import User

    from .models import Comment, Post

logger = logging.getLogger("kindred.rate_limits")
_cache_error_logged_at = -60.0


def check_rate(user: User, action: str) -> None:
    if not settings.KINDRED_RATE_LIMITS or getattr(user, "is_moderator", False):
        return
    check_rate_for(str(user.pk), action)


def check_rate_for(who: str, action: str) -> None:
    """`check_rate` for anyone named by `who` (a member's id, or "session:<key>" for a
    visitor who is not logged in)."""
    if not settings.KINDRED_RATE_LIMITS:
        return
    limit, window = settings.KINDRED_RATE_LIMIT_RULES[action]
    bucket = int(timezone.now().timestamp() // window)
    key = f"rate:{action}:{who}:{bucket}"
    count = _count(key, window)
    if count is not None and count > limit:
        raise Refused(f"You have reached the limit of {limit} for now. Please wait a "
                      "little and try again; your text is kept below.", status=429)


def _count(key: str, window: int) -> int | None:
    """This action's count in its window, raised by one atomic step: Redis INCR when the cache
    is Redis, else one statement on the database's counter table (the database cache's
    `incr` reads then writes, so requests at once would under-count). None if the store
    cannot say (fail open: a member's words are never refused because a store is down)."""
    global _cache_error_logged_at
    try:
        if _cache_is_redis():
            cache.add(key, 0, window)
            return cache.incr(key)
        return _count_in_database(key, window)
    except Exception as error:  # any cache backend or database, any failure
        now = time.monotonic()
        if now - _cache_error_logged_at >= 60:  # once a minute, not once a request
            _cache_error_logged_at = now
            logger.error("Rate limits are open: the counter store failed (%r)", error)
        return None


def _cache_is_redis() -> bool:
    backend = caches[DEFAULT_CACHE_ALIAS] if isinstance(cache, ConnectionProxy) else cache
    return isinstance(backend, RedisCache)


def _count_in_database(key: str, window: int) -> int:
    table = connection.ops.quote_name(RateCount._meta.db_table)
    now = timezone.now()
    # A savepoint: a failure here must not break the write it guards (PostgreSQL).
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (bucket, count, expires_at) VALUES (%s, 1, %s) "
            f"ON CONFLICT (bucket) DO UPDATE SET count = {table}.count + 1 RETURNING count",
            [key, now + timedelta(seconds=window)])
        count = int(cursor.fetchone()[0])
        if count == 1:  # a new window for this member: finished windows go
            cursor.execute(f"DELETE FROM {table} WHERE expires_at < %s", [now])
    return count


def needs_review(user: User) -> bool:
    """New members' first KINDRED_NEW_MEMBER_REVIEW contributions wait for a moderator."""
    required = settings.KINDRED_NEW_MEMBER_REVIEW
    return required > 0 and not user.is_moderator and user.approved_contributions < required


def check_links(user: User, text: str) -> None:
    """The new-member link limit (accounts.write_checks) on Markdown as it will be shown."""
    if not may_link_freely(user):
        check_link_count(user, render_markdown(text).count("<a "))


def _phrase_pattern() -> re.Pattern[str]:
    phrases = sorted(settings.KINDRED_CRISIS_PHRASES, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(p) for p in phrases) + r")\b", re.IGNORECASE)


def suggests_crisis(*texts: str | None) -> bool:
    if not settings.KINDRED_CRISIS_PHRASES:
        return False
    normalised = " ".join(t for t in texts if t).replace("\u2019", "'")
    return bool(_phrase_pattern().search(normalised))


def flag_if_at_risk[Item: (Post, Comment)](item: Item, *texts: str, post: Post,
                                           comment: Comment | None = None) -> Item:
    """When the words suggest their author may be at risk, mark `item.crisis_support` so the
    view shows them the helplines, and announce `crisis_words` (moderation files a crisis
    report at the top of its queue). The words stay visible."""
    at_risk = suggests_crisis(*texts)
    # A mark for the view after this write (posts/writing.py reads it), not a model field.
    item.crisis_support = at_risk  # type: ignore[attr-defined]
    if at_risk:
        events.crisis_words.announce(post=post, comment=comment)
    return item
