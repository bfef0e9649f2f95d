"""Private messages in a member's data rights: the export holds their conversations, and
leaving takes their words (delete everything) or keeps them as "former member"."""

import json

import pytest

from accounts.models import User
from forum.conversations import services
from forum.conversations.models import Conversation, Message
from tests.factories import PASSWORD, hide, make_user, make_verified_user


@pytest.fixture
def talk(db):
    rowan, ash = make_verified_user("rowan_m"), make_verified_user("ash_m")
    conversation = services.start_conversation(sender=rowan, recipient_handle="ash_m",
                                               body="Rowan's own words").conversation
    services.reply(sender=ash, conversation=conversation, body="Ash answers kindly")
    return rowan, ash, conversation


def leave(client, member, mode):
    client.force_login(member)
    response = client.post("/settings/delete/", {"mode": mode, "password": PASSWORD})
    assert response.status_code == 302
    assert not User.objects.filter(pk=member.pk).exists()


def test_the_export_holds_my_messages_and_the_replies_with_the_other_handle(client, talk):
    rowan, _, _ = talk
    client.force_login(rowan)
    exported = json.loads(client.post("/settings/export/").content)
    [conversation] = exported["conversations"]
    assert conversation["with"] == "ash_m"
    assert [(m["from"], m["body"]) for m in conversation["messages"]] == [
        ("you", "Rowan's own words"), ("ash_m", "Ash answers kindly")]
    assert exported["profile"]["messages_from"] == "members"


def test_the_export_leaves_out_words_a_moderator_hid_from_the_other_side(client, talk):
    rowan, ash, conversation = talk
    hide(conversation.messages.get(sender=ash))
    client.force_login(rowan)
    [conversation] = json.loads(client.post("/settings/export/").content)["conversations"]
    assert conversation["messages"][1] == {**conversation["messages"][1], "body": "",
                                           "status": "hidden"}


def test_deleting_everything_erases_my_messages_and_the_other_side_sees_why(client, talk):
    rowan, ash, conversation = talk
    leave(client, rowan, "delete")
    mine = Message.objects.get(conversation=conversation, sender__isnull=True)
    assert (mine.status, mine.body, mine.body_html) == ("deleted", "", "")
    client.force_login(ash)
    page = client.get(f"/messages/{conversation.pk}/").content.decode()
    assert "Message deleted by its author" in page and "own words" not in page
    assert "Ash answers kindly" in page


def test_anonymising_keeps_my_messages_from_a_former_member(client, talk):
    rowan, ash, conversation = talk
    leave(client, rowan, "anonymise")
    client.force_login(ash)
    page = client.get(f"/messages/{conversation.pk}/").content.decode()
    assert "own words" in page and "A former member" in page
    inbox = client.get("/messages/").content.decode()
    assert "A former member" in inbox


@pytest.mark.parametrize("mode", ["delete", "anonymise"])
def test_a_conversation_with_no_member_side_left_is_deleted(client, talk, mode):
    rowan, ash, conversation = talk
    leave(client, rowan, mode)
    assert Conversation.objects.filter(pk=conversation.pk).exists()
    leave(client, ash, mode)
    assert not Conversation.objects.filter(pk=conversation.pk).exists()
    assert not Message.objects.exists()


def test_the_export_costs_the_same_with_many_conversations(client, talk,
                                                           django_assert_max_num_queries):
    rowan = talk[0]
    for n in range(20):
        make_user(f"pal{n}").emailaddress_set.create(email=f"pal{n}@example.org",
                                                     verified=True)
        services.start_conversation(sender=rowan, recipient_handle=f"pal{n}", body="Hi")
    client.force_login(rowan)
    with django_assert_max_num_queries(23):
        assert client.post("/settings/export/").status_code == 200


def test_the_export_says_which_message_a_report_or_decision_was_about(client, talk,
                                                                      moderator):
    from forum.moderation.reports import file_message_report
    from forum.moderation.services import hide

    rowan, ash, conversation = talk
    answer = conversation.messages.get(sender=ash)
    file_message_report(reporter=rowan, message=answer, reason="harassment")
    hide(moderator=moderator, message=answer, guideline="be_gentle",
         statement="Unkind words.")
    client.force_login(rowan)
    [report] = json.loads(client.post("/settings/export/").content)["reports_filed"]
    assert report["message_id"] == answer.pk
    client.force_login(ash)
    exported = json.loads(client.post("/settings/export/").content)
    [decision] = exported["moderation_decisions"]
    assert (decision["kind"], decision["message_id"]) == ("hide", answer.pk)
    assert {n["conversation_id"] for n in exported["notifications"]
            if n["kind"] == "message"} == {conversation.pk}
