"""A member's time zone: exact times show in it, with its name; readers get UTC.

`TimeZoneMiddleware` activates the member's zone for the request (Django's
`timezone.activate`), so templates' `|date`, `exact_time` and `posts.times.time_html` all
follow it. Relative times ("5 minutes ago") do not depend on it.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable
from datetime import UTC, datetime, tzinfo
from functools import lru_cache
from typing import TYPE_CHECKING

from django.utils import timezone

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

    from .types import Viewer

INVALID = "Choose a time zone from the list, for example Europe/London."


@lru_cache(maxsize=1)
def zone_names() -> list[str]:
    return sorted(zoneinfo.available_timezones() - {"localtime", "Factory"})


def zone_choices() -> list[tuple[str, str]]:
    return [("", "UTC (not set)")] + [(name, name.replace("_", " ")) for name in zone_names()]


@lru_cache(maxsize=1)
def _zone_set() -> frozenset[str]:
    return frozenset(zone_names())


def is_zone(name: str) -> bool:
    return name in _zone_set()  # every member's request asks: a set, not a 600-name list


def zone_label(value: datetime) -> str:
    """What to print after a time: the zone's abbreviation when it has one ("CET", "EST",
    "UTC"), otherwise its offset from UTC ("UTC+05:30")."""
    abbreviation = value.strftime("%Z")
    if abbreviation.isalpha():
        return abbreviation
    offset = value.strftime("%z")  # "+0530"
    return f"UTC{offset[:3]}:{offset[3:]}" if offset else "UTC"


def exact_time(value: datetime | None) -> str:
    """'3 March 2026, 14:05 CET': the date and time in the active zone, with its name."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    return f"{local.strftime('%-d %B %Y, %H:%M')} {zone_label(local)}"


def zone_of(user: Viewer) -> tzinfo:
    """The member's zone, or UTC (readers, members who did not choose, an unknown name)."""
    name = getattr(user, "time_zone", "") if user is not None and user.is_authenticated \
        else ""
    return zoneinfo.ZoneInfo(name) if name and is_zone(name) else UTC


class TimeZoneMiddleware:
    """Members' pages in their own zone; everyone else's (and cached pages) in UTC."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        timezone.activate(zone_of(getattr(request, "user", None)))
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
