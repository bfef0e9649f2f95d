import re

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from accounts.avatars import avatar_html
from accounts.privacy import FORMER_MEMBER, can_see_profile
from forum.models import Page
from posts.times import relative, time_html

register = template.Library()
register.filter("relative", relative)


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
    if member is None:
        return format_html('<span class="byline">{}{}</span>', avatar_html(None),
                           name or FORMER_MEMBER)
    viewer = context.get("user")
    if can_see_profile(viewer, member.profile_visibility, member.pk):
        return format_html('<span class="byline">{}<a class="author-link" href="{}">{}</a>'
                           '</span>', avatar_html(member.username),
                           reverse("profile", args=[member.username]), name)
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
