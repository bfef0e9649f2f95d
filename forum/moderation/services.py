"""Moderators' actions. Each checks permission, acts, writes the audit log, closes the
reports, and tells the author why, in one transaction."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from forum.notifications.services import notify_moderation
from posts.models import Comment, Post
from posts.services.comments import change_comment_status
from posts.services.posts import announce_post

from .models import Appeal, Guideline, ModerationAction, Report

K = ModerationAction.Kind
CONTENT_ACTIONS = {K.APPROVE, K.HIDE, K.REMOVE, K.RESTORE, K.LOCK, K.UNLOCK, K.DISMISS}
MEMBER_ACTIONS = {K.SILENCE, K.SUSPEND}
MAX_DAYS = 365


class ActionRefused(Exception):
    """A moderation request that cannot be carried out as asked (shown with a 400)."""


def ensure_moderator(user):
    if not (user and user.is_authenticated and user.is_moderator):
        raise PermissionDenied("Only moderators can do this.")


def _check_reasons(guideline, statement):
    if guideline not in Guideline.values:
        raise ActionRefused("Choose the guideline this action is based on.")
    if not (statement or "").strip():
        raise ActionRefused("Write a statement of reasons: the author will read it.")


def _log(moderator, kind, *, post=None, comment=None, member=None, guideline="", statement="",
         until=None, appeal_of=None):
    return ModerationAction.objects.create(
        actor=moderator, actor_name=moderator.username, kind=kind, post=post, comment=comment,
        member=member, member_name=member.username if member else "", guideline=guideline,
        statement=statement.strip(), until=until, appeal_of=appeal_of,
    )


def _close_reports(post, comment, status):
    Report.objects.filter(post=post, comment=comment, status=Report.Status.OPEN).update(
        status=status, resolved_at=timezone.now())


def _approve_author(author):
    if author is not None:
        type(author).objects.filter(pk=author.pk).update(
            approved_contributions=F("approved_contributions") + 1)


def _set_post_status(post, status):
    Post.objects.filter(pk=post.pk).update(status=status)
    post.status = status


POST_STATUS = {K.APPROVE: Post.Status.PUBLISHED, K.HIDE: Post.Status.HIDDEN,
               K.REMOVE: Post.Status.REMOVED, K.RESTORE: Post.Status.PUBLISHED}
COMMENT_STATUS = {K.APPROVE: Comment.Status.VISIBLE, K.HIDE: Comment.Status.HIDDEN,
                  K.REMOVE: Comment.Status.REMOVED, K.RESTORE: Comment.Status.VISIBLE}


@transaction.atomic
def act_on_content(*, moderator, kind, post, comment=None, guideline, statement):
    """Approve, hide, remove, restore, lock, unlock or dismiss the reports on an item."""
    ensure_moderator(moderator)
    if kind not in CONTENT_ACTIONS:
        raise ActionRefused("Unknown action.")
    _check_reasons(guideline, statement)
    post = Post.objects.select_for_update().get(pk=post.pk)
    target = Comment.objects.get(pk=comment.pk) if comment else post
    if kind in (K.LOCK, K.UNLOCK):
        if comment is not None:
            raise ActionRefused("Only a post can be locked.")
        Post.objects.filter(pk=post.pk).update(is_locked=kind == K.LOCK)
    elif kind in POST_STATUS:
        new_status = (COMMENT_STATUS if comment else POST_STATUS)[kind]
        if target.status == new_status:
            raise ActionRefused("It is already like that; nothing changed.")
        was_pending = target.status == "pending"
        if comment:
            change_comment_status(comment, new_status)
        else:
            _set_post_status(post, new_status)
        if kind == K.APPROVE and was_pending:
            _approve_author(target.author)
            if comment:
                from forum.notifications.services import notify_comment

                fresh = Comment.objects.select_related("post", "parent").get(pk=comment.pk)
                notify_comment(fresh, parent=fresh.parent)
            else:
                Post.objects.filter(pk=post.pk).update(published_at=timezone.now())
                announce_post(post)
    action = _log(moderator, kind, post=post, comment=comment, member=target.author,
                  guideline=guideline, statement=statement)
    _close_reports(post, comment, Report.Status.DISMISSED if kind in (K.DISMISS, K.APPROVE,
                                                                       K.RESTORE)
                   else Report.Status.ACTIONED)
    if target.author_id and target.author_id != moderator.pk and kind not in (K.DISMISS,):
        notify_moderation(action, recipient=target.author)
    return action


@transaction.atomic
def act_on_member(*, moderator, kind, member, days, guideline, statement, post=None,
                  comment=None):
    """Silence (can read, cannot post) or suspend (cannot log in) until a date."""
    ensure_moderator(moderator)
    if kind not in MEMBER_ACTIONS:
        raise ActionRefused("Unknown action.")
    _check_reasons(guideline, statement)
    try:
        days = int(days)
    except (TypeError, ValueError):
        days = 0
    if not 1 <= days <= MAX_DAYS:
        raise ActionRefused(f"Choose a duration from 1 to {MAX_DAYS} days, ending in the future.")
    if member.is_moderator:
        raise ActionRefused("Moderators cannot silence or suspend other moderators here.")
    until = timezone.now() + timedelta(days=days)
    field = "silenced_until" if kind == K.SILENCE else "suspended_until"
    type(member).objects.filter(pk=member.pk).update(**{field: until})
    action = _log(moderator, kind, post=post, comment=comment, member=member,
                  guideline=guideline, statement=statement, until=until)
    notify_moderation(action, recipient=member)
    return action


@transaction.atomic
def file_appeal(*, author, action, text):
    if action.member_id != author.pk:
        raise PermissionDenied("You can only appeal decisions about your own posts or account.")
    if action.kind not in (K.HIDE, K.REMOVE, K.SILENCE, K.SUSPEND, K.LOCK):
        raise ActionRefused("This decision cannot be appealed.")
    if not (text or "").strip():
        raise ActionRefused("Tell the moderators why you think the decision was wrong.")
    if Appeal.objects.filter(action=action).exists():
        raise ActionRefused("You have already appealed this decision.")
    return Appeal.objects.create(action=action, author=author, text=text.strip())


@transaction.atomic
def decide_appeal(*, moderator, appeal, grant, statement):
    ensure_moderator(moderator)
    appeal = Appeal.objects.select_for_update().select_related("action", "author").get(
        pk=appeal.pk)
    if appeal.action.actor_id == moderator.pk:
        raise PermissionDenied("A different moderator must decide an appeal of your decision.")
    if appeal.status != Appeal.Status.PENDING:
        raise ActionRefused("This appeal has already been decided.")
    if not (statement or "").strip():
        raise ActionRefused("Write a short explanation for the member.")
    original = appeal.action
    if grant:
        _undo(original)
    appeal.status = Appeal.Status.GRANTED if grant else Appeal.Status.DENIED
    appeal.decided_by, appeal.decision = moderator, statement.strip()
    appeal.decided_at = timezone.now()
    appeal.save(update_fields=["status", "decided_by", "decision", "decided_at"])
    action = _log(moderator, K.APPEAL_GRANTED if grant else K.APPEAL_DENIED,
                  post=original.post, comment=original.comment, member=appeal.author,
                  guideline=original.guideline, statement=statement, appeal_of=original)
    notify_moderation(action, recipient=appeal.author)
    return appeal


def _undo(action):
    if action.kind in (K.HIDE, K.REMOVE):
        if action.comment_id:
            change_comment_status(action.comment, Comment.Status.VISIBLE)
        elif action.post_id:
            _set_post_status(action.post, Post.Status.PUBLISHED)
    elif action.kind == K.LOCK and action.post_id:
        Post.objects.filter(pk=action.post_id).update(is_locked=False)
    elif action.kind in MEMBER_ACTIONS and action.member_id:
        field = "silenced_until" if action.kind == K.SILENCE else "suspended_until"
        type(action.member).objects.filter(pk=action.member_id).update(**{field: None})
