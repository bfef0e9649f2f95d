"""The review queue: one entry per reported or pending item, the most urgent first."""

from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, Min, Q, Value

from posts.models import Comment, Post

from .models import Reason, Report


@dataclass
class QueueItem:
    post_id: int
    comment_id: int | None
    reports: int = 0
    crisis: bool = False
    since: object = None
    pending: bool = False
    reasons: list = field(default_factory=list)
    post: object = None
    comment: object = None

    @property
    def key(self):
        return (self.post_id, self.comment_id)

    @property
    def target(self):
        return self.comment or self.post


def _open_groups():
    return (Report.objects.open()
            .values("post_id", "comment_id")
            .annotate(count=Count("id"), since=Min("created_at"),
                      crisis_reports=Count("id", filter=Q(reason=Reason.CRISIS))))


def collect():
    """All queue entries, ordered: crisis first, then most reports, then the oldest."""
    items = {}
    for group in _open_groups():
        item = QueueItem(group["post_id"], group["comment_id"], reports=group["count"],
                         crisis=group["crisis_reports"] > 0, since=group["since"])
        items[item.key] = item
    for post_id, created in Post.objects.waiting_for_review().values_list("id", "created_at"):
        item = items.setdefault((post_id, None), QueueItem(post_id, None, since=created))
        item.pending = True
    for comment_id, post_id, created in Comment.objects.waiting_for_review().values_list(
            "id", "post_id", "created_at"):
        item = items.setdefault((post_id, comment_id), QueueItem(post_id, comment_id,
                                                                 since=created))
        item.pending = True
    return sorted(items.values(), key=lambda i: (not i.crisis, -i.reports, i.since))


def queue_size():
    """How many entries `collect` would give, counted by the database in one query (the
    header shows it on every page, so it must not load the queue)."""
    reported = Report.objects.open().values_list("post_id", "comment_id")
    no_comment = Value(None, output_field=IntegerField())
    posts = Post.objects.waiting_for_review().annotate(no_comment=no_comment).values_list(
        "id", "no_comment")
    comments = Comment.objects.waiting_for_review().values_list("post_id", "id")
    return reported.union(posts, comments).count()  # UNION: one entry per (post, comment)


def load(items):
    """Fetch the content and reasons of one page of entries in a fixed number of queries."""
    post_ids = {item.post_id for item in items}
    comment_ids = {item.comment_id for item in items if item.comment_id}
    posts = Post.objects.in_bulk(post_ids)
    comments = Comment.objects.in_bulk(comment_ids)
    reasons = {}
    for report in Report.objects.open().filter(post_id__in=post_ids):
        reasons.setdefault((report.post_id, report.comment_id), []).append(report)
    for item in items:
        item.post = posts.get(item.post_id)
        item.comment = comments.get(item.comment_id) if item.comment_id else None
        item.reasons = reasons.get(item.key, [])
    return [item for item in items if item.post is not None]
