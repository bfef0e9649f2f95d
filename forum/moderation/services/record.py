"""What every moderation verb shares: who may act, the reasons a sanction needs, and the one
helper that writes the audit-log row and tells the member."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from accounts.models import User
from accounts.types import Viewer
from forum.conversations.models import Conversation, Message
from forum.notifications.services import notify_moderation
from plumbing.refusals import Refused
from posts.models import Comment, Post

from ..models import (
    APPEALABLE,
    Ground,
    Guideline,
    IllegalContentReport,
    ModerationAction,
    Report,
    Scope,
    Source,
)

K = ModerationAction.Kind


def ensure_moderator(user: Viewer) -> None:
    if not (user and user.is_authenticated and user.is_moderator):
        raise Refused("Only moderators can do this.", status=403)


def check_reasons(guideline: str, statement: str, legal_ground: str = "") -> None:
    """A sanction names what it rests on (a guideline, or the law it breaks) and says why,
    for the member to read."""
    on_the_law = not guideline and bool((legal_ground or "").strip())
    if guideline not in Guideline.values and not on_the_law:
        raise Refused("Choose the guideline this action is based on.")
    if not (statement or "").strip():
        raise Refused("Write a statement of reasons: the author will read it.")


def record(*, moderator: User, kind: str, post: Post | None = None,
           comment: Comment | None = None, message: Message | None = None,
           conversation: Conversation | None = None, member: User | None = None,
           guideline: str = "", statement: str = "", until: datetime | None = None,
           appeal_of: ModerationAction | None = None, legal_ground: str = "",
           tell: User | None = None) -> ModerationAction:
    """Append the action to the audit log and, when `tell` is given (and is not the
    moderator themself), send them the decision notice in-app and by email. A sanction's
    statement of reasons is built here, structured fields and all (`_structured`)."""
    structured = (_structured(kind, post=post, comment=comment, message=message,
                              guideline=guideline, legal_ground=legal_ground, until=until)
                  if kind in APPEALABLE else {})
    action = ModerationAction.objects.create(
        actor=moderator, actor_name=moderator.username, kind=kind, post=post, comment=comment,
        message=message, conversation=conversation, member=member,
        member_name=member.username if member else "", guideline=guideline,
        statement=(statement or "").strip(), until=until, appeal_of=appeal_of, **structured,
    )
    if tell is not None and tell.pk != moderator.pk:
        notify_moderation(action, recipient=tell)
    return action


def _structured(kind: str, *, post: Post | None, comment: Comment | None,
                message: Message | None, guideline: str, legal_ground: str,
                until: datetime | None) -> dict:
    """A sanction's statement of reasons as fields (EU DSA Art. 17(3)): what it rests on,
    whether automated means found it and how it came to the moderators, what it applies
    to, and for how long."""
    legal_ground = (legal_ground or "").strip()
    on_account = kind in (K.SILENCE, K.SUSPEND)
    automatic, source = _how_it_came(post, comment, message)
    days = None
    if on_account and until is not None:
        days = max(1, round((until - timezone.now()).total_seconds() / 86400))
    return {
        "ground": Ground.LAW if legal_ground else Ground.GUIDELINE if guideline else "",
        "legal_ground": legal_ground, "automated_detection": automatic, "source": source,
        "scope": Scope.ACCOUNT if on_account else Scope.ITEM, "duration_days": days,
    }


def _how_it_came(post: Post | None, comment: Comment | None,
                 message: Message | None) -> tuple[bool, str]:
    """(found by automated means, Source) from the reports about the item, open or closed:
    a notice of illegal content first, then a member's report, then Kindred's automatic
    checks; with none, the moderator's own initiative."""
    if message is not None:
        reports = Report.objects.filter(message=message)
    elif post is not None:
        reports = Report.objects.filter(post=post, comment=comment)
    else:
        return False, Source.MODERATOR
    automatic = set(reports.values_list("is_automatic", flat=True))
    if message is None and IllegalContentReport.objects.filter(
            post=post, comment=comment).exists():
        return True in automatic, Source.NOTICE
    if False in automatic:
        return True in automatic, Source.REPORT
    if True in automatic:
        return True, Source.AUTOMATIC
    return False, Source.MODERATOR


def close_reports(post: Post, comment: Comment | None, status: str) -> int:
    """Close the open reports about the item, reports of illegal content included (their
    senders are told)."""
    from .illegal import close_notices  # it records with `record`

    close_notices(post, comment, status)
    return Report.objects.filter(post=post, comment=comment, status=Report.Status.OPEN).update(
        status=status, resolved_at=timezone.now())


def close_message_reports(message: Message, status: str) -> int:
    return Report.objects.filter(message=message, status=Report.Status.OPEN).update(
        status=status, resolved_at=timezone.now())
