"""A service that locks rows (select_for_update) opens its own transaction, so it works when
called directly, not only from a view or a service that already opened one: on PostgreSQL
a row lock outside a transaction raises TransactionManagementError. SQLite has no row
locks, so these tests hold it to PostgreSQL's rule, outside any test transaction."""

import pytest
from django.db import connection

from forum.conversations import services as conversations
from forum.moderation.reports import file_message_report
from forum.moderation.services import messages as message_verbs
from posts.models import Comment, Poll
from posts.services import post_comment, remove_poll, set_poll
from posts.services.comments import remove_for_account_deletion
from tests.factories import hide, make_moderator, make_verified_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def postgresqls_rule_for_row_locks(monkeypatch):
    """The compiler refuses select_for_update in autocommit, as it does on PostgreSQL; the
    lock clause itself is left out of the SQL, which SQLite would not parse."""
    monkeypatch.setattr(connection.features, "has_select_for_update", True)
    monkeypatch.setattr(connection.features, "has_select_for_update_of", True)
    monkeypatch.setattr(connection.ops, "for_update_sql", lambda *args, **kwargs: "")


def test_the_rule_holds_here_a_row_lock_outside_a_transaction_is_refused():
    from django.db.transaction import TransactionManagementError

    with pytest.raises(TransactionManagementError):
        Poll.objects.select_for_update().first()


def test_removing_a_poll_nobody_voted_in_opens_its_own_transaction(member, post):
    set_poll(author=member, post=post, question="Tea?", choices=["Yes", "No"])
    remove_poll(author=member, post=post)
    assert not Poll.objects.filter(post=post).exists()


def test_removing_a_leaving_members_comment_opens_its_own_transaction(member, post):
    comment = post_comment(author=member, post=post, body="My own words")
    remove_for_account_deletion(comment.pk)
    assert not Comment.objects.filter(pk=comment.pk).exists()


def _a_reported_message():
    writer, reader = make_verified_user("juniper"), make_verified_user("wren")
    message = conversations.start_conversation(sender=writer, recipient_handle="wren",
                                               body="Unkind words")
    file_message_report(reporter=reader, message=message, reason="harassment")
    return message


def test_hiding_a_message_opens_its_own_transaction():
    message = _a_reported_message()
    message_verbs.hide_message(moderator=make_moderator(), message=message,
                               guideline="be_gentle", statement="Unkind.")
    message.refresh_from_db()
    assert message.is_hidden


def test_restoring_a_hidden_message_opens_its_own_transaction():
    message = _a_reported_message()
    hide(message)
    message_verbs.restore_message(moderator=make_moderator(), message=message)
    message.refresh_from_db()
    assert message.is_visible


def test_dismissing_a_messages_reports_opens_its_own_transaction():
    message = _a_reported_message()
    action = message_verbs.dismiss_message(moderator=make_moderator(), message=message)
    assert action.message_id == message.pk
