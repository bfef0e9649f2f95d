"""Plain factory functions for tests: real objects made through the real services."""

import itertools

from django.contrib.auth.models import Group

from accounts.models import MODERATORS_GROUP, User
from posts.services import create_post

_numbers = itertools.count(1)
PASSWORD = "a-long-test-password-42"


def make_user(username=None, *, moderator=False, **fields):
    username = username or f"member{next(_numbers)}"
    user = User.objects.create_user(username, f"{username}@example.org", PASSWORD, **fields)
    if moderator:
        group, _ = Group.objects.get_or_create(name=MODERATORS_GROUP)
        user.groups.add(group)
    return user


def make_post(author=None, *, title=None, body="Some words about living with MS.", **fields):
    author = author or make_user()
    title = title or f"A story about fatigue {next(_numbers)}"
    return create_post(author=author, title=title, body=body, **fields)
