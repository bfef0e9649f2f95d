import html
import re

import pytest
from django.core import mail

from accounts.models import User
from accounts.preferences import COOKIE_NAME
from tests.factories import PASSWORD, make_user

SIGNUP = "/accounts/signup/"


def signup(client, **data):
    payload = {"username": "newcomer", "email": "new@example.org",
               "password1": "slow-river-lantern-8", "password2": "slow-river-lantern-8",
               "health_consent": "on", "minimum_age": "on"}
    payload.update(data)
    return client.post(SIGNUP, payload)


def test_a_newcomer_signs_up_with_a_handle_and_email(client, db):
    response = signup(client)
    assert response.status_code == 302
    user = User.objects.get(username="newcomer")
    assert user.email == "new@example.org"


@pytest.mark.parametrize(
    ("handle", "message"),
    [
        ("Admin", "That handle is reserved"),
        ("moderator", "That handle is reserved"),
        ("ab", "at least 3 characters"),
        ("x" * 31, "at most 30 characters"),
        ("bad handle!", "Use only letters, numbers"),
    ],
)
def test_unsuitable_handles_are_refused(client, db, handle, message):
    response = signup(client, username=handle)
    assert response.status_code == 200  # allauth re-renders the form with the error
    assert message in response.content.decode()
    assert not User.objects.exists()


def test_a_handle_differing_only_in_case_is_taken(client, db):
    make_user("Rowan")
    response = signup(client, username="rOWAN")
    assert "already" in response.content.decode().lower()
    assert User.objects.count() == 1


def test_a_malformed_email_is_refused(client, db):
    response = signup(client, email="not-an-email")
    assert "Enter a valid email address." in response.content.decode()
    assert not User.objects.exists()


@pytest.mark.parametrize("login", ["rowan", "rowan@example.org"])
def test_members_log_in_with_handle_or_email(client, member, login):
    response = client.post("/accounts/login/", {"login": login, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/").context["user"] == member


def test_logging_out_needs_a_post(client, member):
    client.force_login(member)
    page = client.get("/accounts/logout/")
    assert page.status_code == 200 and client.get("/").context["user"] == member
    client.post("/accounts/logout/")
    assert not client.get("/").context["user"].is_authenticated


def test_password_reset_sends_an_email(client, member):
    response = client.post("/accounts/password/reset/", {"email": "rowan@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and "rowan@example.org" in mail.outbox[0].to


def _links_in(message):
    bodies = [message.body, *(content for content, _type in message.alternatives)]
    return [link for body in bodies
            for link in re.findall(r"https?://[^\s\"'<>]+", html.unescape(body))]


def _on_the_site(link):
    return link == "https://kindred.example" or link.startswith("https://kindred.example/")


@pytest.mark.parametrize("email", ["rowan@example.org", "nobody-here@example.org"])
def test_reset_links_lead_to_the_site_url_whatever_host_the_request_named(
        client, member, settings, email):
    """Host: localhost is allowed, but the link that sets a new password goes to the site
    members know (and so does the "no account here, sign up" mail for an unknown address)."""
    settings.SITE_URL = "https://kindred.example"
    response = client.post("/accounts/password/reset/", {"email": email}, HTTP_HOST="localhost")
    assert response.status_code == 302 and len(mail.outbox) == 1
    links = _links_in(mail.outbox[0])
    assert links and all(map(_on_the_site, links)), links
    if email == "rowan@example.org":
        assert any("/accounts/password/reset/key/" in link for link in links)
        key_path = next(link for link in links if "/reset/key/" in link).removeprefix(
            "https://kindred.example")
        assert client.get(key_path, follow=True).status_code == 200


def test_an_email_confirmation_link_leads_to_the_site_url(client, db, settings):
    settings.SITE_URL = "https://kindred.example"
    response = client.post(SIGNUP, {"username": "newcomer", "email": "new@example.org",
                                    "password1": "slow-river-lantern-8",
                                    "password2": "slow-river-lantern-8",
                                    "health_consent": "on", "minimum_age": "on"},
                           HTTP_HOST="127.0.0.1")
    assert response.status_code == 302 and len(mail.outbox) == 1
    links = _links_in(mail.outbox[0])
    assert any("/accounts/confirm-email/" in link for link in links)
    assert all(map(_on_the_site, links)), links


def test_account_pages_use_the_site_layout(client, db):
    for url in ("/accounts/login/", SIGNUP, "/accounts/password/reset/"):
        content = client.get(url).content.decode()
        assert "Skip to content" in content and content.count("<h1") == 1


def test_readers_text_size_and_contrast_are_remembered_in_a_cookie(client, db):
    response = client.post("/settings/accessibility/",
                           {"text_size": "200", "theme": "contrast", "next": "/"})
    assert response.status_code == 302 and response.url == "/"
    assert response.cookies[COOKIE_NAME].value == "200:contrast:site:0:0"
    html = client.get("/").content.decode()
    assert '<html lang="en" class="text-200 contrast-high">' in html


def header_tools(page):
    """The header's accessibility tools form, and the fields a browser would send with it."""
    start = page.index('<section id="accessibility-tools"')
    tools = page[start:page.index("</section>", start)]
    hidden = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', tools))
    return tools, {name: html.unescape(value) for name, value in hidden.items()
                   if name != "csrfmiddlewaretoken"}


def html_classes(page):
    return set(re.search(r'<html lang="en" class="([^"]*)">', page).group(1).split())


def test_text_size_and_contrast_from_the_header_persist_without_javascript(client, post):
    """Moved from the browser suite: a plain form, a redirect and a cookie, no script."""
    page = client.get("/").content.decode()
    assert "text-100" in html_classes(page) and "contrast-high" not in html_classes(page)
    tools, fields = header_tools(page)
    assert fields["next"] == "/"
    response = client.post("/settings/accessibility/",
                           {**fields, "text_size": "200", "theme": "contrast"})
    assert response.status_code == 302 and response.url == "/"  # back where they were
    assert {"text-200", "contrast-high"} <= html_classes(client.get("/").content.decode())
    # And on the next page, and when it is loaded again: remembered, not per request.
    for _ in range(2):
        page = client.get(post.get_absolute_url()).content.decode()
        assert {"text-200", "contrast-high"} <= html_classes(page)
    # The header form shows the current choice, so the reader can see what is on and undo it.
    tools, _ = header_tools(page)
    assert re.search(r'<option value="200" selected>', tools), tools
    assert re.search(r'<option value="contrast" selected>', tools), tools


def test_members_preferences_are_stored_on_their_account(client, member):
    client.force_login(member)
    client.post("/settings/accessibility/", {"text_size": "150"})
    member.refresh_from_db()
    assert member.text_size == 150 and member.theme == "auto"
    other_device = type(client)()
    other_device.force_login(member)
    assert 'class="text-150"' in other_device.get("/").content.decode()


@pytest.mark.parametrize("size", ["999", "", "huge"])
def test_an_unknown_text_size_is_refused(client, db, size):
    response = client.post("/settings/accessibility/", {"text_size": size})
    assert response.status_code == 400
    assert COOKIE_NAME not in response.cookies


def test_a_forged_preferences_cookie_falls_back_to_defaults(client, db):
    client.cookies[COOKIE_NAME] = "<script>:9"
    assert 'class="text-100"' in client.get("/").content.decode()


def test_preferences_never_redirect_off_site(client, db):
    response = client.post("/settings/accessibility/",
                           {"text_size": "125", "next": "https://evil.example/"})
    assert response.url == "/"


def test_accessibility_settings_query_budget(client, member, django_assert_max_num_queries):
    client.force_login(member)
    with django_assert_max_num_queries(4):
        assert client.get("/settings/accessibility/").status_code == 200


def test_saving_on_the_accessibility_page_confirms_and_stays(client, member):
    client.force_login(member)
    response = client.post("/settings/accessibility/", {"text_size": "150"}, follow=True)
    assert response.redirect_chain[-1][0] == "/settings/accessibility/"
    assert "Your display choices are saved." in response.content.decode()


def test_with_mandatory_verification_a_newcomer_verifies_by_email(client, db, settings,
                                                                  mailoutbox):
    import re

    from allauth.account.models import EmailAddress

    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"
    response = signup(client)
    assert response.status_code == 302 and "confirm-email" in response.url
    assert not client.get("/").context["user"].is_authenticated
    link = re.search(re.escape(settings.SITE_URL) + r"(/accounts/confirm-email/[^/\s]+/)",
                     mailoutbox[0].body).group(1)
    assert "Confirm" in client.get(link).content.decode()
    client.post(link)
    assert EmailAddress.objects.get(email="new@example.org").verified
    login = client.post("/accounts/login/", {"login": "newcomer",
                                             "password": "slow-river-lantern-8"})
    assert login.status_code == 302 and client.get("/").context["user"].is_authenticated
