"""Creating notifications. Content announces what was published (posts/events.py); the
listeners are registered in apps.py. Moderation calls these directly."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from accounts.blocking import blocker_ids_among
from accounts.mentions import mentioned_handles
from accounts.models import Block
from plumbing.mail import enqueue_with_the_data
from posts.models import PostFollow, TagFollow

from .models import Notification
from .tasks import email_notifications

if TYPE_CHECKING:
    from accounts.models import User
    from posts.models import Comment, Post

MAX_MENTIONS = 10


def _email_later(**selection: Any) -> None:
    # In the transaction that writes the notifications (each caller below holds one): the
    # task and its rows are stored together, or neither is.
    enqueue_with_the_data(email_notifications, **selection)


@transaction.atomic(savepoint=False)
def notify_new_post(post: Post) -> None:
    """Everyone watching one of the post's tags, in one INSERT … SELECT whatever their number."""
    table = Notification._meta.db_table
    follows = TagFollow._meta.db_table
    blocks = Block._meta.db_table
    tags = [tag.pk for tag in post.tags.all()]
    if not tags:
        return
    placeholders = ", ".join(["%s"] * len(tags))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (recipient_id, kind, actor_id, actor_name, post_id, "
            "created_at) SELECT DISTINCT user_id, %s, %s, %s, %s, %s "
            f"FROM {follows} WHERE level = %s AND tag_id IN ({placeholders}) AND user_id <> %s "
            # Members who blocked the author hear nothing from them.
            f"AND user_id NOT IN (SELECT blocker_id FROM {blocks} WHERE blocked_id = %s)",
            [Notification.Kind.NEW_POST, post.author_id, post.author_name, post.pk,
             timezone.now(), TagFollow.Level.WATCHING, *tags, post.author_id,
             post.author_id or 0],
        )
    _email_later(kind=Notification.Kind.NEW_POST, post_id=post.pk)


def mentioned_users(text: str | None, exclude_ids: Iterable[int | None] = ()) -> list[User]:
    handles = mentioned_handles(text)
    if not handles:
        return []
    users = get_user_model().objects.filter(
        username__iregex=r"^(" + "|".join(re.escape(h) for h in sorted(handles)[:MAX_MENTIONS])
        + r")$", is_active=True,
    ).exclude(pk__in=[pk for pk in exclude_ids if pk is not None]).only("id")
    return list(users)


def _post_follows(post: Post) -> dict[int, str]:
    """{member id: level} of those watching or muting this post (one query); the author
    watches their own post unless they chose otherwise."""
    levels = dict(PostFollow.objects.filter(post_id=post.pk).filter(
        ~Q(level=PostFollow.Level.NORMAL) | Q(user_id=post.author_id))
        .values_list("user_id", "level"))
    if post.author_id:
        levels.setdefault(post.author_id, PostFollow.Level.WATCHING)
    return {user_id: level for user_id, level in levels.items()
            if level != PostFollow.Level.NORMAL}


def notify_comment(comment: Comment, parent: Comment | None = None) -> None:
    """A reply to my comment, a comment on my post, an @mention, a new comment on a post I
    watch: one notification each person, the most specific kind first. A member who muted
    the post hears nothing from it (as Discourse's "muted": not even replies or mentions)."""
    post = comment.post
    recipients: dict[int, str] = {}
    if parent is not None and parent.author_id:
        recipients[parent.author_id] = Notification.Kind.REPLY_TO_COMMENT
    if post.author_id:
        recipients.setdefault(post.author_id, Notification.Kind.REPLY_TO_POST)
    for user in mentioned_users(comment.body, exclude_ids=[comment.author_id, *recipients]):
        recipients[user.pk] = Notification.Kind.MENTION
    for user_id, level in _post_follows(post).items():
        if level == PostFollow.Level.MUTED:
            recipients.pop(user_id, None)
        else:
            recipients.setdefault(user_id, Notification.Kind.WATCHED_COMMENT)
    if comment.author_id is not None:
        recipients.pop(comment.author_id, None)
    _create(recipients, actor=comment.author, post=post, comment=comment)


def notify_helped(comment: Comment, *, by: User) -> None:
    """The reply's author hears that it helped the asker (named even when a moderator
    marked it on their behalf). In the app only: no email preference governs it."""
    post = comment.post
    assert comment.author_id is not None  # announced only for replies with an author
    Notification.objects.create(
        recipient_id=comment.author_id, kind=Notification.Kind.HELPED, actor=post.author,
        actor_name=post.author_name, post=post, comment=comment)


def notify_post_mentions(post: Post) -> None:
    users = mentioned_users(post.body, exclude_ids=[post.author_id])
    _create({user.pk: Notification.Kind.MENTION for user in users}, actor=post.author, post=post)


@transaction.atomic(savepoint=False)
def _create(recipients: dict[int, str], *, actor: User | None, post: Post,
            comment: Comment | None = None) -> None:
    """Members who blocked `actor` are left out (one query for all recipients)."""
    for blocker_id in blocker_ids_among(list(recipients), actor):
        recipients.pop(blocker_id)
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


@transaction.atomic(savepoint=False)
def notify_message(*, recipient_id: int, conversation_id: int, actor: User | None,
                   actor_name: str) -> None:
    """A private message: one unread notice per conversation (a second message before they
    read it adds none). The notice and its email name the sender, never the words."""
    if Notification.objects.filter(recipient_id=recipient_id, kind=Notification.Kind.MESSAGE,
                                   conversation_id=conversation_id,
                                   read_at__isnull=True).exists():
        return
    note = Notification.objects.create(
        recipient_id=recipient_id, kind=Notification.Kind.MESSAGE, actor=actor,
        actor_name=actor_name, conversation_id=conversation_id)
    _email_later(ids=[note.pk])


def mark_conversation_read(user: User, conversation_id: int) -> int:
    """Opening a conversation reads its notices."""
    return Notification.objects.filter(recipient=user, conversation_id=conversation_id,
                                       read_at__isnull=True).update(read_at=timezone.now())


# `action` is a forum.moderation ModerationAction: a layer above this one, so not imported.
@transaction.atomic(savepoint=False)
def notify_moderation(action: Any, *, recipient: User) -> Notification:
    """A decision about someone's content or account: always in-app and by email."""
    note = Notification.objects.create(
        recipient=recipient, kind=Notification.Kind.MODERATION, actor=None,
        actor_name="A moderator", post=action.post, comment=action.comment, action=action,
    )
    _email_later(ids=[note.pk])
    return note
