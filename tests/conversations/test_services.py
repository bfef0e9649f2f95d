"""Private messages through the services: who may write to whom, and what each side sees."""

import pytest
from django.core import mail

from accounts.blocking import block
from accounts.models import MessagesFrom
from forum.conversations import events, selectors, services
from forum.conversations.models import Conversation, Message
from forum.conversations.rules import NOT_RECEIVING, OWN_CHOICE, can_message
from forum.notifications.models import Notification
from plumbing.refusals import Refused
from posts.personal_info import PersonalInfoFound
from posts.services import post_comment
from tests.factories import make_post, make_user, make_verified_user, suspend


def test_a_first_message_opens_a_conversation_the_recipient_sees_unread(writer, reader):
    message = services.start_conversation(sender=writer, recipient_handle="wren",
                                          body="Hello *Wren*, how are the legs?")
    assert "<em>Wren</em>" in message.body_html
    [row] = selectors.inbox_for(reader)
    assert row.pk == message.conversation_id and row.unread and row.new_count == 1
    assert row.other_handle == "juniper"
    [mine] = selectors.inbox_for(writer)
    assert not mine.unread and mine.new_count == 0 and mine.other_handle == "wren"


def test_writing_again_continues_the_open_conversation(writer, reader):
    first = services.start_conversation(sender=writer, recipient_handle="@Wren", body="One")
    second = services.start_conversation(sender=writer, recipient_handle="wren", body="Two")
    assert first.conversation_id == second.conversation_id
    assert Conversation.objects.count() == 1


def test_a_reply_reaches_the_starter_and_opening_marks_it_read(writer, reader):
    conversation = services.start_conversation(sender=writer, recipient_handle="wren",
                                               body="Hi").conversation
    services.reply(sender=reader, conversation=conversation, body="Hi back")
    [row] = selectors.inbox_for(writer)
    assert row.unread and row.new_count == 1
    services.mark_read(user=writer, conversation=conversation)
    [row] = selectors.inbox_for(writer)
    assert not row.unread and row.new_count == 0
    assert not Notification.objects.filter(recipient=writer, read_at__isnull=True).exists()


def test_the_recipient_is_notified_by_name_and_the_email_never_holds_the_words(
        writer, reader, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.start_conversation(sender=writer, recipient_handle="wren",
                                    body="My private worry about relapses")
    note = Notification.objects.get(recipient=reader, kind=Notification.Kind.MESSAGE)
    assert note.text == "You have a new message from juniper"
    [email] = mail.outbox
    assert "juniper" in email.subject
    assert "relapses" not in email.body and "relapses" not in email.alternatives[0][0]
    assert note.target_url in email.body


def test_a_second_message_before_reading_adds_no_second_notice(writer, reader):
    services.start_conversation(sender=writer, recipient_handle="wren", body="One")
    services.start_conversation(sender=writer, recipient_handle="wren", body="Two")
    assert Notification.objects.filter(recipient=reader).count() == 1


def test_no_email_when_the_member_turned_message_emails_off(
        writer, reader, django_capture_on_commit_callbacks):
    reader.email_message = "off"
    reader.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.start_conversation(sender=writer, recipient_handle="wren", body="Hi")
    assert mail.outbox == []
    assert Notification.objects.filter(recipient=reader).exists()


def _refusal(**kwargs):
    with pytest.raises(Refused) as refused:
        services.start_conversation(**kwargs)
    assert not Message.objects.exists()
    return refused.value


def test_writing_to_yourself_is_refused_with_a_reason(writer):
    refusal = _refusal(sender=writer, recipient_handle="juniper", body="Me")
    assert refusal.status == 400 and "yourself" in refusal.message


@pytest.mark.parametrize("handle", ["nobody-here", "", None, "../../etc"])
def test_an_unknown_recipient_reads_like_any_other_refusal(writer, handle):
    refusal = _refusal(sender=writer, recipient_handle=handle, body="Hi")
    assert (refusal.status, refusal.message) == (400, NOT_RECEIVING)


@pytest.mark.parametrize("blocker", ["writer", "reader"])
def test_a_block_either_way_stops_messages_without_saying_so(writer, reader, blocker):
    if blocker == "writer":
        block(blocker=writer, handle="wren")
    else:
        block(blocker=reader, handle="juniper")
    refusal = _refusal(sender=writer, recipient_handle="wren", body="Hi")
    assert (refusal.status, refusal.message) == (400, NOT_RECEIVING)
    assert not can_message(writer, reader)


def test_a_block_after_the_conversation_began_stops_replies_too(writer, reader):
    conversation = services.start_conversation(sender=writer, recipient_handle="wren",
                                               body="Hi").conversation
    block(blocker=reader, handle="juniper")
    with pytest.raises(Refused) as refused:
        services.reply(sender=writer, conversation=conversation, body="Still there?")
    assert refused.value.message == NOT_RECEIVING


def test_a_suspended_or_gone_recipient_is_not_receiving(writer, reader):
    suspend(reader)
    assert _refusal(sender=writer, recipient_handle="wren", body="Hi").message == NOT_RECEIVING
    gone = make_verified_user("gone", is_active=False)
    assert _refusal(sender=writer, recipient_handle=gone.username,
                    body="Hi").message == NOT_RECEIVING


def test_a_member_who_allows_nobody_is_not_receiving(writer, reader):
    reader.messages_from = MessagesFrom.NOBODY
    reader.save()
    assert _refusal(sender=writer, recipient_handle="wren", body="Hi").message == NOT_RECEIVING


def _open_conversation(writer, reader):
    return services.start_conversation(sender=writer, recipient_handle="wren",
                                       body="Hi").conversation


def test_nobody_stops_replies_in_a_conversation_already_open(writer, reader):
    conversation = _open_conversation(writer, reader)
    reader.messages_from = MessagesFrom.NOBODY
    reader.save()
    with pytest.raises(Refused) as refused:
        services.reply(sender=writer, conversation=conversation, body="Still there?")
    assert (refused.value.status, refused.value.message) == (400, NOT_RECEIVING)
    # Writing from the "new message" form continues that conversation: refused alike.
    with pytest.raises(Refused) as refused:
        services.start_conversation(sender=writer, recipient_handle="wren", body="Hello?")
    assert refused.value.message == NOT_RECEIVING
    assert Message.objects.count() == 1


def test_a_member_who_chose_nobody_is_told_their_choice_stops_them_writing(writer, reader):
    conversation = _open_conversation(writer, reader)
    reader.messages_from = MessagesFrom.NOBODY
    reader.save()
    for write in (lambda: services.reply(sender=reader, conversation=conversation,
                                         body="Hi back"),
                  lambda: services.start_conversation(sender=reader,
                                                      recipient_handle="juniper", body="Hi")):
        with pytest.raises(Refused) as refused:
            write()
        assert (refused.value.status, refused.value.message) == (403, OWN_CHOICE)
    assert Message.objects.count() == 1


def test_known_only_stops_a_member_they_never_wrote_to_in_a_conversation_that_member_began(
        writer, reader):
    conversation = _open_conversation(writer, reader)
    reader.messages_from = MessagesFrom.KNOWN
    reader.save()
    with pytest.raises(Refused) as refused:
        services.reply(sender=writer, conversation=conversation, body="Hello again")
    assert refused.value.message == NOT_RECEIVING
    services.reply(sender=reader, conversation=conversation, body="Hi, sorry, busy week")
    services.reply(sender=writer, conversation=conversation, body="No worries!")
    assert Message.objects.count() == 3


def test_the_moderators_reach_a_member_who_chose_nobody_and_they_can_answer(reader,
                                                                            moderator):
    reader.messages_from = MessagesFrom.NOBODY
    reader.save()
    conversation = services.start_outreach(moderator=moderator, member=reader,
                                           body="We wanted to check in with you.")
    services.reply(sender=reader, conversation=conversation, body="Thank you")
    services.reply_as_team(moderator=moderator, conversation=conversation, body="Any time")
    assert Message.objects.filter(conversation=conversation).count() == 3


def test_known_only_lets_through_members_they_answered_in_public(writer, reader):
    reader.messages_from = MessagesFrom.KNOWN
    reader.save()
    assert not can_message(writer, reader)
    post_comment(author=reader, post=make_post(writer), body="Same here, hugs")
    assert can_message(writer, reader)
    services.start_conversation(sender=writer, recipient_handle="wren", body="Thank you")


def test_known_only_counts_someone_they_wrote_to_before(writer, reader):
    reader.messages_from = MessagesFrom.KNOWN
    reader.save()
    conversation = services.start_conversation(sender=reader, recipient_handle="juniper",
                                               body="Hi").conversation
    services.leave(member=reader, conversation=conversation)
    services.leave(member=writer, conversation=conversation)
    assert can_message(writer, reader)


def test_a_member_without_a_confirmed_email_is_asked_to_confirm_it(reader):
    unconfirmed = make_user("fresh")
    refusal = _refusal(sender=unconfirmed, recipient_handle="wren", body="Hi")
    assert refusal.status == 403 and "confirm your email" in refusal.message


def test_a_silenced_member_gets_the_reason(writer, reader):
    from forum.moderation import services as moderation

    moderation.silence(moderator=make_user("mod", moderator=True), member=writer, days=1,
                       guideline="be_gentle", statement="Paused for the test.")
    writer.refresh_from_db()
    refusal = _refusal(sender=writer, recipient_handle="wren", body="Hi")
    assert refusal.status == 403 and "paused" in refusal.message


def test_a_new_member_waiting_for_review_cannot_message_yet(settings, writer, reader):
    settings.KINDRED_NEW_MEMBER_REVIEW = 1
    refusal = _refusal(sender=writer, recipient_handle="wren", body="Hi")
    assert refusal.status == 403 and "approved" in refusal.message


@pytest.mark.parametrize("body", ["", "   \n ", "x" * 5001, "x" * 1_000_000])
def test_an_empty_or_too_long_message_is_refused(writer, reader, body):
    assert _refusal(sender=writer, recipient_handle="wren", body=body).status == 400


def test_too_many_new_conversations_in_a_day_is_a_429(settings, writer):
    settings.KINDRED_RATE_LIMITS = True
    settings.KINDRED_RATE_LIMIT_RULES = {**settings.KINDRED_RATE_LIMIT_RULES,
                                         "conversation": (1, 86400)}
    for handle in ("a1", "a2"):
        make_verified_user(handle)
    services.start_conversation(sender=writer, recipient_handle="a1", body="Hi")
    with pytest.raises(Refused) as refused:
        services.start_conversation(sender=writer, recipient_handle="a2", body="Hi")
    assert refused.value.status == 429


def test_a_refused_new_conversation_leaves_the_message_allowance_untouched(
        settings, monkeypatch, writer, reader):
    """On Redis a counter step is not undone with the refused write, so the conversation
    limit must refuse before the message limit counts."""
    settings.KINDRED_RATE_LIMITS = True
    settings.KINDRED_RATE_LIMIT_RULES = {**settings.KINDRED_RATE_LIMIT_RULES,
                                         "conversation": (1, 86400), "message": (2, 3600)}
    monkeypatch.setattr("posts.policy._cache_is_redis", lambda: True)  # the cache counts
    make_verified_user("a2")
    conversation = services.start_conversation(sender=writer, recipient_handle="wren",
                                               body="One").conversation
    for _ in range(3):
        with pytest.raises(Refused) as refused:
            services.start_conversation(sender=writer, recipient_handle="a2", body="Hi")
        assert refused.value.status == 429
    services.reply(sender=writer, conversation=conversation, body="Two")
    assert Message.objects.filter(sender=writer).count() == 2


def test_personal_details_are_asked_about_before_sending(writer, reader):
    with pytest.raises(PersonalInfoFound):
        services.start_conversation(sender=writer, recipient_handle="wren",
                                    body="Call me on 07700 900123")
    assert not Message.objects.exists()
    services.start_conversation(sender=writer, recipient_handle="wren",
                                body="Call me on 07700 900123", confirm_personal_info=True)


def test_crisis_words_are_announced_with_the_message(writer, reader):
    heard = []
    events.message_crisis.listen(heard.append)
    try:
        message = services.start_conversation(sender=writer, recipient_handle="wren",
                                              body="I want to end my life")
    finally:
        events.message_crisis._listeners.remove(heard.append)
    assert heard == [message] and message.crisis_support


def test_after_leaving_a_member_cannot_reply_and_the_other_side_is_not_heard(writer, reader):
    conversation = services.start_conversation(sender=writer, recipient_handle="wren",
                                               body="Hi").conversation
    services.leave(member=reader, conversation=conversation)
    assert list(selectors.inbox_for(reader)) == []
    with pytest.raises(Refused) as refused:
        services.reply(sender=reader, conversation=conversation, body="Wait")
    assert refused.value.status == 403
    with pytest.raises(Refused):
        services.reply(sender=writer, conversation=conversation, body="Hello?")
    # Writing again starts a new conversation.
    again = services.start_conversation(sender=writer, recipient_handle="wren", body="Hi")
    assert again.conversation_id != conversation.pk


def test_outreach_shows_the_team_not_the_moderator(reader, moderator):
    conversation = services.start_outreach(moderator=moderator, member=reader,
                                           body="We wanted to check in with you.")
    note = Notification.objects.get(recipient=reader)
    assert note.text == "You have a new message from Kindred moderators"
    assert note.actor is None
    [row] = selectors.inbox_for(reader)
    assert row.other_handle is None and row.unread
    services.reply(sender=reader, conversation=conversation, body="Thanks, I'm fine")
    [team_row] = selectors.team_inbox()
    assert team_row.unread and team_row.new_count == 1 and team_row.member_handle == "wren"
    services.reply_as_team(moderator=moderator, conversation=conversation, body="Glad")
    assert not selectors.team_inbox().get().unread


def test_only_moderators_write_for_the_team(writer, reader):
    with pytest.raises(Refused) as refused:
        services.start_outreach(moderator=writer, member=reader, body="Hi")
    assert refused.value.status == 403


def test_a_conversation_is_not_there_for_anyone_else_moderators_included(writer, reader,
                                                                        moderator):
    conversation = services.start_conversation(sender=writer, recipient_handle="wren",
                                               body="Hi").conversation
    for outsider in (make_user("nosy"), moderator):
        with pytest.raises(Refused) as refused:
            selectors.conversation_for(outsider, conversation.pk)
        assert refused.value.status == 404
    assert selectors.conversation_for(reader, str(conversation.pk)).other == writer


@pytest.mark.parametrize("bad_id", ["abc", "-1", "1e9", "", None, "99999999999999999999"])
def test_ids_that_are_not_ids_are_not_there(reader, bad_id):
    with pytest.raises(Refused) as refused:
        selectors.conversation_for(reader, bad_id)
    assert refused.value.status == 404


def test_moderators_read_team_conversations(reader, moderator):
    conversation = services.start_outreach(moderator=moderator, member=reader, body="Hi")
    other_moderator = make_user("second_mod", moderator=True)
    assert selectors.conversation_for(other_moderator, conversation.pk).for_team


def test_more_than_thirty_messages_an_hour_is_a_429_with_the_words_kept(settings, writer,
                                                                         reader):
    settings.KINDRED_RATE_LIMITS = True
    conversation = services.start_conversation(sender=writer, recipient_handle="wren",
                                               body="Message 0").conversation
    for n in range(1, 30):
        services.reply(sender=writer, conversation=conversation, body=f"Message {n}")
    with pytest.raises(Refused) as refused:
        services.reply(sender=writer, conversation=conversation, body="One too many")
    assert refused.value.status == 429 and "your text is kept" in refused.value.message
    assert Message.objects.count() == 30


def test_a_digest_names_the_sender_never_the_words(writer, reader):
    from forum.notifications.digests import send_digests_to

    reader.email_message = "digest"
    reader.save()
    services.start_conversation(sender=writer, recipient_handle="wren",
                                body="A secret about my relapse")
    assert mail.outbox == []
    send_digests_to.call([reader.pk])
    [digest] = mail.outbox
    assert "You have a new message from juniper" in digest.body
    assert "relapse" not in digest.body and "relapse" not in digest.alternatives[0][0]
