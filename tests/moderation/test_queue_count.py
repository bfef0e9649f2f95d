"""The number next to "Moderation" in every moderator's header: counted by the database,
at the same cost however long the queue is."""

import pytest
from django.urls import reverse

from forum.moderation.queue import collect, queue_size
from forum.moderation.reports import file_report
from posts.services import post_comment
from tests.factories import make_post, make_user


def fill_queue(settings, host_post, size):
    """`size` new members, each with a pending post and a pending comment; every comment is
    also reported, so the same entry arrives twice and must count once."""
    reporter = make_user()
    settings.KINDRED_NEW_MEMBER_REVIEW = 99
    for _ in range(size):
        newcomer = make_user()
        make_post(newcomer)
        comment = post_comment(author=newcomer, post=host_post, body="New here, hello")
        file_report(reporter=reporter, post=host_post, comment=comment, reason="spam")


def test_the_queue_count_is_one_query_and_matches_the_queue(settings, post,
                                                            django_assert_num_queries):
    fill_queue(settings, post, 3)
    file_report(reporter=make_user(), post=post, reason="spam")  # a reported post
    with django_assert_num_queries(1):
        size = queue_size()
    assert size == len(collect()) == 3 + 3 + 1


@pytest.mark.parametrize("size", [1, 25])
def test_a_moderators_pages_cost_the_same_with_a_short_or_long_queue(
        client, settings, post, moderator, size, django_assert_max_num_queries):
    fill_queue(settings, post, size)
    client.force_login(moderator)
    client.get(reverse("home"))  # warm the session and caches
    with django_assert_max_num_queries(10):
        page = client.get(reverse("home")).content.decode()
    assert f'<span class="count">{2 * size}<' in page


def test_a_member_answering_the_team_counts_as_waiting_until_a_moderator_reads_it(
        client, moderator, other_member):
    """Someone the moderators reached out to writes back: every moderator's header and the
    queue say an answer is awaited, until one of them opens the conversation."""
    from forum.conversations.services import reply
    from forum.moderation.reports import file_crisis_report
    from forum.moderation.services import dismiss
    from forum.moderation.services.outreach import reach_out
    from tests.moderation.messaging import verified

    crisis = file_crisis_report(post=make_post(other_member))
    dismiss(moderator=moderator, post=crisis.post)  # the queue is about the conversation
    conversation = reach_out(moderator=moderator, member=verified(other_member),
                             report=crisis, body="We are here if you want to talk.").conversation
    assert queue_size() == 0  # the team wrote last
    reply(sender=other_member, conversation=conversation, body="Thank you. It is hard.")
    assert queue_size() == 1
    client.force_login(make_user("second_mod", moderator=True))
    page = client.get(reverse("moderation:queue")).content.decode()
    assert "1 conversation in the Team inbox</a> waits for an answer" in page
    assert '<span class="count">1<' in page
    client.get(reverse("moderation:outreach_conversation", args=[conversation.pk]))
    assert queue_size() == 0


def test_a_waiting_team_conversation_and_a_pending_post_with_the_same_id_count_twice(
        settings, other_member):
    """Entries are (post, comment, message, conversation): ids of different things never
    stand in the same column, so the UNION cannot fold a conversation into a post."""
    from django.utils import timezone

    from forum.conversations.models import Conversation, Participant

    settings.KINDRED_NEW_MEMBER_REVIEW = 99
    pending = make_post(make_user())
    waiting = Conversation.objects.create(pk=pending.pk, with_team=True,
                                          team_read_at=timezone.now() - timezone.timedelta(1))
    Participant.objects.create(conversation=waiting, user=other_member)
    assert queue_size() == 2
