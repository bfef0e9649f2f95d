from django import forms

from .models import Guideline, ModerationAction, Reason

K = ModerationAction.Kind


class ReportForm(forms.Form):
    reason = forms.ChoiceField(label="What is wrong?", choices=Reason.choices,
                               widget=forms.RadioSelect,
                               error_messages={"required": "Choose one of the reasons.",
                                               "invalid_choice": "Choose one of the reasons."})
    details = forms.CharField(label="Anything a moderator should know (needed for “something "
                                    "else”)", required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 4}))


class ActionForm(forms.Form):
    """One form for every verb on a post or comment. Approve, restore, unlock and dismiss need
    nothing more (a note for the log is optional); the sanctions need a guideline and a
    statement of reasons, which their service checks."""

    kind = forms.ChoiceField(label="Action", choices=[
        (K.APPROVE, "Approve"), (K.HIDE, "Hide (reversible)"), (K.REMOVE, "Remove"),
        (K.RESTORE, "Restore"), (K.LOCK, "Lock the post"), (K.UNLOCK, "Unlock the post"),
        (K.DISMISS, "Dismiss the reports"), (K.SILENCE, "Silence the author"),
        (K.SUSPEND, "Suspend the author"),
    ], error_messages={"required": "Choose an action."})
    guideline = forms.ChoiceField(label="Guideline it breaks",
                                  required=False,
                                  choices=[("", "Choose a guideline"), *Guideline.choices])
    statement = forms.CharField(label="Statement of reasons for the author", max_length=4000,
                                required=False, widget=forms.Textarea(attrs={"rows": 3}))
    days = forms.IntegerField(label="For how many days (silence or suspend)", required=False,
                              min_value=1, max_value=365)
    # Which page to go back to: a fixed name, never a URL.
    next = forms.ChoiceField(required=False, choices=[("", "queue"), ("queue", "queue"),
                                                      ("removed", "removed"),
                                                      ("item", "item")])


# What a moderator can choose on the item's own page (approve and dismiss are buttons).
SANCTION_CHOICES = [(K.HIDE, "Hide (reversible)"), (K.REMOVE, "Remove"),
                    (K.RESTORE, "Restore"), (K.LOCK, "Lock the post"),
                    (K.UNLOCK, "Unlock the post"), (K.SILENCE, "Silence the author"),
                    (K.SUSPEND, "Suspend the author")]

# On a private message: hide or restore it, or act on its sender (dismiss is a button).
MESSAGE_SANCTIONS = [(K.HIDE, "Hide the message (reversible)"), (K.RESTORE, "Restore"),
                     (K.SILENCE, "Silence the sender"), (K.SUSPEND, "Suspend the sender")]

# Behind "Other actions" on a queue card: Hide and Remove are the card's own buttons.
QUEUE_SANCTIONS = [choice for choice in SANCTION_CHOICES if choice[0] not in (K.HIDE, K.REMOVE)]
QUEUE_MESSAGE_SANCTIONS = [choice for choice in MESSAGE_SANCTIONS if choice[0] != K.HIDE]


class MemberActionForm(forms.Form):
    kind = forms.ChoiceField(label="Action", choices=[
        (K.SILENCE, "Silence: can read, cannot post"), (K.SUSPEND, "Suspend: cannot log in"),
        ("lift", "Lift the silence or suspension now"),
    ], error_messages={"required": "Choose an action."})
    days = forms.IntegerField(label="For how many days (silence or suspend)", required=False,
                              min_value=1, max_value=365)
    guideline = forms.ChoiceField(label="Guideline (for silence or suspend)", required=False,
                                  choices=[("", "Choose a guideline"), *Guideline.choices])
    statement = forms.CharField(label="Statement of reasons for the member", max_length=4000,
                                required=False, widget=forms.Textarea(attrs={"rows": 3}))


class AppealForm(forms.Form):
    text = forms.CharField(label="Why do you think this decision was wrong?", max_length=4000,
                           widget=forms.Textarea(attrs={"rows": 6}),
                           error_messages={"required": "Tell the moderators why you think "
                                                       "the decision was wrong."})


class AppealDecisionForm(forms.Form):
    grant = forms.TypedChoiceField(label="Decision", coerce=lambda v: v == "grant",
                                   choices=[("grant", "Grant: undo the decision"),
                                            ("deny", "Deny: the decision stands")],
                                   widget=forms.RadioSelect)
    statement = forms.CharField(label="Explanation for the member", max_length=4000,
                                widget=forms.Textarea(attrs={"rows": 3}))


class LogFilterForm(forms.Form):
    moderator = forms.CharField(required=False, max_length=150)
    kind = forms.ChoiceField(required=False, label="Action",
                             choices=[("", "Any action"), *K.choices])
    since = forms.DateField(required=False, label="From", widget=forms.DateInput(
        attrs={"type": "date"}))
    until = forms.DateField(required=False, label="To", widget=forms.DateInput(
        attrs={"type": "date"}))


class OutreachForm(forms.Form):
    """What a moderator writes privately for the team (checked again by the service)."""

    body = forms.CharField(label="Your message", max_length=5000, required=False,
                           widget=forms.Textarea(attrs={"rows": 14}),
                           error_messages={"max_length": "Keep it under 5,000 characters."})
