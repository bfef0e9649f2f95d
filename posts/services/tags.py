"""Writes for symptom tags: following, and deciding members' suggested tags."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.text import slugify

from plumbing.refusals import Refused

from ..models import Symptom, SymptomSynonym, TagFollow, TagSuggestion
from ..permissions import ensure_can_write

if TYPE_CHECKING:
    from accounts.models import User
    from accounts.types import Viewer

    from ..models import Post

NO_FOLLOW = "none"
FOLLOW_LEVELS = {*TagFollow.Level.values, NO_FOLLOW}


@transaction.atomic
def set_follow(*, user: User, tag: Symptom, level: str | None) -> TagFollow | None:
    """Watching / following / muted, or "none" to stop. Setting the same level twice is fine."""
    ensure_can_write(user)
    if level not in FOLLOW_LEVELS:
        raise Refused("Choose watching, following, muted or not following.")
    if level == NO_FOLLOW:
        TagFollow.objects.filter(user=user, tag=tag).delete()
        return None
    follow, _ = TagFollow.objects.update_or_create(user=user, tag=tag, defaults={"level": level})
    return follow


def suggest_tag(*, author: User, post: Post, name: str) -> TagSuggestion | None:
    name = " ".join(name.split())
    if not name:
        return None
    existing = Symptom.objects.filter(name__iexact=name).first() or getattr(
        SymptomSynonym.objects.filter(name__iexact=name).select_related("symptom").first(),
        "symptom", None)
    if existing is not None and existing.is_curated:
        post.tags.add(existing)  # it already exists: just use it
        return None
    return TagSuggestion.objects.create(name=name, post=post, suggested_by=author)


def _ensure_moderator(user: Viewer) -> None:
    if not (user and user.is_authenticated and user.is_moderator):
        raise Refused("Only moderators decide on suggested tags.", status=403)


def _pending(suggestion: TagSuggestion) -> TagSuggestion:
    suggestion = TagSuggestion.objects.select_for_update().get(pk=suggestion.pk)
    if suggestion.status != TagSuggestion.Status.PENDING:
        raise Refused("This suggestion has already been decided.", status=409)
    return suggestion


@transaction.atomic
def approve_suggestion(*, moderator: User, suggestion: TagSuggestion,
                       description: str = "") -> TagSuggestion:
    _ensure_moderator(moderator)
    suggestion = _pending(suggestion)
    if "\x00" in description:  # no form reads it; the database refuses NUL in text
        raise Refused("The description contains a character that cannot be used.")
    tag, _ = Symptom.objects.get_or_create(
        slug=slugify(suggestion.name)[:100] or "tag",
        defaults={"name": suggestion.name, "description": description, "is_curated": True},
    )
    suggestion.post.tags.add(tag)
    return _decide(suggestion, moderator, TagSuggestion.Status.APPROVED, tag)


@transaction.atomic
def merge_suggestion(*, moderator: User, suggestion: TagSuggestion,
                     into: Symptom) -> TagSuggestion:
    """The suggested name becomes a synonym of an existing tag, which the post gets."""
    _ensure_moderator(moderator)
    suggestion = _pending(suggestion)
    slug = slugify(suggestion.name)[:100]
    if slug and not SymptomSynonym.objects.filter(slug=slug).exists() \
            and not Symptom.objects.filter(slug=slug).exists():
        SymptomSynonym.objects.create(symptom=into, name=suggestion.name, slug=slug)
    suggestion.post.tags.add(into)
    return _decide(suggestion, moderator, TagSuggestion.Status.MERGED, into)


@transaction.atomic
def decline_suggestion(*, moderator: User, suggestion: TagSuggestion) -> TagSuggestion:
    _ensure_moderator(moderator)
    return _decide(_pending(suggestion), moderator, TagSuggestion.Status.DECLINED, None)


def _decide(suggestion: TagSuggestion, moderator: User, status: str,
            tag: Symptom | None) -> TagSuggestion:
    suggestion.status, suggestion.decided_by, suggestion.result = status, moderator, tag
    suggestion.save(update_fields=["status", "decided_by", "result"])
    return suggestion
