"""The newest posts as members see them, held as data shared by every member (a member's
home reads it instead of building and running its annotated queries on every visit).

What is shared is identical for every member: the newest INDEX_SIZE posts listed for
members (their ids, authors and tags) and the card rows of the first CARDS_HELD of them,
stored under the site and lists versions and the code version (posts/cache_versions.py),
so any change to a post, its tags, comments or its author's name or privacy is seen at once.
Each member's own state is applied per request and never stored: the authors they blocked
and the symptoms they muted are left out here, their unread marks are read in one query.
When the shared list cannot answer exactly (a member who blocked or muted much of it, a page
far down), `member_list` says so and the caller reads the database as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .cache_versions import LISTS, SITE, code_version, current_versions, remembered
from .models import Post, Symptom, TaggedPost
from .models.posts import listed_condition
from .reading import with_unread

if TYPE_CHECKING:
    from collections.abc import Collection

    from accounts.models import User

INDEX_SIZE = 200  # newest posts held: page 1 needs 101 after the member's filters
CARDS_HELD = 60  # of them, the card rows held (page 1, the followed ones, some to spare)
TTL = 60 * 60
# What a card shows (templates/includes/post_summary.html); the author's name and privacy
# for the byline's profile link. Nothing of any member's own.
CARD_FIELDS = ("id", "slug", "title", "excerpt", "kind", "author_id", "author_name",
               "published_at", "comment_count", "last_activity_at",
               "author__username", "author__profile_visibility")

type Index = list[tuple[int, int | None, frozenset[int]]]


def _build(member: User) -> tuple[Index, dict[int, Post]]:
    """Three queries: the newest posts, their tags, the card rows of the first ones."""
    rows = list(Post.objects.filter(listed_condition(member)).latest()
                .values_list("pk", "author_id")[:INDEX_SIZE])
    tags: dict[int, list[Symptom]] = {pk: [] for pk, _ in rows}
    # In the order they were given, as `post.tags.all()` lists them.
    for tagging in (TaggedPost.objects.filter(content_object_id__in=list(tags))
                    .select_related("tag").order_by("pk")):
        tags[tagging.content_object_id].append(tagging.tag)
    index = [(pk, author_id, frozenset(tag.pk for tag in tags[pk])) for pk, author_id in rows]
    cards = (Post.objects.filter(pk__in=[pk for pk, _ in rows[:CARDS_HELD]])
             .select_related("author").with_helped().only(*CARD_FIELDS).order_by().in_bulk())
    for pk, post in cards.items():
        post.prefetched_tags = tags[pk]  # what `with_card_tags` gives
    return index, cards


def _shared(member: User) -> tuple[Index, dict[int, Post]] | None:
    versions = current_versions([SITE, LISTS])
    if versions is None:  # no cache: nothing to share
        return None
    key = f"latest-members-v1:{code_version()}:{versions[0]}:{versions[1]}"
    return remembered(key, lambda: _build(member), TTL, what="latest posts")


def member_list(member: User, *, blocked: Collection[int], muted: Collection[int],
                followed: Collection[int], need: int,
                followed_count: int) -> tuple[list[int], list[int] | None, dict[int, Post]] | None:
    """The ids of the newest posts listed for this member (`listed_for` and `without_muted`):
    at least `need` of them, or all there are; with the first `followed_count` of them
    carrying a `followed` tag (None when the shared list is too short to know), and the
    shared card rows held. None when the shared list cannot answer (the caller reads the
    database)."""
    shared = _shared(member)
    if shared is None:
        return None
    index, cards = shared
    complete = len(index) < INDEX_SIZE
    blocked, muted, followed = set(blocked), set(muted), set(followed)
    ids, followed_ids = [], []
    for pk, author_id, tags in index:
        if author_id in blocked or tags & muted:
            continue
        ids.append(pk)
        if len(followed_ids) < followed_count and tags & followed:
            followed_ids.append(pk)
    if len(ids) < need and not complete:
        return None
    known = complete or len(followed_ids) == followed_count or not followed
    return ids, (followed_ids if known else None), cards


def cards_for(member: User, ids: Collection[int], held: dict[int, Post]) -> dict[int, Post]:
    """Cards for these posts with this member's unread state (`my_seen`, `my_unread`, as
    `with_unread` gives): the shared rows where held, with the member's marks in one query;
    the others read with their marks. Each request unpickles its own copies of the shared
    rows: nothing of the member is written into what is shared."""
    cards = {pk: held[pk] for pk in ids if pk in held}
    missing = [pk for pk in ids if pk not in held]
    if missing:
        cards.update(with_unread(Post.objects.filter(pk__in=missing).with_card_tags()
                                 .only(*CARD_FIELDS), member).in_bulk())
    if held_ids := [pk for pk in ids if pk in held]:
        state: Any = with_unread(Post.objects.filter(pk__in=held_ids), member)
        for pk, seen, unread in state.values_list("pk", "my_seen", "my_unread"):
            cards[pk].my_seen, cards[pk].my_unread = seen, unread
    return cards
