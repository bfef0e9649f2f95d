"""Dates as people say them, in plain string building: a story page writes hundreds.

Used by the thread markup (posts/thread_html.py) and, as template tags, by forum.templatetags.
"""

from django.utils import timezone

from accounts.timezones import exact_time

_UNITS = [
    (365 * 24 * 3600, "year"), (30 * 24 * 3600, "month"), (7 * 24 * 3600, "week"),
    (24 * 3600, "day"), (3600, "hour"), (60, "minute"),
]


def relative(value, now=None):
    """'just now', '5 minutes ago', '10 months ago', '2 years ago' (one unit, like people say).

    Written out rather than via timesince(): a story page calls this hundreds of times.
    """
    if value is None:
        return ""
    seconds = ((now or timezone.now()) - value).total_seconds()
    for size, unit in _UNITS:
        if seconds >= size:
            count = int(seconds // size)
            return f"{count}\N{NO-BREAK SPACE}{unit}{'' if count == 1 else 's'} ago"
    return "just now"


def time_html(value, now=None, *, focusable=False, relative_text=None):
    """<time> with relative text; the exact date shows on hover and on keyboard focus (CSS),
    in the active time zone (the member's; UTC for readers).

    Plain string building (every part is ours: digits, month names, fixed words), because a
    story page writes hundreds of these. `relative_text` replaces "5 minutes ago" (the thread
    markup passes its own, filled in per request).
    """
    exact = exact_time(value)  # in the member's zone, with its name (accounts.timezones)
    tabindex = ' tabindex="0"' if focusable else ""
    said = relative(value, now) if relative_text is None else relative_text
    return (
        f'<time datetime="{value.isoformat()}" title="{exact}"{tabindex}>'
        f'{said}<span class="exact"> ({exact})</span></time>'
    )
