"""Creating notifications. Content announces what was published (posts/events.py); the
listeners are registered in apps.py. Moderation calls these directly."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone

from posts.models import TagFollow

from .models import Notification
from .tasks import email_notifications

if TYPE_CHECKING:
    from accounts.models import User
    from posts.models import Comment, Post

MENTION = re.compile(r"(?<![\w@])@([A-Za-z0-9_-]{3,30})\b")
MAX_MENTIONS = 10


def _email_later(**selection: Any) -> None:
    # After commit, so a worker never looks for rows that are not there yet.
    transaction.on_commit(lambda: email_notifications.enqueue(**selection))


def notify_new_post(post: Post) -> None:
    """Everyone watching one of the post's tags, in one INSERT … SELECT whatever their number."""
    table = Notification._meta.db_table
    follows = TagFollow._meta.db_table
    tags = [tag.pk for tag in post.tags.all()]
    if not tags:
        return
    placeholders = ", ".join(["%s"] * len(tags))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (recipient_id, kind, actor_id, actor_name, post_id, "
            "created_at) SELECT DISTINCT user_id, %s, %s, %s, %s, %s "
            f"FROM {follows} WHERE level = %s AND tag_id IN ({placeholders}) AND user_id <> %s",
            [Notification.Kind.NEW_POST, post.author_id, post.author_name, post.pk,
             timezone.now(), TagFollow.Level.WATCHING, *tags, post.author_id],
        )
    _email_later(kind=Notification.Kind.NEW_POST, post_id=post.pk)


def mentioned_users(text: str | None, exclude_ids: Iterable[int | None] = ()) -> list[User]:
    handles = {match.lower() for match in MENTION.findall(text or "")}
    if not handles:
        return []
    users = get_user_model().objects.filter(
        username__iregex=r"^(" + "|".join(re.escape(h) for h in sorted(handles)[:MAX_MENTIONS])
        + r")$", is_active=True,
    ).exclude(pk__in=[pk for pk in exclude_ids if pk is not None]).only("id")
    return list(users)


def notify_comment(comment: Comment, parent: Comment | None = None) -> None:
    """A reply to my comment, a comment on my post, an @mention: one notification each
    person, the most specific kind first."""
    post = comment.post
    recipients: dict[int, str] = {}
    if parent is not None and parent.author_id:
        recipients[parent.author_id] = Notification.Kind.REPLY_TO_COMMENT
    if post.author_id:
        recipients.setdefault(post.author_id, Notification.Kind.REPLY_TO_POST)
    for user in mentioned_users(comment.body, exclude_ids=[comment.author_id, *recipients]):
        recipients[user.pk] = Notification.Kind.MENTION
    if comment.author_id is not None:
        recipients.pop(comment.author_id, None)
    _create(recipients, actor=comment.author, post=post, comment=comment)


def notify_post_mentions(post: Post) -> None:
    users = mentioned_users(post.body, exclude_ids=[post.author_id])
    _create({user.pk: Notification.Kind.MENTION for user in users}, actor=post.author, post=post)


def _create(recipients: dict[int, str], *, actor: User | None, post: Post,
            comment: Comment | None = None) -> None:
    if not recipients:
        return
    assert actor is not None  # what was published has its author
    created = Notification.objects.bulk_create([
        Notification(recipient_id=user_id, kind=kind, actor=actor, actor_name=actor.username,
                     post=post, comment=comment)
        for user_id, kind in recipients.items()
    ])
    _email_later(ids=[note.pk for note in created])


def mark_read(user: User, notification_ids: Iterable[int] | None = None) -> int:
    notes = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        notes = notes.filter(pk__in=notification_ids)
    return notes.update(read_at=timezone.now())


# `action` is a forum.moderation ModerationAction: a layer above this one, so not imported.
def notify_moderation(action: Any, *, recipient: User) -> Notification:
    """A decision about someone's content or account: always in-app and by email."""
    note = Notification.objects.create(
        recipient=recipient, kind=Notification.Kind.MODERATION, actor=None,
        actor_name="A moderator", post=action.post, comment=action.comment, action=action,
    )
    _email_later(ids=[note.pk])
    return note
