"""Moderators' verbs on a post or comment: one function each. Each checks permission, acts,
closes the reports, writes the audit log and tells the author, in one transaction."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from accounts.models import User
from forum.conversations.models import Message
from plumbing.refusals import Refused
from posts.models import Comment, Post
from posts.services.comments import announce_comment, change_comment_status
from posts.services.posts import announce_post

from ..models import ModerationAction, Report
from . import messages
from .record import K, check_reasons, close_reports, ensure_moderator, record

Target = tuple[Post, Comment | None]


def _fresh(post: Post, comment: Comment | None) -> Target:
    """Lock the post row (writers to one thread queue up) and read both fresh."""
    post = Post.objects.select_for_update().get(pk=post.pk)
    if comment is not None:
        comment = Comment.objects.select_related("post", "parent").get(pk=comment.pk)
        if comment.post_id != post.pk:
            raise Refused("That comment is not part of this post.", status=404)
    return post, comment


def _on_content(post: Post | None) -> Post:
    if post is None:
        raise Refused("Name a post, a comment or a private message to act on.", status=404)
    return post


def set_post_status(post: Post, status: str) -> None:
    Post.objects.filter(pk=post.pk).update(status=status)
    post.status = status


def _set_status(post: Post, comment: Comment | None, status: str) -> None:
    if comment is not None:
        change_comment_status(comment, status)
        comment.status = status
    else:
        set_post_status(post, status)


def _already(target: Post | Comment, status: str) -> None:
    if target.status == status:
        raise Refused(f"It is already {target.get_status_display().lower()}; nothing changed.",
                      status=409)


@transaction.atomic
def approve(*, moderator: User, post: Post, comment: Comment | None = None) -> ModerationAction:
    """A new member's post or comment that waited for review goes live. Not a sanction: the
    author hears it is visible, and nothing is offered to appeal.

    Approved again (an edit that added links sent it back to review), it goes live again
    and the author hears so, but it was announced already: watchers and mentioned members
    are not told twice, the post keeps its place in the lists, and it counts as one
    approved contribution. The log's earlier approval says so."""
    ensure_moderator(moderator)
    post, comment = _fresh(post, comment)
    target = comment or post
    if not target.is_waiting_for_review:
        raise Refused("Only what waits for review can be approved; this is "
                      f"{target.get_status_display().lower()}.", status=409)
    first_approval = not ModerationAction.objects.filter(
        kind=K.APPROVE, post=post, comment=comment).exists()
    if comment is not None:
        change_comment_status(comment, Comment.Status.VISIBLE)
        if first_approval:
            announce_comment(comment, parent=comment.parent)
    elif first_approval:
        Post.objects.filter(pk=post.pk).update(status=Post.Status.PUBLISHED,
                                               published_at=timezone.now())
        announce_post(post)
    else:
        Post.objects.filter(pk=post.pk).update(status=Post.Status.PUBLISHED)
    if target.author is not None and first_approval:
        type(target.author).objects.filter(pk=target.author.pk).update(
            approved_contributions=F("approved_contributions") + 1)
    close_reports(post, comment, Report.Status.DISMISSED)
    return record(moderator=moderator, kind=K.APPROVE, post=post, comment=comment,
                  member=target.author, tell=target.author)


def _sanction(kind: str, status_for_post: str, status_for_comment: str, *, moderator: User,
              post: Post, comment: Comment | None, guideline: str,
              statement: str, legal_ground: str = "") -> ModerationAction:
    ensure_moderator(moderator)
    check_reasons(guideline, statement, legal_ground)
    post, comment = _fresh(post, comment)
    target = comment or post
    status = status_for_comment if comment is not None else status_for_post
    _already(target, status)
    _set_status(post, comment, status)
    close_reports(post, comment, Report.Status.ACTIONED)
    return record(moderator=moderator, kind=kind, post=post, comment=comment,
                  member=target.author, guideline=guideline, statement=statement,
                  legal_ground=legal_ground, tell=target.author)


@transaction.atomic
def hide(*, moderator: User, post: Post | None = None, comment: Comment | None = None,
         message: Message | None = None, guideline: str, statement: str,
         legal_ground: str = "") -> ModerationAction:
    """Out of sight for everyone but moderators and (for a post) its author; reversible.
    A private message: hidden from both sides, its sender told why. `legal_ground` names
    the law it breaks when that, not a guideline (or as well as one), is the ground."""
    if message is not None:
        return messages.hide_message(moderator=moderator, message=message,
                                     guideline=guideline, statement=statement,
                                     legal_ground=legal_ground)
    return _sanction(K.HIDE, Post.Status.HIDDEN, Comment.Status.HIDDEN, moderator=moderator,
                     post=_on_content(post), comment=comment, guideline=guideline,
                     statement=statement, legal_ground=legal_ground)


@transaction.atomic
def remove(*, moderator: User, post: Post, comment: Comment | None = None, guideline: str,
           statement: str, legal_ground: str = "") -> ModerationAction:
    """Gone for everyone but moderators; a comment with replies stays as a tombstone."""
    return _sanction(K.REMOVE, Post.Status.REMOVED, Comment.Status.REMOVED,
                     moderator=moderator, post=post, comment=comment, guideline=guideline,
                     statement=statement, legal_ground=legal_ground)


@transaction.atomic
def restore(*, moderator: User, post: Post | None = None, comment: Comment | None = None,
            message: Message | None = None, statement: str = "") -> ModerationAction:
    """Hidden or removed content comes back; the author hears it is visible again."""
    if message is not None:
        return messages.restore_message(moderator=moderator, message=message,
                                        statement=statement)
    ensure_moderator(moderator)
    post, comment = _fresh(_on_content(post), comment)
    target = comment or post
    if not target.is_taken_down:
        raise Refused("Only hidden or removed content can be restored; this is "
                      f"{target.get_status_display().lower()}.", status=409)
    _set_status(post, comment, Comment.Status.VISIBLE if comment else Post.Status.PUBLISHED)
    close_reports(post, comment, Report.Status.DISMISSED)
    return record(moderator=moderator, kind=K.RESTORE, post=post, comment=comment,
                  member=target.author, statement=statement, tell=target.author)


def _post_only(comment: Comment | None) -> None:
    if comment is not None:
        raise Refused("Only a post can be locked. A comment can be hidden or removed.")


@transaction.atomic
def lock(*, moderator: User, post: Post, comment: Comment | None = None, guideline: str,
         statement: str) -> ModerationAction:
    """The conversation stays readable; new comments and replies are closed."""
    ensure_moderator(moderator)
    _post_only(comment)
    check_reasons(guideline, statement)
    post, _ = _fresh(post, None)
    if post.is_locked:
        raise Refused("This post is already locked; nothing changed.", status=409)
    Post.objects.filter(pk=post.pk).update(is_locked=True)
    close_reports(post, None, Report.Status.ACTIONED)
    return record(moderator=moderator, kind=K.LOCK, post=post, member=post.author,
                  guideline=guideline, statement=statement, tell=post.author)


@transaction.atomic
def unlock(*, moderator: User, post: Post, comment: Comment | None = None,
           statement: str = "") -> ModerationAction:
    ensure_moderator(moderator)
    _post_only(comment)
    post, _ = _fresh(post, None)
    if not post.is_locked:
        raise Refused("This post is not locked; nothing changed.", status=409)
    Post.objects.filter(pk=post.pk).update(is_locked=False)
    return record(moderator=moderator, kind=K.UNLOCK, post=post, member=post.author,
                  statement=statement, tell=post.author)


@transaction.atomic
def dismiss(*, moderator: User, post: Post | None = None, comment: Comment | None = None,
            message: Message | None = None, statement: str = "") -> ModerationAction:
    """The reports were looked at and nothing is wrong: logged, and nobody is told (the
    author never knew of the reports; reporters are not told outcomes about others)."""
    if message is not None:
        return messages.dismiss_message(moderator=moderator, message=message,
                                        statement=statement)
    ensure_moderator(moderator)
    post, comment = _fresh(_on_content(post), comment)
    if not close_reports(post, comment, Report.Status.DISMISSED):
        raise Refused("There are no open reports about this to dismiss.", status=409)
    target = comment or post
    return record(moderator=moderator, kind=K.DISMISS, post=post, comment=comment,
                  member=target.author, statement=statement)
