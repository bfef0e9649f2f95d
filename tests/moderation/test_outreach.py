"""Moderator outreach: from a crisis item, a warm opening with the helplines, sent through
the members' conversations; the team inbox; every outreach and answer on the log (that it
happened, never what was said); nothing to appeal."""

import pytest

from forum.conversations.models import Conversation, Message
from forum.moderation.models import ModerationAction, Report
from forum.moderation.reports import file_crisis_report
from posts.services import post_comment
from tests.factories import make_post, make_user
from tests.moderation.messaging import converse, verified


@pytest.fixture
def worried(post, other_member):
    """ash's comment that filed an automatic crisis report."""
    comment = post_comment(author=other_member, post=post, body="I can't go on like this.")
    if not comment.reports.exists():
        file_crisis_report(post=post, comment=comment)
    return comment


@pytest.fixture
def crisis(worried):
    """The crisis report about ash's comment: what outreach to ash follows from."""
    return worried.reports.get()


def compose_url(handle, report=None):
    url = f"/moderation/outreach/to/{handle}/"
    return f"{url}?report={report.pk}" if report is not None else url


def test_a_crisis_item_offers_to_reach_out_privately_next_to_dismiss(
        client, acting_moderator, crisis):
    client.force_login(acting_moderator)
    page = client.get("/moderation/").content.decode()
    assert f'href="{compose_url("ash", crisis)}"' in page
    assert "Dismissing a crisis report does not drop the person" in page


def test_an_ordinary_report_offers_no_outreach(client, acting_moderator, post, other_member):
    from forum.moderation.reports import file_report

    comment = post_comment(author=other_member, post=post, body="Buy my pills")
    file_report(reporter=make_user("reporter"), post=post, comment=comment, reason="selling")
    client.force_login(acting_moderator)
    assert compose_url("ash") not in client.get("/moderation/").content.decode()


def test_the_opening_is_warm_editable_and_carries_the_helplines(client, acting_moderator,
                                                                 crisis):
    client.force_login(acting_moderator)
    page = client.get(compose_url("ash", crisis)).content.decode()
    assert "Hello ash" in page and "116 123" in page and "988" in page
    assert "<textarea" in page


def test_the_helplines_in_an_outreach_reach_the_member_one_tap_away(
        client, acting_moderator, other_member, crisis):
    from forum.moderation.outreach import opening

    client.force_login(acting_moderator)
    client.post(compose_url("ash", crisis), {"body": opening(other_member)})
    client.force_login(other_member)
    conversation = Conversation.objects.get()
    page = client.get(f"/messages/{conversation.pk}/").content.decode()
    assert 'href="tel:116123"' in page and 'href="sms:988"' in page


def test_reaching_out_opens_a_team_conversation_and_logs_that_it_happened_only(
        client, acting_moderator, other_member, crisis):
    client.force_login(acting_moderator)
    words = "Hello ash, we are thinking of you. Samaritans: 116 123."
    response = client.post(compose_url("ash", crisis), {"body": words})
    conversation = Conversation.objects.get()
    assert response.status_code == 302
    assert response.url == f"/moderation/outreach/{conversation.pk}/"
    assert conversation.with_team
    assert Message.objects.get().body == words
    action = ModerationAction.objects.get()
    assert (action.kind, action.member, action.conversation) == (
        "outreach", other_member, conversation)
    assert action.statement == (f"Reached out privately after crisis report #{crisis.pk} "
                                "about their comment.")
    assert "116 123" not in action.statement and not action.can_be_appealed
    client.force_login(acting_moderator)
    log = client.get("/moderation/log/").content.decode()
    assert "Reached out privately" in log and "thinking of you" not in log


def test_the_member_finds_it_in_their_inbox_from_the_kindred_moderators(
        client, acting_moderator, other_member, crisis):
    client.force_login(acting_moderator)
    client.post(compose_url("ash", crisis), {"body": "We are here for you."})
    client.force_login(other_member)
    page = client.get("/messages/").content.decode()
    assert "Kindred moderators" in page and acting_moderator.username not in page


def test_an_empty_outreach_is_refused_and_nothing_is_sent(client, acting_moderator,
                                                          crisis):
    client.force_login(acting_moderator)
    response = client.post(compose_url("ash", crisis), {"body": "   "})
    assert response.status_code == 400
    assert "Write a message" in response.content.decode()
    assert not Conversation.objects.exists() and not ModerationAction.objects.exists()


def test_too_long_an_outreach_keeps_the_words(client, acting_moderator, crisis):
    client.force_login(acting_moderator)
    words = "Thinking of you. " * 400
    response = client.post(compose_url("ash", crisis), {"body": words})
    assert response.status_code == 400 and "Thinking of you." in response.content.decode()
    assert not Conversation.objects.exists()


@pytest.mark.parametrize(("handle", "status"), [("nobody_here", 404), ("ash%20", 404),
                                               ("a%00b", 400)])
def test_outreach_to_an_unknown_member_is_refused(client, acting_moderator, other_member,
                                                  handle, status):
    client.force_login(acting_moderator)
    assert client.get(compose_url(handle)).status_code == status
    assert client.post(compose_url(handle), {"body": "Hello"}).status_code == status
    assert not Conversation.objects.exists()


def _reach_out(moderator, member, body="We are here."):
    from forum.moderation.services.outreach import reach_out

    report = (Report.objects.crisis_about(member).first()
              or file_crisis_report(post=make_post(member)))
    return reach_out(moderator=moderator, member=member, report=report,
                     body=body).conversation


@pytest.mark.parametrize("which", ["none", "not_a_number", "about_someone_else",
                                   "not_about_a_crisis"])
def test_outreach_without_a_crisis_report_about_the_member_is_refused_and_nothing_is_sent(
        client, acting_moderator, member, other_member, post, crisis, which):
    from forum.moderation.reports import file_report

    report = {"none": None, "not_a_number": "abc",
              "about_someone_else": file_crisis_report(post=post),  # rowan's post
              "not_about_a_crisis": file_report(reporter=member, post=crisis.post,
                                                comment=crisis.comment, reason="spam"),
              }[which]
    url = compose_url("ash") + (f"?report={report.pk if hasattr(report, 'pk') else report}"
                                if report is not None else "")
    client.force_login(acting_moderator)
    status = 400 if which in {"none", "not_a_number"} else 404
    page = client.get(url)
    assert page.status_code == status
    assert "after a crisis report about the member" in page.content.decode()
    response = client.post(url, {"body": "Thinking of you today."})
    assert response.status_code == status
    assert "Thinking of you today." in response.content.decode()  # the words, kept
    assert not Conversation.objects.exists() and not ModerationAction.objects.exists()


def test_dismissing_a_crisis_report_does_not_stop_outreach_after_it(
        client, acting_moderator, crisis):
    from forum.moderation.services import dismiss

    dismiss(moderator=acting_moderator, post=crisis.post, comment=crisis.comment)
    client.force_login(acting_moderator)
    response = client.post(compose_url("ash", crisis), {"body": "Thinking of you."})
    assert response.status_code == 302
    assert ModerationAction.objects.filter(kind="outreach").get().statement.startswith(
        f"Reached out privately after crisis report #{crisis.pk}")


def test_a_crisis_item_about_a_private_message_offers_outreach_after_its_report(
        client, acting_moderator, member, other_member):
    from forum.moderation.reports import file_message_crisis_report

    _, (hello, heavy) = converse(member, other_member, "How are you?", "Not good. Not good.")
    crisis = file_message_crisis_report(heavy)
    client.force_login(acting_moderator)
    link = f'href="{compose_url("ash", crisis)}"'
    assert link in client.get("/moderation/").content.decode()
    assert link in client.get(f"/moderation/messages/{heavy.pk}/act/").content.decode()
    compose = client.get(compose_url("ash", crisis)).content.decode()
    assert f"/moderation/messages/{heavy.pk}/act/" in compose
    assert client.post(compose_url("ash", crisis), {"body": "We are here."}).status_code == 302
    assert ModerationAction.objects.get().statement == (
        f"Reached out privately after crisis report #{crisis.pk} about their private message.")


def test_every_moderator_reads_and_answers_the_team_inbox_unread_first(
        client, acting_moderator, second_moderator, other_member, member):
    quiet = _reach_out(acting_moderator, member)
    answered = _reach_out(acting_moderator, verified(other_member))
    from forum.conversations.services import reply

    reply(sender=other_member, conversation=answered, body="Thank you, it helps to hear.")
    client.force_login(second_moderator)
    inbox = client.get("/moderation/outreach/").content.decode()
    assert inbox.index(f"/moderation/outreach/{answered.pk}/") < inbox.index(
        f"/moderation/outreach/{quiet.pk}/")
    assert "1 new message" in inbox
    page = client.get(f"/moderation/outreach/{answered.pk}/").content.decode()
    assert "it helps to hear" in page
    response = client.post(f"/moderation/outreach/{answered.pk}/",
                           {"body": "We are glad. Write any time."})
    assert response.status_code == 302
    last = Message.objects.filter(conversation=answered).last()
    assert last.from_team and last.sender == second_moderator
    answer = ModerationAction.objects.filter(actor=second_moderator).get()
    assert (answer.kind, answer.conversation, answer.member) == (
        "outreach", answered, other_member)
    assert "glad" not in answer.statement
    assert "1 new message" not in client.get("/moderation/outreach/").content.decode()


def test_an_empty_team_answer_is_refused(client, acting_moderator, other_member):
    conversation = _reach_out(acting_moderator, other_member)
    client.force_login(acting_moderator)
    response = client.post(f"/moderation/outreach/{conversation.pk}/", {"body": ""})
    assert response.status_code == 400
    assert Message.objects.count() == 1
    assert ModerationAction.objects.count() == 1


def test_a_members_own_conversation_is_not_in_the_team_inbox(
        client, acting_moderator, member, other_member):
    conversation, _ = converse(member, other_member, "Just between us")
    client.force_login(acting_moderator)
    assert client.get(f"/moderation/outreach/{conversation.pk}/").status_code == 404
    assert "Just between us" not in client.get("/moderation/outreach/").content.decode()


@pytest.mark.parametrize("count", [1, 100])
def test_the_team_inbox_has_a_fixed_query_budget(client, acting_moderator, count,
                                                 django_assert_max_num_queries):
    for number in range(count):
        _reach_out(acting_moderator, make_user(f"person{number}"))
    client.force_login(acting_moderator)
    with django_assert_max_num_queries(7):
        response = client.get("/moderation/outreach/")
    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 40])
def test_a_team_conversation_page_has_a_fixed_query_budget(
        client, acting_moderator, other_member, count, django_assert_max_num_queries):
    from forum.conversations.services import reply

    conversation = _reach_out(acting_moderator, verified(other_member))
    for number in range(count):
        reply(sender=other_member, conversation=conversation, body=f"Line {number}")
    client.force_login(acting_moderator)
    with django_assert_max_num_queries(13):
        response = client.get(f"/moderation/outreach/{conversation.pk}/")
    assert response.status_code == 200


@pytest.mark.parametrize("count", [0, 30])
def test_the_compose_page_has_a_fixed_query_budget(client, acting_moderator, crisis,
                                                   other_member, count,
                                                   django_assert_max_num_queries):
    for _ in range(count):
        _reach_out(acting_moderator, other_member, body=f"Checking in {_}")
    client.force_login(acting_moderator)
    with django_assert_max_num_queries(8):  # the 8th: the crisis report it follows
        response = client.get(compose_url("ash", crisis))
    assert response.status_code == 200


def test_the_crisis_items_own_page_offers_outreach_too(client, acting_moderator, worried,
                                                       crisis):
    client.force_login(acting_moderator)
    page = client.get(f"/moderation/items/{worried.post_id}/{worried.pk}/act/")
    assert f'href="{compose_url("ash", crisis)}"' in page.content.decode()


def test_a_moderator_answering_from_the_messages_page_is_on_the_record_too(
        client, second_moderator, acting_moderator, other_member):
    """A team conversation has one place to answer from: the members' conversation page
    sends moderators to the team's page, and a reply posted there is carried over (307),
    words and all, so no team answer ever bypasses the audit log."""
    conversation = _reach_out(acting_moderator, verified(other_member))
    client.force_login(second_moderator)
    page = client.get(f"/messages/{conversation.pk}/")
    assert page.status_code == 302
    assert page.url == f"/moderation/outreach/{conversation.pk}/"
    sent = client.post(f"/messages/{conversation.pk}/reply/", {"body": "We are still here."},
                       follow=True)
    assert sent.redirect_chain[0] == (f"/moderation/outreach/{conversation.pk}/", 307)
    last = Message.objects.filter(conversation=conversation).last()
    assert last.body == "We are still here." and last.from_team
    answer = ModerationAction.objects.filter(actor=second_moderator).get()
    assert (answer.kind, answer.conversation, answer.member) == (
        "outreach", conversation, other_member)


def test_after_dismissing_a_crisis_item_its_page_still_offers_outreach(
        client, acting_moderator, crisis):
    """The queue says dismissing does not drop the person: the item's own page (reached from
    the log or the member's history) keeps the way to reach out."""
    from forum.moderation.services import dismiss

    dismiss(moderator=acting_moderator, post=crisis.post, comment=crisis.comment)
    client.force_login(acting_moderator)
    page = client.get(f"/moderation/items/{crisis.post_id}/{crisis.comment_id}/act/")
    assert f'href="{compose_url("ash", crisis)}"' in page.content.decode()


def test_after_dismissing_a_crisis_message_its_page_still_offers_outreach(
        client, acting_moderator, member, other_member):
    from forum.moderation.reports import file_message_crisis_report
    from forum.moderation.services import dismiss

    _, (hello, heavy) = converse(member, other_member, "How are you?", "I can't go on.")
    crisis = Report.objects.filter(message=heavy).first() or file_message_crisis_report(heavy)
    dismiss(moderator=acting_moderator, message=heavy)
    client.force_login(acting_moderator)
    page = client.get(f"/moderation/messages/{heavy.pk}/act/").content.decode()
    assert f'href="{compose_url("ash", crisis)}"' in page
