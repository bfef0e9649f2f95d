"""Writes for polls, reactions and bookmarks."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone

from plumbing.parsing import parse_id
from plumbing.refusals import Refused

from ..models import Bookmark, Comment, Poll, PollChoice, PollVote, Post, Reaction
from ..models.community import MAX_CHOICES, MIN_CHOICES
from ..permissions import ensure_can_edit_post, ensure_can_write

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User


def clean_choices(lines: Iterable[object]) -> list[str]:
    choices: list[str] = []
    for line in lines:
        text = " ".join(str(line).split())
        if text and text.lower() not in {c.lower() for c in choices}:
            choices.append(text)
    if not MIN_CHOICES <= len(choices) <= MAX_CHOICES:
        raise Refused(f"A poll needs {MIN_CHOICES} to {MAX_CHOICES} different "
                               "choices, one per line.")
    if any(len(choice) > 120 for choice in choices):
        raise Refused("Keep each choice under 120 characters.")
    return choices


@transaction.atomic
def set_poll(*, author: User, post: Post, question: str | None, choices: Iterable[object],
             closes_at: datetime | None = None) -> Poll:
    """Add or change the post's poll; once people have voted, the choices stay as they are."""
    ensure_can_edit_post(author, post)
    question = " ".join((question or "").split())
    if not question:
        raise Refused("Write the poll's question.")
    choices = clean_choices(choices)
    if closes_at is not None and closes_at <= timezone.now():
        raise Refused("The closing date must be in the future.")
    poll, created = Poll.objects.select_for_update().get_or_create(
        post=post, defaults={"question": question, "closes_at": closes_at})
    current = [c.text for c in poll.choices.all()]
    if not created:
        if current != choices and poll.votes.exists():
            raise Refused("Members have already voted, so the choices can’t change. "
                                   "You can still change the question or the closing date.")
        poll.question, poll.closes_at = question, closes_at
        poll.save(update_fields=["question", "closes_at"])
    if current != choices:
        poll.choices.all().delete()
        PollChoice.objects.bulk_create(
            [PollChoice(poll=poll, text=text, position=n) for n, text in enumerate(choices)])
    return poll


@transaction.atomic
def remove_poll(*, author: User, post: Post) -> None:
    """Take the poll off the post, only while nobody has voted: votes are members' answers,
    and clearing the question must not silently throw them away."""
    ensure_can_edit_post(author, post)
    poll = Poll.objects.select_for_update().filter(post=post).first()
    if poll is None:
        return
    if poll.votes.exists():
        raise Refused("Members have already voted, so the poll stays. Keep its question; "
                      "you can still change the question or the closing date.")
    poll.delete()


@transaction.atomic
def vote(*, user: User, poll: Poll, choice_id: object) -> PollChoice:
    """One vote per member (a database constraint); voting again changes it until it closes."""
    ensure_can_write(user)
    if poll.is_closed:
        raise Refused("This poll has closed. You can see the results below.")
    choice_id = parse_id(choice_id)
    choice = PollChoice.objects.filter(pk=choice_id, poll=poll).first() if choice_id else None
    if choice is None:
        raise Refused("Choose one of this poll’s answers.")
    if PollVote.objects.filter(poll=poll, user=user).update(choice=choice,
                                                            updated_at=timezone.now()):
        return choice
    try:
        with transaction.atomic():
            PollVote.objects.create(poll=poll, user=user, choice=choice)
    except IntegrityError:  # a second click won the race: it becomes a change of vote
        PollVote.objects.filter(poll=poll, user=user).update(choice=choice)
    return choice


def _ensure_visible(post: Post, comment: Comment | None) -> None:
    if post.status != Post.Status.PUBLISHED or (comment is None and post.is_deleted) or (
            comment is not None and comment.status != Comment.Status.VISIBLE):
        raise Refused("This is no longer available.")


@transaction.atomic
def toggle_reaction(*, user: User, post: Post, comment: Comment | None = None,
                    kind: str | None) -> bool:
    """Add the reaction, or take it back if it was there. Returns True when added."""
    ensure_can_write(user)
    if kind not in Reaction.Kind.values:
        raise Refused("Choose “Me too”, “Sending a hug” or “Helpful”.")
    _ensure_visible(post, comment)
    existing = Reaction.objects.filter(user=user, post=post, comment=comment, kind=kind)
    if existing.delete()[0]:
        return False
    try:
        with transaction.atomic():
            Reaction.objects.create(user=user, post=post, comment=comment, kind=kind)
    except IntegrityError:
        return True
    return True


@transaction.atomic
def toggle_bookmark(*, user: User | AnonymousUser, post: Post,
                    comment: Comment | None = None) -> bool:
    """Save it, or unsave it if it was saved. Returns True when saved."""
    if not user.is_authenticated:
        raise Refused("Please log in to save things.")
    _ensure_visible(post, comment)
    if Bookmark.objects.filter(user=user, post=post, comment=comment).delete()[0]:
        return False
    try:
        with transaction.atomic():
            Bookmark.objects.create(user=user, post=post, comment=comment)
    except IntegrityError:
        pass
    return True
