"""Moderator outreach: the Kindred moderators write privately to a member (after a crisis
report, most often), and any moderator answers in the team's conversations. Each is on the
audit log as an outreach naming the member and the conversation: that it happened, never
what was said. Not a sanction: nothing to appeal."""

from __future__ import annotations

from django.db import transaction

from accounts.models import User
from accounts.refusals import Refused
from forum.conversations import services as conversations
from forum.conversations.models import Conversation, Message

from ..models import ModerationAction
from .record import K, ensure_moderator, record

REACHED_OUT = "Reached out privately after a crisis report."
ANSWERED = "Answered privately for the Kindred moderators."


def _words(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise Refused("Write a message: the member will read it.")
    return body


@transaction.atomic
def reach_out(*, moderator: User, member: User, body: str) -> ModerationAction:
    """Open a conversation between the moderators' team and `member`, with `body` first."""
    ensure_moderator(moderator)
    body = _words(body)
    if member.pk == moderator.pk:
        raise Refused("You cannot reach out to yourself.", status=409)
    conversation = conversations.start_outreach(moderator=moderator, member=member, body=body)
    return record(moderator=moderator, kind=K.OUTREACH, conversation=conversation,
                  member=member, statement=REACHED_OUT)


@transaction.atomic
def answer_as_team(*, moderator: User, conversation: Conversation,
                   body: str) -> Message:
    """A moderator writes in a team conversation, for the team."""
    ensure_moderator(moderator)
    body = _words(body)
    message = conversations.reply_as_team(moderator=moderator, conversation=conversation,
                                          body=body)
    side = conversation.participants.select_related("user").first()
    member = side.user if side is not None else None
    record(moderator=moderator, kind=K.OUTREACH, conversation=conversation, member=member,
           statement=ANSWERED)
    return message
