"""Who may write a private message to whom: the one place the rule is stated.

A member may write when they could write anywhere (logged in, active, not silenced), have a
verified email address and are past new-member review. The recipient must be an active,
unsuspended member other than the writer, neither may have blocked the other, and the
recipient's `messages_from` must let the writer start a conversation: any member, only
members they have answered or written to before ("known"), or nobody. Replies in an open
conversation need only the first and the block rules: the choice is about who may start.

A refusal about the recipient never says why (a block, their choice, a suspension all read
the same), so nobody learns who blocked them. The Kindred moderators' team conversations
(outreach) are not held to these rules: moderation reaches every member.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from allauth.account.models import EmailAddress
from django.conf import settings

from accounts.blocking import blocked_between
from accounts.models import MessagesFrom
from accounts.refusals import Refused
from accounts.write_checks import ensure_can_write
from posts.models import Comment
from posts.policy import needs_review

from .models import Message

if TYPE_CHECKING:
    from accounts.models import User
    from accounts.types import Viewer

# What a writer is told whenever the recipient's side stops the message.
NOT_RECEIVING = "This member isn't receiving messages."
MAX_LENGTH = 5000


def _writer_refusal(sender: Viewer) -> Refused | None:
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
    return None


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


def receives_from(recipient: User | None, sender: User, *, starting: bool) -> bool:
    """May `sender` write to `recipient` now (`starting`: a new conversation)?"""
    if recipient is None or not recipient.is_active or recipient.is_suspended:
        return False
    if recipient.pk == sender.pk or _in_a_block(sender, recipient):
        return False
    if not starting:
        return True
    if recipient.messages_from == MessagesFrom.NOBODY:
        return False
    if recipient.messages_from == MessagesFrom.KNOWN:
        return knows(recipient, sender)
    return True


def _in_a_block(a: User, b: User) -> bool:
    # Members never in any block (User.has_blocks, nearly everyone) need no block query.
    return (a.has_blocks or b.has_blocks) and blocked_between(a, b)


def message_refusal(sender: Viewer, recipient: User | None, *,
                    starting: bool = True) -> Refused | None:
    """Why `sender` may not write to `recipient`, or None."""
    refusal = _writer_refusal(sender)
    if refusal is not None:
        return refusal
    assert sender is not None and sender.is_authenticated
    if recipient is not None and recipient.pk == sender.pk:
        return Refused("You can't send a message to yourself.")
    if not receives_from(recipient, sender, starting=starting):
        return Refused(NOT_RECEIVING)
    return None


def can_message(sender: Viewer, recipient: User | None) -> bool:
    """For templates: show "Send a message" on a profile?"""
    return message_refusal(sender, recipient) is None


def ensure_can_message(sender: Viewer, recipient: User | None, *, starting: bool = True) -> None:
    refusal = message_refusal(sender, recipient, starting=starting)
    if refusal is not None:
        raise refusal


def ensure_can_write_messages(sender: Viewer) -> None:
    """The writer's side alone (the "new message" form before a recipient is named)."""
    refusal = _writer_refusal(sender)
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
