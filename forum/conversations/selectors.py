"""Reading private messages: inboxes and one conversation, each in a fixed number of
queries whatever the number of conversations or messages."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from django.db.models import (
    BooleanField,
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from plumbing.parsing import parse_id
from plumbing.refusals import Refused

from .models import Conversation, Message, Participant

if TYPE_CHECKING:
    from accounts.types import Viewer

NO_SUCH_CONVERSATION = "There is no such conversation."
# "Never read": earlier than any message.
_NEVER = datetime(2000, 1, 1, tzinfo=UTC)


def _count_of(messages: QuerySet[Message]) -> Coalesce:
    """How many of `messages` (correlated on OuterRef("pk")), as a subquery."""
    counted = (messages.filter(conversation=OuterRef("pk")).order_by().values("conversation")
               .annotate(n=Count("pk")).values("n"))
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _unread(read_at: str) -> Case:
    return Case(When(Q(**{f"{read_at}__isnull": True}) | Q(last_message_at__gt=F(read_at)),
                     then=Value(True)), default=Value(False), output_field=BooleanField())


def inbox_for(user: Viewer) -> QuerySet[Conversation]:
    """`user`'s conversations, unread first, then the most recent. Each row carries `unread`,
    `new_count` (messages from the other side since they last read) and `other_handle`
    (None for a team conversation, or when the other member's account is gone)."""
    if not (user and user.is_authenticated):
        return Conversation.objects.none()
    mine = Participant.objects.filter(conversation=OuterRef("pk"), user=user)
    other = (Participant.objects.filter(conversation=OuterRef("pk")).exclude(user=user)
             .values("user__username")[:1])
    from_other_side = (Message.objects.exclude(sender=user, from_team=False)
                       .filter(created_at__gt=OuterRef("read_since")))
    return (Conversation.objects.of(user)
            .annotate(read_at=Subquery(mine.values("last_read_at")[:1]),
                      other_handle=Subquery(other))
            .annotate(read_since=Coalesce(F("read_at"), Value(_NEVER)),
                      unread=_unread("read_at"))
            .annotate(new_count=_count_of(from_other_side))
            .order_by("-unread", "-last_message_at", "-pk"))


def team_inbox() -> QuerySet[Conversation]:
    """Every team conversation, unread by the team first. Rows carry `member_handle`,
    `member_left` (the member left it), `unread` and `new_count`."""
    member = Participant.objects.filter(conversation=OuterRef("pk"))
    from_member = Message.objects.filter(from_team=False,
                                         created_at__gt=OuterRef("read_since"))
    return (Conversation.objects.of_team()
            .annotate(member_handle=Subquery(member.values("user__username")[:1]),
                      member_left_at=Subquery(member.values("left_at")[:1]),
                      read_since=Coalesce(F("team_read_at"), Value(_NEVER)),
                      unread=_unread("team_read_at"))
            .annotate(new_count=_count_of(from_member))
            .order_by("-unread", "-last_message_at", "-pk"))


def conversation_for(user: Viewer, conversation_id: object) -> Conversation:
    """The conversation, for one of its members (one who left it included: they may read
    what was said) or, for a team conversation, any moderator. Anyone else, moderators
    included, is told it is not there (404): moderators read a member's message only when
    it is reported. The result carries `side` (the member's Participant, or None when a
    moderator reads for the team), `other` (the other member, or None) and `for_team`."""
    pk = parse_id(conversation_id)
    if pk is None or not (user and user.is_authenticated):
        raise Refused(NO_SUCH_CONVERSATION, status=404)
    conversation = Conversation.objects.filter(pk=pk).first()
    if conversation is None:
        raise Refused(NO_SUCH_CONVERSATION, status=404)
    sides = list(Participant.objects.filter(conversation=conversation).select_related("user"))
    side = next((s for s in sides if s.user_id == user.pk), None)
    for_team = conversation.with_team and side is None and user.is_moderator
    if side is None and not for_team:
        raise Refused(NO_SUCH_CONVERSATION, status=404)
    others = [s for s in sides if s.user_id != user.pk]
    conversation.side = side  # type: ignore[attr-defined]
    conversation.for_team = for_team  # type: ignore[attr-defined]
    conversation.other_side = others[0] if others else None  # type: ignore[attr-defined]
    conversation.other = (  # type: ignore[attr-defined]
        None if conversation.with_team and not for_team or not others else others[0].user)
    return conversation


def messages_in(conversation: Conversation) -> QuerySet[Message]:
    """The conversation's messages, oldest first, each with its sender (one query per
    page). Hidden and deleted ones stay in place; templates show them as such."""
    return (Message.objects.filter(conversation=conversation).select_related("sender")
            .order_by("created_at", "id"))


def is_first_exchange(conversation: Conversation, *, reader_id: int | None) -> bool:
    """Show the calm safety notice: to the member who did not start the conversation, while
    they have not written in it yet."""
    if conversation.with_team or reader_id is None or conversation.started_by_id == reader_id:
        return False
    return not Message.objects.filter(conversation=conversation, sender_id=reader_id).exists()
