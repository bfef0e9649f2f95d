"""Reports of illegal content (EU DSA Art. 16): anyone, logged in or not, names the page,
the law it breaks and why, optionally who they are, and declares good faith. Stored as an
IllegalContentReport (matched to the post or comment when the address names one of ours),
shown to the moderators in their queue, and answered with a receipt and its reference.
Closing it: acting on the post or comment (hide, remove: `record.close_reports`), or
`dismiss_notice`, which is logged like every act."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from accounts.refusals import Refused
from accounts.widgets import Textarea
from posts.models import Comment, Post
from posts.policy import check_rate_for

from .models import IllegalContentReport, ModerationAction
from .services.record import ensure_moderator, record

if TYPE_CHECKING:
    from django.http import HttpRequest

    from accounts.models import User

GOOD_FAITH = ("I believe in good faith that what I say in this report is accurate and "
              "complete")


def off_site() -> str:
    return (f"Give the address of a page on Kindred (it starts with {settings.SITE_URL}/): "
            "we can only act on what is here.")


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
        label="Why it is illegal", max_length=4000, widget=Textarea(attrs={"rows": 6}),
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


def _content_at(url: str, host: str = "") -> tuple[Post | None, Comment | None]:
    """The post or comment the address names, when it is one of ours; else (None, None).
    Refused when the address is not on Kindred at all (`host`: the one the form came on)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        raise Refused(off_site()) from None
    ours = {urlsplit(settings.SITE_URL).netloc.lower(), host.lower()} - {""}
    if (parts.scheme or parts.netloc) and (
            parts.scheme not in ("http", "https") or parts.netloc.lower() not in ours):
        raise Refused(off_site())
    if not parts.path.startswith("/"):
        raise Refused(off_site())
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None, None
    if match.url_name == "post_detail":
        return Post.objects.filter(slug=match.kwargs["slug"]).first(), None
    if match.url_name == "comment_permalink":
        comment = (Comment.objects.select_related("post")
                   .filter(pk=match.kwargs["comment_id"]).first())
        return (comment.post, comment) if comment else (None, None)
    return None, None


@transaction.atomic
def file_notice(*, reporter: User | None, url: str, law: str, explanation: str, name: str,
                email: str, good_faith: bool, host: str = "") -> IllegalContentReport:
    if not good_faith:
        raise Refused("We can only accept a report made in good faith.")
    post, comment = _content_at(url, host)
    return IllegalContentReport.objects.create(
        url=url, post=post, comment=comment, law=law.strip(), explanation=explanation.strip(),
        name=name.strip(), email=email, good_faith=True,
        reporter=reporter if reporter is not None and reporter.is_authenticated else None)


@transaction.atomic
def dismiss_notice(*, moderator: User, notice: IllegalContentReport,
                   statement: str = "") -> ModerationAction:
    """Nothing illegal found, or nothing of ours at that address: closed and logged."""
    ensure_moderator(moderator)
    notice = IllegalContentReport.objects.select_for_update().get(pk=notice.pk)
    if notice.status != IllegalContentReport.Status.OPEN:
        raise Refused("This report is already closed.", status=409)
    IllegalContentReport.objects.filter(pk=notice.pk).update(
        status=IllegalContentReport.Status.DISMISSED, resolved_at=timezone.now())
    note = f"Report of illegal content {notice.reference} dismissed."
    return record(moderator=moderator, kind=ModerationAction.Kind.DISMISS, post=notice.post,
                  comment=notice.comment,
                  statement=f"{note} {statement}".strip())


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
