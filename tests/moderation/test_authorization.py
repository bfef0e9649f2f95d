"""Every moderation URL × every role: only those allowed get through, nothing else changes."""

import pytest

from forum.moderation.models import Appeal, ModerationAction
from forum.moderation.services import hide
from tests.factories import make_user

ROLES = ["reader", "member", "author", "moderator", "acting_moderator", "admin"]


@pytest.fixture
def world(post, reported, seller, acting_moderator):
    action = hide(moderator=acting_moderator, post=post, comment=reported,
                  guideline="no_selling", statement="No ads.")
    appeal = Appeal.objects.create(action=action, author=seller, text="Please")
    people = {
        "reader": None, "member": make_user("bystander"), "author": seller,
        "moderator": make_user("mod_other", moderator=True),
        "acting_moderator": acting_moderator,
        "admin": make_user("boss", is_staff=True, is_superuser=True),
    }
    return {"post": post, "comment": reported, "action": action, "appeal": appeal,
            "people": people}


def as_role(client, world, role):
    person = world["people"][role]
    if person is not None:
        client.force_login(person)
    return person


GETS = {
    "/moderation/": {"moderator", "acting_moderator", "admin"},
    "/moderation/log/": {"moderator", "acting_moderator", "admin"},
    "/moderation/appeals/": {"moderator", "acting_moderator", "admin"},
    "/moderation/removed/": {"moderator", "acting_moderator", "admin"},
    "/moderation/members/cure_seller/": {"moderator", "acting_moderator", "admin"},
    "/tags/suggestions/": {"moderator", "acting_moderator", "admin"},
    "decision": {"author", "moderator", "acting_moderator", "admin"},
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url", list(GETS))
def test_moderation_pages(client, world, role, url):
    as_role(client, world, role)
    if url == "decision":
        url = f"/moderation/decisions/{world['action'].pk}/"
    response = client.get(url)
    if role == "reader":
        assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    elif role in GETS.get(url, GETS["decision"]):
        assert response.status_code == 200
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_acting_on_content(client, world, role):
    as_role(client, world, role)
    post, comment = world["post"], world["comment"]
    response = client.post(f"/moderation/items/{post.pk}/{comment.pk}/act/", {
        "kind": "restore", "guideline": "no_selling", "statement": "Fine after all."})
    comment.refresh_from_db()
    if role in {"moderator", "acting_moderator", "admin"}:
        assert response.status_code == 302 and comment.status == "visible"
    else:
        assert response.status_code in (302, 403) and comment.status == "hidden"
        assert ModerationAction.objects.count() == 1
        if role == "reader":
            assert response.url.startswith("/accounts/login/")


@pytest.mark.parametrize("role", ROLES)
def test_deciding_an_appeal(client, world, role):
    as_role(client, world, role)
    response = client.post("/moderation/appeals/", {
        "appeal": world["appeal"].pk, "grant": "grant", "statement": "Restored."})
    appeal = Appeal.objects.get()
    if role in {"moderator", "admin"}:
        assert response.status_code == 302 and appeal.status == "granted"
    else:
        world["comment"].refresh_from_db()
        assert appeal.status == "pending" and world["comment"].status == "hidden"
        expected = 302 if role == "reader" else 403
        assert response.status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_appealing(client, world, role):
    Appeal.objects.all().delete()
    as_role(client, world, role)
    response = client.post(f"/moderation/decisions/{world['action'].pk}/appeal/",
                           {"text": "Please look again"})
    if role == "author":
        assert response.status_code == 302 and Appeal.objects.count() == 1
    else:
        assert not Appeal.objects.exists()
        assert response.status_code == (302 if role == "reader" else 403)


# -- private messages: reporting one, acting on a reported one, outreach ---------------------

MESSAGE_ROLES = ["reader", "member", "participant", "sender", "moderator", "admin"]


@pytest.fixture
def message_world(acting_moderator):
    from forum.moderation.reports import file_crisis_report, file_message_crisis_report
    from forum.moderation.services.outreach import reach_out
    from tests.factories import make_post
    from tests.moderation.messaging import converse, report

    participant, sender = make_user("pat"), make_user("sam")
    conversation, (hello, unkind) = converse(participant, sender, "Hello", "Go away, fool")
    report(unkind, participant)
    # Outreach follows a crisis report about the member: sam's message, kit's post.
    crisis = file_message_crisis_report(unkind)
    kit = make_user("kit")
    team = reach_out(moderator=acting_moderator, member=kit,
                     report=file_crisis_report(post=make_post(kit)),
                     body="We are here.").conversation
    people = {
        "reader": None, "member": make_user("passerby"), "participant": participant,
        "sender": sender, "moderator": make_user("mod_cy", moderator=True),
        "admin": make_user("chief", is_staff=True, is_superuser=True),
    }
    return {"people": people, "unkind": unkind, "hello": hello, "team": team,
            "conversation": conversation, "compose": f"/moderation/outreach/to/sam/"
                                                     f"?report={crisis.pk}"}


def _as(client, world, role):
    if world["people"][role] is not None:
        client.force_login(world["people"][role])


def _refused(response, role, status=404):
    if role == "reader":
        return response.status_code == 302 and response.url.startswith("/accounts/login/")
    return response.status_code == status


@pytest.mark.parametrize("role", MESSAGE_ROLES)
def test_reporting_a_message(client, message_world, role):
    from forum.moderation.models import Report

    _as(client, message_world, role)
    unkind = message_world["unkind"]
    Report.objects.all().delete()
    response = client.post(f"/messages/m/{unkind.pk}/report/", {"reason": "spam"})
    if role == "participant":
        assert response.status_code == 200 and Report.objects.count() == 1
    else:
        # The sender is told they cannot report their own words; everyone else is told
        # nothing exists (moderators and admins included: they are not in it).
        assert _refused(response, role, 403 if role == "sender" else 404)
        assert not Report.objects.exists()


MODERATION_MESSAGE_GETS = ["act_message", "/moderation/outreach/", "compose", "team"]


@pytest.mark.parametrize("role", MESSAGE_ROLES)
@pytest.mark.parametrize("page", MODERATION_MESSAGE_GETS)
def test_moderation_pages_for_messages(client, message_world, role, page):
    _as(client, message_world, role)
    url = {"act_message": f"/moderation/messages/{message_world['unkind'].pk}/act/",
           "compose": message_world["compose"],
           "team": f"/moderation/outreach/{message_world['team'].pk}/"}.get(page, page)
    response = client.get(url)
    if role in {"moderator", "admin"}:
        assert response.status_code == 200
    else:
        assert _refused(response, role, 403)


@pytest.mark.parametrize("role", MESSAGE_ROLES)
def test_hiding_a_message(client, message_world, role):
    _as(client, message_world, role)
    unkind = message_world["unkind"]
    response = client.post(f"/moderation/messages/{unkind.pk}/act/", {
        "kind": "hide", "guideline": "be_gentle", "statement": "Unkind."})
    unkind.refresh_from_db()
    if role in {"moderator", "admin"}:
        assert response.status_code == 302 and unkind.is_hidden
    else:
        assert _refused(response, role, 403) and unkind.is_visible
        assert ModerationAction.objects.filter(kind="hide").count() == 0


@pytest.mark.parametrize("role", MESSAGE_ROLES)
def test_reaching_out_and_answering_for_the_team(client, message_world, role):
    from forum.conversations.models import Conversation, Message

    _as(client, message_world, role)
    team = message_world["team"]
    before = (Conversation.objects.count(), Message.objects.count(),
              ModerationAction.objects.count())
    outreach = client.post(message_world["compose"], {"body": "Thinking of you."})
    answer = client.post(f"/moderation/outreach/{team.pk}/", {"body": "Still here."})
    if role in {"moderator", "admin"}:
        assert outreach.status_code == 302 and answer.status_code == 302
        assert Message.objects.count() == before[1] + 2
        assert ModerationAction.objects.count() == before[2] + 2
    else:
        assert _refused(outreach, role, 403) and _refused(answer, role, 403)
        assert (Conversation.objects.count(), Message.objects.count(),
                ModerationAction.objects.count()) == before


@pytest.mark.parametrize("role", MESSAGE_ROLES)
def test_reaching_out_without_a_crisis_report_is_refused_for_everyone(client, message_world,
                                                                      role):
    """Moderators included: outreach follows a crisis report about that member (kit's
    report is about kit, not sam)."""
    from forum.conversations.models import Conversation
    from forum.moderation.models import Report

    _as(client, message_world, role)
    kits = Report.objects.get(post__author__username="kit")
    before = (Conversation.objects.count(), ModerationAction.objects.count())
    for url, status in [("/moderation/outreach/to/sam/", 400),
                        (f"/moderation/outreach/to/sam/?report={kits.pk}", 404)]:
        response = client.post(url, {"body": "Thinking of you."})
        allowed = status if role in {"moderator", "admin"} else 403
        assert _refused(response, role, allowed)
    assert (Conversation.objects.count(), ModerationAction.objects.count()) == before


@pytest.mark.parametrize("role", ["reader", "member", "moderator", "admin"])
def test_a_members_conversation_stays_closed_to_everyone_outside_it(client, message_world,
                                                                    role):
    """Moderators included: they read a message only in the queue, once it is reported."""
    _as(client, message_world, role)
    response = client.get(f"/messages/{message_world['conversation'].pk}/")
    assert _refused(response, role, 404)
