import calendar

from django.conf import settings
from django.db import models
from django.db.models import Case, F, OuterRef, Q, Subquery, When

from accounts.timezones import exact_time


class Reason(models.TextChoices):
    CRISIS = "crisis", "I'm worried about this person (crisis or self-harm)"
    MISINFORMATION = "misinformation", "Medical misinformation"
    SELLING = "selling", "Selling or promoting a product"
    PERSONAL_INFO = "personal_info", "Personal information"
    HARASSMENT = "harassment", "Harassment or hate"
    SPAM = "spam", "Spam"
    OTHER = "other", "Something else"


class Guideline(models.TextChoices):
    """The community guidelines (/pages/community-guidelines/) a moderator acts under."""

    BE_GENTLE = "be_gentle", "1. Be gentle (harassment, hate, personal attacks)"
    EXPERIENCE = "experience", "2. Share experience, not prescriptions (misinformation)"
    NO_SELLING = "no_selling", "3. No selling or promotion"
    PRIVACY = "privacy", "4. Protect privacy"
    AT_RISK = "at_risk", "5. If someone may be at risk"
    NO_SPAM = "no_spam", "6. No spam"


class Ground(models.TextChoices):
    """What a sanction rests on (the statement of reasons, EU DSA Art. 17(3)(d)-(e))."""

    GUIDELINE = "guideline", "Against a community guideline"
    LAW = "law", "Against the law"


class Scope(models.TextChoices):
    """What a sanction applies to."""

    ITEM = "item", "Only this post, comment or message"
    ACCOUNT = "account", "Your account"


class Source(models.TextChoices):
    """How the matter came to the moderators (EU DSA Art. 17(3)(b))."""

    NOTICE = "notice", "A report of illegal content"
    REPORT = "report", "A member's report"
    AUTOMATIC = "automatic", "Kindred's automatic checks"
    MODERATOR = "moderator", "A moderator, on their own initiative"


class ReportQuerySet(models.QuerySet):
    def open(self):
        """Reports no moderator has acted on or dismissed yet."""
        return self.filter(status=Report.Status.OPEN)

    def crisis(self):
        """Crisis reports, open or closed (what moderators' outreach follows from)."""
        return self.filter(reason=Reason.CRISIS)

    def crisis_about(self, member):
        """Crisis reports, open or closed, about what `member` wrote: a post, a comment or
        a private message of theirs."""
        return self.crisis().filter(
            Q(comment__author=member) | Q(comment__isnull=True, post__author=member)
            | Q(message__sender=member, message__from_team=False))

    def with_outreach_after(self):
        """Each report with the newest outreach to the author of what it names made since
        it was filed: `outreach_by` (the moderator's handle), `outreach_at` and
        `outreach_conversation` (its conversation's id), all None when nobody reached out
        since. In the same query (subqueries), whatever the number of reports."""
        author = Case(When(message__isnull=False, then=F("message__sender_id")),
                      When(comment__isnull=False, then=F("comment__author_id")),
                      default=F("post__author_id"))
        since = (ModerationAction.objects
                 .filter(kind=ModerationAction.Kind.OUTREACH,
                         member_id=OuterRef("outreach_member"),
                         created_at__gte=OuterRef("created_at"))
                 .order_by("-created_at", "-id"))
        return self.annotate(
            outreach_member=author,
            outreach_by=Subquery(since.values("actor_name")[:1]),
            outreach_at=Subquery(since.values("created_at")[:1]),
            outreach_conversation=Subquery(since.values("conversation_id")[:1]))


class Report(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        ACTIONED = "actioned", "Acted on"
        DISMISSED = "dismissed", "Dismissed"

    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="reports_filed")
    # What is reported: a post, a comment on it, or (with no post) a private message.
    post = models.ForeignKey("posts.Post", null=True, blank=True, on_delete=models.CASCADE,
                             related_name="reports")
    comment = models.ForeignKey("posts.Comment", null=True, blank=True,
                                on_delete=models.CASCADE, related_name="reports")
    message = models.ForeignKey("conversations.Message", null=True, blank=True,
                                on_delete=models.CASCADE, related_name="reports")
    reason = models.CharField(max_length=20, choices=Reason.choices)
    details = models.TextField(blank=True, max_length=2000)
    is_automatic = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["reporter", "post"], name="one_open_report_per_post",
                condition=Q(status="open", comment__isnull=True, reporter__isnull=False)),
            models.UniqueConstraint(
                fields=["reporter", "comment"], name="one_open_report_per_comment",
                condition=Q(status="open", comment__isnull=False, reporter__isnull=False)),
            models.UniqueConstraint(
                fields=["reporter", "message"], name="one_open_report_per_message",
                condition=Q(status="open", message__isnull=False, reporter__isnull=False)),
            models.CheckConstraint(
                condition=Q(post__isnull=False, message__isnull=True)
                | Q(post__isnull=True, comment__isnull=True, message__isnull=False),
                name="report_names_content_or_a_message"),
        ]
        indexes = [models.Index(fields=["post", "comment"], name="open_reports",
                                condition=Q(status="open")),
                   models.Index(fields=["message"], name="open_message_reports",
                                condition=Q(status="open", message__isnull=False))]

    def __str__(self):
        return f"{self.get_reason_display()} report"


def new_reference() -> str:
    """A receipt's reference: short enough to read out, hard to guess (about 10^12)."""
    import secrets

    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
    return "IC-" + "".join(secrets.choice(alphabet) for _ in range(8))


class IllegalContentReportQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=IllegalContentReport.Status.OPEN)


class IllegalContentReport(models.Model):
    """A notice of illegal content (EU DSA Art. 16) from anyone, logged in or not: where it
    is, which law it breaks and why, who sends it (optional) and their statement of good
    faith. The address is matched to a post or comment when it names one of ours; the
    moderators see open notices in their queue."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        ACTIONED = "actioned", "Acted on"
        DISMISSED = "dismissed", "Dismissed"

    reference = models.CharField(max_length=20, unique=True, editable=False)
    url = models.CharField(max_length=2000)
    post = models.ForeignKey("posts.Post", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    comment = models.ForeignKey("posts.Comment", null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    law = models.CharField(max_length=300)
    explanation = models.TextField(max_length=4000)
    name = models.CharField(max_length=150, blank=True)
    email = models.EmailField(max_length=254, blank=True)
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    good_faith = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    objects = IllegalContentReportQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["created_at"], name="open_illegal_content_reports",
                                condition=Q(status="open"))]

    def __str__(self):
        return f"Illegal content report {self.reference}"

    def save(self, *args, **kwargs):
        if not self.reference:
            self.reference = new_reference()
        super().save(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("The moderation log is append-only.")

    def delete(self):
        raise PermissionError("The moderation log is append-only.")

    def anonymise_member(self, user, placeholder):
        """The only change the log allows: a departing member's handle is erased."""
        rows = super().filter(member=user)
        return models.QuerySet.update(rows, member_name=placeholder)


class ModerationAction(models.Model):
    """The audit log: append-only. Rows are never edited or deleted, here or in the admin."""

    class Kind(models.TextChoices):
        APPROVE = "approve", "Approved"
        HIDE = "hide", "Hidden"
        REMOVE = "remove", "Removed"
        RESTORE = "restore", "Restored"
        LOCK = "lock", "Locked the post"
        UNLOCK = "unlock", "Unlocked the post"
        DISMISS = "dismiss", "Dismissed the reports"
        SILENCE = "silence", "Silenced the member"
        SUSPEND = "suspend", "Suspended the member"
        APPEAL_GRANTED = "appeal_granted", "Granted an appeal"
        APPEAL_DENIED = "appeal_denied", "Denied an appeal"
        OUTREACH = "outreach", "Reached out privately"

    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                              related_name="moderation_actions")
    actor_name = models.CharField(max_length=150)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    post = models.ForeignKey("posts.Post", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    comment = models.ForeignKey("posts.Comment", null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    # A private message acted on, or the conversation an outreach opened: the log says that
    # it happened, never what was said.
    message = models.ForeignKey("conversations.Message", null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    conversation = models.ForeignKey("conversations.Conversation", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="moderation_received")
    member_name = models.CharField(max_length=150, blank=True)
    guideline = models.CharField(max_length=20, choices=Guideline.choices, blank=True)
    statement = models.TextField(help_text="The statement of reasons shown to the author.")
    until = models.DateTimeField(null=True, blank=True)
    appeal_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    # The statement of reasons in structured form (a sanction's; blank on other acts),
    # filled where the row is written (services/record.py): what it rests on (a guideline,
    # or the law it names), whether automated means found it and how it came to the
    # moderators, what it applies to, and for how long (a silence or suspension).
    ground = models.CharField(max_length=10, choices=Ground.choices, blank=True)
    legal_ground = models.CharField(max_length=300, blank=True,
                                    help_text="The law it breaks, when the ground is the law.")
    automated_detection = models.BooleanField(default=False)
    source = models.CharField(max_length=10, choices=Source.choices, blank=True)
    scope = models.CharField(max_length=10, choices=Scope.choices, blank=True)
    duration_days = models.PositiveSmallIntegerField(null=True, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.actor_name}: {self.get_kind_display()}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("The moderation log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The moderation log is append-only.")

    @property
    def can_be_appealed(self) -> bool:
        return self.kind in APPEALABLE

    @property
    def appeal_deadline(self):
        """Six calendar months after the decision (EU DSA Art. 20(1)): 31 August's ends on
        the last day of February."""
        decided = self.created_at
        month = decided.month + APPEAL_MONTHS
        year, month = decided.year + (month - 1) // 12, (month - 1) % 12 + 1
        return decided.replace(year=year, month=month,
                               day=min(decided.day, calendar.monthrange(year, month)[1]))

    @property
    def appeal_window_open(self) -> bool:
        from django.utils import timezone

        return timezone.now() <= self.appeal_deadline

    def headline(self, title: str = "") -> str:
        """What was decided, in the member's words: the decision page's heading and, with
        "read why…" added for sanctions, the notice."""
        K = self.Kind
        what = ("your private message" if self.message_id
                else "your comment on" if self.comment_id else "your post")
        title = title or (self.post.title if self.post_id else "")
        item = f"{what} “{title}”" if title else what.removesuffix(" on")
        until = exact_time(self.until)
        return {
            K.APPROVE: f"{item[0].upper()}{item[1:]} is now visible",
            K.HIDE: f"A moderator hid {item}",
            K.REMOVE: f"A moderator removed {item}",
            K.RESTORE: (f"{item[0].upper()}{item[1:]} is visible again" if self.post_id
                        else "A moderator lifted the limits on your account: you can post "
                             "and log in again"),
            K.LOCK: f"A moderator locked {item}: no new comments",
            K.UNLOCK: f"{item[0].upper()}{item[1:]} is open for comments again",
            K.DISMISS: f"The reports about {item} were looked at and dismissed",
            K.SILENCE: f"A moderator paused your posting until {until}",
            K.SUSPEND: f"A moderator suspended your account until {until}",
            K.APPEAL_GRANTED: "Your appeal was granted",
            K.APPEAL_DENIED: "Your appeal was denied",
            K.OUTREACH: "The Kindred moderators wrote to you privately",
        }[self.kind]

    def notice(self, title: str = "") -> str:
        """The one-line notification (in-app and the email subject) for this decision."""
        if self.kind in APPEALABLE:
            return f"{self.headline(title)}: read why, and how to appeal"
        if self.kind in (self.Kind.APPEAL_GRANTED, self.Kind.APPEAL_DENIED):
            return f"{self.headline(title)}: read the explanation"
        return self.headline(title)


# How long a member may appeal a decision, in calendar months.
APPEAL_MONTHS = 6

# The one list of decisions a member can appeal: the sanctions. Approving, restoring,
# unlocking, dismissing and appeal outcomes are not sanctions and offer no appeal.
APPEALABLE = frozenset({ModerationAction.Kind.HIDE, ModerationAction.Kind.REMOVE,
                        ModerationAction.Kind.LOCK, ModerationAction.Kind.SILENCE,
                        ModerationAction.Kind.SUSPEND})


class AppealQuerySet(models.QuerySet):
    def waiting(self):
        """Appeals no moderator has decided yet."""
        return self.filter(status=Appeal.Status.PENDING)


class Appeal(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for a moderator"
        GRANTED = "granted", "Granted"
        DENIED = "denied", "Denied"

    action = models.OneToOneField(ModerationAction, on_delete=models.CASCADE,
                                  related_name="appeal")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="appeals")
    text = models.TextField(max_length=4000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decision = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = AppealQuerySet.as_manager()

    def __str__(self):
        return f"Appeal of {self.action}"

    @property
    def is_granted(self):
        return self.status == self.Status.GRANTED

    @property
    def is_denied(self):
        return self.status == self.Status.DENIED
