"""Who may write a private message to whom: the one place the rule is stated.

A member may write when they could write anywhere (logged in, active, not silenced), have a
verified email address, are past new-member review, and receive messages themselves (a
member who chose "nobody" could not be answered, so they are told to change that first).
The recipient must be an active, unsuspended member other than the writer, neither may have
blocked the other, and the recipient's `messages_from` must let the writer through: any
member, only members they have answered or written to before ("known"), or nobody. Every
message is held to these rules, replies in a conversation already open included, so a block
or a change of `messages_from` takes effect at once.

A refusal about the recipient never says why (a block, their choice, a suspension all read
the same), so nobody learns who blocked them. The Kindred moderators' team conversations
(outreach) are not held to these rules: moderation reaches every member, and every member
may answer it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from allauth.account.models import EmailAddress
from django.conf import settings

from accounts.blocking import blocked_between
from accounts.models import MessagesFrom
from accounts.write_checks import ensure_can_write
from plumbing.refusals import Refused
from posts.models import Comment
from posts.policy import needs_review

from .models import Message

if TYPE_CHECKING:
    from accounts.models import User
    from accounts.types import Viewer

# What a writer is told whenever the recipient's side stops the message.
NOT_RECEIVING = "This member isn't receiving messages."
# What a member who chose to receive no messages is told when they try to write to one.
OWN_CHOICE = ("You chose to receive no private messages, so you can't send any to members "
              "either: they could not answer you. To write, change “Who can send me private "
              "messages” in your privacy settings.")
MAX_LENGTH = 5000


def writing_refusal(sender: Viewer) -> Refused | None:
    """The writer's side alone, or None (said up front on the "new message" form too)."""
    try:
        ensure_can_write(sender)
    except Refused as refusal:
        return refusal
    assert sender is not None and sender.is_authenticated
    if sender.is_suspended:
        return Refused("This account cannot write.", status=403)
    if not _has_verified_email(sender):
        return Refused("Please confirm your email address before sending private messages "
                       "(see Email in your settings).", status=403)
    if needs_review(sender):
        return Refused("You can send private messages once a moderator has approved one of "
                       "your posts or comments. Until then you can still write in public.",
                       status=403)
    if chose_no_messages(sender):
        return Refused(OWN_CHOICE, status=403)
    return None


def chose_no_messages(user: Viewer) -> bool:
    """Did `user` choose to receive private messages from nobody (the team still reaches
    them)?"""
    return bool(user and user.is_authenticated and user.messages_from == MessagesFrom.NOBODY)


def _has_verified_email(user: User) -> bool:
    if getattr(settings, "ACCOUNT_EMAIL_VERIFICATION", "mandatory") == "none":
        return True
    return EmailAddress.objects.filter(user=user, verified=True).exists()


def knows(member: User, other: User) -> bool:
    """Has `member` answered `other` in public (commented on their post, replied to their
    comment) or written in a conversation with them? What "known" lets through."""
    answered = Comment.objects.filter(author=member).not_deleted_by_author()
    if answered.filter(post__author=other).exists() or answered.filter(
            parent__author=other).exists():
        return True
    return Message.objects.filter(sender=member, conversation__participants__user=other).exists()


def receives_from(recipient: User | None, sender: User) -> bool:
    """May `sender` write to `recipient` now (a first message or a reply alike)?"""
    if recipient is None or not recipient.is_active or recipient.is_suspended:
        return False
    if recipient.pk == sender.pk or _in_a_block(sender, recipient):
        return False
    if recipient.messages_from == MessagesFrom.NOBODY:
        return False
    if recipient.messages_from == MessagesFrom.KNOWN:
        return knows(recipient, sender)
    return True


def _in_a_block(a: User, b: User) -> bool:
    # Members never in any block (User.has_blocks, nearly everyone) need no block query.
    return (a.has_blocks or b.has_blocks) and blocked_between(a, b)


def message_refusal(sender: Viewer, recipient: User | None) -> Refused | None:
    """Why `sender` may not write to `recipient`, or None."""
    refusal = writing_refusal(sender)
    if refusal is not None:
        return refusal
    assert sender is not None and sender.is_authenticated
    if recipient is not None and recipient.pk == sender.pk:
        return Refused("You can't send a message to yourself.")
    if not receives_from(recipient, sender):
        return Refused(NOT_RECEIVING)
    return None


def can_message(sender: Viewer, recipient: User | None) -> bool:
    """For templates: show "Send a message" on a profile?"""
    return message_refusal(sender, recipient) is None


def ensure_can_message(sender: Viewer, recipient: User | None) -> None:
    refusal = message_refusal(sender, recipient)
    if refusal is not None:
        raise refusal


def closed_to(sender: User, recipient: User) -> str:
    """Why no reply of `sender`'s could reach `recipient` whatever they type: their own
    choice of "nobody", or the recipient's side (the same words as a block). "" when the
    reply box should show (a reason about the words or the moment comes when they send)."""
    if chose_no_messages(sender):
        return OWN_CHOICE
    return "" if receives_from(recipient, sender) else NOT_RECEIVING


def ensure_can_write_messages(sender: Viewer) -> None:
    """The writer's side alone (the "new message" form before a recipient is named)."""
    refusal = writing_refusal(sender)
    if refusal is not None:
        raise refusal


def clean_body(body: str | None) -> str:
    """The words to store, or a refusal saying what to change (the view keeps the words)."""
    body = (body or "").strip()
    if not body:
        raise Refused("Please write a message before sending.")
    if len(body) > MAX_LENGTH:
        raise Refused(f"A message can be at most {MAX_LENGTH:,} characters; yours has "
                      f"{len(body):,}. Please shorten it (your text is kept below).")
    return body
