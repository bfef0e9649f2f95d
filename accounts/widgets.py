"""Form widgets written in Python.

Django renders every widget through its template engine: a textarea costs about 0.5 ms
(django/forms/widgets/textarea.html and attrs.html), and a member's story page shows one
for its comment box. `Textarea` writes the same markup directly, attributes in the same
order and escaped the same way; tests compare the two."""

from django import forms
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe


def _attrs(attrs):
    """django/forms/widgets/attrs.html: `name` for True, nothing for False, else name="…"."""
    return "".join(
        "" if value is False else f" {name}" if value is True
        else f' {name}="{conditional_escape(str(value))}"'
        for name, value in attrs.items())


class Textarea(forms.Textarea):
    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        text = conditional_escape(widget["value"]) if widget["value"] else ""
        return mark_safe(f'<textarea name="{conditional_escape(widget["name"])}"'
                         f"{_attrs(widget['attrs'])}>\n{text}</textarea>")
