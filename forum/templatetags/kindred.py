import re
from datetime import timedelta

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.timesince import timesince
from django.utils.translation import gettext as _

from accounts.avatars import avatar_html
from accounts.privacy import FORMER_MEMBER, can_see_profile
from accounts.timezones import exact_time
from forum.models import Page

register = template.Library()
# "3 March 2026, 14:05 CET": in the member's zone, with its name (accounts.timezones).
register.filter("exact_time", exact_time)


@register.filter
def ago(value):
    """'just now', '5 minutes ago', '2 years ago': Django's timesince, one unit, as people
    say it (static/js/times.js says the same by the reader's clock)."""
    if value is None:
        return ""
    if timezone.now() - value < timedelta(minutes=1):
        return _("just now")
    return _("%(delta)s ago") % {"delta": timesince(value, depth=1)}


@register.filter
def iso_time(value):
    """A valid HTML datetime: whole seconds with the offset, in the active zone."""
    return timezone.localtime(value).replace(microsecond=0).isoformat() if value else ""


@register.inclusion_tag("includes/time.html")
def reltime(value, focusable=False):
    """<time> with "5 minutes ago" and the exact date; pass focusable=True where no
    enclosing link lets the keyboard reach it."""
    return {"value": value, "focusable": focusable}


@register.filter
def time_tag(value):
    """{{ value|time_tag }}: the markup of {% reltime value %} (includes/time.html) without
    an include, for cards written many to a page (an include per card cost ~0.3 ms)."""
    exact = exact_time(value)
    return format_html('<time datetime="{}" title="{}">{}<span class="exact"> ({})</span></time>',
                       iso_time(value), exact, ago(value), exact)


@register.filter
def profile_link(post_or_comment, viewer):
    """{{ post|profile_link:user }}: the address of the author's profile when this reader
    may see it, else "" (the rule of {% author %}, for cards that write their byline)."""
    member = post_or_comment.author
    if member is not None and can_see_profile(viewer, member.profile_visibility, member.pk):
        return reverse("profile", args=[member.username])
    return ""


@register.filter
def byline_name(post_or_comment):
    """The name a byline shows: the author's handle, or "former member"."""
    if post_or_comment.author_id is None:
        return post_or_comment.author_name or FORMER_MEMBER
    return post_or_comment.author_name


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


@register.inclusion_tag("includes/byline.html", takes_context=True)
def author(context, member, name):
    """The author's avatar and handle, linked to their profile when this reader may see it;
    a former member or a profile this reader may not see gets the neutral avatar."""
    profile_url = None
    if member is not None and can_see_profile(context.get("user"), member.profile_visibility,
                                               member.pk):
        profile_url = reverse("profile", args=[member.username])
    if member is None:
        name = name or FORMER_MEMBER
    return {"name": name, "profile_url": profile_url}


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


@register.simple_tag
def options(choices, chosen):
    """The <option>s of a select, `chosen` selected: the header's display tools write them on
    every page (in Python: the template loop cost ~0.3 ms a page)."""
    return mark_safe("".join(
        f'<option value="{conditional_escape(value)}"{" selected" if value == chosen else ""}>'
        f"{conditional_escape(label)}</option>" for value, label in choices))
