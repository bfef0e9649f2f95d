"""Every private message URL × every role (the moderation matrix's style,
tests/moderation/test_authorization.py): only the two sides get in, a moderator included
nowhere but the team's conversations, and a refused request changes nothing."""

import pytest

from forum.conversations import services
from forum.conversations.models import Message, Participant
from tests.factories import make_user, make_verified_user

ROLES = ["reader", "bystander", "starter", "recipient", "moderator", "admin"]


@pytest.fixture
def world(writer, reader):
    # Moderators and admins confirmed their email, as members who write must.
    moderator = make_verified_user("mod_matrix", moderator=True)
    conversation = services.start_conversation(sender=writer, recipient_handle="wren",
                                               body="Between us").conversation
    outreach = services.start_outreach(moderator=make_user("mod_author", moderator=True),
                                       member=reader, body="Checking in")
    people = {"reader": None, "bystander": make_verified_user("bystander"),
              "starter": writer, "recipient": reader, "moderator": moderator,
              "admin": make_verified_user("boss", is_staff=True, is_superuser=True)}
    return {"conversation": conversation, "outreach": outreach, "people": people}


def as_role(client, world, role):
    person = world["people"][role]
    if person is not None:
        client.force_login(person)
    return person


SIDES = {"starter", "recipient"}
TEAM_SIDES = {"recipient", "moderator", "admin"}  # admins are staff: moderators


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", ["inbox", "new"])
def test_the_inbox_and_the_new_message_form_are_for_any_member(client, world, role, page):
    as_role(client, world, role)
    response = client.get(f"/messages/{'new/' if page == 'new' else ''}")
    if role == "reader":
        assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    else:
        assert response.status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_sending_from_the_new_message_form(client, world, role):
    """Any member may write to wren: the starter continues their conversation, anyone else
    opens one (a moderator too, as a member: the team writes through outreach). wren
    cannot write to herself, and a logged-out writer's words wait for after logging in."""
    person = as_role(client, world, role)
    before = Message.objects.count()
    response = client.post("/messages/new/", {"to": "wren", "body": "Matrix words"})
    if role == "reader":
        assert response.status_code == 302 and "/accounts/login/" in response.url
        assert Message.objects.count() == before
    elif role == "recipient":
        assert response.status_code == 400 and "Matrix words" in response.content.decode()
        assert Message.objects.count() == before
    else:
        sent = Message.objects.get(body="Matrix words")
        assert response.status_code == 302
        assert response.url == f"/messages/{sent.conversation_id}/#message-{sent.pk}"
        assert sent.sender == person and not sent.from_team
        assert (sent.conversation_id == world["conversation"].pk) == (role == "starter")
        assert Participant.objects.filter(conversation=sent.conversation_id,
                                          user=world["people"]["recipient"]).exists()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("which", ["conversation", "outreach"])
def test_a_conversation_opens_only_for_its_sides(client, world, role, which):
    as_role(client, world, role)
    response = client.get(f"/messages/{world[which].pk}/")
    allowed = SIDES if which == "conversation" else TEAM_SIDES
    if role == "reader":
        assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    elif which == "outreach" and role in {"moderator", "admin"}:  # the team's own page
        assert response.status_code == 302
        assert response.url == f"/moderation/outreach/{world[which].pk}/"
    elif role in allowed:
        assert response.status_code == 200
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("which", ["conversation", "outreach"])
def test_only_a_side_can_reply(client, world, role, which):
    as_role(client, world, role)
    before = Message.objects.count()
    response = client.post(f"/messages/{world[which].pk}/reply/", {"body": "Matrix words"})
    allowed = SIDES if which == "conversation" else TEAM_SIDES
    if role == "reader":  # the words wait in the session for after logging in
        assert response.status_code == 302 and "/accounts/login/" in response.url
        assert Message.objects.count() == before
    elif which == "outreach" and role in {"moderator", "admin"}:  # answered on the record
        assert response.status_code == 307
        assert response.url == f"/moderation/outreach/{world[which].pk}/"
        assert Message.objects.count() == before
    elif role in allowed:
        assert response.status_code == 302
        assert Message.objects.count() == before + 1
    else:
        assert response.status_code == 404 and "Matrix words" in response.content.decode()
        assert Message.objects.count() == before


@pytest.mark.parametrize("role", ROLES)
def test_only_a_member_side_can_leave(client, world, role):
    as_role(client, world, role)
    conversation = world["conversation"]
    response = client.post(f"/messages/{conversation.pk}/leave/", {"confirm": "yes"})
    left = set(Participant.objects.filter(conversation=conversation, left_at__isnull=False)
               .values_list("user__username", flat=True))
    if role == "reader":
        assert response.status_code == 302 and response.url.startswith("/accounts/login/")
        assert not left
    elif role in SIDES:
        assert response.status_code == 302 and left == {world["people"][role].username}
    else:
        assert response.status_code == 404 and not left


@pytest.mark.parametrize("role", ROLES)
def test_a_moderator_cannot_leave_for_the_member(client, world, role):
    as_role(client, world, role)
    response = client.post(f"/messages/{world['outreach'].pk}/leave/", {"confirm": "yes"})
    if role == "recipient":
        assert response.status_code == 302
    elif role != "reader":
        assert response.status_code in (403, 404)
        assert not Participant.objects.filter(left_at__isnull=False).exists()
