"""Authentication backends that load a member with their moderator flag in one statement.

Every member page asks `user.is_moderator` (the header, who may open what); Django loads the
member and then the flag was a second query. These are Django's and allauth's backends
(the same logins, the same checks) whose `get_user` reads both at once, still on every
request, so a demoted moderator loses the flag at once. Sessions made before these
backends existed name the library backends, which stay listed after these in
AUTHENTICATION_BACKENDS (forum/settings.py): they keep working and ask the flag on its own.
"""

from __future__ import annotations

from functools import cache

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend
from django.core.exceptions import ValidationError
from django.db import connection

from .models import MODERATORS_GROUP, User


@cache
def _statement() -> str:
    quote = connection.ops.quote_name
    through = User.groups.through._meta
    group = through.get_field("group").related_model._meta
    return (f"SELECT *, EXISTS(SELECT 1 FROM {quote(through.db_table)} member "
            f"INNER JOIN {quote(group.db_table)} grp ON grp.id = member.group_id "
            f"WHERE member.user_id = %s AND grp.name = %s) AS moderator_flag "
            f"FROM {quote(User._meta.db_table)} WHERE id = %s")


def member_with_moderator_flag(user_id: object) -> User | None:
    """The member with `is_moderator` already answered, or None (no such member, or an id
    that is not one)."""
    try:
        pk = User._meta.pk.to_python(user_id)
    except ValidationError:
        return None
    found = list(User.objects.raw(_statement(), [pk, MODERATORS_GROUP, pk]))
    if not found:
        return None
    user = found[0]
    user.__dict__["is_moderator"] = bool(user.is_staff or user.moderator_flag)
    return user


class _LoadsTheModeratorFlag:
    def get_user(self, user_id):
        user = member_with_moderator_flag(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


class ModelBackend(_LoadsTheModeratorFlag, DjangoModelBackend):
    """Django's ModelBackend (username and password)."""


class AuthenticationBackend(_LoadsTheModeratorFlag, AllauthBackend):
    """allauth's backend (email or username, and password)."""
