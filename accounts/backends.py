"""Authentication backends that load a member with their moderator flag in one statement,
and check a password once per sign-in attempt.

Every member page asks `user.is_moderator` (the header, who may open what); Django loads the
member and then the flag was a second query. These are Django's and allauth's backends
(the same logins, the same checks) whose `get_user` reads both at once, still on every
request, so a demoted moderator loses the flag at once. Sessions made before these
backends existed name the library backends, which stay listed after these in
AUTHENTICATION_BACKENDS (forum/settings.py): they keep working and ask the flag on its own.

Only `AuthenticationBackend` checks passwords, and it ends the attempt when the check fails:
Django asks every listed backend in turn, so a wrong password used to be hashed once per
backend (four hashes for a handle, six for an email: 4-6x the CPU of a right sign-in, which
hashes once) and a few bad logins could occupy every web worker.
"""

from __future__ import annotations

from functools import cache

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from .models import MODERATORS_GROUP, User, in_moderators_group_sql


@cache
def _loader() -> tuple[str, list[str], list[tuple[int, list, object]]]:
    """The statement, the fields' names in its order and each column's converters (as the
    ORM's compiler finds them), worked out once: a raw queryset works them out per query."""
    quote = connection.ops.quote_name
    fields = User._meta.concrete_fields
    table = User._meta.db_table
    columns = ", ".join(quote(field.column) for field in fields)
    statement = (f"SELECT {columns}, {in_moderators_group_sql()} "
                 f"FROM {quote(table)} WHERE {quote(User._meta.pk.column)} = %s")
    converters = []
    for index, field in enumerate(fields):
        column = field.get_col(table)
        found = (connection.ops.get_db_converters(column)
                 + column.get_db_converters(connection))
        if found:
            converters.append((index, found, column))
    return statement, [field.attname for field in fields], converters


def member_with_moderator_flag(user_id: object) -> User | None:
    """The member with `is_moderator` already answered, or None (no such member, or an id
    that is not one)."""
    try:
        pk = User._meta.pk.to_python(user_id)
    except ValidationError:
        return None
    if pk is None:
        return None
    statement, names, converters = _loader()
    with connection.cursor() as cursor:
        cursor.execute(statement, [pk, MODERATORS_GROUP, pk])
        row = cursor.fetchone()
    if row is None:
        return None
    values = list(row[:-1])
    for index, functions, column in converters:
        for convert in functions:
            values[index] = convert(values[index], column, connection)
    user = User.from_db(connection.alias, names, values)
    user.__dict__["is_moderator"] = bool(user.is_staff or row[-1])
    return user


class _LoadsTheModeratorFlag:
    def get_user(self, user_id):
        user = member_with_moderator_flag(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


class ModelBackend(_LoadsTheModeratorFlag, DjangoModelBackend):
    """Loads the members of sessions made under this name; checks no password
    (`AuthenticationBackend` does Django's job too: a handle and a password)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        return None


class AuthenticationBackend(_LoadsTheModeratorFlag, AllauthBackend):
    """allauth's backend (a handle or an email, and a password): one password hash per
    attempt, right or wrong, known name or not (allauth hashes a decoy for an unknown one).

    allauth tries an email-looking login as an email, then as a handle, then as an email
    again: a member already checked in this attempt is not hashed twice. A failed attempt
    raises PermissionDenied, which makes Django's `authenticate` stop asking the backends
    after this one (and still send `user_login_failed`)."""

    def authenticate(self, request, **credentials):
        self._checked: dict[object, object] = {}
        user = super().authenticate(request, **credentials)
        if user is None and credentials.get("password"):
            raise PermissionDenied
        return user

    def _check_password(self, user, password):
        if user is None:
            return None
        if user.pk not in self._checked:
            self._checked[user.pk] = super()._check_password(user, password)
        return self._checked[user.pk]
