"""Blocking a member: the one place the rule is stated.

A member who blocks someone no longer sees their posts in lists nor their comments in
threads (collapsed, one click to show), gets no notification from them, and the blocked
member cannot reply to the blocker's posts or comments, mention them or message them. The
blocked member is never told: what they are refused says only "You can't reply here."
Moderators can be blocked as members, never from moderating: moderation notices and
moderators' acts do not pass through these rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.db.models import Q

from plumbing.refusals import Refused

from .models import Block, User

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from .types import Viewer

    # A member, or their id (None: nobody, e.g. an author whose account is gone).
    type MemberRef = User | int | None

# What a blocked member is told when the block stops them: nothing about the block.
NEUTRAL_REFUSAL = "You can't reply here."


def blocked_ids(user: Viewer) -> QuerySet[Block, Any]:
    """A subquery of the ids `user` blocked (empty for readers): filter lists with it."""
    if not (user and user.is_authenticated):
        return Block.objects.none().values("blocked_id")
    return Block.objects.filter(blocker_id=user.pk).values("blocked_id")


def _in_blocks(user: object) -> bool:
    """False only when `user` (an instance) is known never to have been in a block."""
    return getattr(user, "has_blocks", True)


def blocker_ids_among(user_ids: Iterable[int | None], blocked: MemberRef) -> set[int]:
    """Which of `user_ids` blocked `blocked`: one query (none when `blocked` is in no
    block), for filtering many recipients."""
    user_ids = [pk for pk in user_ids if pk is not None]
    if not user_ids or blocked is None or not _in_blocks(blocked):
        return set()
    blocked_id = getattr(blocked, "pk", blocked)
    return set(Block.objects.filter(blocker_id__in=user_ids, blocked_id=blocked_id)
               .values_list("blocker_id", flat=True))


def has_blocked(blocker: MemberRef, blocked: MemberRef) -> bool:
    """Did `blocker` block `blocked`? (one direction)"""
    blocker_id, blocked_id = getattr(blocker, "pk", blocker), getattr(blocked, "pk", blocked)
    if blocker_id is None or blocked_id is None or blocker_id == blocked_id:
        return False
    return Block.objects.filter(blocker_id=blocker_id, blocked_id=blocked_id).exists()


def blocked_between(a: MemberRef, b: MemberRef) -> bool:
    """Has either of the two blocked the other? For conversations both must want, such as
    private messages: neither can start or continue one."""
    a_id, b_id = getattr(a, "pk", a), getattr(b, "pk", b)
    if a_id is None or b_id is None or a_id == b_id:
        return False
    return Block.objects.filter(Q(blocker_id=a_id, blocked_id=b_id)
                                | Q(blocker_id=b_id, blocked_id=a_id)).exists()


def ensure_not_blocked_by(author: Viewer, *owners: MemberRef) -> None:
    """Refuse `author` writing to any of `owners` who blocked them, neutrally."""
    if author is None or not author.is_authenticated:
        return
    owner_ids = [o if o is None or isinstance(o, int) else o.pk for o in owners]
    if blocker_ids_among(owner_ids, author):
        raise Refused(NEUTRAL_REFUSAL, status=403)


def blocks_seen_by(user: Viewer) -> tuple[frozenset[int], frozenset[int]]:
    """(ids `user` blocked, ids who blocked `user`) in one query: what a story page needs
    to collapse comments and leave out "Reply" where a reply would be refused."""
    if not (user and user.is_authenticated) or not _in_blocks(user):
        return frozenset(), frozenset()
    mine, theirs = set(), set()
    for blocker_id, blocked_id in Block.objects.filter(
            Q(blocker_id=user.pk) | Q(blocked_id=user.pk)).values_list("blocker_id",
                                                                         "blocked_id"):
        if blocker_id == user.pk:
            mine.add(blocked_id)
        else:
            theirs.add(blocker_id)
    return frozenset(mine), frozenset(theirs)


def _member(handle: str | None) -> User:
    member = User.objects.filter(username__iexact=handle or "", is_active=True).first()
    if member is None:
        raise Refused("There is no member with that name.", status=404)
    return member


def block(*, blocker: User, handle: str | None) -> User:
    """`blocker` blocks the member called `handle`; blocking twice changes nothing."""
    if not (blocker and blocker.is_authenticated):
        raise Refused("Please log in to block a member.", status=403)
    member = _member(handle)
    if member.pk == blocker.pk:
        raise Refused("You can't block yourself.")
    try:
        with transaction.atomic():
            Block.objects.get_or_create(blocker=blocker, blocked=member)
            User.objects.filter(pk__in=[blocker.pk, member.pk]).update(has_blocks=True)
    except IntegrityError:  # the same block made at the same moment by another request
        pass
    blocker.has_blocks = member.has_blocks = True
    return member


def unblock(*, blocker: User, handle: str | None) -> User:
    if not (blocker and blocker.is_authenticated):
        raise Refused("Please log in to unblock a member.", status=403)
    member = _member(handle)
    Block.objects.filter(blocker=blocker, blocked=member).delete()
    return member


def blocks_made(user: User) -> QuerySet[Block]:
    """The members `user` blocked, newest first, for the settings page and the export."""
    return Block.objects.filter(blocker=user).select_related("blocked").order_by("-created_at")
