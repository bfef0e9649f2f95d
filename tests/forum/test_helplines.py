"""Help one tap away: every helpline number is a link a phone dials (tel:) or texts (sms:),
every helpline address a mailto:, on the crisis-support page and in the message after crisis
words; and "Need help now" sits in the header of every page, outside the menu."""

import importlib
import re

import pytest
from django.core.management import call_command

from forum.models import Page
from posts.rendering import render_markdown

tappable = importlib.import_module("forum.migrations.0004_tappable_helplines")

ONE_TAP = ['href="tel:988"', 'href="sms:988"', 'href="tel:116123"',
           'href="mailto:jo@samaritans.org"', 'href="tel:911"', 'href="tel:999"',
           'href="tel:112"']


def header(page):
    return page[page.index('<header class="site-header"'):page.index("</header>")]


@pytest.mark.django_db
def test_every_helpline_on_the_crisis_page_is_one_tap(client):
    page = client.get("/pages/crisis-support/").content.decode()
    for link in ONE_TAP:
        assert link in page, link
    # No number left as bare bold text a shaky thumb cannot use.
    assert "<strong>988</strong>" not in page and "<strong>116 123</strong>" not in page


def test_the_message_after_crisis_words_has_the_helplines_one_tap_away(client, member, post):
    client.force_login(member)
    response = client.post(f"/posts/{post.slug}/comments/",
                           {"body": "Honestly some nights I want to die."})
    page = client.get(response.url.partition("#")[0]).content.decode()
    message = page[page.index('id="crisis-support"'):page.index("</section>",
                                                                 page.index('id="crisis-support"'))]
    for link in ['href="tel:988"', 'href="sms:988"', 'href="tel:116123"',
                 'href="mailto:jo@samaritans.org"']:
        assert link in message, link


@pytest.mark.parametrize("path", ["/", "/tags/", "/search/", "/pages/community-guidelines/",
                                  "/accounts/login/", "/settings/"])
def test_every_page_offers_need_help_now_in_its_header_before_the_menu(client, member, path):
    if path == "/settings/":
        client.force_login(member)
    top = header(client.get(path).content.decode())
    help_link = top.index('<a class="help-now" href="/pages/crisis-support/">')
    assert "Need help now" in top[help_link:top.index("</a>", help_link)]
    assert help_link < top.index('<details class="menu"')


def test_a_post_on_a_members_story_page_offers_need_help_now_too(client, member, post):
    client.force_login(member)
    assert 'class="help-now"' in header(client.get(f"/posts/{post.slug}/").content.decode())


def test_a_helpline_number_a_member_types_is_a_link_too_and_scripts_still_are_not():
    html = render_markdown("Call [116 123](tel:116123), text [988](sms:988), "
                           "or [this](javascript:alert(1)).")
    assert 'href="tel:116123"' in html and 'href="sms:988"' in html
    assert "href=\"javascript" not in html


def test_the_shipped_tappable_html_is_what_todays_renderer_makes_of_its_markdown():
    # If this fails, the renderer changed: ship the new HTML in a new data migration.
    assert render_markdown(tappable.TAPPABLE_BODY) == tappable.TAPPABLE_BODY_HTML


@pytest.mark.django_db(transaction=True)
def test_the_migration_makes_a_shipped_page_tappable_and_leaves_an_admins_words_alone():
    page = Page.objects.get(slug="crisis-support")
    assert page.body == tappable.TAPPABLE_BODY
    call_command("migrate", "forum", "0003", verbosity=0)
    page.refresh_from_db()
    assert page.body == tappable.SHIPPED_BODY
    assert not re.search(r'href="tel:', page.body_html)
    # An admin's own wording survives the migration untouched.
    Page.objects.filter(pk=page.pk).update(body="Call our own line.",
                                           body_html="<p>Call our own line.</p>")
    call_command("migrate", "forum", verbosity=0)
    page.refresh_from_db()
    assert (page.body, page.body_html) == ("Call our own line.", "<p>Call our own line.</p>")
    # As shipped, it is made tappable going forward.
    Page.objects.filter(pk=page.pk).update(body=tappable.SHIPPED_BODY,
                                           body_html=tappable.SHIPPED_BODY_HTML)
    call_command("migrate", "forum", "0003", verbosity=0)
    call_command("migrate", "forum", verbosity=0)
    page.refresh_from_db()
    assert (page.body, page.body_html) == (tappable.TAPPABLE_BODY, tappable.TAPPABLE_BODY_HTML)
