import re

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from accounts.avatars import avatar_html

register = template.Library()


_UNITS = [
    (365 * 24 * 3600, "year"), (30 * 24 * 3600, "month"), (7 * 24 * 3600, "week"),
    (24 * 3600, "day"), (3600, "hour"), (60, "minute"),
]


@register.filter
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


def time_html(value, now=None, *, focusable=False):
    """<time> with relative text; the exact date shows on hover and on keyboard focus (CSS).

    Plain string building (every part is ours: digits, month names, fixed words), because a
    story page writes hundreds of these.
    """
    exact = timezone.localtime(value).strftime("%-d %B %Y, %H:%M %Z")
    tabindex = ' tabindex="0"' if focusable else ""
    return (
        f'<time datetime="{value.isoformat()}" title="{exact}"{tabindex}>'
        f'{relative(value, now)}<span class="exact"> ({exact})</span></time>'
    )


@register.simple_tag
def reltime(value, focusable=False):
    """The `time_html` of a date; pass focusable=True where no enclosing link lets the
    keyboard reach it."""
    return mark_safe(time_html(value, focusable=focusable))


@register.simple_tag
def crisis_helplines(brief=False):
    """The helplines as admins keep them on /pages/crisis-support/ (one query, rarely).

    brief=True keeps only the first list and the paragraph after it (the helplines and the
    emergency numbers), so the message after crisis words fits on a phone's screen; a page
    without a list is shown whole."""
    from forum.models import Page

    page = Page.objects.filter(slug="crisis-support").only("body_html").first()
    html = page.body_html if page else ""
    if brief:
        found = _HELPLINES.search(html)
        html = found.group(0) if found else html
    return mark_safe(html)


# The sanitised page body: the first <ul>…</ul> and the <p>…</p> right after it, if any.
_HELPLINES = re.compile(r"<ul>.*?</ul>\s*(?:<p>.*?</p>)?", re.DOTALL)


@register.simple_tag(takes_context=True)
def author(context, member, name):
    """The author's avatar and handle, linked to their profile when this reader may see it;
    a former member or a profile this reader may not see gets the neutral avatar."""
    from accounts.privacy import FORMER_MEMBER, can_see_profile

    if member is None:
        return format_html('<span class="byline">{}{}</span>', avatar_html(None),
                           name or FORMER_MEMBER)
    viewer = context.get("user")
    if can_see_profile(viewer, member.profile_visibility, member.pk):
        return format_html('<span class="byline">{}<a class="author-link" href="/u/{}/">{}</a>'
                           '</span>', avatar_html(member.username), member.username, name)
    return format_html('<span class="byline">{}{}</span>', avatar_html(None), name)


@register.simple_tag
def avatar(handle, visible=True, size=""):
    """{% avatar member.username %}: initials on the handle's colour (accounts.avatars)."""
    return avatar_html(handle, visible=visible, size=size)


@register.filter
def words_anchor(message):
    """The id of what the member just wrote, from a crisis message's "words-<id>" tag."""
    for tag in message.extra_tags.split():
        if tag.startswith("words-"):
            return tag.removeprefix("words-")
    return ""
