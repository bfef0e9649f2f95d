"""Plain factory functions for tests: real objects made through the real services."""

import itertools

from django.conf import settings
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.models import MODERATORS_GROUP, User
from posts.services import create_post

_numbers = itertools.count(1)
PASSWORD = "a-long-test-password-42"


def consented():
    """The fields of a member who agreed to the current consent version (as everyone who
    joins through the signup form has); without them a logged-in member is first asked
    (accounts.consent)."""
    return {"health_consent_version": settings.KINDRED_CONSENT_VERSION,
            "health_consent_at": timezone.now()}


def make_user(username=None, *, moderator=False, **fields):
    username = username or f"member{next(_numbers)}"
    fields = {**consented(), **fields}
    user = User.objects.create_user(username, f"{username}@example.org", PASSWORD, **fields)
    if moderator:
        group, _ = Group.objects.get_or_create(name=MODERATORS_GROUP)
        user.groups.add(group)
    return user


def make_verified_user(username=None, **fields):
    """A member who confirmed their email address (what private messages require)."""
    user = make_user(username, **fields)
    user.emailaddress_set.create(email=user.email, verified=True, primary=True)
    return user


def make_post(author=None, *, title=None, body="Some words about living with MS.", **fields):
    author = author or make_user()
    title = title or f"A story about fatigue {next(_numbers)}"
    return create_post(author=author, title=title, body=body, **fields)


# -- states reached the way the site reaches them --------------------------------------------
# Moderation states go through the moderation services, so a test of "a hidden comment" sees
# exactly what a moderator's decision leaves behind (log row, closed reports, notice). Only
# these helpers know the services' signatures.

def make_moderator(username="factory_moderator"):
    existing = User.objects.filter(username=username).first()
    return existing or make_user(username, moderator=True)


def _target(target):
    from posts.models import Comment

    comment = target if isinstance(target, Comment) else None
    return (comment.post if comment else target), comment


def approve(target, *, by=None):
    """A moderator approves a post or comment waiting for review (one click, no reasons)."""
    from forum.moderation import services

    post, comment = _target(target)
    return services.approve(moderator=by or make_moderator(), post=post, comment=comment)


def hide(target, *, by=None, guideline="no_spam", statement="Hidden for the test."):
    """A moderator hides a post, a comment or a private message."""
    from forum.conversations.models import Message
    from forum.moderation import services

    if isinstance(target, Message):
        return services.hide(moderator=by or make_moderator(), message=target,
                             guideline=guideline, statement=statement)
    post, comment = _target(target)
    return services.hide(moderator=by or make_moderator(), post=post, comment=comment,
                         guideline=guideline, statement=statement)


def remove(target, *, by=None, guideline="no_spam", statement="Removed for the test."):
    """A moderator removes a post or comment."""
    from forum.moderation import services

    post, comment = _target(target)
    return services.remove(moderator=by or make_moderator(), post=post, comment=comment,
                           guideline=guideline, statement=statement)


def lock(post, *, by=None, guideline="be_gentle", statement="Locked for the test."):
    """A moderator locks a post's thread."""
    from forum.moderation import services

    return services.lock(moderator=by or make_moderator(), post=post, guideline=guideline,
                         statement=statement)


def suspend(member, *, by=None, days=1, guideline="be_gentle",
            statement="Suspended for the test."):
    """A moderator suspends a member."""
    from forum.moderation import services

    return services.suspend(moderator=by or make_moderator(), member=member, days=days,
                            guideline=guideline, statement=statement)


def make_pending_comment(settings, *, post, body, author=None):
    """A new member's comment waiting for review, as new-member review leaves it."""
    from posts.services import post_comment

    settings.KINDRED_NEW_MEMBER_REVIEW = max(settings.KINDRED_NEW_MEMBER_REVIEW, 1)
    comment = post_comment(author=author or make_user(), post=post, body=body)
    assert comment.status == "pending", comment.status
    return comment


def make_tombstone(*, post, body, author=None):
    """A comment deleted by its author after someone replied: a tombstone in the thread."""
    from posts.services import delete_comment, post_comment

    author = author or make_user()
    comment = post_comment(author=author, post=post, body=body)
    post_comment(author=make_user(), post=post, body="A reply that keeps it", parent=comment)
    return delete_comment(actor=author, comment=comment)
