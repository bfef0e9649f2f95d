from django import forms

from .models import Post

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

    class Meta:
        model = Post
        fields = ["kind", "title", "body", "visibility"]
        labels = {"kind": "This is a", "visibility": "Who can read it"}
        widgets = {"kind": forms.RadioSelect, "visibility": forms.RadioSelect}


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
