"""The review queue: one entry per reported or pending item, the most urgent first.

A reported private message is an entry too. Moderators see that message, with the two
handles, and when a member reported it the `CONTEXT` messages before it in its
conversation; a message only Kindred reported (crisis words) is shown alone, since nobody
chose to show the other person's words. Nothing else of anyone's messages, here or
anywhere (there is no admin for messages)."""

from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.db.models import (
    BigIntegerField,
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    Min,
    OuterRef,
    Q,
    Value,
    When,
    Window,
)
from django.db.models.functions import Cast, RowNumber

from forum.conversations.models import Conversation, Message, Participant
from posts.models import Comment, Post

from . import flags
from .models import Guideline, Reason, Report

CONTEXT = 3  # messages shown before a message a member reported

# The guideline a report's reason points to: preselected on the card's Hide and Remove.
GUIDELINE_FOR = {
    Reason.CRISIS: Guideline.AT_RISK, Reason.MISINFORMATION: Guideline.EXPERIENCE,
    Reason.SELLING: Guideline.NO_SELLING, Reason.PERSONAL_INFO: Guideline.PRIVACY,
    Reason.HARASSMENT: Guideline.BE_GENTLE, Reason.SPAM: Guideline.NO_SPAM,
}


@dataclass
class QueueItem:
    post_id: int | None
    comment_id: int | None
    message_id: int | None = None
    reports: int = 0
    crisis: bool = False
    since: object = None
    pending: bool = False
    reasons: list = field(default_factory=list)
    post: object = None
    comment: object = None
    message: object = None
    context: list = field(default_factory=list)  # the messages before `message`, oldest first
    alone: bool = False  # `message` only Kindred reported: shown without those before it
    sides: tuple = ()  # the two handles of a reported message's conversation
    flags: list = field(default_factory=list)  # why it may need a look (flags.Flag)
    # After a refusal on this card: the reason, the bound form, and whether it came from the
    # card's own Hide/Remove (else "Other actions").
    refusal: str = ""
    form: object = None
    on_card: bool = False

    @property
    def key(self):
        return (self.post_id, self.comment_id, self.message_id)

    @property
    def target(self):
        return self.message or self.comment or self.post

    @property
    def crisis_report(self):
        """An open crisis report about it (outreach follows from one), or None."""
        return next((r for r in self.reasons if r.reason == Reason.CRISIS), None)

    @property
    def guideline(self):
        """The guideline preselected on the card: the moderator's own choice after a
        refusal, else the one the reports' most common reason points to, else a flag's."""
        if self.form is not None and self.on_card:
            return self.form["guideline"].value() or ""
        reasons = [r.reason for r in self.reasons]
        for reason in sorted(set(reasons), key=lambda r: (-reasons.count(r), reasons.index(r))):
            if reason in GUIDELINE_FOR:
                return GUIDELINE_FOR[reason]
        return next((f.guideline for f in self.flags if f.guideline), "")

    @property
    def other_actions_refused(self):
        """A refusal of what was chosen under "Other actions" (shown open, with the words)."""
        return (bool(self.refusal) and not self.on_card and self.form is not None
                and self.form["kind"].value() not in ("approve", "dismiss"))

    @property
    def statement(self):
        """The words the moderator wrote on the card, kept after a refusal."""
        if self.form is not None and self.on_card:
            return self.form["statement"].value() or ""
        return ""

    @property
    def author(self):
        """Who wrote what is reported (None for a former member or the moderators' team)."""
        if self.message is not None:
            return None if self.message.from_team else self.message.sender
        return self.target.author if self.target is not None else None


def _open_groups():
    return (Report.objects.open()
            .values("post_id", "comment_id", "message_id")
            .annotate(count=Count("id"), since=Min("created_at"),
                      crisis_reports=Count("id", filter=Q(reason=Reason.CRISIS))))


def collect():
    """All queue entries, ordered: crisis first, then most reports, then the oldest."""
    items = {}
    for group in _open_groups():
        item = QueueItem(group["post_id"], group["comment_id"], group["message_id"],
                         reports=group["count"], crisis=group["crisis_reports"] > 0,
                         since=group["since"])
        items[item.key] = item
    for post_id, created in Post.objects.waiting_for_review().values_list("id", "created_at"):
        item = items.setdefault((post_id, None, None), QueueItem(post_id, None, since=created))
        item.pending = True
    for comment_id, post_id, created in Comment.objects.waiting_for_review().values_list(
            "id", "post_id", "created_at"):
        item = items.setdefault((post_id, comment_id, None),
                                QueueItem(post_id, comment_id, since=created))
        item.pending = True
    return sorted(items.values(), key=lambda i: (not i.crisis, -i.reports, i.since))


def _entries(queryset, *, post=None, comment=None, message=None, conversation=None):
    """(post, comment, message, conversation) ids of each row, as typed columns in that
    order whatever the model (values_list would put model fields before annotations, and
    PostgreSQL types a bare NULL as text once two branches of a UNION agree on it)."""
    def column(name):
        value = F(name) if name else Value(None)
        return Cast(value, output_field=BigIntegerField())

    return queryset.annotate(
        entry_post=column(post), entry_comment=column(comment),
        entry_message=column(message), entry_conversation=column(conversation),
    ).values_list("entry_post", "entry_comment", "entry_message", "entry_conversation")


def queue_size():
    """What waits for a moderator: the entries `collect` would give, plus the team
    conversations a member wrote in since the team last read them. Counted by the database
    in one query (the header shows it on every page, so it must not load the queue)."""
    reported = _entries(Report.objects.open(), post="post_id", comment="comment_id",
                        message="message_id")
    posts = _entries(Post.objects.waiting_for_review(), post="id")
    comments = _entries(Comment.objects.waiting_for_review(), post="post_id", comment="id")
    team = _entries(Conversation.objects.waiting_for_team(), conversation="id")
    return reported.union(posts, comments, team).count()  # UNION: one entry per item


def _rounds(messages):
    """Group the reported messages so that no group has two from one conversation."""
    rounds: list[dict] = []
    for message in messages:
        free = next((r for r in rounds if message.conversation_id not in r), None)
        if free is None:
            free = {}
            rounds.append(free)
        free[message.conversation_id] = message
    return rounds


def _context(messages):
    """The CONTEXT messages before each reported one, oldest first. One windowed query
    for the page (one more per extra reported message in the same conversation), then
    the messages themselves."""
    pairs = []
    for reported in _rounds(messages):
        earlier = {m.pk: Q(conversation_id=m.conversation_id)
                   & (Q(created_at__lt=m.created_at) | Q(created_at=m.created_at, id__lt=m.pk))
                   for m in reported.values()}
        rows = (Message.objects.filter(reduce(or_, earlier.values()))
                .annotate(before=Case(*(When(q, then=Value(pk)) for pk, q in earlier.items()),
                                      output_field=IntegerField()),
                          rank=Window(RowNumber(), partition_by=F("conversation_id"),
                                      order_by=(F("created_at").desc(), F("id").desc())))
                .filter(rank__lte=CONTEXT).values_list("id", "before"))
        pairs.extend(rows)
    found = Message.objects.select_related("sender").in_bulk({pk for pk, _ in pairs})
    before: dict[int, list] = {}
    for pk, reported_pk in pairs:
        before.setdefault(reported_pk, []).append(found[pk])
    return {pk: sorted(rows, key=lambda m: (m.created_at, m.pk))
            for pk, rows in before.items()}


def _sides(messages):
    """Each reported message's conversation: its members' handles, in one query."""
    handles = {}
    rows = (Participant.objects.filter(conversation_id__in={m.conversation_id for m in messages})
            .select_related("user").order_by("id"))
    for side in rows:
        handles.setdefault(side.conversation_id, []).append(side.user.username)
    return handles


def load(items):
    """Fetch the content and reasons of one page of entries in a fixed number of queries."""
    post_ids = {item.post_id for item in items if item.post_id}
    comment_ids = {item.comment_id for item in items if item.comment_id}
    message_ids = {item.message_id for item in items if item.message_id}
    posts = Post.objects.select_related("author").in_bulk(post_ids)
    comments = Comment.objects.select_related("author").in_bulk(comment_ids)
    by_a_member = Exists(Report.objects.filter(message=OuterRef("pk"), is_automatic=False))
    messages = (Message.objects.select_related("sender", "conversation")
                .annotate(by_a_member=by_a_member).in_bulk(message_ids)
                if message_ids else {})
    # Automatic crisis reports name that message only: the messages before it (the other
    # person's words too) are shown when a member reported it.
    with_context = [m for m in messages.values() if m.by_a_member]
    before = _context(with_context) if with_context else {}
    sides = _sides(list(messages.values())) if messages else {}
    reasons = {}
    reports = (Report.objects.open().with_outreach_after()
               .filter(Q(post_id__in=post_ids) | Q(message_id__in=message_ids)))
    for report in reports:
        reasons.setdefault((report.post_id, report.comment_id, report.message_id),
                           []).append(report)
    for item in items:
        item.post = posts.get(item.post_id)
        item.comment = comments.get(item.comment_id) if item.comment_id else None
        item.message = messages.get(item.message_id)
        if item.message is not None:
            item.context = before.get(item.message_id, [])
            item.alone = not item.message.by_a_member
            item.sides = _two_handles(item.message, sides.get(item.message.conversation_id, []))
        item.reasons = reasons.get(item.key, [])
        item.flags = _flags(item)
    return [item for item in items if item.post is not None or item.message is not None]


def _flags(item):
    """Why the item may need a look, from its words (no query)."""
    target = item.target
    if target is None:
        return []
    text = "\n".join(filter(None, [getattr(target, "title", ""), target.body]))
    return flags.flags_for(text, target.body_html, at_risk_known=item.crisis)


def _two_handles(message, handles):
    if message.conversation.with_team:
        return (*handles[:1], "Kindred moderators")
    return tuple(handles[:2])
