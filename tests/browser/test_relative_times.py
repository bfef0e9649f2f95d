"""A story page served from the cache can be up to an hour old; its "just now" must not be:
the reader's browser says how long ago each comment was written by its own clock
(static/js/times.js), and without JavaScript the server's words stay."""

from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture
def fresh_comment(post, member):
    from posts.services import post_comment

    return post_comment(author=member, post=post, body="Written a moment ago.")


def comment_time(page, comment):
    return page.locator(f"#comment-{comment.pk} .permalink time")


def test_a_cached_story_page_says_how_long_ago_by_the_readers_clock(new_context, base_url,
                                                                    post, fresh_comment):
    first = new_context().new_page()
    first.goto(base_url + post.get_absolute_url())  # stores the page: "just now"
    expect(comment_time(first, fresh_comment)).to_contain_text("just now")
    later = new_context().new_page()
    later.clock.set_fixed_time(datetime.now(UTC) + timedelta(hours=3))
    later.goto(base_url + post.get_absolute_url())  # the same stored page, 3 hours on
    expect(comment_time(later, fresh_comment)).to_contain_text("3\u00a0hours ago")
    expect(comment_time(later, fresh_comment).locator(".exact")).to_have_count(1)


def test_without_javascript_the_servers_words_stay(new_context, base_url, post,
                                                   fresh_comment):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(base_url + post.get_absolute_url())
    expect(comment_time(page, fresh_comment)).to_contain_text("just now")
