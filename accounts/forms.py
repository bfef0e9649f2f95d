from django import forms

from .models import TextSize


class AccessibilityForm(forms.Form):
    text_size = forms.TypedChoiceField(
        label="Text size", choices=TextSize.choices, coerce=int, initial=TextSize.NORMAL
    )
    high_contrast = forms.BooleanField(label="High contrast", required=False)
