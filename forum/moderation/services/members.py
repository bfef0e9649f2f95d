"""Moderators' verbs on a member's account: silence (can read, cannot write), suspend (cannot
log in), each until a date, and lifting both. Logged and told like every other verb."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from forum.conversations.models import Message
from plumbing.refusals import Refused
from posts.models import Comment, Post

from ..models import ModerationAction
from .record import K, check_reasons, ensure_moderator, record

MAX_DAYS = 365


def _days(days: int | str) -> int:
    try:
        days = int(days)
    except (TypeError, ValueError):
        days = 0
    if not 1 <= days <= MAX_DAYS:
        raise Refused(f"Choose a duration from 1 to {MAX_DAYS} days, ending in the future.")
    return days


def _restrict(kind: str, field: str, *, moderator: User, member: User, days: int | str,
              guideline: str, statement: str, post: Post | None,
              comment: Comment | None, message: Message | None) -> ModerationAction:
    ensure_moderator(moderator)
    check_reasons(guideline, statement)
    days = _days(days)
    if member.is_moderator:
        raise Refused("Moderators cannot silence or suspend other moderators here.",
                      status=403)
    until = timezone.now() + timedelta(days=days)
    type(member).objects.filter(pk=member.pk).update(**{field: until})
    setattr(member, field, until)
    return record(moderator=moderator, kind=kind, post=post, comment=comment, message=message,
                  conversation=message.conversation if message else None, member=member,
                  guideline=guideline, statement=statement, until=until, tell=member)


@transaction.atomic
def silence(*, moderator: User, member: User, days: int | str, guideline: str, statement: str,
            post: Post | None = None, comment: Comment | None = None,
            message: Message | None = None) -> ModerationAction:
    """The member can read but not write until `days` from now."""
    return _restrict(K.SILENCE, "silenced_until", moderator=moderator, member=member,
                     days=days, guideline=guideline, statement=statement, post=post,
                     comment=comment, message=message)


@transaction.atomic
def suspend(*, moderator: User, member: User, days: int | str, guideline: str,
            statement: str, post: Post | None = None, comment: Comment | None = None,
            message: Message | None = None) -> ModerationAction:
    """The member cannot log in until `days` from now (and is logged out at once)."""
    return _restrict(K.SUSPEND, "suspended_until", moderator=moderator, member=member,
                     days=days, guideline=guideline, statement=statement, post=post,
                     comment=comment, message=message)


@transaction.atomic
def lift(*, moderator: User, member: User, statement: str = "") -> ModerationAction:
    """End a silence and a suspension early. Logged as a restore of the member."""
    ensure_moderator(moderator)
    member = type(member).objects.select_for_update().get(pk=member.pk)
    if not (member.is_silenced or member.is_suspended):
        raise Refused(f"{member.username} is neither silenced nor suspended; nothing changed.",
                      status=409)
    type(member).objects.filter(pk=member.pk).update(silenced_until=None, suspended_until=None)
    member.silenced_until = member.suspended_until = None
    return record(moderator=moderator, kind=K.RESTORE, member=member, statement=statement,
                  tell=member)
