from django import forms
from django.utils import timezone

from plumbing.parsing import IdField, IdMultipleChoiceField

from .models import MAX_TAGS_PER_POST, Poll, Post, Symptom
from .models.posts import single_line

TITLE_MAX = 200


class SymptomCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes that carry each symptom's other names, so the page's script can offer a
    filter that finds "MS hug" when someone types "banding"."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        symptom = getattr(value, "instance", None)
        if symptom is not None:
            words = [symptom.name, *(synonym.name for synonym in symptom.synonyms.all())]
            option["attrs"]["data-terms"] = " | ".join(words).lower()
        return option
POST_BODY_MAX = 20_000


class PostForm(forms.ModelForm):
    title = forms.CharField(
        max_length=TITLE_MAX,
        error_messages={"required": "Please give your post a title."},
        help_text="A short summary, for example “Does anyone else get the MS hug at night?”",
    )
    body = forms.CharField(
        max_length=POST_BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 14}),
        error_messages={"required": "Please write something before publishing."},
        help_text="Markdown works: *italic*, **bold**, lists and links. Images are not shown: "
                  "![description](address) becomes a link with its description. "
                  "Up to 20,000 characters.",
    )

    symptoms = IdMultipleChoiceField(
        label="Symptoms this is about",
        queryset=Symptom.objects.filter(is_curated=True).order_by("name")
        .prefetch_related("synonyms"),
        required=False,
        widget=SymptomCheckboxes,
        help_text=f"Choose up to {MAX_TAGS_PER_POST}. Members who follow them will see your post.",
        error_messages={"invalid_choice": "Choose symptoms from the list, or suggest a new one.",
                        "invalid_pk_value": "Choose symptoms from the list, or suggest a new one."},
    )
    # Shown only after the personal-information guard has asked (see personal_info.py).
    confirm_personal_info = forms.BooleanField(
        required=False, label="Yes, I want to share these details publicly",
    )
    suggested_tag = forms.CharField(
        label="Suggest a symptom that is not listed (optional)", max_length=60, required=False,
        help_text="A moderator will look at it before it is added.",
    )

    poll_question = forms.CharField(
        label="Poll question (optional)", max_length=200, required=False,
        help_text="Add a poll members can answer in a tap, for example “How is your "
                  "fatigue today?”",
    )
    poll_choices = forms.CharField(
        label="Poll answers, one per line (2 to 8)", required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    poll_closes_at = forms.DateTimeField(
        label="Poll closes (optional)", required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"],
    )

    class Meta:
        model = Post
        fields = ["kind", "title", "body", "visibility"]
        labels = {"kind": "This is a", "visibility": "Who can read it"}
        widgets = {"kind": forms.RadioSelect, "visibility": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Read and written in the active time zone (the member's, once accounts keep one).
        zone = timezone.get_current_timezone_name()
        self.fields["poll_closes_at"].label = f"Poll closes (optional; date and time in {zone})"
        self.fields["poll_closes_at"].help_text = "Leave it empty to keep the poll open."
        if self.instance.pk:
            self.initial.setdefault("symptoms", list(self.instance.tags.all()))
            poll = Poll.objects.filter(post=self.instance).first()
            if poll is not None:
                self.initial.setdefault("poll_question", poll.question)
                self.initial.setdefault("poll_choices",
                                        "\n".join(c.text for c in poll.choices.all()))
                self.initial.setdefault("poll_closes_at", poll.closes_at)

    def clean(self):
        data = super().clean()
        question, choices = data.get("poll_question"), data.get("poll_choices", "")
        if choices and not question:
            self.add_error("poll_question", "Write the poll's question, or clear the answers.")
        if question:
            from plumbing.refusals import Refused

            from .services.community import clean_choices

            try:
                data["poll_choices"] = clean_choices(choices.splitlines())
            except Refused as refusal:
                self.add_error("poll_choices", refusal.message)
            closes = data.get("poll_closes_at")
            if closes and closes <= timezone.now():
                self.add_error("poll_closes_at", "The closing date must be in the future.")
        return data

    def clean_title(self):
        title = single_line(self.cleaned_data["title"])
        if not title:
            raise forms.ValidationError("Please give your post a title.")
        return title

    def post_fields(self):
        """What the post services take; the poll is set separately."""
        poll_keys = {"poll_question", "poll_choices", "poll_closes_at"}
        return {k: v for k, v in self.cleaned_data.items() if k not in poll_keys}

    def clean_symptoms(self):
        symptoms = self.cleaned_data["symptoms"]
        if len(symptoms) > MAX_TAGS_PER_POST:
            raise forms.ValidationError(
                f"Choose at most {MAX_TAGS_PER_POST} symptoms: the ones this post is most about."
            )
        return symptoms


COMMENT_BODY_MAX = 10_000


class CommentForm(forms.Form):
    body = forms.CharField(
        label="Your comment",
        max_length=COMMENT_BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Please write something before posting."},
        help_text="Be kind. Markdown works; images are shown as a link with their "
                  "description. Up to 10,000 characters.",
    )
    parent = IdField(required=False, widget=forms.HiddenInput)
    confirm_personal_info = forms.BooleanField(
        required=False, label="Yes, I want to share these details publicly",
    )
