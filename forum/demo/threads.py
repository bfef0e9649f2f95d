"""Nested demo conversations, inserted in bulk so 10,000 comments take seconds."""

from datetime import timedelta

from django.core.management.color import no_style
from django.db import connection
from django.db.models import Max
from django.utils import timezone

from posts.models import Comment, Post
from posts.models.comments import path_segment
from posts.rendering import render_markdown

from .content import COMMENT_CLOSERS, COMMENT_MIDDLES, COMMENT_OPENERS

TOP_LEVEL_SHARE = 0.3  # about a third of comments start a new thread
BATCH = 1000


def _body(rng):
    parts = [rng.choice(COMMENT_OPENERS), rng.choice(COMMENT_MIDDLES), rng.choice(COMMENT_CLOSERS)]
    return " ".join(part for part in parts if part)


def seed_threads(post, members, *, count, depth, rng):
    """`count` comments on `post`, replies nested up to `depth` levels, oldest first."""
    if count <= 0:
        return
    depth = max(depth, 1)
    next_id = (Comment.objects.aggregate(top=Max("id"))["top"] or 0) + 1
    now = timezone.now()
    span = max((now - post.published_at).total_seconds(), 60)
    # Times grow with ids, so a thread read in path order is also in time order.
    offsets = sorted(rng.uniform(0, span) for _ in range(count - 1)) + [span - rng.uniform(0, 30)]
    rendered = {}
    comments, reply_counts = [], {}
    for index, offset in enumerate(offsets):
        can_nest = [c for c in comments[-50:] if c.depth < depth - 1]
        parent = None
        if comments and can_nest and rng.random() > TOP_LEVEL_SHARE:
            parent = rng.choice(can_nest)
        body = _body(rng)
        if body not in rendered:
            rendered[body] = render_markdown(body)
        author = rng.choice(members)
        comment = Comment(
            id=next_id + index, created_at=post.published_at + timedelta(seconds=offset),
            post=post, parent=parent,
            root_id=parent.root_id if parent else next_id + index,
            depth=parent.depth + 1 if parent else 0,
            path=(f"{parent.path}/" if parent else "") + path_segment(next_id + index),
            author=author, author_name=author.username, body=body, body_html=rendered[body],
            status=Comment.Status.VISIBLE,
        )
        if parent is not None:
            reply_counts[parent.id] = reply_counts.get(parent.id, 0) + 1
        comments.append(comment)
    for comment in comments:
        comment.reply_count = reply_counts.get(comment.id, 0)
    Comment.objects.bulk_create(comments, batch_size=BATCH)
    Post.objects.filter(pk=post.pk).update(comment_count=len(comments))
    # Explicit ids skip PostgreSQL's sequence; move it past them for the next comment.
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), [Comment]):
            cursor.execute(statement)
