"""A crisis card says who already reached out after its report, and when; a second
moderator opening outreach after that report is asked before writing again, and one who was
writing while another sent is asked too, with their words kept."""

import re

import pytest

from forum.conversations.models import Message
from forum.moderation.models import ModerationAction
from forum.moderation.reports import file_crisis_report
from forum.moderation.services.outreach import reach_out
from posts.services import post_comment
from tests.moderation.messaging import verified


@pytest.fixture
def crisis(post, other_member):
    """ash's comment with crisis words, and the crisis report it filed."""
    comment = post_comment(author=verified(other_member), post=post,
                           body="I can't go on like this.")
    return comment.reports.get() if comment.reports.exists() else file_crisis_report(
        post=post, comment=comment)


def _reach_out(moderator, member, report, body="We are here, whenever you want to talk."):
    return reach_out(moderator=moderator, member=member, report=report, body=body)


def compose_url(report, again=False):
    return f"/moderation/outreach/to/ash/?report={report.pk}" + ("&again=1" if again else "")


def _card(client):
    (card,) = re.findall(r'<article class="queue-item.*?</article>',
                         client.get("/moderation/").content.decode(), re.S)
    return card


def test_a_crisis_card_says_who_reached_out_after_its_report_and_when(
        client, crisis, other_member, acting_moderator, second_moderator):
    client.force_login(acting_moderator)
    assert "Reached out by" not in _card(client)
    action = _reach_out(second_moderator, other_member, crisis)
    card = _card(client)
    assert re.search(r'<strong>Reached out by mod_bea, <time datetime="[^"]+"', card)
    assert f'href="/moderation/outreach/{action.conversation_id}/"' in card


def test_an_outreach_before_this_crisis_report_is_not_shown_on_its_card(
        client, post, crisis, other_member, acting_moderator, second_moderator):
    from forum.moderation.services import dismiss

    _reach_out(second_moderator, other_member, crisis)
    dismiss(moderator=acting_moderator, post=post, comment=crisis.comment)
    post_comment(author=other_member, post=post, body="I want to die, honestly.")
    client.force_login(acting_moderator)
    card = _card(client)
    assert "May be at risk" in card and "Reached out by" not in card


def test_a_second_moderator_is_asked_before_writing_again(
        client, crisis, other_member, acting_moderator, second_moderator):
    _reach_out(second_moderator, other_member, crisis)
    client.force_login(acting_moderator)
    response = client.get(compose_url(crisis))
    page = response.content.decode()
    assert response.status_code == 200
    assert re.search(r"<strong>mod_bea reached out <time [^>]+>.*?</time>\.</strong> "
                     r"Write again\?", page)
    assert "<textarea" not in page and f'href="?report={crisis.pk}&amp;again=1"' in page
    form = client.get(compose_url(crisis, again=True)).content.decode()
    assert "<textarea" in form and "again=1" in form
    sent = client.post(compose_url(crisis, again=True), {"body": "Thinking of you today."})
    assert sent.status_code == 302
    assert ModerationAction.objects.filter(kind="outreach").count() == 2


def test_a_moderator_writing_while_another_sent_is_asked_and_keeps_their_words(
        client, crisis, other_member, acting_moderator, second_moderator):
    client.force_login(acting_moderator)
    assert "<textarea" in client.get(compose_url(crisis)).content.decode()  # nobody yet
    _reach_out(second_moderator, other_member, crisis)  # meanwhile
    messages_before = Message.objects.count()
    response = client.post(compose_url(crisis), {"body": "Ash, we <3 you. Write any time."})
    page = response.content.decode()
    assert response.status_code == 409
    assert "mod_bea reached out to ash after this report while you were writing" in page
    assert "Ash, we &lt;3 you. Write any time.</textarea>" in page
    assert "again=1" in page
    assert Message.objects.count() == messages_before
    assert ModerationAction.objects.filter(kind="outreach").count() == 1
