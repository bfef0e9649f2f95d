"""Avatars without uploads: a member's initials on a colour derived from their handle.

The colour is one of a fixed palette of tokens per theme (`--avatar-0` … `--avatar-7` in
static/css/tokens.css, each contrast-checked against `--avatar-ink`); the handle hashes to
an index, so a member looks the same on every page and every day. Former members and
profiles this reader may not see get the neutral avatar. Pure functions: posts and forum
both call them."""

import hashlib
import re
from functools import lru_cache

from django.utils.html import format_html

PALETTE_SIZE = 8
_WORDS = re.compile(r"[^\W\d_]+")


# Pure and asked for every byline a page writes afresh: remembered per handle in the process
# (the HTML too; it is a SafeString, immutable).
@lru_cache(maxsize=4096)
def initials(handle):
    """'marion' -> 'M', 'marion_beck' -> 'MB', 'jo2' -> 'J'; no letters -> '?'."""
    words = _WORDS.findall(handle or "")
    return "".join(word[0] for word in words[:2]).upper() or "?"


@lru_cache(maxsize=4096)
def palette_index(handle):
    """Stable across processes and restarts (unlike hash()), the same for 'Marion' and 'marion'."""
    digest = hashlib.sha256((handle or "").casefold().encode()).digest()
    return digest[0] % PALETTE_SIZE


@lru_cache(maxsize=4096)
def avatar_html(handle, *, visible=True, size=""):
    """The avatar's HTML: decorative (the name always sits next to it), so hidden from
    screen readers. `visible=False` (a hidden profile, a former member) gives the neutral one."""
    size_class = f" avatar-{size}" if size else ""
    if not visible or not handle:
        return format_html('<span class="avatar avatar-neutral{}" aria-hidden="true"></span>',
                           size_class)
    return format_html('<span class="avatar avatar-{}{}" aria-hidden="true">{}</span>',
                       palette_index(handle), size_class, initials(handle))
