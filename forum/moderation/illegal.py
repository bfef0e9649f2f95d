"""The pages for reports of illegal content (EU DSA Art. 16): anyone, logged in or not,
names the page, the law it breaks and why, optionally who they are, and declares good
faith; they get a receipt with its reference. The moderators see open reports in their
queue. Filing and dismissing are services/illegal.py."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from plumbing.refusals import Refused
from posts.policy import check_rate_for

from .models import IllegalContentReport
from .services.illegal import dismiss_notice, file_notice

if TYPE_CHECKING:
    from django.http import HttpRequest

GOOD_FAITH = ("I believe in good faith that what I say in this report is accurate and "
              "complete")


class IllegalContentForm(forms.Form):
    url = forms.CharField(
        label="The address of the content", max_length=2000,
        help_text="Copy it from your browser's address bar, or from a comment's “Link”.",
        error_messages={"required": "Give the address of the content.",
                        "max_length": "That address is too long to be one of ours."})
    law = forms.CharField(
        label="Which law it breaks (and in which country)", max_length=300,
        error_messages={"required": "Name the law, as well as you can.",
                        "max_length": "Keep it under 300 characters; say more below."})
    explanation = forms.CharField(
        label="Why it is illegal", max_length=4000, widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Explain why you believe it is illegal.",
                        "max_length": "Keep it under 4,000 characters."})
    name = forms.CharField(label="Your name (optional)", max_length=150, required=False,
                           error_messages={"max_length": "Keep it under 150 characters."})
    email = forms.EmailField(
        label="Your email address (optional)", max_length=254, required=False,
        help_text="Only to tell you what we decided. Never shown to anyone else.",
        error_messages={"invalid": "Enter an email address like name@example.org, or "
                                   "leave it empty."})
    good_faith = forms.BooleanField(
        label=GOOD_FAITH,
        error_messages={"required": "Tick the box: we can only accept a report made in "
                                    "good faith."})

    def clean_url(self):
        return self.cleaned_data["url"].strip()


def _who(request: HttpRequest) -> str:
    if request.user.is_authenticated:
        return str(request.user.pk)
    if not request.session.session_key:
        request.session.save()
    return f"session:{request.session.session_key}"


@require_http_methods(["GET", "POST"])
def report_illegal(request):
    form = IllegalContentForm(request.POST or None)
    context = {"form": form}
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "moderation/report_illegal.html", context, status=400)
        try:
            check_rate_for(_who(request), "illegal_content")
            notice = file_notice(reporter=request.user, host=request.get_host(),
                                 **form.cleaned_data)
        except Refused as refusal:
            context["refusal"] = refusal.message
            return render(request, "moderation/report_illegal.html", context,
                          status=refusal.status)
        request.session["illegal_content_receipt"] = notice.reference
        return redirect("report_illegal_receipt", reference=notice.reference)
    return render(request, "moderation/report_illegal.html", context)


def receipt(request, reference):
    """Shown to whoever sent it (the reference is kept in their session), never to others."""
    if request.session.get("illegal_content_receipt") != reference:
        raise Refused("This receipt belongs to someone else's report.", status=404)
    notice = get_object_or_404(IllegalContentReport, reference=reference)
    return render(request, "moderation/report_illegal_receipt.html", {"notice": notice})


@require_POST
def dismiss(request, notice_id):
    notice = get_object_or_404(IllegalContentReport, pk=notice_id)
    dismiss_notice(moderator=request.user, notice=notice,
                   statement=request.POST.get("statement", "")[:1000])
    return redirect("moderation:queue")
