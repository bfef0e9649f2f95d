"""Reports of illegal content (EU DSA Art. 16): filing one (anyone, logged in or not) and
dismissing one (a moderator, on the record). Acting on the content it names closes it too
(`record.close_reports`)."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.urls import Resolver404, resolve
from django.utils import timezone

from plumbing.refusals import Refused
from posts.models import Comment, Post

from ..models import IllegalContentReport, ModerationAction
from .record import ensure_moderator, record

if TYPE_CHECKING:
    from accounts.models import User


def off_site() -> str:
    return (f"Give the address of a page on Kindred (it starts with {settings.SITE_URL}/): "
            "we can only act on what is here.")


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
    if not notice.is_open:
        raise Refused("This report is already closed.", status=409)
    IllegalContentReport.objects.filter(pk=notice.pk).update(
        status=IllegalContentReport.Status.DISMISSED, resolved_at=timezone.now())
    tell_the_notifier(notice, IllegalContentReport.Status.DISMISSED)
    note = f"Report of illegal content {notice.reference} dismissed."
    return record(moderator=moderator, kind=ModerationAction.Kind.DISMISS, post=notice.post,
                  comment=notice.comment,
                  statement=f"{note} {statement}".strip())


OUTCOMES: dict[str, str] = {
    IllegalContentReport.Status.ACTIONED: (
        "A moderator looked at it and acted on it: the content is no longer shown."),
    IllegalContentReport.Status.DISMISSED: (
        "A moderator looked at it and found nothing to take down: the content stays."),
}


def tell_the_notifier(notice: IllegalContentReport, status: str) -> None:
    """The person who reported, when they gave an address, hears the outcome (EU DSA
    Art. 16(5)), by email from the worker once the decision is committed."""
    if not notice.email:
        return
    from django.template.loader import render_to_string

    from plumbing import mail

    body = render_to_string("moderation/email/illegal_content_outcome.txt", {
        "notice": notice, "outcome": OUTCOMES[status], "site_url": settings.SITE_URL})
    message = mail.Email(subject=f"Your report {notice.reference} to Kindred", body=body,
                         from_email=settings.DEFAULT_FROM_EMAIL, to=[notice.email])
    data = mail.as_data(message)
    transaction.on_commit(lambda: mail.send_email.enqueue(message=data))


def close_notices(post: Post, comment: Comment | None, status: str) -> None:
    """Close the open reports of illegal content about the item, telling whoever sent
    them."""
    notices = list(IllegalContentReport.objects.open().filter(post=post, comment=comment))
    if not notices:
        return
    IllegalContentReport.objects.filter(pk__in=[notice.pk for notice in notices]).update(
        status=status, resolved_at=timezone.now())
    for notice in notices:
        tell_the_notifier(notice, status)
