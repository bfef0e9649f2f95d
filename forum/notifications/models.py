from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse


def free_to_email(now):
    """Notifications not emailed and not claimed by an attempt still within its lease (a
    claim older than KINDRED_TASK_LEASE belongs to a worker that died before it sent)."""
    stale = now - timedelta(seconds=settings.KINDRED_TASK_LEASE)
    return Q(emailed_at__isnull=True) & (
        Q(email_claimed_at__isnull=True) | Q(email_claimed_at__lt=stale))


class Notification(models.Model):
    class Kind(models.TextChoices):
        NEW_POST = "new_post", "A new post in a symptom I watch"
        REPLY_TO_POST = "reply_to_post", "A reply to my post"
        REPLY_TO_COMMENT = "reply_to_comment", "A reply to my comment"
        MENTION = "mention", "Someone mentions my handle"
        WATCHED_COMMENT = "watched_comment", "A new comment on a post I follow"
        MODERATION = "moderation", "A moderator's decision about me"
        HELPED = "helped", "The asker marks my reply as one that helped"
        MESSAGE = "message", "A private message to me"

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="notifications")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    actor_name = models.CharField(max_length=150, blank=True)
    post = models.ForeignKey("posts.Post", null=True, blank=True, on_delete=models.CASCADE,
                             related_name="+")
    comment = models.ForeignKey("posts.Comment", null=True, blank=True,
                                on_delete=models.CASCADE, related_name="+")
    # A private message: the notice names the conversation, never the words.
    conversation = models.ForeignKey("conversations.Conversation", null=True, blank=True,
                                     on_delete=models.CASCADE, related_name="+")
    action = models.ForeignKey("moderation.ModerationAction", null=True, blank=True,
                               on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    # Set by the attempt that is sending the email (forum/notifications/tasks.py); a claim
    # older than KINDRED_TASK_LEASE belongs to a worker that died and may be taken again.
    email_claimed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_inbox"),
            models.Index(fields=["recipient"], name="notification_unread",
                         condition=Q(read_at__isnull=True)),
            models.Index(fields=["kind", "created_at"], name="notification_digest",
                         condition=Q(emailed_at__isnull=True)),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} for {self.recipient}"

    @property
    def text(self):
        title = self.post.title if self.post_id else ""
        if self.kind == self.Kind.MODERATION and self.action_id:
            return self.action.notice(title)  # says which decision it is
        return {
            self.Kind.NEW_POST: f"{self.actor_name} posted “{title}” in a symptom you watch",
            self.Kind.REPLY_TO_POST: f"{self.actor_name} commented on your post “{title}”",
            self.Kind.REPLY_TO_COMMENT: f"{self.actor_name} replied to your comment on “{title}”",
            self.Kind.MENTION: f"{self.actor_name} mentioned you on “{title}”",
            self.Kind.MESSAGE: f"You have a new message from {self.actor_name}",
            self.Kind.HELPED: f"Your reply helped {self.actor_name} on “{title}”",
            self.Kind.WATCHED_COMMENT: f"{self.actor_name} commented on “{title}”, "
                                       "a post you follow",
            self.Kind.MODERATION: "A moderator made a decision about your contribution or "
                                  "account: read why, and how to appeal",
        }.get(self.kind, self.get_kind_display())

    @property
    def target_url(self):
        if self.action_id:
            return reverse("moderation:decision", args=[self.action_id])
        if self.conversation_id:
            return reverse("conversations:conversation", args=[self.conversation_id])
        if self.comment_id:
            return reverse("comment_permalink", args=[self.comment_id])
        return self.post.get_absolute_url() if self.post_id else reverse("notifications:inbox")


class WorkerHeartbeat(models.Model):
    """The last sign of life of each task worker (`manage.py db_worker`): a worker whose beat
    is older than KINDRED_TASK_LEASE is dead, and its RUNNING tasks are taken again
    (forum/notifications/worker.py). /healthz reports the latest beat."""

    worker_id = models.CharField(max_length=64, unique=True)
    beat_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"{self.worker_id} at {self.beat_at:%Y-%m-%d %H:%M:%S}"
