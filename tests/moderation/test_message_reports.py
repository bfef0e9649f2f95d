"""Reporting a private message: only a participant, only the other side's message, the
same reasons and flow as a comment; a crisis in a message reaches the top of the queue."""

import pytest

from forum.conversations.models import Message
from forum.moderation.models import Report
from tests.factories import make_user
from tests.moderation.messaging import converse, report


@pytest.fixture
def talk(member, other_member):
    """rowan writes to ash, ash answers unkindly."""
    return converse(member, other_member, "Hello, how are your legs today?",
                    "Mind your own business, you fool.")


def url(message_id):
    return f"/messages/m/{message_id}/report/"


def test_a_participant_reports_the_other_sides_message_and_is_thanked(client, member, talk):
    _, (_, unkind) = talk
    client.force_login(member)
    assert client.get(url(unkind.pk)).status_code == 200
    response = client.post(url(unkind.pk), {"reason": "harassment", "details": "Rude"})
    assert response.status_code == 200
    assert "Thank you for your report" in response.content.decode()
    saved = Report.objects.get()
    assert (saved.message, saved.post, saved.reporter, saved.details) == (
        unkind, None, member, "Rude")


def test_reporting_your_own_message_is_refused_with_the_reason_and_the_words_kept(
        client, member, talk):
    _, (own, _) = talk
    client.force_login(member)
    response = client.post(url(own.pk), {"reason": "other", "details": "My own words here"})
    body = response.content.decode()
    assert response.status_code == 403
    assert "can’t report your own message" in body and "My own words here" in body
    assert client.get(url(own.pk)).status_code == 403
    assert not Report.objects.exists()


def test_someone_outside_the_conversation_cannot_even_see_that_the_message_exists(
        client, talk):
    _, (_, unkind) = talk
    client.force_login(make_user("outsider"))
    assert client.get(url(unkind.pk)).status_code == 404
    assert client.post(url(unkind.pk), {"reason": "spam"}).status_code == 404
    assert not Report.objects.exists()


def test_a_moderator_outside_the_conversation_cannot_report_it_either(client, moderator, talk):
    _, (_, unkind) = talk
    client.force_login(moderator)
    assert client.post(url(unkind.pk), {"reason": "spam"}).status_code == 404


@pytest.mark.parametrize("bad", ["999999", "0", "abc", "12a", "-1", "9" * 30])
def test_a_message_id_that_is_not_one_is_a_404(client, member, talk, bad):
    client.force_login(member)
    assert client.get(f"/messages/m/{bad}/report/").status_code == 404
    assert not Report.objects.exists()


def test_a_second_report_of_the_same_message_is_refused_and_the_words_are_kept(
        client, member, talk):
    _, (_, unkind) = talk
    report(unkind, member)
    client.force_login(member)
    response = client.post(url(unkind.pk), {"reason": "other", "details": "Again, please"})
    assert response.status_code == 409
    assert "already reported" in response.content.decode()
    assert "Again, please" in response.content.decode()
    assert Report.objects.count() == 1


def test_something_else_needs_details_and_the_form_says_so(client, member, talk):
    _, (_, unkind) = talk
    client.force_login(member)
    response = client.post(url(unkind.pk), {"reason": "other", "details": "  "})
    assert response.status_code == 400
    assert "tell us a little" in response.content.decode()
    assert not Report.objects.exists()


def test_reports_are_rate_limited_with_the_words_kept(client, member, other_member, settings):
    settings.KINDRED_RATE_LIMITS = True
    settings.KINDRED_RATE_LIMIT_RULES = {**settings.KINDRED_RATE_LIMIT_RULES,
                                         "report": (1, 3600)}
    _, messages = converse(member, other_member, "Hi", "Rude one", "Why?", "Rude two")
    client.force_login(member)
    assert client.post(url(messages[1].pk), {"reason": "spam"}).status_code == 200
    response = client.post(url(messages[3].pk), {"reason": "other", "details": "Second"})
    assert response.status_code == 429 and "Second" in response.content.decode()
    assert Report.objects.count() == 1


def test_a_reader_is_sent_to_log_in(client, talk):
    _, (_, unkind) = talk
    response = client.get(url(unkind.pk))
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_crisis_words_in_a_message_file_a_report_naming_that_message_only(
        member, other_member):
    from forum.conversations.events import message_crisis

    _, messages = converse(member, other_member, "Hello", "How are you?")
    message = messages[1]
    message_crisis.announce(message)
    saved = Report.objects.get()
    assert saved.is_automatic and saved.reason == "crisis"
    assert (saved.message, saved.post, saved.comment) == (message, None, None)
    assert Message.objects.count() == 2


def test_crisis_words_sent_in_a_reply_reach_the_helplines_and_a_report_on_that_message_only(
        client, member, other_member, acting_moderator):
    conversation, _ = converse(member, other_member, "Hello ash", "Hi rowan, a hard week")
    client.force_login(other_member)
    response = client.post(f"/messages/{conversation.pk}/reply/",
                           {"body": "Some days I want to end my life"})
    assert response.status_code == 302 and response.url.endswith("#crisis-support")
    assert 'id="crisis-support"' in client.get(response.url).content.decode()
    sent = Message.objects.get(body="Some days I want to end my life")
    saved = Report.objects.get()
    assert (saved.message, saved.post, saved.comment) == (sent, None, None)
    assert saved.is_automatic and saved.reason == "crisis" and saved.reporter is None
    client.force_login(acting_moderator)
    queue = client.get("/moderation/").content.decode()
    assert "Some days I want to end my life" in queue and "May be at risk" in queue
    assert "Hello ash" not in queue and "a hard week" not in queue


def test_a_member_who_left_the_conversation_can_still_report_what_hurt_them(
        client, member, talk):
    from forum.conversations.services import leave

    conversation, (_, unkind) = talk
    leave(member=member, conversation=conversation)
    client.force_login(member)
    assert client.post(url(unkind.pk), {"reason": "harassment"}).status_code == 200
    assert Report.objects.get().message == unkind


@pytest.mark.parametrize("count", [2, 60])
def test_the_report_form_has_a_fixed_query_budget(client, member, other_member, count,
                                                  django_assert_max_num_queries):
    lines = [f"Line {n}" for n in range(count)]
    _, messages = converse(member, other_member, *lines)
    client.force_login(member)
    with django_assert_max_num_queries(7):
        response = client.get(url(messages[-1].pk))
    assert response.status_code == 200
