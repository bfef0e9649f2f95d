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
