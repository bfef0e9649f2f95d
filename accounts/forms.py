from django import forms

from .models import Font, TextSize, User


class AccessibilityForm(forms.Form):
    text_size = forms.TypedChoiceField(
        label="Text size", choices=TextSize.choices, coerce=int, initial=TextSize.NORMAL
    )
    high_contrast = forms.BooleanField(label="High contrast (black on white, 7:1 or more)",
                                       required=False)
    font = forms.ChoiceField(label="Font", choices=Font.choices, initial=Font.SITE,
                             widget=forms.RadioSelect, required=False)
    wide_spacing = forms.BooleanField(label="Wider line and letter spacing", required=False)
    reduced_motion = forms.BooleanField(label="Reduce motion", required=False)


    def clean_font(self):
        return self.cleaned_data["font"] or Font.SITE


class NotificationSettingsForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["email_reply_to_post", "email_reply_to_comment", "email_mention",
                  "email_new_post", "digest_frequency"]
        labels = {
            "email_reply_to_post": "Someone comments on my post",
            "email_reply_to_comment": "Someone replies to my comment",
            "email_mention": "Someone mentions my @handle",
            "email_new_post": "A new post in a symptom I watch",
            "digest_frequency": "Send my digest",
        }
        widgets = {field: forms.RadioSelect for field in fields}
