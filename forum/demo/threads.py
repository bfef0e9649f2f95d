"""Demo conversations, inserted in bulk so 10,000 comments take seconds.

`seed_conversation` writes a story's hand-written thread (forum/demo/conversations.py);
`seed_threads` writes `count` generated comments for load tests (`seed_demo --comments N`),
where replies come from a pool written to answer advice, so they still fit their parent."""

from datetime import timedelta

from django.core.management.color import no_style
from django.db import connection
from django.db.models import Max
from django.utils import timezone

from posts.models import Comment, Post
from posts.models.comments import path_segment
from posts.rendering import render_markdown

from .content import COMMENT_CLOSERS, COMMENT_MIDDLES, COMMENT_OPENERS, REPLIES_TO_ADVICE

TOP_LEVEL_SHARE = 0.3  # about a third of generated comments start a new thread
BATCH = 1000


def _advice(rng):
    parts = [rng.choice(COMMENT_OPENERS), rng.choice(COMMENT_MIDDLES), rng.choice(COMMENT_CLOSERS)]
    return " ".join(part for part in parts if part)


def seed_threads(post, members, *, count, depth, rng):
    """`count` generated comments on `post`, replies nested up to `depth` levels."""
    if count <= 0:
        return
    plan = []  # (index of the comment answered or None, author, body)
    for index in range(count):
        nestable = [i for i in range(max(0, index - 50), index)]
        if plan and rng.random() > TOP_LEVEL_SHARE:
            plan.append((rng.choice(nestable), rng.choice(members), rng.choice(REPLIES_TO_ADVICE)))
        else:
            plan.append((None, rng.choice(members), _advice(rng)))
    _insert(post, plan, depth=depth, rng=rng)


def seed_conversation(post, members, tree, *, depth, rng):
    """The hand-written `tree` under `post`; "op" comments are the story's author's."""
    others = [m for m in members if m.pk != post.author_id] or members
    plan = []

    def walk(nodes, parent_index):
        for who, text, replies in nodes:
            author = post.author if who == "op" and post.author else rng.choice(others)
            plan.append((parent_index, author, text))
            walk(replies, len(plan) - 1)

    walk(tree, None)
    _insert(post, plan, depth=depth, rng=rng)


def _insert(post, plan, *, depth, rng):
    """Bulk-create `plan` in order (a reply always after what it answers). Below the nesting
    cap a reply nests under its parent; at the cap it becomes the parent's sibling and says
    whom it answers, as posts.services.comments does."""
    if not plan:
        return
    depth = max(depth, 1)
    next_id = (Comment.objects.aggregate(top=Max("id"))["top"] or 0) + 1
    span = max((timezone.now() - post.published_at).total_seconds(), 60)
    # Times grow with the plan's order, so every reply is later than what it answers.
    offsets = sorted(rng.uniform(0, span) for _ in range(len(plan) - 1)) + [span - 30]
    rendered, comments, by_id, reply_counts = {}, [], {}, {}
    for index, ((answers, author, body), offset) in enumerate(zip(plan, offsets, strict=True)):
        parent, reply_to_name = (comments[answers] if answers is not None else None), ""
        if parent is not None and parent.depth >= depth - 1:
            reply_to_name = parent.author_name
            parent = by_id.get(parent.parent_id)
        if body not in rendered:
            rendered[body] = render_markdown(body)
        pk = next_id + index
        comment = Comment(
            id=pk, created_at=post.published_at + timedelta(seconds=offset),
            post=post, parent=parent, reply_to_name=reply_to_name,
            root_id=parent.root_id if parent else pk, depth=parent.depth + 1 if parent else 0,
            path=(f"{parent.path}/" if parent else "") + path_segment(pk),
            author=author, author_name=author.username, body=body, body_html=rendered[body],
            status=Comment.Status.VISIBLE,
        )
        if parent is not None:
            reply_counts[parent.id] = reply_counts.get(parent.id, 0) + 1
        comments.append(comment)
        by_id[pk] = comment
    for comment in comments:
        comment.reply_count = reply_counts.get(comment.id, 0)
    Comment.objects.bulk_create(comments, batch_size=BATCH)
    Post.objects.filter(pk=post.pk).update(
        comment_count=len(comments), last_activity_at=max(c.created_at for c in comments))
    # Explicit ids skip PostgreSQL's sequence; move it past them for the next comment.
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), [Comment]):
            cursor.execute(statement)
