"""Filing reports: by members, and by Kindred itself when content announces crisis words."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction

from plumbing.refusals import Refused
from posts.policy import check_rate

from .models import Reason, Report

if TYPE_CHECKING:
    from accounts.models import User
    from accounts.types import Viewer
    from posts.models import Comment, Post

    from ..conversations.models import Message


def file_crisis_report(*, post: Post, comment: Comment | None = None) -> Report:
    """Filed by Kindred itself when words suggest someone may be at risk: top of the queue."""
    return Report.objects.create(
        post=post, comment=comment, reason=Reason.CRISIS, is_automatic=True,
        details="Filed automatically: the words suggest this person may be at risk.",
    )


def file_message_crisis_report(message: Message) -> Report:
    """`message_crisis` from private messages: the words of one message suggest its sender
    may be at risk. The report names that message only, top of the queue."""
    return Report.objects.create(
        message=message, reason=Reason.CRISIS, is_automatic=True,
        details="Filed automatically: the words of this private message suggest its sender "
                "may be at risk.",
    )


def _logged_in(reporter: Viewer) -> User:
    if not (reporter and reporter.is_authenticated):
        raise Refused("Please log in to report.", status=403)
    return reporter


def _check_reason(reason: str, details: str | None) -> str:
    if reason not in Reason.values:
        raise Refused("Choose one of the reasons.")
    details = (details or "").strip()
    if reason == Reason.OTHER and not details:
        raise Refused("Please tell us a little about what is wrong.")
    return details


def _create_once(*, reporter: User, **fields: Any) -> Report:
    check_rate(reporter, "report")
    try:
        with transaction.atomic():
            return Report.objects.create(reporter=reporter, **fields)
    except IntegrityError as error:  # two clicks at once: the constraint keeps one
        raise Refused("You have already reported this.", status=409) from error


def file_message_report(*, reporter: Viewer, message: Message, reason: str,
                        details: str = "") -> Report:
    """A participant reports the other side's private message. Moderators then see that
    message and the few before it, and nothing else of the conversation."""
    reporter = _logged_in(reporter)
    details = _check_reason(reason, details)
    if not message.conversation.participants.filter(user=reporter).exists():
        raise Refused("No such message.", status=404)
    if message.sender_id == reporter.pk:
        raise Refused("You can’t report your own message.", status=403)
    if not message.is_visible:
        raise Refused("This message is no longer shown; there is nothing to report.",
                      status=409)
    if Report.objects.open().filter(reporter=reporter, message=message).exists():
        raise Refused("You have already reported this. A moderator will look at it.",
                      status=409)
    return _create_once(reporter=reporter, message=message, reason=reason, details=details)


def file_report(*, reporter: Viewer, post: Post, comment: Comment | None = None, reason: str,
                details: str = "") -> Report:
    reporter = _logged_in(reporter)
    details = _check_reason(reason, details)
    target = comment or post
    if target.author_id == reporter.pk:
        raise Refused("You can’t report your own words. You can edit or delete them.",
                      status=403)
    open_report = Report.objects.open().filter(reporter=reporter, post=post, comment=comment)
    if open_report.exists():
        raise Refused("You have already reported this. A moderator will look at it.",
                      status=409)
    return _create_once(reporter=reporter, post=post, comment=comment, reason=reason,
                        details=details)
