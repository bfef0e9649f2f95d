from functools import cache

from django.contrib.auth.models import AbstractUser
from django.db import connection, models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.functional import cached_property

from .notification_choices import DIGEST, DIGEST_CHOICES, EMAIL_CHOICES, IMMEDIATE

MODERATORS_GROUP = "Moderators"


class TextSize(models.IntegerChoices):
    NORMAL = 100, "Normal (100%)"
    LARGE = 125, "Large (125%)"
    LARGER = 150, "Larger (150%)"
    HUGE = 175, "Very large (175%)"
    LARGEST = 200, "Largest (200%)"


class Font(models.TextChoices):
    SITE = "site", "The site’s usual font"
    PLAIN = "plain", "Atkinson Hyperlegible (clear letter shapes)"
    DYSLEXIC = "dyslexic", "OpenDyslexic (for dyslexia)"


class Theme(models.TextChoices):
    AUTO = "auto", "As my device is set (light or dark)"
    LIGHT = "light", "Light"
    DARK = "dark", "Dark (easier on light-sensitive eyes)"
    CONTRAST = "contrast", "High contrast (black on white, 7:1 or more)"


class MSType(models.TextChoices):
    RELAPSING = "rrms", "Relapsing-remitting"
    SECONDARY = "spms", "Secondary progressive"
    PRIMARY = "ppms", "Primary progressive"
    CIS = "cis", "Clinically isolated syndrome"
    UNSURE = "unsure", "Not sure yet"


class MessagesFrom(models.TextChoices):
    MEMBERS = "members", "Any member"
    KNOWN = "known", "Only members I have replied to or messaged before"
    NOBODY = "nobody", "Nobody"


class User(AbstractUser):
    """A member. `username` is the public handle; `email` is never shown to others."""

    class Visibility(models.TextChoices):
        PUBLIC = "public", "Everyone"
        MEMBERS = "members", "Members only"
        HIDDEN = "hidden", "Hidden (only my handle shows next to what I write)"

    bio = models.TextField(blank=True, max_length=2000)
    profile_visibility = models.CharField(
        max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    text_size = models.PositiveSmallIntegerField(choices=TextSize.choices, default=TextSize.NORMAL)
    theme = models.CharField(max_length=10, choices=Theme.choices, default=Theme.AUTO)
    font = models.CharField(max_length=10, choices=Font.choices, default=Font.SITE)
    wide_spacing = models.BooleanField(default=False)
    reduced_motion = models.BooleanField(default=False)
    # Optional health details: private unless the member chooses to show them.
    diagnosis_year = models.PositiveSmallIntegerField(null=True, blank=True)
    ms_type = models.CharField(max_length=10, choices=MSType.choices, blank=True)
    show_health_details = models.BooleanField(default=False)
    # An IANA name ("Europe/London"); "" is UTC. Exact times show in it (accounts.timezones).
    time_zone = models.CharField(max_length=64, blank=True, default="")
    # Email for each kind of notification: off / immediately / in the digest.
    email_new_post = models.CharField(max_length=10, choices=EMAIL_CHOICES, default=DIGEST)
    email_reply_to_post = models.CharField(max_length=10, choices=EMAIL_CHOICES,
                                           default=IMMEDIATE)
    email_reply_to_comment = models.CharField(max_length=10, choices=EMAIL_CHOICES,
                                              default=IMMEDIATE)
    email_mention = models.CharField(max_length=10, choices=EMAIL_CHOICES, default=IMMEDIATE)
    # A private message (the email names the sender and links to it, never the words).
    email_message = models.CharField(max_length=10, choices=EMAIL_CHOICES, default=IMMEDIATE)
    # A new comment on a post the member watches (posts.PostFollow).
    email_watched_comment = models.CharField(max_length=10, choices=EMAIL_CHOICES,
                                             default=DIGEST)
    # Commenting on a post makes the member watch it, unless they turn this off.
    watch_on_comment = models.BooleanField(default=True)
    # "Mark all as read": comments up to this id, and posts published before then, are read.
    all_read_comment_id = models.PositiveBigIntegerField(default=0)
    all_read_at = models.DateTimeField(null=True, blank=True)
    digest_frequency = models.CharField(max_length=10, choices=DIGEST_CHOICES, default="daily")
    last_digest_at = models.DateTimeField(null=True, blank=True)
    # Moderation: silenced members can read but not write; suspended ones cannot log in.
    silenced_until = models.DateTimeField(null=True, blank=True)
    suspended_until = models.DateTimeField(null=True, blank=True)
    # Contributions a moderator approved; new members' first ones wait for review.
    approved_contributions = models.PositiveIntegerField(default=0)
    # The handle as a reader sees it (accounts.handles.handle_key): look-alikes share it.
    handle_key = models.CharField(max_length=150, blank=True, editable=False, db_index=True)
    # Who may start a private conversation with this member (forum.conversations.rules).
    messages_from = models.CharField(max_length=10, choices=MessagesFrom.choices,
                                     default=MessagesFrom.MEMBERS)
    # Ever blocked someone or been blocked (never cleared): members who are in no block, nearly
    # everyone, skip the block lookups on story pages and when they write (accounts.blocking).
    has_blocks = models.BooleanField(default=False, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("username"), name="unique_handle_ignoring_case"),
        ]

    def __str__(self):
        return self.username

    def save(self, *args, **kwargs):
        from .handles import handle_key

        self.handle_key = handle_key(self.username)
        if kwargs.get("update_fields") is not None and "username" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "handle_key"}
        super().save(*args, **kwargs)

    @property
    def is_silenced(self):
        return bool(self.silenced_until and self.silenced_until > timezone.now())

    @property
    def is_suspended(self):
        return bool(self.suspended_until and self.suspended_until > timezone.now())

    @cached_property
    def is_moderator(self):
        """Asked afresh on every request (a demoted moderator loses it at once), in a plain
        statement: every member's page asks, and the ORM's query cost 0.4 ms to the
        statement's 0.13."""
        if self.is_staff:
            return True
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {in_moderators_group_sql()}", [self.pk, MODERATORS_GROUP])
            return bool(cursor.fetchone()[0])


@cache
def in_moderators_group_sql() -> str:
    """EXISTS(…): whether the member whose id is the first parameter belongs to the group
    named by the second (MODERATORS_GROUP). Asked alone by `User.is_moderator`, and with the
    member's row by accounts/backends.py."""
    through = User.groups.through._meta
    group = through.get_field("group").related_model._meta
    quote = connection.ops.quote_name
    return (f"EXISTS(SELECT 1 FROM {quote(through.db_table)} member INNER JOIN "
            f"{quote(group.db_table)} grp ON grp.id = member.group_id "
            "WHERE member.user_id = %s AND grp.name = %s)")


class ReleasedHandle(models.Model):
    """A departed member's handle, held so nobody can take it and pass for them: only a
    keyed digest of its key (accounts.handles.released_digests), nothing readable. Deleting
    the row frees the handle (for example when the member comes back and asks for it)."""

    handle_digest = models.CharField(max_length=64, unique=True)
    released_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Handle released {self.released_at:%Y-%m-%d}"


class Block(models.Model):
    """`blocker` no longer sees `blocked`'s words or hears from them, and `blocked` cannot
    reply to, mention or message `blocker` (accounts.blocking states the rules)."""

    blocker = models.ForeignKey(User, on_delete=models.CASCADE, related_name="blocks_made")
    blocked = models.ForeignKey(User, on_delete=models.CASCADE, related_name="blocks_received")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            # Also the index on blocker: "whom did I block" reads it from its first column.
            models.UniqueConstraint(fields=["blocker", "blocked"], name="unique_block"),
            models.CheckConstraint(condition=~models.Q(blocker=models.F("blocked")),
                                   name="block_not_self"),
        ]

    def __str__(self):
        return f"{self.blocker_id} blocks {self.blocked_id}"
