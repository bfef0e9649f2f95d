"""Members are loaded with their moderator flag in one statement (accounts/backends.py), and
the flag is still asked afresh on every request."""

import pytest
from django.contrib.auth.models import Group

from accounts.backends import member_with_moderator_flag
from accounts.models import MODERATORS_GROUP
from tests.factories import PASSWORD, make_user


@pytest.fixture
def june(db):
    return make_user("june", moderator=True)


def test_a_moderators_queue_link_comes_with_the_member_in_one_query(
        client, june, django_assert_num_queries):
    client.force_login(june)
    with django_assert_num_queries(1):
        user = member_with_moderator_flag(june.pk)
        assert user.is_moderator
    assert "Moderation" in client.get("/settings/").content.decode()


def test_a_member_is_not_a_moderator(client, member):
    client.force_login(member)
    assert member_with_moderator_flag(member.pk).is_moderator is False
    assert "/moderation/" not in client.get("/settings/").content.decode()


def test_a_demoted_moderator_loses_the_queue_on_their_next_page(client, june):
    client.force_login(june)
    assert client.get("/moderation/").status_code == 200
    june.groups.remove(Group.objects.get(name=MODERATORS_GROUP))
    assert client.get("/moderation/").status_code == 403


def test_staff_count_as_moderators(db):
    staff = make_user("ops", is_staff=True)
    assert member_with_moderator_flag(staff.pk).is_moderator is True


@pytest.mark.parametrize("bogus", ["abc", "", None, "1; DROP TABLE x", "99999999"])
def test_a_session_naming_no_member_loads_nobody(db, bogus):
    assert member_with_moderator_flag(bogus) is None


def test_logging_in_by_name_or_email_records_the_one_statement_backend(client, member):
    for login in (member.username, member.email):
        client.logout()
        assert client.login(username=login, password=PASSWORD)
        assert client.session["_auth_user_backend"].startswith("accounts.backends.")


def test_a_session_from_before_these_backends_still_works(client, june):
    """Sessions naming the library backends (made before this change) stay logged in."""
    client.force_login(june, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get("/moderation/").status_code == 200
    client.force_login(june, backend="allauth.account.auth_backends.AuthenticationBackend")
    assert client.get("/moderation/").status_code == 200


def test_the_member_loaded_in_one_statement_is_the_member_the_orm_loads(db):
    """Every field, with the database's conversions (SQLite's dates and flags included)."""
    from django.utils import timezone

    member = make_user("rowan", silenced_until=timezone.now(), theme="dark",
                       is_staff=False, time_zone="Europe/Paris")
    loaded = member_with_moderator_flag(member.pk)
    expected = type(member).objects.get(pk=member.pk)
    for field in type(member)._meta.concrete_fields:
        assert getattr(loaded, field.attname) == getattr(expected, field.attname), field.name
        assert type(getattr(loaded, field.attname)) is type(getattr(expected, field.attname))
    assert loaded._state.adding is False and loaded._state.db == "default"


# --- One password check per sign-in attempt ---------------------------------------------------
# Counted, not timed: every password hash goes through the configured hasher's `encode`
# (checking a password, and the decoy hash for an unknown name alike).

def _hashes_for(client, monkeypatch, login, password):
    from django.contrib.auth.hashers import get_hasher

    hasher = type(get_hasher())
    calls = []
    real_encode = hasher.encode

    def counting_encode(self, *args, **kwargs):
        calls.append(1)
        return real_encode(self, *args, **kwargs)

    monkeypatch.setattr(hasher, "encode", counting_encode)
    client.post("/accounts/login/", {"login": login, "password": password})
    monkeypatch.setattr(hasher, "encode", real_encode)
    return len(calls), "_auth_user_id" in client.session


@pytest.mark.parametrize("by", ["handle", "email"])
def test_a_wrong_password_costs_one_hash_like_a_right_one(client, member, monkeypatch, by):
    login = member.username if by == "handle" else member.email
    assert _hashes_for(client, monkeypatch, login, "not-the-password-at-all") == (1, False)
    assert _hashes_for(client, monkeypatch, login, PASSWORD) == (1, True)


def test_an_unknown_name_costs_one_hash_and_signs_nobody_in(client, db, monkeypatch):
    assert _hashes_for(client, monkeypatch, "nobody-here", PASSWORD) == (1, False)
    assert _hashes_for(client, monkeypatch, "nobody@example.org", PASSWORD) == (1, False)


def test_a_deactivated_member_with_the_right_password_still_learns_their_account_is_inactive(
        client, member):
    """allauth's "account inactive" page needs the backend's stash: the chain stops, the
    message stays."""
    member.is_active = False
    member.save(update_fields=["is_active"])
    response = client.post("/accounts/login/", {"login": member.username, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"].endswith("/accounts/inactive/")
    assert "_auth_user_id" not in client.session
