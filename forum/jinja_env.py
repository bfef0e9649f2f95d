"""The Jinja2 environment of the story page's thread (templates/jinja2/, settings TEMPLATES):
the same filters as the Django templates' `kindred` library, so both say times alike."""

from jinja2 import Environment

from accounts.avatars import avatar_html
from accounts.timezones import exact_time
from forum.templatetags.kindred import ago, iso_time


def environment(**options):
    env = Environment(**options)
    env.filters.update(ago=ago, iso_time=iso_time, exact_time=exact_time)
    env.globals.update(avatar=avatar_html)
    return env
