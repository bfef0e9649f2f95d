"""Polls, supportive reactions and bookmarks."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from ..cache_versions import VersionedQuerySet

MIN_CHOICES, MAX_CHOICES = 2, 8


class Poll(models.Model):
    post = models.OneToOneField("posts.Post", on_delete=models.CASCADE, related_name="poll")
    question = models.CharField(max_length=200)
    closes_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.question

    @property
    def is_closed(self) -> bool:
        return bool(self.closes_at and self.closes_at <= timezone.now())


class PollChoice(models.Model):
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(max_length=120)
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.text


class PollVoteQuerySet(VersionedQuerySet["PollVote"]):
    post_slug_field = "poll__post__slug"
    bumps_lists = False  # a change of vote shows on the story page only


class PollVote(models.Model):
    """One per member per poll: the database says so, whatever clicks arrive at once."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="votes")
    choice = models.ForeignKey(PollChoice, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="poll_votes")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PollVoteQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["poll", "user"], name="one_vote_per_poll")]

    def __str__(self) -> str:
        return f"{self.user} voted {self.choice}"


class Reaction(models.Model):
    class Kind(models.TextChoices):
        ME_TOO = "me_too", "Me too"
        HUG = "hug", "Sending a hug"
        HELPFUL = "helpful", "Helpful"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="reactions")
    post = models.ForeignKey("posts.Post", on_delete=models.CASCADE, related_name="reactions")
    comment = models.ForeignKey("posts.Comment", null=True, blank=True,
                                on_delete=models.CASCADE, related_name="reactions")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "post", "kind"], name="one_post_reaction",
                                    condition=Q(comment__isnull=True)),
            models.UniqueConstraint(fields=["user", "comment", "kind"],
                                    name="one_comment_reaction",
                                    condition=Q(comment__isnull=False)),
        ]
        indexes = [models.Index(fields=["post", "comment", "kind"], name="reaction_counts")]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_kind_display()}"


class Bookmark(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="bookmarks")
    post = models.ForeignKey("posts.Post", on_delete=models.CASCADE, related_name="bookmarks")
    comment = models.ForeignKey("posts.Comment", null=True, blank=True,
                                on_delete=models.CASCADE, related_name="bookmarks")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "post"], name="one_post_bookmark",
                                    condition=Q(comment__isnull=True)),
            models.UniqueConstraint(fields=["user", "comment"], name="one_comment_bookmark",
                                    condition=Q(comment__isnull=False)),
        ]

    def __str__(self) -> str:
        return f"{self.user} saved {self.comment_id or self.post_id}"
