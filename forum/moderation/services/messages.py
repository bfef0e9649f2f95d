"""The content verbs on a private message: hide (and restore), dismiss the reports. A verb
in `content` takes `message=` the way it takes `comment=`, and comes here. A message is
never removed or locked: hiding it is the one sanction on the words; silence and suspend
act on the sender (`members`)."""

from __future__ import annotations

from django.db import transaction

from accounts.models import User
from forum.conversations.models import Message
from plumbing.refusals import Refused

from ..models import ModerationAction, Report
from .record import K, check_reasons, close_message_reports, ensure_moderator, record

MESSAGE_VERBS = frozenset({K.HIDE, K.RESTORE, K.DISMISS, K.SILENCE, K.SUSPEND})


def only_these_verbs(kind: str) -> None:
    if kind not in MESSAGE_VERBS:
        raise Refused("A private message can be hidden or restored, its reports dismissed, "
                      "or its sender silenced or suspended.")


def fresh_message(message: Message) -> Message:
    """Lock the message row (two moderators at once queue up) and read it fresh."""
    return (Message.objects.select_for_update(of=("self",))
            .select_related("sender", "conversation").get(pk=message.pk))


def _set_status(message: Message, status: str) -> None:
    Message.objects.filter(pk=message.pk).update(status=status)
    message.status = status


@transaction.atomic
def hide_message(*, moderator: User, message: Message, guideline: str,
                 statement: str, legal_ground: str = "") -> ModerationAction:
    """Out of sight for both sides: the sender reads "A moderator hid this message", the
    recipient that it was hidden. Appealable; a granted appeal shows it again."""
    ensure_moderator(moderator)
    check_reasons(guideline, statement, legal_ground)
    message = fresh_message(message)
    if message.is_hidden:
        raise Refused("It is already hidden; nothing changed.", status=409)
    if message.is_deleted:
        raise Refused("Its sender has deleted it; nothing to hide.", status=409)
    _set_status(message, Message.Status.HIDDEN)
    close_message_reports(message, Report.Status.ACTIONED)
    return record(moderator=moderator, kind=K.HIDE, message=message,
                  conversation=message.conversation, member=message.sender,
                  guideline=guideline, statement=statement, legal_ground=legal_ground,
                  tell=message.sender)


@transaction.atomic
def restore_message(*, moderator: User, message: Message,
                    statement: str = "") -> ModerationAction:
    ensure_moderator(moderator)
    message = fresh_message(message)
    if not message.is_hidden:
        raise Refused("Only a hidden message can be restored; this is "
                      f"{message.get_status_display().lower()}.", status=409)
    _set_status(message, Message.Status.VISIBLE)
    close_message_reports(message, Report.Status.DISMISSED)
    return record(moderator=moderator, kind=K.RESTORE, message=message,
                  conversation=message.conversation, member=message.sender,
                  statement=statement, tell=message.sender)


@transaction.atomic
def dismiss_message(*, moderator: User, message: Message,
                    statement: str = "") -> ModerationAction:
    """Nothing wrong: logged, nobody told (the sender never knew of the reports)."""
    ensure_moderator(moderator)
    message = fresh_message(message)
    if not close_message_reports(message, Report.Status.DISMISSED):
        raise Refused("There are no open reports about this to dismiss.", status=409)
    return record(moderator=moderator, kind=K.DISMISS, message=message,
                  conversation=message.conversation, member=message.sender,
                  statement=statement)


def undo_hide(action: ModerationAction) -> None:
    """A granted appeal of a hide: the message is visible again (unless its sender has
    deleted it since)."""
    if action.message_id is None:
        return
    Message.objects.filter(pk=action.message_id, status=Message.Status.HIDDEN).update(
        status=Message.Status.VISIBLE)
