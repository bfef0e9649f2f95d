"""The asker of a question marks the replies that helped them (Discourse's "Solved", but
up to five: with MS, what helps is rarely one thing). The next reader sees them first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from plumbing.refusals import Refused

from .. import events
from ..models import Comment, Post
from ..permissions import can_mark_helped

if TYPE_CHECKING:
    from accounts.models import User
    from accounts.types import Viewer

MAX_HELPED = 5


def _ensure_can_mark(user: Viewer, post: Post, comment: Comment) -> None:
    if not can_mark_helped(user, post):
        if not post.is_question:
            raise Refused("Only replies to a question can be marked as helpful.", status=403)
        raise Refused("Only the member who asked this question can mark the replies that "
                      "helped them.", status=403)
    if not comment.is_public:
        raise Refused("This reply is no longer available, so it cannot be marked.", status=400)
    if comment.author_id is not None and comment.author_id == post.author_id:
        raise Refused("Mark the replies of others that helped you; your own replies "
                      "cannot be marked.", status=400)


@transaction.atomic
def toggle_helped(*, actor: User, comment: Comment) -> Comment:
    """Mark a reply as one that helped the asker, or unmark it. Returns the comment."""
    # Lock the question: two quick marks cannot both be the fifth.
    post = Post.objects.select_for_update().get(pk=comment.post_id)
    comment = Comment.objects.get(pk=comment.pk)
    _ensure_can_mark(actor, post, comment)
    comment.post = post  # the page cache bumps this post's pages without a query
    if comment.helped_at is not None:
        comment.helped_at = None
        comment.save(update_fields=["helped_at"])
        return comment
    if Comment.objects.helped().filter(post=post).count() >= MAX_HELPED:
        raise Refused(f"You can mark up to {MAX_HELPED} replies that helped. Unmark one "
                      "first, then mark this one.", status=400)
    comment.helped_at = timezone.now()
    comment.save(update_fields=["helped_at"])
    if comment.author_id is not None and comment.author_id != actor.pk:
        events.comment_helped.announce(comment, by=actor)
    return comment
