"""A returning member sees what is new and jumps to it: from the home page's "N new" link
(or ?unread) they land on the first new comment, marked "New" in words; axe finds nothing."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import consented

from .conftest import PASSWORD
from .helpers import assert_no_axe_violations_in_both_contrasts, visit

pytestmark = pytest.mark.browser


@pytest.fixture
def returning(transactional_db, post, member):
    """june read the story after one comment; marion has since written two more."""
    from django.test import Client

    from accounts.models import User
    from posts.services import post_comment

    june = User.objects.create_user(username="june", email="june@example.com",
                                    password=PASSWORD, **consented())
    post_comment(author=member, post=post, body="The first comment, read already.")
    client = Client()
    client.force_login(june)
    assert client.get(post.get_absolute_url()).status_code == 200
    for n in range(12):  # enough to push the first new one below the fold
        post_comment(author=june, post=post, body=f"An older comment of june's, number {n}.")
    client.get(post.get_absolute_url())
    new = [post_comment(author=member, post=post, body=f"Something new, number {n}.")
           for n in range(2)]
    return june, new


def test_a_returning_member_follows_n_new_to_the_first_new_comment(new_context, base_url,
                                                                  post, returning):
    june, new = returning
    page = visit(new_context, base_url, "/", user=june)
    link = page.get_by_role("link", name=re.compile(rf"2 new comments on “{post.title}”"))
    link.click()
    expect(page).to_have_url(re.compile(r"#first-unread$"))
    anchor = page.locator("#first-unread")
    expect(anchor).to_be_in_viewport()
    first_new = page.locator(f"#comment-{new[0].pk}")
    expect(first_new.locator(".badge-new")).to_have_text("New")
    expect(page.locator(".comment .badge-new")).to_have_count(2)
    assert_no_axe_violations_in_both_contrasts(page, base_url, user=june)


def test_unread_in_the_address_lands_on_the_first_new_comment(new_context, base_url, post,
                                                              returning):
    june, new = returning
    page = visit(new_context, base_url, f"{post.get_absolute_url()}?unread", user=june)
    expect(page).to_have_url(re.compile(rf"{post.get_absolute_url()}#first-unread$"))
    expect(page.locator("#first-unread")).to_be_in_viewport()
    expect(page.get_by_text("First new comment since your last visit")).to_be_visible()
