"""Writes to stories and questions."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from accounts.privacy import FORMER_MEMBER
from plumbing.refusals import Refused

from .. import events
from ..models import (
    MAX_TAGS_PER_POST,
    Comment,
    Disclaimer,
    Poll,
    Post,
    Reaction,
    Revision,
    TagSuggestion,
)
from ..models.posts import single_line
from ..permissions import ensure_can_edit_post, ensure_can_write
from ..personal_info import guard
from ..policy import check_links, check_rate, flag_if_at_risk, needs_review
from ..rendering import render_markdown
from .tags import suggest_tag

if TYPE_CHECKING:
    from accounts.models import User

    from ..models import Symptom

SLUG_MAX = 80


def _save_with_unique_slug(post: Post) -> Post:
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
def publish_disclaimer(*, body: str) -> Disclaimer:
    """A new version becomes current; posts keep the version they were published under."""
    latest = Disclaimer.objects.select_for_update().order_by("-version").first()
    return Disclaimer.objects.create(
        version=(latest.version + 1) if latest else 1, body=body, body_html=render_markdown(body)
    )


def _check_tags(symptoms: Iterable[Symptom] | None) -> list[Symptom]:
    symptoms = list(symptoms or [])
    if len(symptoms) > MAX_TAGS_PER_POST:
        raise Refused(f"Choose at most {MAX_TAGS_PER_POST} symptoms for one post.")
    if any(not symptom.is_curated for symptom in symptoms):
        raise Refused("Choose symptoms from the list, or suggest a new one.")
    return symptoms


@transaction.atomic
def create_post(*, author: User, title: str, body: str, kind: str = Post.Kind.STORY,
                visibility: str = Post.Visibility.PUBLIC, symptoms: Iterable[Symptom] = (),
                suggested_tag: str = "", confirm_personal_info: bool = False) -> Post:
    ensure_can_write(author)
    title = _one_line_title(title)
    symptoms = _check_tags(symptoms)
    guard(title, body, confirmed=confirm_personal_info)
    check_links(author, body)
    check_rate(author, "post")
    pending = needs_review(author)
    disclaimer = Disclaimer.objects.current()
    if disclaimer is None:
        raise RuntimeError("No editorial disclaimer exists; run migrations.")
    post = Post(
        kind=kind, title=title, author=author, author_name=author.username, body=body,
        body_html=render_markdown(body, mentions=True), visibility=visibility,
        disclaimer=disclaimer,
        status=Post.Status.PENDING if pending else Post.Status.PUBLISHED,
        published_at=timezone.now(),
    )
    _save_with_unique_slug(post)
    post.tags.set(symptoms)
    suggest_tag(author=author, post=post, name=suggested_tag)
    if not pending:
        announce_post(post)
    flag_if_at_risk(post, title, body, post=post)
    return post


def announce_post(post: Post) -> None:
    """Tell watchers and mentioned members: when published, or when a moderator approves.
    Notifications listen (posts/events.py); content does not call them."""
    events.post_published.announce(post)


def _one_line_title(title: str | None) -> str:
    title = single_line(title)
    if not title:
        raise Refused("Please give your post a title.")
    return title


def _check_audience(stored: Post, visibility: str) -> None:
    """Members who replied to a members-only post wrote for members: the post may narrow its
    audience, never widen it over their words."""
    widening = (stored.visibility == Post.Visibility.MEMBERS
                and visibility == Post.Visibility.PUBLIC)
    others = (Comment.objects.filter(post=stored).exclude(author=stored.author)
              .exclude(status=Comment.Status.DELETED))  # a tombstone holds no words
    if widening and others.exists():
        raise Refused("Other members have replied to this post while it was for members only, "
                      "so it stays members-only: they wrote for members, not for everyone. "
                      "Everything else you changed can still be saved.")


def _links(text: str) -> int:
    return render_markdown(text).count("<a ")


@transaction.atomic
def update_post(*, editor: User, post: Post, title: str, body: str, kind: str, visibility: str,
                symptoms: Iterable[Symptom] | None = None, suggested_tag: str = "",
                confirm_personal_info: bool = False) -> Post:
    """Edits pass the same checks as new posts. A member still under new-member review who
    adds links sends the post back to a moderator, as their new posts would be."""
    stored = Post.objects.select_for_update().get(pk=post.pk)  # replies wait for us
    ensure_can_edit_post(editor, stored)
    if not editor.is_moderator:
        ensure_can_write(editor)
    title = _one_line_title(title)
    _check_audience(stored, visibility)
    guard(title, body, confirmed=confirm_personal_info)
    check_links(editor, body)
    if symptoms is not None:
        post.tags.set(_check_tags(symptoms))
    suggest_tag(author=editor, post=post, name=suggested_tag)
    fields = ["title", "body", "body_html", "kind", "visibility", "edited_at"]
    post.status = stored.status
    if (stored.status == Post.Status.PUBLISHED and needs_review(editor)
            and _links(body) > _links(stored.body)):
        post.status = Post.Status.PENDING
        fields.append("status")
    if (title, body) != (stored.title, stored.body):  # the words before this edit
        Revision.objects.create(post=stored, title=stored.title, body=stored.body,
                                editor=editor)
    post.title, post.body, post.kind, post.visibility = title, body, kind, visibility
    post.body_html = render_markdown(body, mentions=True)
    post.edited_at = timezone.now()
    post.save(update_fields=fields)
    flag_if_at_risk(post, title, body, post=post)
    return post


# What stands in for a deleted post's title wherever it is still named (its page, the
# replies' notifications, the moderators' record). The page says it with its own words.
DELETED_POST_TITLE = "The author deleted this post"


@transaction.atomic
def delete_post(*, actor: User, post: Post) -> Post | None:
    """The author deletes their post. With other members' replies under it, it becomes a
    tombstone that keeps them readable (the returned post); without, it goes (None)."""
    stored = Post.objects.select_for_update().get(pk=post.pk)  # comments wait for us
    ensure_can_edit_post(actor, stored)  # a tombstone has no author: nobody may
    return _delete_or_tombstone(stored)


# No savepoint: account deletion calls it once per post inside its own transaction.
@transaction.atomic(savepoint=False)
def remove_post_for_account_deletion(post: Post | int) -> Post | None:
    """A leaving member's post goes the same way, without the author check (the account
    service has checked their password)."""
    post_id = post.pk if isinstance(post, Post) else post
    stored = Post.objects.select_for_update().filter(pk=post_id).first()
    if stored is None or stored.is_deleted:
        return stored
    return _delete_or_tombstone(stored)


def others_replied(post: Post) -> bool:
    """Are there comments under `post` by anyone but its author (a former member's
    included), whatever their state, tombstones of deleted comments apart?"""
    return (Comment.objects.filter(post=post).exclude(author_id=post.author_id)
            .not_deleted_by_author().exists())


def _delete_or_tombstone(post: Post) -> Post | None:
    """Nobody's words go because someone else deleted theirs: a post holding other members'
    comments keeps its address and their replies, and loses everything of its author's
    (title, words, earlier versions, tags, poll, the byline); it leaves every list and
    takes no new comments (`Post.deleted_at`). Otherwise the post goes as before. The
    author's own comments under a tombstone stay: deleting a post is not deleting those."""
    if not others_replied(post):
        post.delete()
        return None
    Revision.objects.filter(post=post).delete()  # earlier words go with the last
    Poll.objects.filter(post=post).delete()  # its question and choices were the author's
    Reaction.objects.filter(post=post, comment__isnull=True).delete()
    TagSuggestion.objects.filter(post=post).delete()
    post.tags.clear()
    post.title, post.body, post.body_html = DELETED_POST_TITLE, "", ""
    post.author, post.author_name = None, FORMER_MEMBER
    post.deleted_at = timezone.now()
    post.save(update_fields=["title", "body", "body_html", "author", "author_name",
                             "deleted_at"])
    return post
