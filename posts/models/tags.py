from __future__ import annotations

from typing import Any, Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.text import slugify
from taggit.models import TagBase, TaggedItemBase

MAX_TAGS_PER_POST = 8


class Symptom(TagBase):
    """A symptom tag. Curated ones are offered when writing; admins curate the list."""

    description = models.TextField(blank=True, help_text="Plain words, for members.")
    is_curated = models.BooleanField(default=True, help_text="Offered in the tag picker.")

    class Meta:
        ordering = ["name"]
        verbose_name = "symptom tag"

    def get_absolute_url(self) -> str:
        return reverse("tag_detail", args=[self.slug])


class SymptomSynonym(models.Model):
    """Another name people use ("banding" for the MS hug): found by search, and its slug
    redirects to the tag."""

    symptom = models.ForeignKey(Symptom, on_delete=models.CASCADE, related_name="synonyms")
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.slug = self.slug or slugify(self.name)
        super().save(*args, **kwargs)


class TaggedPost(TaggedItemBase):
    content_object = models.ForeignKey("posts.Post", on_delete=models.CASCADE,
                                       related_name="tagged_items")
    tag = models.ForeignKey(Symptom, on_delete=models.CASCADE, related_name="tagged_posts")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["content_object", "tag"],
                                               name="one_tagging_per_post_and_tag")]
        indexes = [models.Index(fields=["tag", "content_object"], name="tagged_post_by_tag")]


class TagFollow(models.Model):
    class Level(models.TextChoices):
        WATCHING = "watching", "Watching: tell me about every new post"
        FOLLOWING = "following", "Following: show posts on my home and in my digest"
        MUTED = "muted", "Muted: hide these posts from my home and lists"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="tag_follows")
    tag = models.ForeignKey(Symptom, on_delete=models.CASCADE, related_name="follows")
    level = models.CharField(max_length=10, choices=Level.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "tag"], name="one_follow_per_tag")]
        indexes = [models.Index(fields=["tag", "level"], name="follow_watchers",
                                condition=Q(level="watching"))]

    def __str__(self) -> str:
        return f"{self.user} {self.level} {self.tag}"


class TagSuggestionQuerySet(models.QuerySet["TagSuggestion"]):
    def waiting(self) -> Self:
        """Suggestions a moderator has not decided on yet."""
        return self.filter(status=TagSuggestion.Status.PENDING)


class TagSuggestion(models.Model):
    """A member's proposed new tag, waiting for a moderator to approve, merge or decline."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for review"
        APPROVED = "approved", "Approved"
        MERGED = "merged", "Merged into an existing tag"
        DECLINED = "declined", "Declined"

    name = models.CharField(max_length=60)
    post = models.ForeignKey("posts.Post", on_delete=models.CASCADE,
                             related_name="tag_suggestions")
    suggested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                     on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    result = models.ForeignKey(Symptom, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TagSuggestionQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.name
