"""Writes to threaded comments. Counters change in the same transaction as the comment."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from accounts.blocking import ensure_not_blocked_by
from plumbing.refusals import Refused

from .. import events
from ..models import Comment, Post, Revision
from ..models.comments import path_segment
from ..permissions import ensure_can_change_comment, ensure_can_comment
from ..personal_info import guard
from ..policy import check_links, check_rate, flag_if_at_risk, needs_review
from ..rendering import render_markdown
from .follows import watch_after_commenting

if TYPE_CHECKING:
    from accounts.models import User

# The same text from the same member in the same place within this window is a double submit.
DUPLICATE_WINDOW = timedelta(seconds=30)


def _locked_post(post: Post) -> Post:
    # Lock the post row: writers to one thread queue up (PostgreSQL), and we see is_locked fresh.
    return Post.objects.select_for_update().get(pk=post.pk)


def _reply_target(post: Post, parent_id: int) -> Comment:
    parent = Comment.objects.select_related("parent").filter(pk=parent_id).first()
    if parent is None or parent.post_id != post.pk:
        raise Refused("The comment you are replying to is not part of this post.")
    if parent.status != Comment.Status.VISIBLE:
        raise Refused("The comment you are replying to is no longer available.")
    return parent


@transaction.atomic
def post_comment(*, author: User, post: Post, body: str, parent: Comment | int | None = None,
                 confirm_personal_info: bool = False) -> Comment:
    """Add a comment, or a reply when `parent` (a comment or its id) is given."""
    post = _locked_post(post)
    ensure_can_comment(author, post)
    if parent is not None:
        parent = _reply_target(post, parent.pk if isinstance(parent, Comment) else parent)
    # A member blocked by the post's author, or by the one they answer, cannot write to them.
    ensure_not_blocked_by(author, post.author_id, parent.author_id if parent else None)
    duplicate = _recent_duplicate(author, post, body)
    if duplicate is not None:
        return duplicate
    guard(body, confirmed=confirm_personal_info)
    check_links(author, body)
    check_rate(author, "comment")
    status = Comment.Status.PENDING if needs_review(author) else Comment.Status.VISIBLE
    # Below the nesting cap a reply nests under its parent; at the cap it becomes the
    # parent's sibling and says whom it answers ("replying to @name").
    attach_to, reply_to_name = parent, ""
    if parent is not None and parent.depth >= settings.KINDRED_COMMENT_MAX_DEPTH - 1:
        attach_to, reply_to_name = parent.parent, parent.author_name
    comment = Comment.objects.create(
        post=post, parent=attach_to, depth=attach_to.depth + 1 if attach_to else 0,
        reply_to_name=reply_to_name, author=author, author_name=author.username,
        body=body, body_html=render_markdown(body, mentions=True), status=status,
    )
    comment.root_id = attach_to.root_id if attach_to else comment.pk
    comment.path = (f"{attach_to.path}/" if attach_to else "") + path_segment(comment.pk)
    Comment.objects.filter(pk=comment.pk).update(root_id=comment.root_id, path=comment.path)
    comment.post = post
    watch_after_commenting(author, post)
    if status == Comment.Status.VISIBLE:
        _count(comment, visible=1, replies=1)
        announce_comment(comment, parent=parent)
    flag_if_at_risk(comment, body, post=post, comment=comment)
    return comment


def announce_comment(comment: Comment, parent: Comment | None = None) -> None:
    """Tell whoever it answers and mentioned members: when posted, or when a moderator
    approves. Notifications listen (posts/events.py); content does not call them."""
    events.comment_published.announce(comment, parent=parent)


def _count(comment: Comment, *, visible: int, replies: int) -> None:
    """Keep Post.comment_count (visible comments) and the parent's reply_count (replies that
    are not waiting for review) exact, in the caller's transaction. A comment that becomes
    visible is the post's latest activity (lists show "last reply …")."""
    if visible > 0:
        Post.objects.filter(pk=comment.post_id).update(
            comment_count=F("comment_count") + visible, last_activity_at=timezone.now())
    elif visible:
        Post.objects.filter(pk=comment.post_id).update(comment_count=F("comment_count") + visible)
    if replies and comment.parent_id is not None:
        Comment.objects.filter(pk=comment.parent_id).update(reply_count=F("reply_count") + replies)


@transaction.atomic
def change_comment_status(comment: Comment, status: str) -> Comment:
    """Moderation moves a comment between statuses; the counters follow."""
    _locked_post(comment.post)
    comment = Comment.objects.select_related("post").get(pk=comment.pk)
    old = comment.status
    if old == status:
        return comment
    S = Comment.Status
    _count(comment, visible=(status == S.VISIBLE) - (old == S.VISIBLE),
           replies=(old == S.PENDING) - (status == S.PENDING))
    comment.status = status
    comment.save(update_fields=["status"])
    return comment


def _recent_duplicate(author: User, post: Post, body: str) -> Comment | None:
    return Comment.objects.filter(
        post=post, author=author, body=body, created_at__gte=timezone.now() - DUPLICATE_WINDOW,
    ).exclude(status=Comment.Status.DELETED).first()


def _links(text: str) -> int:
    return render_markdown(text).count("<a ")


@transaction.atomic
def edit_comment(*, editor: User, comment: Comment, body: str,
                 confirm_personal_info: bool = False) -> Comment:
    """Edits pass the same checks as new comments. A member still under new-member review
    who adds links sends the comment back to a moderator, as a new comment would be."""
    post = _locked_post(comment.post)
    comment = Comment.objects.get(pk=comment.pk)
    ensure_can_change_comment(editor, comment)
    ensure_can_comment(editor, post)
    guard(body, confirmed=confirm_personal_info)
    check_links(editor, body)
    back_to_review = (comment.status == Comment.Status.VISIBLE and needs_review(editor)
                      and _links(body) > _links(comment.body))
    if body != comment.body:  # the words before this edit
        Revision.objects.create(comment=comment, body=comment.body, editor=editor)
    comment.body, comment.body_html = body, render_markdown(body, mentions=True)
    comment.edited_at = timezone.now()
    comment.save(update_fields=["body", "body_html", "edited_at"])
    if back_to_review:
        comment = change_comment_status(comment, Comment.Status.PENDING)
    comment.post = post
    flag_if_at_risk(comment, body, post=post, comment=comment)
    return comment


@transaction.atomic
def delete_comment(*, actor: User, comment: Comment) -> Comment | None:
    """With replies, a tombstone keeps the thread readable; without, the comment goes."""
    _locked_post(comment.post)
    comment = Comment.objects.get(pk=comment.pk)
    ensure_can_change_comment(actor, comment)
    return _delete_or_tombstone(comment)


# No savepoint: account deletion calls it once per comment inside its own transaction.
@transaction.atomic(savepoint=False)
def remove_for_account_deletion(comment: Comment | int) -> Comment | None:
    """A leaving member's comment goes the same way, without the author check (the account
    service has checked their password). An earlier removal in the same departure may have
    taken it already (a tombstone goes with its last reply): then there is nothing to do."""
    comment_id = comment.pk if isinstance(comment, Comment) else comment
    post_id = Comment.objects.filter(pk=comment_id).values_list("post_id", flat=True).first()
    if post_id is None:
        return None
    Post.objects.select_for_update().filter(pk=post_id).first()
    return _delete_or_tombstone(Comment.objects.get(pk=comment_id))


def _delete_or_tombstone(comment: Comment) -> Comment | None:
    """Any reply, one waiting for review included, keeps the comment as a tombstone: nobody's
    words go because someone else deleted theirs."""
    S = Comment.Status
    if comment.children.exists():
        _count(comment, visible=-(comment.status == S.VISIBLE),
               replies=int(comment.status == S.PENDING))  # a tombstone counts as a reply
        comment.status, comment.body, comment.body_html = S.DELETED, "", ""
        comment.save(update_fields=["status", "body", "body_html"])
        Revision.objects.filter(comment=comment).delete()  # earlier words go with the last
        return comment
    if comment.status == S.VISIBLE:
        _count(comment, visible=-1, replies=0)
    counted_as_reply = comment.status != S.PENDING
    parent_id = comment.parent_id
    comment.delete()
    if parent_id is not None:
        _drop_reply(parent_id, counted=counted_as_reply)
    return None


def _drop_reply(comment_id: int, *, counted: bool) -> None:
    """One reply fewer under this comment (`counted`: it was in reply_count); a deleted one
    left with no reply at all goes too (a moderator's removal stays on record)."""
    if counted:
        Comment.objects.filter(pk=comment_id).update(reply_count=F("reply_count") - 1)
    parent = Comment.objects.get(pk=comment_id)
    if parent.status == Comment.Status.DELETED and not parent.children.exists():
        grandparent_id = parent.parent_id
        parent.delete()
        if grandparent_id is not None:
            _drop_reply(grandparent_id, counted=True)
