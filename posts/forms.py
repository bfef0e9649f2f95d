from django import forms

from .models import MAX_TAGS_PER_POST, Post, Symptom

TITLE_MAX = 200
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
        help_text="Markdown works: *italic*, **bold**, lists and links. Up to 20,000 characters.",
    )

    symptoms = forms.ModelMultipleChoiceField(
        label="Symptoms this is about",
        queryset=Symptom.objects.filter(is_curated=True).order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
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

    class Meta:
        model = Post
        fields = ["kind", "title", "body", "visibility"]
        labels = {"kind": "This is a", "visibility": "Who can read it"}
        widgets = {"kind": forms.RadioSelect, "visibility": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault("symptoms", list(self.instance.tags.all()))

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
        help_text="Be kind. Markdown works. Up to 10,000 characters.",
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    confirm_personal_info = forms.BooleanField(
        required=False, label="Yes, I want to share these details publicly",
    )
