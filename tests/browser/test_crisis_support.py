"""After words that suggest crisis, the helplines are the first thing the member sees: on a
long story with many comments, at desktop and phone sizes, after a comment, a reply, an
edited comment, a new post, an edited post and a private message, the crisis message is
inside the viewport, has keyboard focus (so screen readers read it), links back to their
words, and axe finds nothing. Without JavaScript the #crisis-support fragment alone brings
it into view."""

import pytest
from playwright.sync_api import expect

from tests.factories import consented

from .conftest import PASSWORD, assert_no_axe_violations, log_in

pytestmark = pytest.mark.browser

CRISIS = "Some nights I want to end my life. The hug never stops."
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}
SIZES = [pytest.param(DESKTOP, id="1280x900"), pytest.param(PHONE, id="375x740")]


@pytest.fixture
def june(transactional_db):
    from accounts.models import User

    return User.objects.create_user(username="june", email="june@example.com", password=PASSWORD,
                                    **consented())


@pytest.fixture
def long_story(member, june):
    """A story long enough, with comments enough, that the newest comment is far below the
    top of the page (where the messages are)."""
    from posts.services import create_post, post_comment

    body = "\n\n".join(f"Paragraph {n}: mornings are stiff, evenings are slow, and the hug "
                       "comes and goes with the heat." for n in range(12))
    story = create_post(author=member, title="Living with back spasticity", body=body,
                        kind="story")
    for n in range(15):
        post_comment(author=member if n % 2 else june, post=story,
                     body=f"Comment {n}: a cool flannel on the neck helps me a little.")
    return story


def open_as(new_context, base_url, user, path, viewport, *, javascript=True):
    context = new_context(viewport=viewport, java_script_enabled=javascript)
    log_in(context, user, base_url)
    page = context.new_page()
    page.goto(base_url + path)
    return page


def submit(page, form, button):
    with page.expect_navigation():
        form.get_by_role("button", name=button).click()
    page.wait_for_load_state("load")


def assert_the_helplines_come_first(page, viewport, words_anchor, *, focus=True):
    assert page.url.endswith("#crisis-support"), page.url
    message = page.locator("#crisis-support")
    assert message.count() == 1
    assert message.get_attribute("role") == "alert"
    assert "116 123" in message.inner_text()
    box = message.bounding_box()
    assert box is not None
    assert 0 <= box["y"] and box["y"] + box["height"] <= viewport["height"], box
    assert 0 <= box["x"] and box["x"] + box["width"] <= viewport["width"], box
    if focus:
        assert page.evaluate("document.activeElement.id") == "crisis-support"
    link = message.locator(f'a[href="#{words_anchor}"]')
    assert link.count() == 1 and "Go to it" in link.inner_text()
    assert page.locator(f"#{words_anchor}").count() == 1


@pytest.mark.parametrize("viewport", SIZES)
def test_a_crisis_comment_shows_the_helplines_first(new_context, base_url, long_story, june,
                                                     viewport):
    from posts.models import Comment

    page = open_as(new_context, base_url, june, f"/posts/{long_story.slug}/", viewport)
    form = page.locator("form#comment-form")
    form.get_by_label("Your comment").fill(CRISIS)
    submit(page, form, "Post comment")
    comment = Comment.objects.get(body=CRISIS)
    assert_the_helplines_come_first(page, viewport, f"comment-{comment.pk}")
    assert_no_axe_violations(page)


@pytest.mark.parametrize("viewport", SIZES)
def test_a_crisis_reply_shows_the_helplines_first(new_context, base_url, long_story, june,
                                                   viewport):
    from posts.models import Comment

    parent = Comment.objects.filter(post=long_story, author__username="marion").last()
    page = open_as(new_context, base_url, june, f"/posts/{long_story.slug}/", viewport)
    page.get_by_role("link", name="Reply to marion").last.click()
    form = page.locator(f"form#reply-{parent.pk}")
    form.get_by_label("Your reply to marion").fill(CRISIS)
    submit(page, form, "Post reply")
    reply = Comment.objects.get(body=CRISIS)
    assert reply.parent_id == parent.pk
    assert_the_helplines_come_first(page, viewport, f"comment-{reply.pk}")
    assert_no_axe_violations(page)


@pytest.mark.parametrize("viewport", SIZES)
def test_a_comment_edited_into_crisis_words_shows_the_helplines_first(
        new_context, base_url, long_story, june, viewport):
    from posts.models import Comment

    comment = Comment.objects.filter(post=long_story, author=june).last()
    page = open_as(new_context, base_url, june, f"/comments/{comment.pk}/edit/", viewport)
    form = page.locator("main form")
    form.get_by_label("Your comment").fill(CRISIS)
    submit(page, form, "Save changes")
    assert_the_helplines_come_first(page, viewport, f"comment-{comment.pk}")
    assert_no_axe_violations(page)


@pytest.mark.parametrize("viewport", SIZES)
def test_a_new_post_with_crisis_words_shows_the_helplines_first(new_context, base_url, member,
                                                                viewport):
    page = open_as(new_context, base_url, member, "/posts/new/", viewport)
    form = page.locator("main form")
    form.locator("#id_title").fill("The nights are long")
    form.locator("#id_body").fill(CRISIS)
    submit(page, form, "Publish")
    assert_the_helplines_come_first(page, viewport, "post-title")
    assert_no_axe_violations(page)


@pytest.mark.parametrize("viewport", SIZES)
def test_a_post_edited_into_crisis_words_shows_the_helplines_first(
        new_context, base_url, long_story, member, viewport):
    page = open_as(new_context, base_url, member, f"/posts/{long_story.slug}/edit/", viewport)
    form = page.locator("main form")
    form.locator("#id_body").fill(CRISIS)
    submit(page, form, "Save changes")
    assert_the_helplines_come_first(page, viewport, "post-title")
    assert_no_axe_violations(page)


@pytest.mark.parametrize("viewport", SIZES)
def test_a_private_message_with_crisis_words_shows_the_helplines_first(
        new_context, base_url, member, june, viewport):
    """A long conversation: the newest message is far below the top, yet the writer sees
    the helplines first, focused, with a link back to what they wrote."""
    from forum.conversations.models import Message
    from forum.conversations.services import reply, start_conversation

    for person in (member, june):
        person.emailaddress_set.create(email=person.email, verified=True, primary=True)
    conversation = start_conversation(sender=member, recipient_handle="june",
                                      body="How are the nights?").conversation
    for n in range(12):
        reply(sender=june if n % 2 == 0 else member, conversation=conversation,
              body=f"Message {n}: the heat makes the hug worse, so I keep a fan close by.")
    page = open_as(new_context, base_url, june, f"/messages/{conversation.pk}/", viewport)
    form = page.locator("section#reply form")
    form.get_by_label("Your message").fill(CRISIS)
    submit(page, form, "Send reply")
    message = Message.objects.get(body=CRISIS)
    assert_the_helplines_come_first(page, viewport, f"message-{message.pk}")
    assert_no_axe_violations(page)


def test_without_javascript_the_fragment_brings_the_helplines_into_view(
        new_context, base_url, long_story, june):
    page = open_as(new_context, base_url, june, f"/posts/{long_story.slug}/", PHONE,
                   javascript=False)
    form = page.locator("form#comment-form")
    form.get_by_label("Your comment").fill(CRISIS)
    submit(page, form, "Post comment")
    from posts.models import Comment

    comment = Comment.objects.get(body=CRISIS)
    assert_the_helplines_come_first(page, PHONE, f"comment-{comment.pk}", focus=False)


@pytest.mark.parametrize("viewport", [pytest.param(PHONE, id="375x740"),
                                      pytest.param({"width": 320, "height": 640}, id="320x640"),
                                      pytest.param(DESKTOP, id="1280x900")])
def test_need_help_now_is_one_tap_from_the_top_of_any_page(new_context, base_url, member,
                                                          long_story, viewport):
    """On the first screen of a long story, without opening the menu: a 44 px target that
    opens the helplines, and the keyboard reaches it right after the skip links and the
    brand."""
    page = open_as(new_context, base_url, member, f"/posts/{long_story.slug}/", viewport)
    help_now = page.get_by_role("link", name="Need help now")
    expect(help_now).to_be_visible()
    box = help_now.bounding_box()
    assert box["y"] + box["height"] <= viewport["height"]
    assert box["width"] >= 44 and box["height"] >= 44
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    page.evaluate("document.activeElement.blur()")
    for _ in range(5):  # three skip links, the brand, then help
        page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_accessible_name("Need help now")
    with page.expect_navigation():
        help_now.click()
    expect(page.locator('a[href="tel:116123"]')).to_be_visible()
    call = page.locator('a[href="tel:988"]').bounding_box()
    assert call["height"] >= 44
