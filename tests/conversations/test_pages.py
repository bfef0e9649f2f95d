"""Private message pages as a member uses them: writing, reading, replying, refusals that
keep every word, and fixed query budgets."""

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.blocking import block
from forum.conversations import services
from forum.conversations.models import Conversation, Message, Participant
from tests.factories import PASSWORD, make_user, make_verified_user


@pytest.fixture
def conversation(writer, reader):
    return services.start_conversation(sender=writer, recipient_handle="wren",
                                       body="Hello from *juniper*").conversation


def _send(client, to, body, **extra):
    return client.post(reverse("conversations:new"), {"to": to, "body": body, **extra})


def test_a_member_writes_from_the_new_message_form_and_lands_on_their_words(client, writer,
                                                                           reader):
    client.force_login(writer)
    page = client.get(reverse("conversations:new"), {"to": "wren"})
    assert page.status_code == 200 and "A message to wren" in page.text
    response = _send(client, "wren", "How was the infusion?")
    message = Message.objects.get()
    assert response.status_code == 302
    assert response.url.endswith(f"/messages/{message.conversation_id}/#message-{message.pk}")
    assert "How was the infusion?" in client.get(response.url).text


def test_the_recipient_sees_the_safety_notice_above_the_first_message(client, reader,
                                                                      conversation):
    client.force_login(reader)
    page = client.get(reverse("conversations:conversation", args=[conversation.pk])).text
    assert "This is the first message between you" in page
    assert "Nobody here sells cures" in page
    assert reverse("block_member", args=["juniper"]) in page
    assert page.index("Before you reply") < page.index("Hello from <em>juniper</em>")


def test_the_writer_and_a_recipient_who_answered_see_no_notice(client, writer, reader,
                                                               conversation):
    client.force_login(writer)
    url = reverse("conversations:conversation", args=[conversation.pk])
    assert "first message between you" not in client.get(url).text
    services.reply(sender=reader, conversation=conversation, body="Hi!")
    client.force_login(reader)
    assert "first message between you" not in client.get(url).text


def test_opening_a_conversation_marks_it_read_in_the_inbox_and_header(client, reader,
                                                                      conversation):
    client.force_login(reader)
    inbox = client.get(reverse("conversations:inbox")).text
    assert "1 new message" in inbox and "juniper" in inbox
    assert 'Messages</span> <span class="count">1' in inbox
    client.get(reverse("conversations:conversation", args=[conversation.pk]))
    inbox = client.get(reverse("conversations:inbox")).text
    assert "new message" not in inbox
    assert 'Messages</span> <span class="count">' not in inbox


def test_the_inbox_puts_unread_conversations_first(client, writer, reader, conversation):
    make_verified_user("hazel")
    newer = services.start_conversation(sender=writer, recipient_handle="hazel", body="Hi")
    services.reply(sender=reader, conversation=conversation, body="An answer")
    client.force_login(writer)
    services.mark_read(user=writer, conversation=newer.conversation)
    inbox = client.get(reverse("conversations:inbox")).text
    assert inbox.index(">wren<") < inbox.index(">hazel<")


def test_a_reply_is_sent_and_shown_to_both(client, writer, reader, conversation):
    client.force_login(reader)
    response = client.post(reverse("conversations:reply", args=[conversation.pk]),
                           {"body": "Thank you for asking"})
    assert response.status_code == 302
    client.force_login(writer)
    page = client.get(reverse("conversations:conversation", args=[conversation.pk])).text
    assert "Thank you for asking" in page


@pytest.mark.parametrize(("body", "reason"), [
    ("", "Please write a message"),
    ("x" * 5001, "at most 5,000 characters"),
])
def test_an_empty_or_long_message_comes_back_with_the_reason(client, writer, reader, body,
                                                             reason):
    client.force_login(writer)
    response = _send(client, "wren", body)
    assert response.status_code == 400 and reason in response.text
    assert body in response.text
    assert not Message.objects.exists()


def test_a_one_megabyte_message_is_refused_whole(client, writer, reader):
    client.force_login(writer)
    body = "word " * 200_000
    response = _send(client, "wren", body)
    assert response.status_code == 400 and "at most 5,000" in response.text
    assert body.strip() in response.text
    assert not Message.objects.exists()


def test_writing_to_yourself_keeps_the_words(client, writer):
    client.force_login(writer)
    response = _send(client, "juniper", "Note to self")
    assert response.status_code == 400 and "yourself" in response.text
    assert "Note to self" in response.text


@pytest.mark.parametrize("blocker", ["writer", "reader"])
def test_a_block_reads_as_not_receiving_and_keeps_the_words(client, writer, reader, blocker):
    block(blocker=writer if blocker == "writer" else reader,
          handle="wren" if blocker == "writer" else "juniper")
    client.force_login(writer)
    response = _send(client, "wren", "Are you there?")
    assert response.status_code == 400
    assert "This member isn&#x27;t receiving messages." in response.text
    assert "block" not in response.text.split("<main", 1)[1].split("</form>", 1)[0].lower()
    assert "Are you there?" in response.text


def test_someone_elses_conversation_is_not_there(client, conversation):
    client.force_login(make_verified_user("nosy"))
    url = reverse("conversations:conversation", args=[conversation.pk])
    assert client.get(url).status_code == 404
    response = client.post(reverse("conversations:reply", args=[conversation.pk]),
                           {"body": "Butting in"})
    assert response.status_code == 404 and "Butting in" in response.text
    leave = reverse("conversations:leave", args=[conversation.pk])
    assert client.post(leave, {"confirm": "yes"}).status_code == 404
    assert client.get(leave).status_code == 404


def test_leaving_a_conversation_asks_once_more_and_a_bare_post_changes_nothing(
        client, reader, conversation):
    client.force_login(reader)
    page_url = reverse("conversations:conversation", args=[conversation.pk])
    leave = reverse("conversations:leave", args=[conversation.pk])
    page = client.get(page_url).text
    # Leave is a link to its own page, in a section of its own after the reply form.
    assert f'href="{leave}"' in page and f'action="{leave}"' not in page
    assert page.index("Send reply") < page.index("Leave this conversation")
    for response in (client.get(leave), client.post(leave),
                     client.post(leave, {"confirm": "no"})):
        assert response.status_code == 200
        assert "Are you sure?" in response.text and "cannot be undone" in response.text
        assert 'name="confirm" value="yes"' in response.text
        assert f'href="{page_url}"' in response.text  # the way back
        assert not Participant.objects.filter(left_at__isnull=False).exists()
    assert "juniper" in client.get(reverse("conversations:inbox")).text
    response = client.post(leave, {"confirm": "yes"})
    assert response.status_code == 302 and response.url == reverse("conversations:inbox")
    assert Participant.objects.get(user=reader).left_at is not None
    assert "juniper" not in client.get(reverse("conversations:inbox")).text
    assert "You left this conversation" in client.get(leave).text


def test_leaving_a_bad_conversation_id_is_a_404_with_or_without_confirming(client, reader):
    client.force_login(reader)
    for bad in ("999999", "0", "abc", "1e3", "-1"):
        for response in (client.get(f"/messages/{bad}/leave/"),
                         client.post(f"/messages/{bad}/leave/"),
                         client.post(f"/messages/{bad}/leave/", {"confirm": "yes"})):
            assert response.status_code == 404


def test_replying_after_leaving_is_refused_with_the_words(client, reader, conversation):
    client.force_login(reader)
    client.post(reverse("conversations:leave", args=[conversation.pk]), {"confirm": "yes"})
    assert "juniper" not in client.get(reverse("conversations:inbox")).text
    response = client.post(reverse("conversations:reply", args=[conversation.pk]),
                           {"body": "One more thing"})
    assert response.status_code == 403 and "You left this conversation" in response.text
    assert "One more thing" in response.text


def test_an_expired_login_keeps_the_reply_for_after_logging_in(client, reader, conversation):
    url = reverse("conversations:reply", args=[conversation.pk])
    response = client.post(url, {"body": "Typed while logged out"})
    assert response.status_code == 302 and reverse("account_login") in response.url
    client.post(reverse("account_login"), {"login": "wren", "password": PASSWORD})
    page = client.get(reverse("conversations:conversation", args=[conversation.pk])).text
    assert "Typed while logged out" in page


def test_an_expired_login_keeps_a_new_message_for_after_logging_in(client, writer, reader):
    response = _send(client, "Wren", "Typed to wren while logged out")
    assert response.status_code == 302 and reverse("account_login") in response.url
    assert not Message.objects.exists()
    logged_in = client.post(response.url, {"login": "juniper", "password": PASSWORD})
    assert logged_in.status_code == 302
    assert logged_in.url == f"{reverse('conversations:new')}?to=Wren"
    page = client.get(logged_in.url).text
    assert "Typed to wren while logged out" in page and 'value="Wren"' in page


@pytest.mark.parametrize("who", ["unknown", "suspended", "deactivated"])
def test_an_unknown_or_suspended_recipient_is_not_receiving_and_the_words_are_kept(
        client, writer, reader, who):
    from tests.factories import suspend

    handle = {"unknown": "nobody-by-this-name", "suspended": "wren",
              "deactivated": "gone"}[who]
    if who == "suspended":
        suspend(reader)
    if who == "deactivated":
        make_verified_user("gone", is_active=False)
    client.force_login(writer)
    response = _send(client, handle, "Hope you are well")
    assert response.status_code == 400
    assert "This member isn&#x27;t receiving messages." in response.text
    assert "Hope you are well" in response.text
    assert not Message.objects.exists()


def test_crisis_words_land_the_writer_on_the_helplines(client, writer, reader):
    client.force_login(writer)
    response = _send(client, "wren", "Some days I want to end my life")
    assert response.status_code == 302 and response.url.endswith("#crisis-support")
    page = client.get(response.url).text
    assert 'id="crisis-support"' in page and "Your message is sent" in page


def test_a_double_click_on_send_with_crisis_words_still_lands_on_the_helplines(client, writer,
                                                                             reader):
    from forum.moderation.models import Report

    client.force_login(writer)
    first = _send(client, "wren", "Some days I want to end my life")
    again = _send(client, "wren", "Some days I want to end my life")
    assert first.url.endswith("#crisis-support") and again.url.endswith("#crisis-support")
    page = client.get(again.url).text
    assert 'id="crisis-support"' in page
    # Still one message, and one crisis report for it.
    message = Message.objects.get()
    assert Report.objects.filter(message=message).count() == 1


def test_personal_details_are_asked_about_and_then_sent(client, writer, reader):
    client.force_login(writer)
    response = _send(client, "wren", "My number is 07700 900123")
    assert response.status_code == 200 and "Before you send this" in response.text
    assert not Message.objects.exists()
    _send(client, "wren", "My number is 07700 900123", confirm_personal_info="on")
    assert Message.objects.count() == 1


def test_hidden_and_deleted_messages_say_so_without_their_words(client, reader, conversation):
    from tests.factories import hide

    message = conversation.messages.get()
    hide(message)
    client.force_login(reader)
    url = reverse("conversations:conversation", args=[conversation.pk])
    page = client.get(url).text
    assert "A moderator hid this message" in page and "Hello from" not in page
    message.status, message.body, message.body_html = Message.Status.DELETED, "", ""
    message.save()
    assert "Message deleted by its author" in client.get(url).text


def test_a_profile_offers_send_a_message_only_when_it_would_be_accepted(client, writer,
                                                                        reader):
    client.force_login(writer)
    assert "Send a message" in client.get(reverse("profile", args=["wren"])).text
    block(blocker=reader, handle="juniper")
    assert "Send a message" not in client.get(reverse("profile", args=["wren"])).text


def test_members_choose_who_may_message_them_in_privacy_settings(client, writer, reader):
    client.force_login(reader)
    client.post(reverse("privacy_settings"), {"profile_visibility": "public",
                                              "messages_from": "nobody"})
    reader.refresh_from_db()
    assert reader.messages_from == "nobody"
    client.force_login(writer)
    assert _send(client, "wren", "Hi").status_code == 400


def test_members_choose_message_emails_in_notification_settings(client, reader):
    client.force_login(reader)
    page = client.get(reverse("notification_settings")).text
    assert "A private message to me" in page


# --- query budgets: the same with 1 and with 500 ------------------------------------------

def _conversations(writer, count):
    now = timezone.now()
    others = [make_user(f"pen{n}") for n in range(min(count, 20))]
    conversations = Conversation.objects.bulk_create(
        [Conversation(started_by=writer, last_message_at=now) for _ in range(count)])
    Participant.objects.bulk_create(
        [Participant(conversation=c, user=u) for i, c in enumerate(conversations)
         for u in (writer, others[i % len(others)])])
    Message.objects.bulk_create([Message(conversation=c, sender=writer, body="Hi",
                                         body_html="<p>Hi</p>") for c in conversations])


@pytest.mark.parametrize("count", [1, 500])
def test_the_inbox_costs_the_same_with_one_or_500_conversations(
        client, writer, count, django_assert_num_queries):
    _conversations(writer, count)
    client.force_login(writer)
    with django_assert_num_queries(5):  # the moderator flag comes with the member
        assert client.get(reverse("conversations:inbox")).status_code == 200


@pytest.mark.parametrize("count", [1, 500])
def test_a_conversation_costs_the_same_with_one_or_500_messages(
        client, writer, reader, conversation, count, django_assert_num_queries):
    Message.objects.bulk_create([Message(conversation=conversation, sender=reader,
                                         body=f"Note {n}", body_html=f"<p>Note {n}</p>")
                                 for n in range(count)])
    client.force_login(writer)
    url = reverse("conversations:conversation", args=[conversation.pk])
    with django_assert_num_queries(10):  # the moderator flag comes with the member
        page = client.get(url)
    assert page.status_code == 200
    assert ("Earlier messages" in page.text) == (count > 29)


def test_earlier_messages_page_back_through_a_long_conversation(client, writer, reader,
                                                                conversation):
    Message.objects.bulk_create([Message(conversation=conversation, sender=reader,
                                         body=f"Note {n}", body_html=f"<p>Note {n}</p>")
                                 for n in range(40)])
    client.force_login(writer)
    url = reverse("conversations:conversation", args=[conversation.pk])
    page = client.get(url).text
    assert "Note 39" in page and "Note 5<" not in page
    earlier = page.split('href="', 1)[0]
    first_shown = Message.objects.filter(body="Note 10").get()
    older = client.get(url, {"before": first_shown.pk}).text
    assert "Note 5<" in older and "Hello from" in older and "Note 10<" not in older
    del earlier


def test_the_header_counts_notifications_and_messages_in_one_query(rf, reader, conversation,
                                                                   django_assert_num_queries):
    from forum.conversations.context_processors import unread_counts

    request = rf.get("/")
    request.user = reader
    context = unread_counts(request)
    with django_assert_num_queries(1):
        assert context["unread_notifications"] == 1
        assert context["unread_messages"] == 1
        assert context["unread_total"] == 1  # one new message: its notice and conversation


def test_one_new_message_shows_menu_1_in_the_header(client, reader, conversation):
    client.force_login(reader)
    page = client.get(reverse("conversations:inbox")).text
    assert 'Menu <span class="count">1<' in page
    assert 'Notifications</span> <span class="count">1<' in page
    assert 'Messages</span> <span class="count">1<' in page


def test_the_menu_counts_other_news_beside_a_new_message_and_a_notice_left_behind(
        rf, writer, reader, conversation):
    from forum.conversations.context_processors import unread_counts
    from posts.services import post_comment
    from tests.factories import make_post

    def total():
        request = rf.get("/")
        request.user = reader
        return unread_counts(request)["unread_total"]

    post_comment(author=writer, post=make_post(reader), body="Thinking of you")
    assert total() == 2  # the comment's notice, and the new message once
    services.leave(member=reader, conversation=conversation)
    assert total() == 2  # the message's notice is still unread, the conversation is gone


def test_the_header_stops_counting_what_was_read_and_conversations_left(rf, reader, writer,
                                                                       conversation):
    from forum.conversations.context_processors import unread_counts
    from forum.notifications.models import Notification

    def counts():
        request = rf.get("/")
        request.user = reader
        context = unread_counts(request)
        return context["unread_notifications"], context["unread_messages"]

    services.mark_read(user=reader, conversation=conversation)
    Notification.objects.filter(recipient=reader).update(read_at=timezone.now())
    assert counts() == (0, 0)
    services.reply(sender=writer, conversation=conversation, body="One more thing")
    assert counts()[1] == 1
    services.leave(member=reader, conversation=conversation)
    assert counts()[1] == 0


def test_when_the_other_side_left_the_conversation_says_it_is_closed(client, writer, reader,
                                                                    conversation):
    services.leave(member=reader, conversation=conversation)
    client.force_login(writer)
    page = client.get(reverse("conversations:conversation", args=[conversation.pk])).text
    assert "wren left this conversation, so it is closed" in page
    assert "Send reply" not in page


def _closed_reply_area(page):
    """What the conversation page says where the reply box would be."""
    return page.split("</ol>", 1)[1].split("<form", 1)[0]


@pytest.mark.parametrize("why", ["nobody", "known", "block"])
def test_a_member_not_receiving_shows_a_closed_reply_area_that_reads_like_a_block(
        client, writer, reader, conversation, why):
    if why == "block":
        block(blocker=reader, handle="juniper")
    else:
        reader.messages_from = why
        reader.save()
    client.force_login(writer)
    page = client.get(reverse("conversations:conversation", args=[conversation.pk])).text
    assert "Send reply" not in page
    closed = _closed_reply_area(page)
    assert "This member isn&#x27;t receiving messages." in closed
    assert "block" not in closed.lower() and "privacy" not in closed.lower()
    response = client.post(reverse("conversations:reply", args=[conversation.pk]),
                           {"body": "Did you get my last one?"})
    assert response.status_code == 400 and "Did you get my last one?" in response.text
    assert Message.objects.count() == 1


def test_a_member_who_chose_nobody_reads_why_they_cannot_write_with_the_way_to_change_it(
        client, writer, reader, conversation):
    reader.messages_from = "nobody"
    reader.save()
    client.force_login(reader)
    page = client.get(reverse("conversations:conversation", args=[conversation.pk])).text
    assert "Send reply" not in page
    closed = _closed_reply_area(page)
    assert "You chose to receive no private messages" in closed
    assert f'href="{reverse("privacy_settings")}"' in closed
    form = client.get(reverse("conversations:new"), {"to": "juniper"}).text
    assert "You chose to receive no private messages" in form
    assert f'href="{reverse("privacy_settings")}"' in form
    assert "You chose to receive no private messages" in client.get(
        reverse("conversations:new")).text
    response = _send(client, "juniper", "Thanks for writing")
    assert response.status_code == 403 and "Thanks for writing" in response.text
    assert "You chose to receive no private messages" in client.get(
        reverse("profile", args=["juniper"])).text


def test_the_new_message_form_and_sending_agree_when_a_conversation_is_open(
        client, writer, reader, conversation):
    reader.messages_from = "nobody"
    reader.save()
    client.force_login(writer)
    page = client.get(reverse("conversations:new"), {"to": "wren"}).text
    assert "This member isn&#x27;t receiving messages." in page
    response = _send(client, "wren", "Following up")
    assert response.status_code == 400 and "This member isn&#x27;t receiving" in response.text
    assert "Following up" in response.text
    assert Message.objects.count() == 1


def test_privacy_settings_say_the_choice_applies_to_every_message(client, reader):
    client.force_login(reader)
    page = client.get(reverse("privacy_settings")).text
    assert "Who can send me private messages" in page
    assert "conversations already open too" in page
    assert "The Kindred moderators can always write to you" in page
    assert "already open go on" not in page


def test_the_form_says_up_front_when_the_member_is_not_receiving(client, writer, reader):
    reader.messages_from = "nobody"
    reader.save()
    client.force_login(writer)
    page = client.get(reverse("conversations:new"), {"to": "wren"}).text
    assert "This member isn&#x27;t receiving messages." in page


@pytest.mark.parametrize("count", [1, 500])
def test_the_leave_page_costs_the_same_with_one_or_500_messages(
        client, writer, reader, conversation, count, django_assert_max_num_queries):
    Message.objects.bulk_create([Message(conversation=conversation, sender=reader,
                                         body=f"Note {n}", body_html=f"<p>Note {n}</p>")
                                 for n in range(count)])
    client.force_login(writer)
    url = reverse("conversations:leave", args=[conversation.pk])
    with django_assert_max_num_queries(5):
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(5):  # a POST without confirming only asks
        assert client.post(url).status_code == 200
