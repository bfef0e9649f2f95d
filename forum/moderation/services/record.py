"""What every moderation verb shares: who may act, the reasons a sanction needs, and the one
helper that writes the audit-log row and tells the member."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from accounts.models import User
from accounts.refusals import Refused
from accounts.types import Viewer
from forum.conversations.models import Conversation, Message
from forum.notifications.services import notify_moderation
from posts.models import Comment, Post

from ..models import Guideline, ModerationAction, Report

K = ModerationAction.Kind


def ensure_moderator(user: Viewer) -> None:
    if not (user and user.is_authenticated and user.is_moderator):
        raise Refused("Only moderators can do this.", status=403)


def check_reasons(guideline: str, statement: str) -> None:
    """A sanction names the guideline it rests on and says why, for the member to read."""
    if guideline not in Guideline.values:
        raise Refused("Choose the guideline this action is based on.")
    if not (statement or "").strip():
        raise Refused("Write a statement of reasons: the author will read it.")


def record(*, moderator: User, kind: str, post: Post | None = None,
           comment: Comment | None = None, message: Message | None = None,
           conversation: Conversation | None = None, member: User | None = None,
           guideline: str = "", statement: str = "", until: datetime | None = None,
           appeal_of: ModerationAction | None = None,
           tell: User | None = None) -> ModerationAction:
    """Append the action to the audit log and, when `tell` is given (and is not the
    moderator themself), send them the decision notice in-app and by email."""
    action = ModerationAction.objects.create(
        actor=moderator, actor_name=moderator.username, kind=kind, post=post, comment=comment,
        message=message, conversation=conversation, member=member,
        member_name=member.username if member else "", guideline=guideline,
        statement=(statement or "").strip(), until=until, appeal_of=appeal_of,
    )
    if tell is not None and tell.pk != moderator.pk:
        notify_moderation(action, recipient=tell)
    return action


def close_reports(post: Post, comment: Comment | None, status: str) -> int:
    return Report.objects.filter(post=post, comment=comment, status=Report.Status.OPEN).update(
        status=status, resolved_at=timezone.now())


def close_message_reports(message: Message, status: str) -> int:
    return Report.objects.filter(message=message, status=Report.Status.OPEN).update(
        status=status, resolved_at=timezone.now())
