from django import forms

from .rules import MAX_LENGTH


class MessageForm(forms.Form):
    """The words only: the service checks them (empty, too long) so every refusal reads the
    same and keeps the words; `max_length` is not set, so a long text comes back whole."""

    body = forms.CharField(
        label="Your message", required=False, strip=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=f"Only the two of you can read it. Markdown works. Up to {MAX_LENGTH:,} "
                  "characters.",
    )
    confirm_personal_info = forms.BooleanField(
        required=False, label="Yes, I want to send these details to this member")


class NewMessageForm(MessageForm):
    to = forms.CharField(label="To (their handle)", required=False, max_length=150)
    field_order = ["to", "body", "confirm_personal_info"]
