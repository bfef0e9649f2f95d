"""URLs remembered: reversing a URL name and naming a static file are pure functions of their
arguments, the URL configuration and the script prefix, yet cost Django 35–45 µs each, and a
member's story page asks for about forty of them (`{% url %}` 26 times, `{% static %}` 15).

`reverse()` here remembers what Django's would return for plain arguments (text and whole
numbers) under the same URL configuration and script prefix, so a site served below a
prefix, or a test that swaps the URL configuration, gets its own answers; anything else
(a model instance, whose text may change) is reversed afresh. `{% url %}` in every template
uses it (TEMPLATES' builtins name this module), and static file URLs come from
`RememberingStaticStorage`, whose names only change with a deploy (collectstatic, restart).
"""

from functools import lru_cache

from django import template
from django.conf import settings
from django.template import defaulttags
from django.urls import get_script_prefix, get_urlconf
from django.urls import reverse as django_reverse
from django.utils.html import conditional_escape
from whitenoise.storage import CompressedManifestStaticFilesStorage

_PLAIN = (str, int)


@lru_cache(maxsize=8192)
def _reverse(viewname, args, kwargs, current_app, urlconf, prefix):
    return django_reverse(viewname, urlconf=urlconf, args=args or None,
                          kwargs=dict(kwargs) or None, current_app=current_app)


def reverse(viewname, *, args=(), kwargs=None, current_app=None):
    """Django's `reverse`, remembered for plain arguments."""
    kwargs = kwargs or {}
    if all(type(arg) in _PLAIN for arg in args) and all(
            type(value) in _PLAIN for value in kwargs.values()):
        return _reverse(viewname, tuple(args), tuple(sorted(kwargs.items())), current_app,
                        get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
    return django_reverse(viewname, args=args, kwargs=kwargs, current_app=current_app)


def forget_urls(**kwargs):
    """After a setting that shapes URLs changes (tests): reverse afresh."""
    _reverse.cache_clear()


class RememberingURLNode(defaulttags.URLNode):
    """`{% url %}` with `reverse` above; otherwise Django's tag, errors included."""

    def render(self, context):
        from django.urls import NoReverseMatch

        args = [arg.resolve(context) for arg in self.args]
        kwargs = {key: value.resolve(context) for key, value in self.kwargs.items()}
        view_name = self.view_name.resolve(context)
        try:
            current_app = context.request.current_app
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace
            except AttributeError:
                current_app = None
        url = ""
        try:
            url = reverse(view_name, args=args, kwargs=kwargs, current_app=current_app)
        except NoReverseMatch:
            if self.asvar is None:
                raise
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


register = template.Library()


@register.tag
def url(parser, token):
    node = defaulttags.url(parser, token)
    node.__class__ = RememberingURLNode
    return node


class RememberingStaticStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's storage (hashed, compressed names) with each name's URL remembered."""

    def url(self, name, force=False):
        return self._remembered_url(name, force, get_script_prefix())

    @lru_cache(maxsize=1024)  # noqa: B019 - one storage per process, kept for its life
    def _remembered_url(self, name, force, prefix):
        return super().url(name, force)
