from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, Any, Self

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from taggit.managers import TaggableManager

from accounts.blocking import blocked_ids

from ..cache_versions import VersionedQuerySet
from .disclaimers import Disclaimer

if TYPE_CHECKING:
    from collections.abc import Iterable
    from datetime import datetime

    from accounts.models import User
    from accounts.types import Viewer

    from .tags import Symptom

# Joiners hold emoji sequences and some scripts together; every other format character goes.
KEPT_FORMAT_CHARACTERS = {"\u200c", "\u200d"}


def single_line(text: str | None) -> str:
    """A title is one line: line breaks, tabs and other control characters become a space,
    invisible format characters (bidi overrides, zero-width spaces) go, spaces collapse.
    Emails, feeds and page titles can then carry it safely."""
    kept = []
    for ch in text or "":
        category = unicodedata.category(ch)
        if category in ("Cc", "Zl", "Zp") or ch.isspace():
            kept.append(" ")
        elif category == "Cf" and ch not in KEPT_FORMAT_CHARACTERS:
            continue
        else:
            kept.append(ch)
    return " ".join("".join(kept).split())


EXCERPT_LENGTH = 200
# Markdown punctuation a reader should not see in a list: images, link targets, emphasis,
# headings, quotes, list bullets, code fences. The migration that backfilled the field
# carries its own copy of these rules (migrations do not import app code).
_MARKDOWN_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKDOWN_MARKS = re.compile(r"(^|\s)(#{1,6}|>|[-*+]|\d+[.)])\s+|[*_~`]+", re.MULTILINE)


def plain_excerpt(body: str | None, length: int = EXCERPT_LENGTH) -> str:
    """The first ~`length` characters of a Markdown body as plain text, cut at a word."""
    text = _MARKDOWN_IMAGE.sub(r"\1", body or "")
    text = _MARKDOWN_LINK.sub(r"\1", text)
    text = " ".join(_MARKDOWN_MARKS.sub(r"\1", text).split())
    if len(text) <= length:
        return text
    cut = text[:length].rsplit(" ", 1)[0] or text[:length]
    return cut.rstrip(" ,.;:") + "…"


def readable_condition(user: Viewer, prefix: str = "") -> Q:
    """Published posts for their audience (members-only ones for members): what this
    person may open, tombstones of posts their authors deleted included."""
    condition = Q(**{f"{prefix}status": Post.Status.PUBLISHED})
    if not (user and user.is_authenticated):
        condition &= Q(**{f"{prefix}visibility": Post.Visibility.PUBLIC})
    return condition


def listed_condition(user: Viewer, prefix: str = "") -> Q:
    """The rule of `listed_for` as a Q, for counting through a relation (`prefix` is the
    lookup path to the post, e.g. "tagged_posts__content_object__"): readable, and not a
    tombstone (a deleted post stays at its address for the replies under it, nowhere else)."""
    return readable_condition(user, prefix) & Q(**{f"{prefix}deleted_at__isnull": True})


class PostQuerySet(VersionedQuerySet["Post"]):
    """Who sees which post is written here once; views and templates ask, never compare."""

    def published(self) -> Self:
        return self.filter(status=Post.Status.PUBLISHED)

    def listed_for(self, user: Viewer) -> Self:
        """Posts that belong in lists and feeds for this person: published, and
        members-only ones only for members, leaving out the authors this member blocked."""
        return self.filter(listed_condition(user)).without_blocked(user)

    def readable_for(self, user: Viewer) -> Self:
        """`listed_for` with tombstones: posts whose comments this person finds in lists
        (other members' replies outlive the post their author deleted)."""
        return self.filter(readable_condition(user)).without_blocked(user)

    def without_blocked(self, user: Viewer) -> Self:
        """Leave out posts by members `user` blocked (a subquery, no extra query)."""
        if not (user and user.is_authenticated):
            return self
        return self.exclude(author__in=blocked_ids(user))

    def waiting_for_review(self) -> Self:
        return self.filter(status=Post.Status.PENDING)

    def taken_down(self) -> Self:
        """Hidden or removed by a moderator: what the moderators' restore list shows."""
        return self.filter(status__in=Post.TAKEN_DOWN_STATUSES)

    def visible_to(self, user: Viewer) -> Self:
        """Posts this person may open: what is listed, plus their own that are not removed,
        and everything for moderators."""
        if user and user.is_authenticated and user.is_moderator:
            return self.all()
        if not (user and user.is_authenticated):
            return self.readable_for(user)
        own = Q(author=user) & ~Q(status=Post.Status.REMOVED)
        return self.filter(readable_condition(user) | own)

    # Newest first (a chainable order), not Django's `latest(field)` that returns one row.
    def latest(self) -> Self:  # type: ignore[override]
        return self.order_by("-published_at", "-id")

    def most_discussed(self, since: datetime) -> Self:
        """Posts published since `since` with the most comments (index post_most_discussed),
        so the list differs from "Latest" and never walks the whole table."""
        return (self.filter(comment_count__gt=0, published_at__gte=since)
                .order_by("-comment_count", "-published_at", "-id"))

    def tagged(self, tag: Symptom) -> Self:
        """Posts carrying this tag. EXISTS rather than a join: newest first, the database
        walks the latest-posts index and stops after a page, instead of sorting every post
        of the tag."""
        return self.filter(self._tag_exists(tag=tag))

    def tagged_any(self, tag_ids: Iterable[int]) -> Self:
        """Posts carrying any of these tags (each post once)."""
        return self.filter(self.carries_any(tag_ids))

    @staticmethod
    def carries_any(tag_ids: Iterable[int]) -> Exists:
        """Whether the post in hand carries any of these tags: an expression to annotate
        with, asked of each post's own taggings (no join back to the posts)."""
        return PostQuerySet._tag_exists(tag__in=tag_ids)

    def without_muted(self, user: Viewer) -> Self:
        """Leave out posts carrying a tag this member muted."""
        if not (user and user.is_authenticated):
            return self
        from .tags import TagFollow

        muted = TagFollow.objects.filter(user=user, level=TagFollow.Level.MUTED).values("tag")
        return self.exclude(tagged_items__tag__in=muted)

    def in_followed_tags(self, user: User) -> Self:
        """Posts carrying a tag this member watches or follows (each post once)."""
        from .tags import TagFollow

        followed = TagFollow.objects.filter(
            user=user, level__in=[TagFollow.Level.WATCHING, TagFollow.Level.FOLLOWING]
        ).values("tag")
        return self.filter(self._tag_exists(tag__in=followed))

    @staticmethod
    def _tag_exists(**tag_lookup: Any) -> Exists:
        from .tags import TaggedPost

        return Exists(TaggedPost.objects.filter(content_object=OuterRef("pk"), **tag_lookup))

    def with_tags(self) -> Self:
        """What a summary card shows: tags and author (for the profile link) in one more
        query, and whether replies helped the asker (a subquery, no query more)."""
        return self.prefetch_related("tags").select_related("author").with_helped()

    def with_card_tags(self) -> Self:
        """`with_tags` for lists that only show cards: the tags land in a plain list
        (`card_tags`), so Django does not build a tag queryset per post (taggit's manager
        did, ~1 ms a card)."""
        return (self.prefetch_related(models.Prefetch("tags", to_attr="prefetched_tags"))
                .select_related("author").with_helped())

    def with_helped(self) -> Self:
        from .comments import Comment

        return self.annotate(has_helped=Exists(
            Comment.objects.helped().filter(post=OuterRef("pk")).order_by()))


# taggit has no type information, so the stubs cannot see TaggedPost's `tagged_items`.
class Post(models.Model):  # type: ignore[django-manager-missing]
    class Kind(models.TextChoices):
        STORY = "story", "Story"
        QUESTION = "question", "Question"

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for review"
        PUBLISHED = "published", "Published"
        HIDDEN = "hidden", "Hidden by a moderator"
        REMOVED = "removed", "Removed by a moderator"

    # Hidden or removed by a moderator: what a moderator may restore.
    TAKEN_DOWN_STATUSES = (Status.HIDDEN, Status.REMOVED)

    class Visibility(models.TextChoices):
        PUBLIC = "public", "Everyone"
        MEMBERS = "members", "Members only"

    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.STORY)
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="posts",
    )
    # Kept on the post so the byline survives an anonymised account ("former member").
    author_name = models.CharField(max_length=150)
    body = models.TextField()
    body_html = models.TextField(editable=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PUBLISHED)
    visibility = models.CharField(
        max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    is_locked = models.BooleanField(default=False)
    disclaimer = models.ForeignKey(Disclaimer, on_delete=models.PROTECT, related_name="posts")
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(db_index=False)
    edited_at = models.DateTimeField(null=True, blank=True)
    comment_count = models.PositiveIntegerField(default=0)
    # Written at save from `body` (see `plain_excerpt`): lists show it without reading bodies.
    # Nullable so SQLite adds the columns in place (a table rebuild drops the FTS triggers).
    excerpt = models.CharField(max_length=240, null=True, blank=True, editable=False)  # noqa: DJ001
    # The newest visible comment's time, set in the comment's transaction (services/comments).
    last_activity_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Set when the author deleted a post that holds other members' replies: the post stays
    # at its address as a tombstone (no title, words or author of its own) so the replies
    # stay readable; it leaves every list and takes no new comments (services/posts.py).
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)
    tags = TaggableManager(through="posts.TaggedPost", blank=True, verbose_name="symptoms")

    objects = PostQuerySet.as_manager()

    if TYPE_CHECKING:
        # Not columns: what posts/reading.py and posts/thread_cache.py set on a post in hand
        # for the page that shows it. Code that may be handed a post without them asks
        # hasattr (or getattr with a default) first.
        my_seen: int  # with_unread, with_member_state: newest comment seen, -1 never opened
        my_unread: int  # with_unread: new comments, counted up to UNREAD_SHOWN + 1
        unread_count: int  # annotate_unread, for lists
        unread_more: bool
        is_new: bool
        versions_read: list[int]  # thread_cache: the cache versions the rows were read under

    class Meta:
        indexes = [
            models.Index(
                fields=["-published_at", "-id"], name="post_published_latest",
                condition=Q(status="published"),
            ),
            models.Index(fields=["author", "-published_at"], name="post_author_latest"),
            models.Index(
                fields=["-comment_count", "-published_at", "-id"], name="post_most_discussed",
                condition=Q(status="published", comment_count__gt=0),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Whatever path writes a post (services, the admin, a shell), its title is one line.
        self.title = single_line(self.title)
        self.excerpt = plain_excerpt(self.body)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "body" in update_fields:
            kwargs["update_fields"] = {*update_fields, "excerpt"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("post_detail", args=[self.slug])

    @property
    def card_tags(self) -> Iterable[Symptom]:
        """The tags a summary card shows: those of `with_card_tags`, else `tags.all()`."""
        if "prefetched_tags" in self.__dict__:
            return self.__dict__["prefetched_tags"]
        return self.tags.all()

    @property
    def is_question(self) -> bool:
        return self.kind == self.Kind.QUESTION

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def is_waiting_for_review(self) -> bool:
        return self.status == self.Status.PENDING

    @property
    def is_removed(self) -> bool:
        return self.status == self.Status.REMOVED

    @property
    def is_taken_down(self) -> bool:
        """Hidden or removed by a moderator (`PostQuerySet.taken_down`): what a moderator may
        restore."""
        return self.status in self.TAKEN_DOWN_STATUSES

    @property
    def is_deleted(self) -> bool:
        """Deleted by its author and kept as a tombstone for the replies under it."""
        return self.deleted_at is not None

    @property
    def is_open_for_comments(self) -> bool:
        """Published, not locked and not deleted; who may write is
        `posts.permissions.can_comment`."""
        return self.is_published and not self.is_locked and not self.is_deleted

    def is_visible_to(self, user: Viewer) -> bool:
        """`PostQuerySet.visible_to` for the post in hand."""
        if user and user.is_authenticated and user.is_moderator:
            return True
        if not (user and user.is_authenticated):
            return self.is_published and self.visibility == self.Visibility.PUBLIC
        return self.is_published or (self.author_id == user.pk and not self.is_removed)

    @property
    def is_for_search_engines(self) -> bool:
        return (self.is_published and self.visibility == self.Visibility.PUBLIC
                and not self.is_deleted)
