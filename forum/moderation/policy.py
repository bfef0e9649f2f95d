"""Rules that apply before anything is published: rate limits, new-member review, links,
and the crisis check."""

import logging
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from posts.rendering import render_markdown

logger = logging.getLogger("kindred.rate_limits")
_cache_error_logged_at = -60.0


class RateLimited(Exception):
    """Too many of one action in a short time (shown with a 429, the text kept)."""


class ContentRefused(Exception):
    """Content the member can fix (shown with a 400, the text kept)."""


def check_rate(user, action):
    if not settings.KINDRED_RATE_LIMITS or getattr(user, "is_moderator", False):
        return
    limit, window = settings.KINDRED_RATE_LIMIT_RULES[action]
    bucket = int(timezone.now().timestamp() // window)
    key = f"rate:{action}:{user.pk}:{bucket}"
    count = _count(key, window)
    if count is not None and count > limit:
        raise RateLimited(f"You have reached the limit of {limit} for now. Please wait a "
                          "little and try again; your text is kept below.")


def _count(key, window):
    """This action's count in its window; None if the cache cannot say (fail open: a
    member's words are never refused because a cache is down)."""
    global _cache_error_logged_at
    try:
        cache.add(key, 0, window)
        return cache.incr(key)
    except Exception as error:  # any cache backend, any failure
        now = time.monotonic()
        if now - _cache_error_logged_at >= 60:  # once a minute, not once a request
            _cache_error_logged_at = now
            logger.error("Rate limits are open: the cache failed (%r)", error)
        return None


def needs_review(user):
    """New members' first KINDRED_NEW_MEMBER_REVIEW contributions wait for a moderator."""
    required = settings.KINDRED_NEW_MEMBER_REVIEW
    return required > 0 and not user.is_moderator and user.approved_contributions < required


def check_links(user, text):
    if settings.KINDRED_NEW_MEMBER_REVIEW <= 0 or user.is_moderator:
        return
    if user.approved_contributions > 0:
        return
    allowed = settings.KINDRED_NEW_MEMBER_LINKS
    if render_markdown(text).count("<a ") > allowed:
        raise ContentRefused(
            "New members can't include links until a moderator has approved one of their "
            "posts or comments. Please remove the links for now." if allowed == 0 else
            f"New members can include at most {allowed} link(s) until a moderator has "
            "approved one of their posts or comments."
        )


def _phrase_pattern():
    phrases = sorted(settings.KINDRED_CRISIS_PHRASES, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(p) for p in phrases) + r")\b", re.IGNORECASE)


def suggests_crisis(*texts):
    if not settings.KINDRED_CRISIS_PHRASES:
        return False
    normalised = " ".join(t for t in texts if t).replace("\u2019", "'")
    return bool(_phrase_pattern().search(normalised))
