"""Private messages: a conversation between two members, or between a member and the
Kindred moderators (outreach). Who may write to whom, and who sees what, is stated in
forum.conversations.rules; moderators read a message only when it was reported
(forum.moderation), never from a list of bodies (there is no admin for messages).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Self

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

if TYPE_CHECKING:
    from accounts.models import User


class ConversationQuerySet(models.QuerySet["Conversation"]):
    def of(self, user: User) -> Self:
        """The conversations `user` takes part in and has not left."""
        return self.filter(participants__user=user, participants__left_at__isnull=True)

    def of_team(self) -> Self:
        """The Kindred moderators' team inbox: every outreach conversation."""
        return self.filter(with_team=True)

    def waiting_for_team(self) -> Self:
        """Team conversations where the member wrote after the team last read: someone
        waits for a moderator's answer (the moderators' header counts them)."""
        return self.of_team().filter(
            Q(team_read_at__isnull=True) | Q(last_message_at__gt=F("team_read_at")),
            participants__left_at__isnull=True)


class Conversation(models.Model):
    """Two sides. Each member side is a Participant; with `with_team`, the other side is
    "Kindred moderators", whose messages any moderator may write and whose read state is
    `team_read_at` (one inbox for the whole team)."""

    created_at = models.DateTimeField(default=timezone.now)
    last_message_at = models.DateTimeField(default=timezone.now)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    with_team = models.BooleanField(default=False)
    team_read_at = models.DateTimeField(null=True, blank=True)

    objects = ConversationQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["-last_message_at"], name="team_inbox",
                         condition=Q(with_team=True)),
        ]

    def __str__(self) -> str:
        return f"Conversation {self.pk}"


class Participant(models.Model):
    """A member's side of a conversation: their read state, and whether they left it."""

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE,
                                     related_name="participants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="conversation_sides")
    last_read_at = models.DateTimeField(null=True, blank=True)
    left_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["conversation", "user"],
                                    name="one_side_per_member"),
        ]
        indexes = [
            models.Index(fields=["user", "conversation"], name="my_conversations",
                         condition=Q(left_at__isnull=True)),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.conversation_id}"


class MessageQuerySet(models.QuerySet["Message"]):
    def shown(self) -> Self:
        """Messages whose words the two sides read: not hidden by a moderator, not deleted."""
        return self.filter(status=Message.Status.VISIBLE)

    def erase(self) -> int:
        """Their author's words go ("delete everything"); each stays as "Message deleted by
        its author" for the other side."""
        return self.update(status=Message.Status.DELETED, body="", body_html="")


class Message(models.Model):
    class Status(models.TextChoices):
        VISIBLE = "visible", "Visible"
        HIDDEN = "hidden", "Hidden by a moderator"
        DELETED = "deleted", "Deleted by its author"

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE,
                                     related_name="messages")
    # None once the sender's account is gone: shown as "former member".
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="messages_sent")
    # Written by a moderator for the team: the member sees "Kindred moderators".
    from_team = models.BooleanField(default=False)
    body = models.TextField(max_length=5000)
    body_html = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.VISIBLE)
    created_at = models.DateTimeField(default=timezone.now)

    objects = MessageQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["conversation", "created_at", "id"],
                                name="conversation_messages")]

    def __str__(self) -> str:
        return f"Message {self.pk}"

    @property
    def is_visible(self) -> bool:
        return self.status == self.Status.VISIBLE

    @property
    def is_hidden(self) -> bool:
        return self.status == self.Status.HIDDEN

    @property
    def is_deleted(self) -> bool:
        return self.status == self.Status.DELETED
