"""The Django admin logs in only through the site's login, with its rate limits."""

import pytest
from django.core.cache import cache

from accounts.models import User
from tests.factories import PASSWORD, consented


@pytest.fixture
def keeper(db):
    return User.objects.create_superuser("keeper", "keeper@example.org", PASSWORD,
                                     **consented())


def test_the_admin_sends_people_to_the_sites_login(client, keeper):
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == "/accounts/login/?next=/admin/"
    response = client.post("/accounts/login/?next=/admin/",
                           {"login": "keeper", "password": PASSWORD})
    assert response.status_code == 302 and response.url == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_the_admin_login_page_takes_no_password_itself(client, keeper):
    response = client.post("/admin/login/?next=/admin/",
                           {"username": "keeper", "password": PASSWORD})
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    assert not client.get("/").context["user"].is_authenticated


def test_thirty_wrong_passwords_lock_the_admin_out(client, keeper, settings):
    settings.ACCOUNT_RATE_LIMITS = {}  # allauth's own limits, as in production
    cache.clear()
    login = client.get("/admin/", follow=True).redirect_chain[-1][0]
    for attempt in range(30):  # the field names of both allauth's and Django's forms
        client.post(login, {"login": "keeper", "username": "keeper",
                            "password": f"guess-{attempt}"})
    response = client.post(login, {"login": "keeper", "username": "keeper",
                                   "password": PASSWORD})
    assert response.status_code == 429
    assert not client.get("/").context["user"].is_authenticated
    assert client.get("/admin/").status_code == 302
    cache.clear()


def test_five_wrong_passwords_lock_the_account_for_a_while(client, keeper, settings):
    settings.ACCOUNT_RATE_LIMITS = {}
    cache.clear()
    for attempt in range(5):
        client.post("/accounts/login/?next=/admin/", {"login": "keeper",
                                                      "password": f"guess-{attempt}"})
    response = client.post("/accounts/login/?next=/admin/", {"login": "keeper",
                                                             "password": PASSWORD})
    assert "Too many failed login attempts" in response.content.decode()
    assert client.get("/admin/").status_code == 302
    cache.clear()


def test_a_member_who_is_not_staff_is_told_the_admin_is_not_for_them(client, member):
    client.force_login(member)
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403
    assert "for the Kindred team" in response.content.decode()


def test_staff_already_logged_in_go_on_to_the_admin(client, keeper):
    client.force_login(keeper)
    response = client.get("/admin/login/?next=/admin/accounts/user/")
    assert response.status_code == 302 and response.url == "/admin/accounts/user/"
    response = client.get("/admin/login/?next=https://evil.example/")
    assert response.url == "/admin/"


def test_the_admin_login_answers_within_a_fixed_query_budget(client, member,
                                                            django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        assert client.get("/admin/login/").status_code == 302
    client.force_login(member)
    with django_assert_max_num_queries(6):
        assert client.get("/admin/login/").status_code == 403
