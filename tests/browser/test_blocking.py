"""Blocking in a real browser: a member blocks from the profile after reading what it does,
the blocked member's comment is folded in the thread with its replies readable, "show"
opens it, and axe finds nothing on the confirmation, the thread or the settings list."""

import pytest
from playwright.sync_api import expect

from tests.factories import consented

from .conftest import PASSWORD, assert_no_axe_violations, log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def june(transactional_db):
    from accounts.models import User

    return User.objects.create_user(username="june", email="june@example.com", password=PASSWORD,
                                    **consented())


def test_a_member_blocks_from_the_profile_and_the_thread_folds_their_comment(
        new_context, base_url, member, june, post):
    from posts.services import post_comment

    harsh = post_comment(author=june, post=post, body="Words marion would rather not read.")
    post_comment(author=member, post=post, body="A reply that stays readable.", parent=harsh)
    context = new_context()
    log_in(context, member, base_url)
    page = context.new_page()

    page.goto(f"{base_url}/u/june/")
    page.get_by_role("link", name="Block june").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Block june?"
    expect(page.get_by_text("They are not told")).to_be_visible()
    assert_no_axe_violations(page, "on the confirmation")
    page.get_by_role("button", name="Block june").click()
    expect(page.get_by_text("You blocked june").first).to_be_visible()

    page.goto(f"{base_url}{post.get_absolute_url()}")
    folded = page.locator(f"#comment-{harsh.pk} details.blocked-comment")
    words = folded.get_by_text("Words marion would rather not read.")
    expect(words).to_be_hidden()
    expect(page.get_by_text("A reply that stays readable.")).to_be_visible()
    assert_no_axe_violations(page, "with a folded comment")
    folded.locator("> summary").click()  # its own summary, not "More" inside it
    expect(words).to_be_visible()

    page.goto(f"{base_url}/settings/blocked/")
    assert_no_axe_violations(page, "on the blocked list")
    page.get_by_role("button", name="Unblock june").click()
    expect(page.get_by_text("You have not blocked anyone.")).to_be_visible()
