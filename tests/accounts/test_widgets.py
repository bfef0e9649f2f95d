"""The textarea written in Python (accounts/widgets.py) is Django's own markup, escaping
included, for every value and attribute a form gives it."""

import pytest
from django import forms

from accounts.widgets import Textarea

VALUES = [None, "", "plain words", "</textarea><script>alert(1)</script>", 'a "quote" & <b>',
          "line one\nline two", "  spaces kept  ", 0, "ß ü 漢字 🙂"]
ATTRS = [None, {"rows": 6}, {"rows": 4, "maxlength": 10000, "required": True,
                            "aria-describedby": "id_body_helptext", "id": "id_body"},
         {"disabled": False, "placeholder": 'say "hi" <there>', "data-x": "&amp;"}]


@pytest.mark.parametrize("value", VALUES)
@pytest.mark.parametrize("attrs", ATTRS)
def test_the_textarea_writes_what_djangos_template_writes(value, attrs):
    ours = Textarea(attrs=attrs).render("body", value, attrs={"id": "box"})
    theirs = forms.Textarea(attrs=attrs).render("body", value, attrs={"id": "box"})
    assert str(ours) == str(theirs)


def test_a_form_field_with_errors_renders_the_same_either_way():
    class Ours(forms.Form):
        body = forms.CharField(widget=Textarea(attrs={"rows": 6}), max_length=5,
                               help_text="Be kind.")

    class Theirs(forms.Form):
        body = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), max_length=5,
                               help_text="Be kind.")

    data = {"body": "<far too long>"}
    ours, theirs = Ours(data), Theirs(data)
    assert not ours.is_valid() and not theirs.is_valid()
    assert str(ours["body"]) == str(theirs["body"])
    assert "&lt;far too long&gt;" in str(ours["body"])
