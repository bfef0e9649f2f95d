"""A shared computer (clinic, library, family): comment drafts saved in the browser belong to
one member. Every page names the drafts' owner with an opaque value (never the member's id),
and logging out tells the browser to clear what the site stored and the page's script to
forget every draft."""

import re

from django.conf import settings

from tests.factories import PASSWORD, make_user

LOGOUT = "/accounts/logout/"


def draft_owner(page):
    match = re.search(r'<body[^>]* data-draft-owner="([^"]*)"', page)
    assert match, "the page does not say whose drafts it may restore"
    return match.group(1)


def test_logging_out_tells_the_browser_to_clear_what_the_site_stored(client, member, post):
    client.force_login(member)
    response = client.post(LOGOUT)
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"storage"'
    # The page they land on tells the script to forget drafts too, for browsers that ignore
    # the header (it needs https, or localhost).
    page = client.get(response.url).content.decode()
    assert draft_owner(page) == "anon"
    assert re.search(r'data-tags="[^"]*\bforget-drafts\b', page)


def test_every_way_out_clears_the_site_data_and_nothing_else_does(client, member, post):
    client.force_login(member)
    assert "Clear-Site-Data" not in client.get(post.get_absolute_url())
    assert "Clear-Site-Data" not in client.get(LOGOUT)  # the "are you sure?" page
    client.logout()
    assert "Clear-Site-Data" not in client.post(LOGOUT)  # nobody was logged in
    client.force_login(member)
    response = client.post("/settings/delete/", {"mode": "anonymise", "password": PASSWORD})
    assert response.status_code == 302  # deleting the account logs out as well
    assert response["Clear-Site-Data"] == '"storage"'


def test_each_member_owns_their_drafts_under_a_value_that_does_not_reveal_who_they_are(
        client, member, other_member, post):
    assert draft_owner(client.get(post.get_absolute_url()).content.decode()) == "anon"
    owners = {}
    for person in (member, other_member):
        client.force_login(person)
        owners[person.pk] = draft_owner(client.get(post.get_absolute_url()).content.decode())
        # The same member keeps the same owner on every page and after logging in again.
        client.logout()
        client.force_login(person)
        assert draft_owner(client.get("/").content.decode()) == owners[person.pk]
        client.logout()
    mine, theirs = owners[member.pk], owners[other_member.pk]
    assert mine != theirs and "anon" not in (mine, theirs)
    for owner in (mine, theirs):
        assert len(owner) >= 20 and str(member.pk) != owner and member.username not in owner
        assert settings.SECRET_KEY not in owner


def test_the_owner_of_a_new_member_differs_from_every_earlier_one(client, db):
    people = [make_user() for _ in range(5)]
    owners = set()
    for person in people:
        client.force_login(person)
        owners.add(draft_owner(client.get("/").content.decode()))
    assert len(owners) == len(people)
