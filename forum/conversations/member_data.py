"""A member's private messages in their data rights (forum/members/data.py): the export,
and what leaving does to what they wrote."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch

from accounts.privacy import FORMER_MEMBER

from .models import Conversation, Message, Participant

if TYPE_CHECKING:
    from accounts.models import User

TEAM = "Kindred moderators"


def _side_name(message: Message, user: User) -> str:
    if message.from_team:
        return TEAM
    if message.sender_id == user.pk:
        return "you"
    return message.sender.username if message.sender else FORMER_MEMBER


def export_conversations(user: User) -> list[dict[str, Any]]:
    """Each conversation the member is in (left ones included): who the other side is, and
    every message, theirs and the other side's. Hidden or deleted words of the other side
    are not theirs to take: only the status shows. Three queries whatever the number."""
    sides = (Participant.objects.filter(user=user).select_related("conversation")
             .prefetch_related(
                 Prefetch("conversation__participants",
                          queryset=Participant.objects.select_related("user")),
                 Prefetch("conversation__messages",
                          queryset=Message.objects.select_related("sender")))
             .order_by("conversation__created_at"))
    exported = []
    for side in sides:
        conversation = side.conversation
        others = [p.user.username for p in conversation.participants.all()
                  if p.user_id != user.pk]
        exported.append({
            "with": TEAM if conversation.with_team else (others[0] if others
                                                         else FORMER_MEMBER),
            "started_at": conversation.created_at, "left_at": side.left_at,
            "messages": [{
                "from": _side_name(message, user), "created_at": message.created_at,
                "status": message.status,
                "body": message.body if (message.is_visible or (
                    message.sender_id == user.pk and not message.from_team)) else "",
            } for message in conversation.messages.all()],
        })
    return exported


def erase_messages(user: User) -> int:
    """"Delete everything": their words go; the other side sees "Message deleted by its
    author" in their place. (Words written for the moderators' team stay the team's.)"""
    return Message.objects.filter(sender=user, from_team=False).erase()


def conversation_ids(user: User) -> list[int]:
    return list(Participant.objects.filter(user=user).values_list("conversation_id",
                                                                  flat=True))


def drop_empty_conversations(ids: list[int]) -> None:
    """After an account goes (its side with it): a conversation with no member side left
    is deleted. Anonymised messages stay for the other side, as "former member"."""
    Conversation.objects.filter(pk__in=ids, participants__isnull=True).delete()
