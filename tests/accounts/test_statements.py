"""The plain statements every member page runs are prepared once per connection on
PostgreSQL (accounts/statements.py), and still counted and logged like any query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.backends import member_with_moderator_flag
from accounts.statements import prepared_cursor
from forum.conversations.context_processors import unread_counts

postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql",
                                     reason="prepared statements are PostgreSQL's")


def _prepared_statements():
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


@postgresql_only
def test_the_member_and_header_statements_are_prepared_once_and_reused(rf, member):
    request = rf.get("/")
    request.user = member
    for _ in range(3):
        assert member_with_moderator_flag(member.pk).pk == member.pk
        assert unread_counts(request)["unread_total"] == 0
    prepared = _prepared_statements()
    assert sum('FROM "accounts_user"' in text for text in prepared) == 1
    assert sum('"notifications_notification"' in text and "COUNT" in text
               for text in prepared) == 1


@postgresql_only
def test_without_prepared_statements_the_same_statements_still_answer(member, settings):
    """KINDRED_DB_PREPARED=0 (a pooler in transaction mode): nothing is prepared."""
    connection.connection.prepare_threshold = None
    try:
        assert member_with_moderator_flag(member.pk).pk == member.pk
        assert not any('FROM "accounts_user"' in text for text in _prepared_statements())
    finally:
        connection.connection.prepare_threshold = 5


def test_a_prepared_statement_is_counted_like_any_query(db):
    with CaptureQueriesContext(connection) as queries:
        with prepared_cursor() as cursor:
            cursor.execute("SELECT %(one)s + 1", {"one": 1})
            assert cursor.fetchone()[0] == 2
    assert len(queries) == 1
