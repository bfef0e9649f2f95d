"""Handles that pass for the team, the site or another member are refused at signup."""

import pytest

from accounts.models import User
from tests.accounts.test_accounts import signup
from tests.factories import PASSWORD, consented, make_user

IMITATIONS = [
    "m0d", "mod_", "MOD", "Mod-7", "the_mod", "TheMod", "rnod", "moderator1", "m0derat0r",
    "kindred_support", "Kindred-Team", "admin-kindred", "kindredofficial", "KINDRED",
    "k1ndred", "adm1n", "admin_jo", "siteadmin", "5taff", "staff_", "team-7", "Support",
    "the-official-one", "former_member", "Former-Member", "h3lp", "root", "system",
]
ORDINARY = [
    "modest_mike", "commodore64", "model_trains", "moderna_fan", "mood-ring", "steamboat",
    "staffy_lover", "badminton_bea", "helpful_hannah", "rooted", "systematic_sam",
    "teamaker", "amodio", "Rowan_Tree", "kin_dread",
]


@pytest.mark.parametrize("handle", IMITATIONS)
def test_handles_imitating_the_team_or_the_site_are_refused(client, db, handle):
    response = signup(client, username=handle)
    assert "That handle is reserved" in response.content.decode(), handle
    assert not User.objects.exists()


@pytest.mark.parametrize("handle", ORDINARY)
def test_ordinary_names_that_contain_a_reserved_word_are_welcome(client, db, handle):
    response = signup(client, username=handle, email=f"{handle}@example.org")
    assert response.status_code == 302, handle
    assert User.objects.filter(username=handle).exists()


@pytest.mark.parametrize(("existing", "lookalike"), [
    ("demo", "dem0"), ("rowan", "r0wan"), ("rowan", "Row_an"), ("Alex", "AIex"),
    ("sam5", "Sams"), ("bjorn", "bjom"),
])
def test_a_handle_that_looks_like_an_existing_members_is_refused(client, db, existing,
                                                                 lookalike):
    make_user(existing)
    response = signup(client, username=lookalike)
    assert "too close to the handle of an existing member" in response.content.decode()
    assert User.objects.count() == 1


def test_a_departed_members_handle_is_held_against_impersonation(client, member):
    client.force_login(member)
    client.post("/settings/delete/", {"mode": "anonymise", "password": PASSWORD})
    client.logout()
    for handle in ("rowan", "ROWAN", "r0wan", "row-an"):
        response = signup(client, username=handle)
        assert "belonged to a member who has left" in response.content.decode(), handle
    assert not User.objects.exists()
    assert signup(client, username="rowanberry").status_code == 302


def test_a_handle_changed_in_the_admin_is_checked_the_same_way(client, db):
    from django.test import Client

    make_user("demo")
    admin = User.objects.create_superuser("keeper", "keeper@example.org", PASSWORD,
                                     **consented())
    someone = make_user("someone")
    browser = Client()
    browser.force_login(admin)
    url = f"/admin/accounts/user/{someone.pk}/change/"
    page = browser.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    payload = {name: value for name, value in form.initial.items()
               if value is not None and not isinstance(value, list | tuple)}
    payload.update({"username": "dem0", "date_joined_0": "2026-01-01",
                    "date_joined_1": "10:00:00"})
    response = browser.post(url, payload)
    assert "too close to the handle of an existing member" in response.content.decode()
    someone.refresh_from_db()
    assert someone.username == "someone"


def test_an_admin_finds_a_held_handle_by_searching_for_it_and_can_free_it(client, member,
                                                                          admin_client):
    from accounts.models import ReleasedHandle

    client.force_login(member)
    client.post("/settings/delete/", {"mode": "delete", "password": PASSWORD})
    held = admin_client.get("/admin/accounts/releasedhandle/?q=R0wan")
    assert held.status_code == 200 and held.context["cl"].result_count == 1
    assert "rowan" not in ReleasedHandle.objects.get().handle_digest
    assert admin_client.get("/admin/accounts/releasedhandle/?q=ash").context[
        "cl"].result_count == 0
    ReleasedHandle.objects.all().delete()
    client.logout()
    assert signup(client, username="rowan").status_code == 302
