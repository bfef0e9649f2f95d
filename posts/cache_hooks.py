"""Every save and delete of what a page shows bumps that page's version (cache_versions);
connected in `PostsConfig.ready`. No business logic lives in a signal."""

from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, post_delete, post_save

from . import cache_versions
from .models import (
    Comment,
    Disclaimer,
    Poll,
    PollChoice,
    PollVote,
    Post,
    Reaction,
    Symptom,
    SymptomSynonym,
    TaggedPost,
)

# A member's name and privacy show on every page they wrote on; logging in changes neither.
USER_FIELDS_SHOWN = {"username", "profile_visibility", "is_active"}


def _post_changed(sender, instance, **kwargs):
    cache_versions.bump_posts([instance.slug])


def _comment_changed(sender, instance, **kwargs):
    post = instance._state.fields_cache.get("post")  # services pass the post they hold
    if post is not None:
        cache_versions.bump_posts([post.slug])
    else:
        cache_versions.bump_post_ids([instance.post_id])


def _tagging_changed(sender, instance, **kwargs):
    cache_versions.bump_post_ids([instance.content_object_id])


def _tags_set(sender, instance, action, **kwargs):
    """taggit adds and removes a post's tags in bulk and says so with m2m_changed."""
    if action.startswith("post_") and isinstance(instance, Post):
        cache_versions.bump_posts([instance.slug])


def _story_page_changed(sender, instance, **kwargs):
    """Reactions and polls show on the story page only, not in the lists."""
    cached = instance._state.fields_cache
    post = cached.get("post") or getattr(cached.get("poll"), "_state", None) and \
        cached["poll"]._state.fields_cache.get("post")
    if post is not None:  # services hand over the post they hold: no query
        cache_versions.bump_posts([post.slug], lists=False)
    elif getattr(instance, "post_id", None):
        cache_versions.bump_post_ids([instance.post_id], lists=False)
    else:
        cache_versions.bump_posts(
            Post.objects.filter(poll=instance.poll_id).values_list("slug", flat=True),
            lists=False)


def _site_changed(sender, instance, **kwargs):
    cache_versions.bump_site()


def _member_changed(sender, instance, created=False, update_fields=None, **kwargs):
    if created:  # a new member has written nothing yet
        return
    if update_fields is None or USER_FIELDS_SHOWN & set(update_fields):
        cache_versions.bump_site()


def connect():
    receivers = [
        (Post, _post_changed), (Comment, _comment_changed), (TaggedPost, _tagging_changed),
        (Reaction, _story_page_changed), (PollVote, _story_page_changed),
        (Poll, _story_page_changed), (PollChoice, _story_page_changed),
        (Disclaimer, _site_changed), (Symptom, _site_changed), (SymptomSynonym, _site_changed),
    ]
    for model, receiver in receivers:
        post_save.connect(receiver, sender=model, dispatch_uid=f"page-cache-{model.__name__}")
        post_delete.connect(receiver, sender=model, dispatch_uid=f"page-cache-{model.__name__}")
    m2m_changed.connect(_tags_set, sender=TaggedPost, dispatch_uid="page-cache-tags")
    user = get_user_model()
    post_save.connect(_member_changed, sender=user, dispatch_uid="page-cache-member")
    post_delete.connect(_site_changed, sender=user, dispatch_uid="page-cache-member-gone")
