"""The checks every write by a member passes, wherever it is written (a post, a comment, a
profile bio): may this person write at all, and may they include links yet.

They are about the person (active, silenced, trusted), so they live with people, the lowest
layer; content (posts) and the site (forum) call them, and accounts' own forms can too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import bleach
from django.conf import settings

from plumbing.refusals import Refused

from .timezones import exact_time

if TYPE_CHECKING:
    from .models import User
    from .types import Viewer


def ensure_can_write(user: Viewer) -> None:
    if not (user and user.is_authenticated):
        raise Refused("Please log in to write.", status=403)
    if not user.is_active:
        raise Refused("This account cannot write.", status=403)
    if user.is_silenced:
        until = exact_time(user.silenced_until)
        raise Refused(f"A moderator has paused your posting until {until}. You can still "
                      "read, and you can appeal from your notifications.", status=403)


def may_link_freely(user: User) -> bool:
    """Moderators, and members with at least one approved contribution (or no review)."""
    return (settings.KINDRED_NEW_MEMBER_REVIEW <= 0 or user.is_moderator
            or user.approved_contributions > 0)


def check_link_count(user: User, links: int) -> None:
    """Refuse more than KINDRED_NEW_MEMBER_LINKS links from a member nobody has approved yet."""
    allowed = settings.KINDRED_NEW_MEMBER_LINKS
    if may_link_freely(user) or links <= allowed:
        return
    raise Refused(
        "New members can't include links until a moderator has approved one of their "
        "posts or comments. Please remove the links for now." if allowed == 0 else
        f"New members can include at most {allowed} link(s) until a moderator has "
        "approved one of their posts or comments.")


def links_in_plain_text(text: str | None) -> int:
    """How many links a reader would see in plain text (web addresses, linkified)."""
    return bleach.linkify(bleach.clean(text or "", tags=set(), strip=True),
                          parse_email=False).count("<a ")
