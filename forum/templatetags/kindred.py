from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.timesince import timesince

register = template.Library()


@register.filter
def relative(value):
    """'just now', '5 minutes ago', '10 months ago', '2 years ago' (one unit, like people say)."""
    if value is None:
        return ""
    now = timezone.now()
    if (now - value).total_seconds() < 60:
        return "just now"
    return f"{timesince(value, now, depth=1)} ago"


@register.simple_tag
def reltime(value, focusable=False):
    """<time> with relative text; the exact date shows on hover and on keyboard focus (CSS).

    Pass focusable=True where no enclosing link gives the keyboard a way to reach it.
    """
    exact = timezone.localtime(value).strftime("%-d %B %Y, %H:%M %Z")
    return format_html(
        '<time datetime="{}" title="{}"{}>{}<span class="exact"> ({})</span></time>',
        value.isoformat(), exact, mark_safe(' tabindex="0"') if focusable else "",
        relative(value), exact,
    )
