"""Consent to holding health information and the minimum age: at signup, once for members
who joined before, recorded and exported, and withdrawn through the leave flow."""

import html
import json
import re

import pytest
from django.utils import timezone

from accounts.models import User
from forum.models import Page
from tests.accounts.test_accounts import signup
from tests.factories import PASSWORD, make_post, make_user


def text_of(response):
    return html.unescape(response.content.decode())


def test_signup_explains_the_health_information_held_and_links_the_privacy_page(client, db):
    page = text_of(client.get("/accounts/signup/"))
    assert "Your health information" in page
    assert "withdraw it at any time" in page
    assert 'href="/pages/privacy/"' in page
    assert "I am 16 or older" in page


def test_a_signup_without_consent_is_refused_and_keeps_every_field_typed(client, db):
    response = signup(client, health_consent="", username="tired-tom",
                      email="tom@example.org")
    page = text_of(response)
    assert response.status_code == 200  # allauth shows the form again with the error
    assert "cannot hold what you share about your health without your consent" in page
    assert 'value="tired-tom"' in page
    assert 'value="tom@example.org"' in page
    assert 'value="slow-river-lantern-8"' in page  # both passwords, not to be typed again
    assert re.search(r"<input[^>]*name=\"minimum_age\"[^>]*checked", page)
    assert not User.objects.exists()


def test_a_signup_without_confirming_the_minimum_age_is_refused(client, db):
    response = signup(client, minimum_age="")
    assert "Kindred is for people aged 16 or older" in text_of(response)
    assert not User.objects.exists()


def test_the_minimum_age_asked_follows_the_setting(client, db, settings):
    settings.KINDRED_MINIMUM_AGE = 18
    assert "I am 18 or older" in text_of(client.get("/accounts/signup/"))
    assert "aged 18 or older" in text_of(signup(client, minimum_age=""))


def test_a_newcomer_who_agrees_has_the_consent_version_and_time_on_record(client, db,
                                                                          settings):
    settings.KINDRED_CONSENT_VERSION = "2"
    before = timezone.now()
    assert signup(client).status_code == 302
    newcomer = User.objects.get(username="newcomer")
    assert newcomer.health_consent_version == "2"
    assert newcomer.health_consent_at >= before
    # … and is not asked a second time.
    assert client.get("/").status_code == 200


@pytest.fixture
def earlier_member(db):
    """A member who joined before Kindred asked for consent."""
    return make_user("early-bird", health_consent_version="", health_consent_at=None)


def test_a_member_without_consent_is_asked_at_their_next_visit_then_sent_on(client,
                                                                             earlier_member):
    client.force_login(earlier_member)
    response = client.get("/notifications/")
    assert response.status_code == 302
    assert response["Location"] == "/settings/consent/?next=%2Fnotifications%2F"
    page = text_of(client.get(response["Location"]))
    assert "Your health information" in page and "I do not agree" in page

    refused = client.post("/settings/consent/", {"next": "/notifications/",
                                                  "minimum_age": "on"})
    assert refused.status_code == 400
    assert "without your consent" in text_of(refused)

    agreed = client.post("/settings/consent/", {"next": "/notifications/",
                                                 "health_consent": "on", "minimum_age": "on"})
    assert agreed["Location"] == "/notifications/"
    earlier_member.refresh_from_db()
    assert earlier_member.health_consent_version == "1"
    assert client.get("/notifications/").status_code == 200  # asked once only


def test_the_consent_page_refuses_to_send_a_member_to_another_site(client, earlier_member):
    client.force_login(earlier_member)
    response = client.post("/settings/consent/", {"next": "https://evil.example/",
                                                   "health_consent": "on",
                                                   "minimum_age": "on"})
    assert response["Location"] == "/"


@pytest.mark.parametrize("path", ["/pages/crisis-support/", "/pages/privacy/",
                                  "/settings/delete/", "/settings/export/"])
def test_a_member_without_consent_still_reaches_help_privacy_export_and_leaving(
        client, earlier_member, path):
    client.force_login(earlier_member)
    assert client.get(path).status_code == 200


def test_a_member_without_consent_can_log_out(client, earlier_member):
    client.force_login(earlier_member)
    client.post("/accounts/logout/")
    assert "_auth_user_id" not in client.session


def test_a_comment_sent_while_consent_is_missing_is_not_lost(client, earlier_member):
    story = make_post(make_user("ash"))
    client.force_login(earlier_member)
    client.post(f"/posts/{story.slug}/comments/", {"body": "Cold showers help me."})
    assert story.comments.filter(body="Cold showers help me.").exists()


def test_a_new_consent_version_asks_every_member_again(client, member, settings):
    client.force_login(member)
    assert client.get("/notifications/").status_code == 200
    settings.KINDRED_CONSENT_VERSION = "2"
    assert client.get("/notifications/")["Location"].startswith("/settings/consent/")


def test_withdrawing_consent_leads_to_the_leave_flow_with_an_explanation(client, member):
    client.force_login(member)
    response = client.post("/settings/consent/withdraw/", follow=True)
    assert response.redirect_chain[-1][0] == "/settings/delete/"
    page = text_of(response)
    assert "You have withdrawn your consent" in page
    assert "What should happen to what you wrote?" in page
    member.refresh_from_db()
    assert (member.health_consent_version, member.health_consent_at) == ("", None)
    # Nothing is deleted until they confirm; meanwhile, every visit asks again.
    assert User.objects.filter(pk=member.pk, is_active=True).exists()
    assert client.get("/notifications/")["Location"].startswith("/settings/consent/")


def test_the_data_export_holds_the_consent_version_and_time(client, member):
    client.force_login(member)
    response = client.post("/settings/export/")
    profile = json.loads(response.content)["profile"]
    assert profile["health_consent_version"] == "1"
    assert profile["health_consent_at"].startswith(str(member.health_consent_at.date()))


def test_the_privacy_page_says_what_is_held_why_and_how_to_withdraw(client, db):
    page = Page.objects.get(slug="privacy")
    text = text_of(client.get("/pages/privacy/"))
    assert page.title in text
    for words in ("What we hold", "Why we hold it", "Withdrawing your agreement", "16"):
        assert words in text


def test_the_consent_page_stays_within_its_query_budget(client, earlier_member,
                                                         django_assert_max_num_queries):
    client.force_login(earlier_member)
    with django_assert_max_num_queries(6):
        assert client.get("/settings/consent/").status_code == 200


def test_a_member_logs_in_with_the_password_after_being_asked(client, earlier_member):
    response = client.post("/accounts/login/", {"login": "early-bird", "password": PASSWORD})
    assert response["Location"] == "/"
    assert client.get("/")["Location"].startswith("/settings/consent/")


def test_a_suspended_member_without_consent_reads_their_decisions_without_a_loop(
        client, earlier_member):
    from tests.factories import suspend

    action = suspend(earlier_member, days=3)
    client.force_login(earlier_member)
    response = client.get("/moderation/suspended/", follow=True)
    assert response.status_code == 200
    assert len(response.redirect_chain) == 0
    assert client.get(f"/moderation/decisions/{action.pk}/").status_code == 200
