from django import forms

from .models import Font, TextSize, Theme, User
from .timezones import INVALID, zone_choices


class AccessibilityForm(forms.Form):
    text_size = forms.TypedChoiceField(
        label="Text size", choices=TextSize.choices, coerce=int, initial=TextSize.NORMAL
    )
    theme = forms.ChoiceField(label="Colours", choices=Theme.choices, initial=Theme.AUTO,
                              widget=forms.RadioSelect, required=False)
    font = forms.ChoiceField(label="Font", choices=Font.choices, initial=Font.SITE,
                             widget=forms.RadioSelect, required=False)
    wide_spacing = forms.BooleanField(label="Wider line and letter spacing", required=False)
    reduced_motion = forms.BooleanField(label="Reduce motion", required=False)


    def clean_theme(self):
        """A page rendered before themes (a cached one) still sends a high-contrast box."""
        if not self.cleaned_data["theme"] and self.data.get("high_contrast") == "on":
            return Theme.CONTRAST
        return self.cleaned_data["theme"] or Theme.AUTO

    def clean_font(self):
        return self.cleaned_data["font"] or Font.SITE


class NotificationSettingsForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["email_reply_to_post", "email_reply_to_comment", "email_mention",
                  "email_message", "email_watched_comment", "email_new_post",
                  "digest_frequency", "watch_on_comment"]
        labels = {
            "email_watched_comment": "A new comment on a post I follow",
            "watch_on_comment": "Follow the posts I comment on (you can stop on each post)",
            "email_reply_to_post": "Someone comments on my post",
            "email_reply_to_comment": "Someone replies to my comment",
            "email_mention": "Someone mentions my @handle",
            "email_message": "A private message to me (the email never holds its words)",
            "email_new_post": "A new post in a symptom I watch",
            "digest_frequency": "Send my digest",
        }
        widgets = {field: forms.RadioSelect for field in fields if field != "watch_on_comment"}


class ProfileForm(forms.ModelForm):
    diagnosis_year = forms.IntegerField(label="Year of diagnosis (optional)", required=False,
                                        min_value=1950, max_value=2100)
    time_zone = forms.ChoiceField(
        label="Your time zone", choices=zone_choices, required=False,
        help_text="Exact times (when you hover over or focus a time) show in this zone.",
        error_messages={"invalid_choice": INVALID},
        # static/js/timezone.js offers the browser's zone here while it is not set.
        widget=forms.Select(attrs={"data-fill-from-browser": "time-zone"}),
    )

    class Meta:
        model = User
        fields = ["bio", "diagnosis_year", "ms_type", "show_health_details", "time_zone"]
        labels = {"bio": "About you (optional)", "ms_type": "Type of MS (optional)",
                  "show_health_details": "Show my year of diagnosis and type of MS on my profile"}
        help_texts = {"bio": "Up to 2,000 characters. Shown on your profile.",
                      "show_health_details": "Off unless you turn it on."}
        widgets = {"bio": forms.Textarea(attrs={"rows": 5})}

    def clean_diagnosis_year(self):
        from django.utils import timezone

        year = self.cleaned_data["diagnosis_year"]
        if year and year > timezone.now().year:
            raise forms.ValidationError("That year is still to come.")
        return year


class PrivacyForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["profile_visibility", "messages_from"]
        labels = {"profile_visibility": "Who can see my profile",
                  "messages_from": "Who can send me private messages"}
        help_texts = {"messages_from": "Your choice counts for every message, in "
                                       "conversations already open too. Anyone it leaves "
                                       "out only sees “This member isn't receiving "
                                       "messages”. With “Nobody”, you can't write to other "
                                       "members either. The Kindred moderators can always "
                                       "write to you, and you can always answer them."}
        widgets = {"profile_visibility": forms.RadioSelect, "messages_from": forms.RadioSelect}


class DeleteAccountForm(forms.Form):
    mode = forms.ChoiceField(
        label="What should happen to what you wrote?", widget=forms.RadioSelect,
        choices=[("anonymise", "Keep my posts and comments, shown as “former member”"),
                 ("delete", "Delete my posts and comments; where others replied, their "
                            "replies stay under “deleted by its author”")],
        error_messages={"required": "Choose what should happen to what you wrote.",
                        "invalid_choice": "Choose what should happen to what you wrote."},
    )
    password = forms.CharField(label="Your password, to confirm", widget=forms.PasswordInput,
                               error_messages={"required": "Enter your password to confirm."})
