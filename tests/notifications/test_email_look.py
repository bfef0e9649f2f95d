"""Emails say Kindred (subject, greeting, sign-off with KINDRED_SITE_URL), never the host a
request came in on, and their HTML part keeps the site's colours in light and dark mail
clients."""

import re

import pytest

from posts.services import post_comment


@pytest.fixture
def site_url(settings):
    settings.SITE_URL = "https://kindred.example"
    return settings.SITE_URL


def test_a_password_reset_email_is_branded_kindred_not_the_requests_host(
        client, member, mailoutbox, site_url):
    client.post("/accounts/password/reset/", {"email": member.email})
    (message,) = mailoutbox
    assert message.subject.startswith("Kindred: ")
    assert "[" not in message.subject and "testserver" not in message.subject
    assert message.body.startswith("Hello from Kindred")
    assert "Hello from testserver" not in message.body
    assert message.body.rstrip().endswith(site_url)


def test_a_notification_emails_html_part_reads_in_light_and_dark_mail_clients(
        member, other_member, post, mailoutbox, site_url, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(author=other_member, post=post, body="Same here")
    (message,) = mailoutbox
    assert message.subject.startswith("Kindred: ")
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert '<meta name="color-scheme" content="light dark">' in html
    dark = html[html.index("@media (prefers-color-scheme: dark)"):html.index("</style>")]
    assert "#121416" in dark and "#e8e6e3" in dark  # the site's dark background and text
    assert "Hello rowan," in html
    read_it = rf'<a href="{re.escape(site_url)}/comments/\d+/"[^>]*>Read it on Kindred'
    assert re.search(read_it, html)
    assert f'<a href="{site_url}/"' in html
