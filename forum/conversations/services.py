"""Writing private messages. Every check is here (rules.py states who may write to whom);
views only turn a refusal into the form again, with the member's words."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from plumbing.refusals import Refused
from posts.personal_info import guard
from posts.policy import check_links, check_rate, suggests_crisis
from posts.rendering import render_markdown

from ..notifications.services import mark_conversation_read, notify_message
from . import events
from .models import Conversation, Message, Participant
from .rules import NOT_RECEIVING, clean_body, ensure_can_message, ensure_can_write_messages

if TYPE_CHECKING:
    from datetime import datetime

# What the member side sees for the team's messages, in lists and notices.
TEAM_NAME = "Kindred moderators"
# The same words from the same writer in the same conversation within this window: a double submit.
DUPLICATE_WINDOW = timedelta(seconds=30)


def recipient_named(handle: str | None) -> User | None:
    handle = (handle or "").strip().removeprefix("@")
    if not handle:
        return None
    return User.objects.filter(username__iexact=handle).first()


def open_between(a: User, b: User) -> Conversation | None:
    """The conversation two members are both still in, if there is one."""
    return (Conversation.objects.filter(with_team=False)
            .filter(participants__user=a, participants__left_at__isnull=True)
            .filter(participants__user=b, participants__left_at__isnull=True)
            .order_by("-last_message_at").first())


@transaction.atomic
def start_conversation(*, sender: User, recipient_handle: str | None, body: str,
                       confirm_personal_info: bool = False) -> Message:
    """Write to the member called `recipient_handle`: in the conversation the two are both
    still in, or a new one (either way held to the recipient's "who may message me")."""
    ensure_can_write_messages(sender)
    recipient = recipient_named(recipient_handle)
    if recipient is None:
        raise Refused(NOT_RECEIVING)
    ensure_can_message(sender, recipient)
    conversation = open_between(sender, recipient)
    body = clean_body(body)
    if conversation is None:
        # The conversation limit first: a refused new conversation uses no message slot
        # (on Redis a counted step is not undone with the refused write).
        _checks(sender, body, confirm_personal_info, new_conversation=True)
        conversation = Conversation.objects.create(started_by=sender)
        Participant.objects.bulk_create([Participant(conversation=conversation, user=sender),
                                         Participant(conversation=conversation, user=recipient)])
        return _add(conversation, sender=sender, body=body, from_team=False, checked=True)
    return _add(conversation, sender=sender, body=body, from_team=False,
                confirm_personal_info=confirm_personal_info)


@transaction.atomic
def reply(*, sender: User, conversation: Conversation, body: str,
          confirm_personal_info: bool = False) -> Message:
    """A member writes in a conversation they are in (a team one included)."""
    conversation = Conversation.objects.select_for_update().get(pk=conversation.pk)
    side = Participant.objects.filter(conversation=conversation, user=sender).first()
    if side is None:
        raise Refused("There is no such conversation.", status=404)
    if side.left_at is not None:
        raise Refused("You left this conversation, so you can't reply in it. To write to "
                      "them again, start a new message from their profile.", status=403)
    body = clean_body(body)
    if conversation.with_team:
        # Anyone may always answer the moderators, a silenced member included.
        if not (sender.is_active and not sender.is_suspended):
            raise Refused("This account cannot write.", status=403)
    else:
        other = (Participant.objects.filter(conversation=conversation)
                 .exclude(user=sender).select_related("user").first())
        if other is None or other.left_at is not None:
            raise Refused(NOT_RECEIVING)
        ensure_can_message(sender, other.user)
    return _add(conversation, sender=sender, body=body, from_team=False,
                confirm_personal_info=confirm_personal_info)


@transaction.atomic
def leave(*, member: User, conversation: Conversation) -> None:
    """The conversation leaves the member's inbox and they can no longer reply in it; the
    other side keeps what was written and cannot write to them there any more."""
    left = Participant.objects.filter(conversation=conversation, user=member,
                                      left_at__isnull=True).update(left_at=timezone.now())
    if not left and not Participant.objects.filter(conversation=conversation,
                                                   user=member).exists():
        raise Refused("There is no such conversation.", status=404)


def _ensure_moderator(moderator: User) -> None:
    if not (moderator and moderator.is_authenticated and moderator.is_active
            and moderator.is_moderator):
        raise Refused("Only moderators can write for the Kindred moderators.", status=403)


@transaction.atomic
def start_outreach(*, moderator: User, member: User, body: str) -> Conversation:
    """The moderators write to a member: a team conversation, shown to the member as from
    "Kindred moderators" (never which moderator). Moderation logs the act."""
    _ensure_moderator(moderator)
    if member is None or not member.is_active or member.pk == moderator.pk:
        raise Refused(NOT_RECEIVING)
    body = clean_body(body)
    conversation = Conversation.objects.create(started_by=moderator, with_team=True)
    Participant.objects.create(conversation=conversation, user=member)
    _add(conversation, sender=moderator, body=body, from_team=True, checked=True)
    return conversation


@transaction.atomic
def reply_as_team(*, moderator: User, conversation: Conversation, body: str) -> Message:
    _ensure_moderator(moderator)
    conversation = Conversation.objects.select_for_update().get(pk=conversation.pk)
    if not conversation.with_team:
        raise Refused("There is no such conversation.", status=404)
    if not Participant.objects.filter(conversation=conversation,
                                      left_at__isnull=True).exists():
        raise Refused("The member left this conversation. To reach them again, start a "
                      "new one.", status=409)
    body = clean_body(body)
    return _add(conversation, sender=moderator, body=body, from_team=True, checked=True)


def _checks(sender: User, body: str, confirm_personal_info: bool, *,
            new_conversation: bool = False) -> None:
    guard(body, confirmed=confirm_personal_info)
    check_links(sender, body)
    if new_conversation:
        check_rate(sender, "conversation")
    check_rate(sender, "message")


def _add(conversation: Conversation, *, sender: User, body: str, from_team: bool,
         confirm_personal_info: bool = False, checked: bool = False) -> Message:
    duplicate = (Message.objects.filter(conversation=conversation, sender=sender, body=body,
                                        created_at__gte=timezone.now() - DUPLICATE_WINDOW)
                 .first())
    at_risk = not from_team and suggests_crisis(body)
    if duplicate is not None:
        # The writer lands where the first click took them (the helplines for crisis
        # words); the first one was already announced.
        duplicate.crisis_support = at_risk  # type: ignore[attr-defined]
        return duplicate
    if not checked:  # (new conversations and the team's messages are checked by the caller)
        _checks(sender, body, confirm_personal_info)
    now = timezone.now()
    message = Message.objects.create(conversation=conversation, sender=sender,
                                     from_team=from_team, body=body,
                                     body_html=render_markdown(body), created_at=now)
    _mark_sent(conversation, sender=sender, from_team=from_team, at=now)
    _notify(conversation, message, sender=sender, from_team=from_team)
    # A mark for the view after this write (it lands them on the helplines), not a field.
    message.crisis_support = at_risk  # type: ignore[attr-defined]
    if at_risk:
        events.message_crisis.announce(message)
    return message


def _mark_sent(conversation: Conversation, *, sender: User, from_team: bool,
               at: datetime) -> None:
    """The conversation's latest activity is now, and the writer has read up to it."""
    fields: dict[str, object] = {"last_message_at": at}
    if from_team:
        fields["team_read_at"] = at
    else:
        Participant.objects.filter(conversation=conversation, user=sender).update(
            last_read_at=at)
    Conversation.objects.filter(pk=conversation.pk).update(**fields)
    for name, value in fields.items():
        setattr(conversation, name, value)


def _notify(conversation: Conversation, message: Message, *, sender: User,
            from_team: bool) -> None:
    """The member side hears of it (a member writing to the team: the team inbox shows it
    unread, no notice per moderator)."""
    if conversation.with_team and not from_team:
        return
    others = (Participant.objects.filter(conversation=conversation, left_at__isnull=True)
              .exclude(user=sender).values_list("user_id", flat=True))
    for user_id in others:
        notify_message(recipient_id=user_id, conversation_id=conversation.pk,
                       actor=None if from_team else sender,
                       actor_name=TEAM_NAME if from_team else sender.username)


@transaction.atomic
def mark_read(*, user: User, conversation: Conversation) -> None:
    """Opening a conversation: read up to now, on the member's side or the team's."""
    now = timezone.now()
    updated = Participant.objects.filter(conversation=conversation, user=user).update(
        last_read_at=now)
    if not updated and conversation.with_team and user.is_moderator:
        Conversation.objects.filter(pk=conversation.pk).update(team_read_at=now)
    mark_conversation_read(user, conversation.pk)
