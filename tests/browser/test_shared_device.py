"""A shared computer (clinic, library, family): one member's half-written comment and reply
never reach the next person who logs in on the same browser, whether the first one logged
out or their session simply expired. Logging out forgets the drafts (Clear-Site-Data, and
the page's script where the browser ignores that header); a member whose session expired
still gets their own draft back."""

import pytest

from .conftest import PASSWORD, log_in

pytestmark = pytest.mark.browser

COMMENT = "Marion's half-written words about her bad week"
REPLY = "Marion's half-written reply to june"


@pytest.fixture
def june(transactional_db):
    from accounts.models import User

    return User.objects.create_user(username="june", email="june@example.com", password=PASSWORD)


@pytest.fixture
def june_comment(post, june):
    from posts.services import post_comment

    return post_comment(author=june, post=post, body="A cool flannel on the neck helps.")


def post_url(base_url, post):
    return f"{base_url}/posts/{post.slug}/"


def comment_box(page):
    return page.locator("form#comment-form textarea[name=body]")


def open_reply(page, comment):
    page.get_by_role("link", name="Reply to june", exact=True).click()
    return page.locator(f"form#reply-{comment.pk} textarea[name=body]")


def type_drafts(page, base_url, post, comment):
    """Type a comment and a reply, submit neither, and check they come back after a reload
    (the drafts' ordinary job)."""
    page.goto(post_url(base_url, post))
    comment_box(page).click()
    page.keyboard.type(COMMENT)
    open_reply(page, comment).click()
    page.keyboard.type(REPLY)
    page.reload()
    assert comment_box(page).input_value() == COMMENT
    assert open_reply(page, comment).input_value() == REPLY


def assert_boxes_empty(page, base_url, post, comment):
    page.goto(post_url(base_url, post))
    assert comment_box(page).input_value() == ""
    assert open_reply(page, comment).input_value() == ""


def saved_drafts(page):
    return page.evaluate("""() => Object.keys(window.localStorage)
        .filter(key => key.startsWith("kindred-draft:"))""")


def log_in_with_the_form(page, base_url, username):
    page.goto(f"{base_url}/accounts/login/")
    page.locator("input[name=login]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("input[name=password]").press("Enter")
    assert not page.url.startswith(f"{base_url}/accounts/login/"), page.url


def log_out_with_the_header_button(page, base_url):
    with page.expect_response(lambda response: response.url == f"{base_url}/accounts/logout/"
                              and response.request.method == "POST") as logout:
        account = page.locator(".site-header summary", has_text="Account")
        if account.is_visible():  # wide screens: Log out sits in the account disclosure
            account.click()
        with page.expect_navigation():
            page.locator("header").get_by_role("button", name="Log out").click()
    page.wait_for_load_state("load")
    return logout.value


def test_after_log_out_the_next_member_finds_the_boxes_empty_and_so_does_the_first(
        context, page, base_url, post, member, june, june_comment):
    log_in(context, member, base_url)
    type_drafts(page, base_url, post, june_comment)
    # Something the page's script never touches: only the browser honouring the header
    # takes it away.
    page.evaluate("() => window.localStorage.setItem('probe', 'left by marion')")

    logout = log_out_with_the_header_button(page, base_url)
    assert logout.status == 302
    assert logout.header_value("clear-site-data") == '"storage"'
    assert page.evaluate("() => window.localStorage.getItem('probe')") is None
    assert saved_drafts(page) == []

    log_in_with_the_form(page, base_url, "june")
    page.goto(post_url(base_url, post))
    assert comment_box(page).input_value() == ""
    log_out_with_the_header_button(page, base_url)

    log_in_with_the_form(page, base_url, "marion")
    assert_boxes_empty(page, base_url, post, june_comment)


def test_where_the_browser_ignores_clear_site_data_logging_out_still_forgets_the_drafts(
        context, page, base_url, post, member, june, june_comment):
    """Plain http on a LAN address is not a secure context, and browsers ignore the header
    there: here the header is taken off the logout response on its way to the browser."""
    def without_the_header(route):
        response = route.fetch(max_redirects=0)
        headers = {name: value for name, value in response.headers.items()
                   if name.lower() != "clear-site-data"}
        route.fulfill(response=response, headers=headers)

    log_in(context, member, base_url)
    type_drafts(page, base_url, post, june_comment)
    page.route(f"{base_url}/accounts/logout/", without_the_header)
    logout = log_out_with_the_header_button(page, base_url)
    assert logout.header_value("clear-site-data") is None
    assert saved_drafts(page) == []

    log_in_with_the_form(page, base_url, "marion")
    assert_boxes_empty(page, base_url, post, june_comment)


def test_after_a_session_expires_another_member_never_sees_the_draft_but_its_author_does(
        context, page, base_url, post, member, june, june_comment):
    log_in(context, member, base_url)
    type_drafts(page, base_url, post, june_comment)

    context.clear_cookies()  # the session expired: no log-out, nothing cleared
    page.goto(post_url(base_url, post))
    assert saved_drafts(page), "a reader's page must not throw away the member's drafts"
    log_in(context, member, base_url)
    page.goto(post_url(base_url, post))
    assert comment_box(page).input_value() == COMMENT

    context.clear_cookies()
    log_in(context, june, base_url)
    assert_boxes_empty(page, base_url, post, june_comment)
    assert saved_drafts(page) == []
