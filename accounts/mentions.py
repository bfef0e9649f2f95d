"""Who can be mentioned with an @handle: active members whose profile is not hidden.

One rule for the links written into posts and comments at save time (posts/rendering.py)
and for the handles offered while typing (`/u/suggest/`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db.models.functions import Lower

from .models import User

if TYPE_CHECKING:
    from django.db.models import QuerySet

# The same shape the mention notifications look for (forum/notifications/services.py).
MENTION = re.compile(r"(?<![\w@])@([A-Za-z0-9_-]{3,30})\b")
MAX_LINKED = 50  # handles looked up per text: bounds the one query
SUGGESTIONS = 8
PREFIX = re.compile(r"[A-Za-z0-9_-]{1,30}")


def mentionable() -> QuerySet[User]:
    return User.objects.filter(is_active=True).exclude(
        profile_visibility=User.Visibility.HIDDEN)


def mentioned_handles(text: str | None) -> list[str]:
    """The handles a text mentions, lower case, at most MAX_LINKED of them."""
    return sorted({match.lower() for match in MENTION.findall(text or "")})[:MAX_LINKED]


def linkable_handles(handles: Iterable[str]) -> dict[str, str]:
    """{lower-case handle: handle as the member spells it} for those that may be linked,
    in one query."""
    if not handles:
        return {}
    rows = (mentionable().annotate(handle_lower=Lower("username"))
            .filter(handle_lower__in=list(handles)).values_list("handle_lower", "username"))
    return dict(rows)


def suggest_handles(prefix: str | None, *, exclude_id: int | None = None) -> list[str]:
    """Up to eight handles starting with `prefix` (case ignored, a leading @ allowed);
    nothing for anything that cannot start a handle."""
    prefix = (prefix or "").strip().removeprefix("@")
    if not PREFIX.fullmatch(prefix):
        return []
    members = (mentionable().annotate(handle_lower=Lower("username"))
               .filter(handle_lower__startswith=prefix.lower()))
    if exclude_id is not None:
        members = members.exclude(pk=exclude_id)
    return list(members.order_by("handle_lower").values_list("username", flat=True)
                [:SUGGESTIONS])
