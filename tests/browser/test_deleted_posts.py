"""A post its author deleted while others had replied, in a real browser: the author is told
on the confirmation page that the replies stay, deletes, and every reader finds the replies
under "The author deleted this post"; axe finds nothing in each theme, and nothing scrolls
sideways at 320 px with 200 % text."""

import pytest
from playwright.sync_api import expect

from .conftest import PASSWORD, assert_no_axe_violations, log_in

pytestmark = pytest.mark.browser

THEMES = ["light", "dark", "contrast"]


def test_the_author_deletes_and_readers_keep_the_replies_under_a_tombstone(
        new_context, base_url, member, post):
    from accounts.models import User
    from posts.services import post_comment

    june = User.objects.create_user(username="june", email="june@example.com",
                                    password=PASSWORD)
    post_comment(author=june, post=post, body="Stretching before getting up helps me too.")
    context = new_context()
    log_in(context, member, base_url)
    page = context.new_page()
    page.goto(f"{base_url}/posts/{post.slug}/")
    page.locator("details.post-more > summary").click()  # Delete sits under More
    page.get_by_role("link", name=f"Delete “{post.title}”").click()
    expect(page.get_by_text("their replies stay readable")).to_be_visible()
    page.get_by_role("button", name="Yes, delete it").click()
    expect(page.get_by_text("Your post is deleted.")).to_be_visible()

    page.goto(f"{base_url}/posts/{post.slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("The author deleted this post")
    expect(page.get_by_text("Stretching before getting up helps me too.")).to_be_visible()
    assert page.get_by_text("Mornings are the hardest").count() == 0
    assert page.get_by_role("button", name="Post comment").count() == 0
    for theme in THEMES:
        User.objects.filter(pk=june.pk).update(theme=theme)
        reader = new_context()
        log_in(reader, june, base_url)
        tab = reader.new_page()
        tab.goto(f"{base_url}/posts/{post.slug}/")
        assert_no_axe_violations(tab, f"on a deleted post in the {theme} theme")

    User.objects.filter(pk=june.pk).update(text_size=200, theme="light")
    narrow = new_context(viewport={"width": 320, "height": 740})
    log_in(narrow, june, base_url)
    tab = narrow.new_page()
    tab.goto(f"{base_url}/posts/{post.slug}/")
    sideways = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert sideways <= 0, "a deleted post scrolls sideways at 320 px and 200 % text"
