"""Moderators and private messages: a reported message reaches the queue with the few
messages before it and the two handles, and nothing else of anyone's messages; the verbs
act on it, log it, tell the sender, and a granted appeal of a hide restores it."""

import pytest
from django.contrib import admin

from forum.conversations.models import Conversation, Message, Participant
from forum.moderation import queue
from forum.moderation.models import Appeal, ModerationAction, Report
from forum.moderation.services import decide_appeal, file_appeal
from forum.notifications.models import Notification
from tests.factories import make_user
from tests.moderation.messaging import converse, report

LINES = ["First words, long ago", "Second words, long ago", "Third words", "Fourth words",
         "Fifth words", "Sixth words, which are cruel", "Seventh words, after the report"]


@pytest.fixture
def talk(member, other_member):
    """rowan and ash; ash's sixth message (messages[5]) is reported by rowan."""
    conversation, messages = converse(member, other_member, *LINES)
    report(messages[5], member, reason="harassment", details="This hurt")
    return conversation, messages


@pytest.fixture
def unkind(talk):
    return talk[1][5]


def act(client, message, **data):
    payload = {"kind": "hide", "guideline": "be_gentle",
               "statement": "Please be gentle, even in private.", **data}
    return client.post(f"/moderation/messages/{message.pk}/act/", payload)


def test_the_queue_shows_the_reported_message_the_three_before_it_and_the_two_handles(
        client, acting_moderator, talk):
    client.force_login(acting_moderator)
    page = client.get("/moderation/").content.decode()
    assert "Private message from ash" in page
    assert "between rowan and ash" in page
    for shown in LINES[2:6]:
        assert shown in page
    for unseen in (LINES[0], LINES[1], LINES[6]):
        assert unseen not in page
    assert "This hurt" in page


def test_no_other_conversation_and_no_unreported_message_shows_anywhere_for_moderators(
        client, acting_moderator, talk, member):
    third = make_user("third")
    _, elsewhere = converse(member, third, "A secret between rowan and third")
    client.force_login(acting_moderator)
    for url in ["/moderation/", f"/moderation/messages/{talk[1][5].pk}/act/",
                "/moderation/log/"]:
        assert "A secret between" not in client.get(url).content.decode()
    # An unreported message has no moderation page at all.
    assert client.get(f"/moderation/messages/{elsewhere[0].pk}/act/").status_code == 404
    assert client.get(f"/moderation/messages/{talk[1][6].pk}/act/").status_code == 404


def test_moderators_opening_others_conversations_get_404(client, acting_moderator, talk):
    client.force_login(acting_moderator)
    assert client.get(f"/messages/{talk[0].pk}/").status_code == 404


def test_the_admin_has_no_page_for_messages_or_conversations():
    registered = admin.site._registry
    assert not {Message, Conversation, Participant} & set(registered)


def test_a_crisis_message_comes_before_other_reports(client, acting_moderator, talk,
                                                     member, other_member):
    from forum.conversations.events import message_crisis

    worried = talk[1][3]  # ash's, earlier
    message_crisis.announce(worried)
    entries = queue.collect()
    assert entries[0].message_id == worried.pk and entries[0].crisis
    client.force_login(acting_moderator)
    page = client.get("/moderation/").content.decode()
    assert page.index("May be at risk") < page.index("This hurt")


def test_an_automatic_crisis_report_shows_moderators_that_message_only(
        client, acting_moderator, member, other_member):
    """No member chose to show anyone this conversation: the other person's words stay
    private, on the queue and on the message's page."""
    from forum.moderation.reports import file_message_crisis_report

    _, messages = converse(member, other_member, *LINES[:4])
    worried = messages[3]  # ash's
    file_message_crisis_report(worried)
    client.force_login(acting_moderator)
    for url in ("/moderation/", f"/moderation/messages/{worried.pk}/act/"):
        page = client.get(url).content.decode()
        assert LINES[3] in page and "(automatic)" in page
        for private in LINES[:3]:
            assert private not in page, url
        assert "shown alone" in page


def test_a_member_report_beside_an_automatic_one_keeps_the_messages_before_it(
        client, acting_moderator, talk, unkind):
    from forum.moderation.reports import file_message_crisis_report

    file_message_crisis_report(unkind)
    client.force_login(acting_moderator)
    for url in ("/moderation/", f"/moderation/messages/{unkind.pk}/act/"):
        page = client.get(url).content.decode()
        for shown in LINES[2:6]:
            assert shown in page, url
        assert "shown alone" not in page


def test_hiding_a_message_hides_it_from_both_sides_logs_it_and_tells_the_sender(
        client, acting_moderator, unkind, member, other_member):
    client.force_login(acting_moderator)
    response = act(client, unkind)
    assert response.status_code == 302
    unkind.refresh_from_db()
    assert unkind.is_hidden
    action = ModerationAction.objects.get()
    assert (action.kind, action.message, action.member, action.post) == (
        "hide", unkind, other_member, None)
    assert action.conversation_id == unkind.conversation_id
    assert Report.objects.get().status == "actioned"
    notice = Notification.objects.get(recipient=other_member, kind="moderation")
    assert "A moderator hid your private message" in notice.text
    for reader in (member, other_member):
        client.force_login(reader)
        page = client.get(f"/messages/{unkind.conversation_id}/").content.decode()
        assert "A moderator hid this message" in page and LINES[5] not in page


def test_the_decision_shows_the_message_to_its_sender_only(
        client, acting_moderator, unkind, member, other_member, second_moderator):
    client.force_login(acting_moderator)
    act(client, unkind)
    action = ModerationAction.objects.get()
    client.force_login(other_member)
    page = client.get(f"/moderation/decisions/{action.pk}/").content.decode()
    assert LINES[5] in page and "Please be gentle" in page and "Appeal this decision" in page
    client.force_login(second_moderator)
    page = client.get(f"/moderation/decisions/{action.pk}/").content.decode()
    assert LINES[5] not in page and "Please be gentle" in page
    client.force_login(member)
    assert client.get(f"/moderation/decisions/{action.pk}/").status_code == 403


def test_a_granted_appeal_of_a_hide_shows_the_message_again(
        acting_moderator, second_moderator, unkind, other_member):
    from forum.moderation.services import hide

    action = hide(moderator=acting_moderator, message=unkind, guideline="be_gentle",
                  statement="Unkind.")
    appeal = file_appeal(author=other_member, action=action, text="I was joking")
    decide_appeal(moderator=second_moderator, appeal=appeal, grant=True, statement="Fair.")
    unkind.refresh_from_db()
    assert unkind.is_visible and Appeal.objects.get().status == "granted"
    granted = ModerationAction.objects.get(kind="appeal_granted")
    assert granted.message == unkind


def test_a_hide_restored_by_a_moderator_is_not_mistaken_for_lifting_a_silence(
        acting_moderator, second_moderator, unkind, other_member):
    from forum.moderation.services import restore, silence, superseded_by

    muted = silence(moderator=acting_moderator, member=other_member, days=3,
                    guideline="be_gentle", statement="A pause.", message=unkind)
    from forum.moderation.services import hide
    hide(moderator=acting_moderator, message=unkind, guideline="be_gentle", statement="x")
    restore(moderator=acting_moderator, message=unkind, statement="Fine after all")
    assert superseded_by(muted) is None


def test_silencing_the_sender_from_a_message_logs_the_message(
        client, acting_moderator, unkind, other_member):
    client.force_login(acting_moderator)
    response = act(client, unkind, kind="silence", days="3")
    assert response.status_code == 302
    other_member.refresh_from_db()
    assert other_member.is_silenced
    action = ModerationAction.objects.get()
    assert (action.kind, action.message, action.member) == ("silence", unkind, other_member)
    assert action.can_be_appealed


def test_suspending_the_sender_from_a_message(client, acting_moderator, unkind, other_member):
    client.force_login(acting_moderator)
    assert act(client, unkind, kind="suspend", days="2").status_code == 302
    other_member.refresh_from_db()
    assert other_member.is_suspended


def test_dismissing_a_message_report_closes_it_and_tells_nobody(
        client, acting_moderator, unkind, other_member):
    client.force_login(acting_moderator)
    assert act(client, unkind, kind="dismiss", statement="").status_code == 302
    assert Report.objects.get().status == "dismissed"
    assert ModerationAction.objects.get().kind == "dismiss"
    assert not Notification.objects.filter(kind="moderation").exists()
    unkind.refresh_from_db()
    assert unkind.is_visible


@pytest.mark.parametrize("kind", ["remove", "lock", "approve", "unlock"])
def test_verbs_a_message_cannot_take_are_refused_with_the_statement_kept(
        client, acting_moderator, unkind, kind):
    client.force_login(acting_moderator)
    response = act(client, unkind, kind=kind, statement="My careful words")
    assert response.status_code == 400
    assert "My careful words" in response.content.decode()
    assert not ModerationAction.objects.exists()
    unkind.refresh_from_db()
    assert unkind.is_visible


def test_hiding_without_reasons_is_refused_and_the_words_are_kept(
        client, acting_moderator, unkind):
    client.force_login(acting_moderator)
    response = act(client, unkind, guideline="", statement="Half a thought")
    assert response.status_code == 400 and "Half a thought" in response.content.decode()
    unkind.refresh_from_db()
    assert unkind.is_visible and not ModerationAction.objects.exists()


def test_hiding_twice_says_nothing_changed(client, acting_moderator, unkind):
    client.force_login(acting_moderator)
    act(client, unkind)
    response = act(client, unkind)
    assert response.status_code == 409
    assert ModerationAction.objects.count() == 1


def _queue_world(member, count):
    for number in range(count):
        partner = make_user(f"partner{number}")
        _, messages = converse(member, partner, *LINES[:6])
        report(messages[5], member)


@pytest.mark.parametrize("count", [1, 25])
def test_the_queue_with_message_reports_has_a_fixed_query_budget(
        client, acting_moderator, member, count, django_assert_max_num_queries):
    _queue_world(member, count)
    client.force_login(acting_moderator)
    with django_assert_max_num_queries(13):  # 13th: team conversations waiting for an answer
        response = client.get("/moderation/")
    assert response.status_code == 200


def test_a_message_reported_twice_has_one_page_with_both_reasons(
        client, acting_moderator, unkind):
    from forum.moderation.reports import file_message_crisis_report

    file_message_crisis_report(unkind)
    client.force_login(acting_moderator)
    page = client.get(f"/moderation/messages/{unkind.pk}/act/").content.decode()
    assert "This hurt" in page and "Reach out privately" in page
    assert client.get("/moderation/").content.decode().count("Private message from ash") == 1


def test_an_appeal_of_a_hidden_message_links_the_deciding_moderator_to_it(
        client, acting_moderator, second_moderator, unkind, other_member):
    from forum.moderation.services import hide

    action = hide(moderator=acting_moderator, message=unkind, guideline="be_gentle",
                  statement="Unkind.")
    file_appeal(author=other_member, action=action, text="Out of context")
    client.force_login(second_moderator)
    page = client.get("/moderation/appeals/").content.decode()
    assert f"/moderation/messages/{unkind.pk}/act/" in page and 'name="grant"' in page
    assert LINES[5] in client.get(f"/moderation/messages/{unkind.pk}/act/").content.decode()
    client.force_login(acting_moderator)
    assert "This is your decision" in client.get("/moderation/appeals/").content.decode()


@pytest.mark.parametrize("count", [1, 30])
def test_a_messages_moderation_page_has_a_fixed_query_budget(
        client, acting_moderator, member, other_member, count,
        django_assert_max_num_queries):
    from forum.moderation.reports import file_message_crisis_report

    _, messages = converse(member, other_member, *[f"Line {n}" for n in range(count * 2)])
    report(messages[-1], member)
    file_message_crisis_report(messages[-1])
    client.force_login(acting_moderator)
    with django_assert_max_num_queries(13):
        response = client.get(f"/moderation/messages/{messages[-1].pk}/act/")
    assert response.status_code == 200
