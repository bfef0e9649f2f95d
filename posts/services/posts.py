"""Writes to stories and questions."""

import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from ..models import Disclaimer, Post
from ..permissions import ensure_can_edit_post, ensure_can_write
from ..rendering import render_markdown

SLUG_MAX = 80


def _save_with_unique_slug(post):
    """The readable slug when free; otherwise (or on a race with another writer) a suffix."""
    base = slugify(post.title)[:SLUG_MAX].strip("-") or "post"
    slug = None if Post.objects.filter(slug=base).exists() else base
    for _attempt in range(5):
        post.slug = slug or f"{base}-{secrets.token_hex(3)}"
        try:
            with transaction.atomic():
                post.save()
            return post
        except IntegrityError:
            slug = None
    raise IntegrityError(f"No free slug for {base!r}")


@transaction.atomic
def publish_disclaimer(*, body):
    """A new version becomes current; posts keep the version they were published under."""
    latest = Disclaimer.objects.select_for_update().order_by("-version").first()
    return Disclaimer.objects.create(
        version=(latest.version + 1) if latest else 1, body=body, body_html=render_markdown(body)
    )


@transaction.atomic
def create_post(*, author, title, body, kind=Post.Kind.STORY, visibility=Post.Visibility.PUBLIC):
    ensure_can_write(author)
    disclaimer = Disclaimer.objects.current()
    if disclaimer is None:
        raise RuntimeError("No editorial disclaimer exists; run migrations.")
    post = Post(
        kind=kind, title=title, author=author, author_name=author.username, body=body,
        body_html=render_markdown(body), visibility=visibility, disclaimer=disclaimer,
        status=Post.Status.PUBLISHED, published_at=timezone.now(),
    )
    return _save_with_unique_slug(post)


@transaction.atomic
def update_post(*, editor, post, title, body, kind, visibility):
    ensure_can_edit_post(editor, post)
    post.title, post.body, post.kind, post.visibility = title, body, kind, visibility
    post.body_html = render_markdown(body)
    post.edited_at = timezone.now()
    post.save(update_fields=["title", "body", "body_html", "kind", "visibility", "edited_at"])
    return post


@transaction.atomic
def delete_post(*, actor, post):
    ensure_can_edit_post(actor, post)
    post.delete()
