"""Threaded comments in a real browser: axe finds nothing on any comment page (deep threads,
tombstones, "continue this thread", errors, edit/delete, locked posts), a keyboard-only
member replies inline, collapses replies and follows permalinks, drafts survive a reload
and go once posted, and replying works for a reader who must log in first and with no
JavaScript at all."""

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from .conftest import PASSWORD, assert_no_axe_violations, log_in
from .helpers import is_focused, switch_to_high_contrast, tab_to

pytestmark = pytest.mark.browser

POSTED = "Your comment is posted."


# -- data ------------------------------------------------------------------------------------

@pytest.fixture
def june(transactional_db):
    """A second member, so replies have someone to answer."""
    from accounts.models import User

    return User.objects.create_user(username="june", email="june@example.com", password=PASSWORD)


def comment(author, post, body, parent=None):
    from posts.services import post_comment

    return post_comment(author=author, post=post, body=body, parent=parent)


@pytest.fixture
def deep_thread(post, member, june):
    """Replies down to the nesting cap and one past it, and a tombstone holding a reply.

    marion and june take turns, so each reply answers the other person.
    """
    from posts.services import delete_comment

    assert settings.KINDRED_COMMENT_MAX_DEPTH >= 3, "the thread must be 3 levels deep"
    people = [june, member]
    chain = [comment(june, post, "Stretching in bed before I stand up helps me too.")]
    for depth in range(1, settings.KINDRED_COMMENT_MAX_DEPTH):
        chain.append(comment(people[depth % 2], post, f"Reply at depth {depth}.", chain[-1]))
    assert chain[-1].depth == settings.KINDRED_COMMENT_MAX_DEPTH - 1
    last = chain[-1]
    # One deeper than the cap: attached beside its parent, saying whom it answers.
    past_cap = comment(people[len(chain) % 2], post, "Past the cap, still readable.", last)
    assert past_cap.depth == last.depth and past_cap.reply_to_name == last.author_name

    gone = comment(member, post, "I will take this back.")
    answer = comment(june, post, "Replying before it went.", gone)
    tombstone = delete_comment(actor=member, comment=gone)
    assert tombstone is not None and tombstone.is_tombstone
    return {"chain": chain, "past_cap": past_cap, "tombstone": tombstone, "answer": answer}


@pytest.fixture
def conversation(post, member, june):
    """june's comment with one reply from marion: the smallest thread with <details>."""
    root = comment(june, post, "A cool flannel on the back of my neck helps.")
    reply = comment(member, post, "Thank you, I will try that tonight.", root)
    return root, reply


# -- helpers ---------------------------------------------------------------------------------

def post_url(base_url, post):
    return f"{base_url}/posts/{post.slug}/"






def turn_on_high_contrast(page):
    """The header's accessibility tools, as a reader would use them (no JavaScript needed)."""
    display = page.locator(".site-header summary", has_text="Display")
    if display.is_visible():  # wide screens: the tools sit behind "Display"
        display.click()
    tools = page.locator("#accessibility-tools")
    tools.get_by_label("Colours").select_option("contrast")
    with page.expect_navigation():
        tools.get_by_role("button", name="Apply").click()
    assert "contrast-high" in (page.locator("html").get_attribute("class") or "").split()


def thread_item(page, comment_id):
    return page.locator(f"li#comment-{comment_id}")


# -- 1. axe on every comment page ------------------------------------------------------------

@pytest.mark.parametrize("who", ["member", "reader"])
def test_story_with_nested_comments(new_context, base_url, post, member, deep_thread, who):
    """The thread as loaded, then again after switching to high contrast: a member with the
    header's tools, a reader with the cookie those tools leave."""
    context = new_context()
    if who == "member":
        log_in(context, member, base_url)
    page = context.new_page()
    page.goto(post_url(base_url, post))
    check_the_deep_thread(page, deep_thread, who)
    assert_no_axe_violations(page, "in normal contrast")
    if who == "member":
        turn_on_high_contrast(page)
    else:
        switch_to_high_contrast(page, base_url)
    check_the_deep_thread(page, deep_thread, who)
    assert_no_axe_violations(page, "in high contrast")


def check_the_deep_thread(page, deep_thread, who):

    chain = deep_thread["chain"]
    # Each reply sits in an <ol> inside the <li> of the comment it answers.
    for parent, child in zip(chain, chain[1:], strict=False):
        assert thread_item(page, parent.pk).locator(f"ol > li#comment-{child.pk}").count() == 1
    cap = f"depth-{settings.KINDRED_COMMENT_MAX_DEPTH - 1}"
    assert cap in thread_item(page, chain[-1].pk).get_attribute("class").split()
    # One past the cap: beside the comment it answers, saying whom it answers.
    past_cap_id = deep_thread["past_cap"].pk
    past_cap = thread_item(page, past_cap_id)
    assert cap in past_cap.get_attribute("class").split()
    assert thread_item(page, chain[-2].pk).locator(f"ol > li#comment-{past_cap_id}").count() == 1
    assert past_cap.locator(".replying-to").inner_text() == f"replying to @{chain[-1].author_name}"
    tombstone = thread_item(page, deep_thread["tombstone"].pk)
    assert tombstone.locator(".tombstone").first.inner_text() == "Comment deleted by its author."
    assert tombstone.locator(f"li#comment-{deep_thread['answer'].pk}").count() == 1
    if who == "member":
        assert page.locator("form#comment-form").count() == 1
        assert page.get_by_role("link", name="Edit your comment",
                                include_hidden=True).count() >= 1


def test_story_with_a_reply_box_open(context, page, base_url, post, member, deep_thread):
    """The server-rendered reply box (?reply=<id>, the no-JavaScript path) in a deep thread."""
    log_in(context, member, base_url)
    target = deep_thread["chain"][-1]
    page.goto(f"{post_url(base_url, post)}?reply={target.pk}#reply-{target.pk}")
    assert page.get_by_label(f"Your reply to {target.author_name}").count() == 1
    assert_no_axe_violations(page)


def test_continue_this_thread_page(context, page, base_url, post, member, june):
    log_in(context, member, base_url)
    root = comment(june, post, "What do you all do when the hug starts at night?")
    replies = settings.KINDRED_REPLIES_SHOWN + 2
    for number in range(replies):
        comment(member, post, f"Idea number {number + 1}: a warm wheat bag.", root)
    page.goto(post_url(base_url, post))

    more = page.get_by_role("link", name="Show 2 more replies to june")
    assert more.count() == 1
    with page.expect_navigation():
        more.click()

    assert page.url == f"{base_url}/comments/{root.pk}/thread/"
    assert page.locator("h1").inner_text() == "Continue this thread"
    assert page.locator(f"li#comment-{root.pk} > details ol > li").count() == replies
    assert_no_axe_violations(page)


def test_comment_error_page(context, page, base_url, post, member):
    log_in(context, member, base_url)
    page.goto(post_url(base_url, post))
    form = page.locator("form#comment-form")
    # Only spaces: the browser's "required" check lets it through, the server refuses it.
    form.locator("#id_body").fill("   ")
    with page.expect_navigation():
        form.get_by_role("button", name="Post comment").click()

    assert page.locator("h1").inner_text() == "Your comment was not posted yet"
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    assert summary.get_by_role("link").count() == 1
    assert_no_axe_violations(page)


def test_comment_edit_page(context, page, base_url, post, member):
    log_in(context, member, base_url)
    mine = comment(member, post, "Heat makes my legs **heavy**.")
    response = page.goto(f"{base_url}/comments/{mine.pk}/edit/")
    assert response.status == 200
    assert page.get_by_label("Your comment").input_value() == mine.body
    assert_no_axe_violations(page)


def test_comment_delete_confirmation(context, page, base_url, post, member, june):
    log_in(context, member, base_url)
    mine = comment(member, post, "Heat makes my legs **heavy**.")
    comment(june, post, "Mine too, especially in July.", mine)
    response = page.goto(f"{base_url}/comments/{mine.pk}/delete/")
    assert response.status == 200
    assert page.get_by_role("button", name="Yes, delete it").count() == 1
    assert_no_axe_violations(page)


def test_locked_post(context, page, base_url, post, member, conversation):
    from tests.factories import lock

    lock(post)
    log_in(context, member, base_url)
    page.goto(post_url(base_url, post))

    notice = page.locator("#comments .notice")
    assert notice.inner_text().startswith("This post is locked.")
    assert page.locator("form#comment-form").count() == 0
    assert page.locator("#comments textarea").count() == 0
    assert page.locator("a.reply-link").count() == 0
    expect(thread_item(page, conversation[1].pk)).to_be_visible()
    assert_no_axe_violations(page)


def too_small_targets(page, selector):
    """Controls matching ``selector`` smaller than 44 by 44 CSS pixels (the site's minimum)."""
    matches = page.locator(selector)
    assert matches.count() >= 1, f"nothing on {page.url} matches {selector!r}"
    small = []
    for index in range(matches.count()):
        box = matches.nth(index).bounding_box()
        if box["width"] < 44 or box["height"] < 44:
            small.append((selector, matches.nth(index).inner_text(), box["width"], box["height"]))
    return small


def test_comment_controls_are_44px_targets(context, page, base_url, post, member, june):
    log_in(context, member, base_url)
    root = comment(june, post, "What do you all do when the hug starts at night?")
    mine = [comment(member, post, f"Idea number {n}: a warm wheat bag.", root)
            for n in range(1, settings.KINDRED_REPLIES_SHOWN + 2)]
    small = []

    page.goto(f"{post_url(base_url, post)}?reply={root.pk}#reply-{root.pk}")
    page.evaluate("document.querySelectorAll('details[data-more]').forEach(d => {"
                  "d.removeAttribute('data-more'); d.open = true; })")
    # The reaction buttons sit behind each comment's "React" (a <details>): open them all.
    page.evaluate("document.querySelectorAll('details.react-menu').forEach(d => d.open = true)")
    for selector in [
        ".react-menu > summary",
        "a.reply-link", ".comment-actions a", ".comment-actions button", ".more-menu > summary",
        "details.replies > summary", ".more-replies a",
        ".sort a", f"#reply-{root.pk} button", f"#reply-{root.pk} .buttons a",
        "#comment-form button",
    ]:
        small += too_small_targets(page, selector)

    page.goto(post_url(base_url, post))  # the inline box, opened by script
    thread_item(page, mine[0].pk).locator("a.reply-link").click()
    small += too_small_targets(page, f"#reply-{mine[0].pk} button")

    for path in [f"/comments/{mine[0].pk}/edit/", f"/comments/{mine[0].pk}/delete/"]:
        page.goto(base_url + path)
        small += too_small_targets(page, "main .buttons a")
        small += too_small_targets(page, "main .buttons button")
    assert not small, small


# -- 2. keyboard only, JavaScript on --------------------------------------------------------

def test_keyboard_only_inline_reply(context, page, base_url, post, member, conversation):
    from posts.models import Comment

    root, _ = conversation
    log_in(context, member, base_url)
    page.goto(post_url(base_url, post))

    reply_link = page.get_by_role("link", name="Reply to june", exact=True)
    tab_to(page, reply_link, "“Reply to june”")
    page.keyboard.press("Enter")

    form = thread_item(page, root.pk).locator(f"form#reply-{root.pk}")
    form.wait_for()
    box = page.get_by_label("Your reply to june", exact=True)
    assert box.count() == 1
    assert is_focused(box), "focus did not move into the reply box"
    assert form.locator("textarea").evaluate("(el) => el === document.activeElement")
    # Under that comment: inside its <li>, not a nested reply's.
    assert form.evaluate(
        "(form, id) => form.closest('li.comment').id === id", f"comment-{root.pk}"
    )
    assert page.url == post_url(base_url, post), "the reply box opened by loading a page"
    assert_no_axe_violations(page)

    text = "Keyboard only: the flannel works for me as well."
    page.keyboard.type(text)
    page.keyboard.press("Tab")
    assert is_focused(form.get_by_role("button", name="Post reply"))
    with page.expect_navigation():
        page.keyboard.press("Enter")

    new = Comment.objects.get(body=text)
    assert new.parent_id == root.pk
    page.wait_for_url(re.compile(re.escape(post_url(base_url, post)) + rf"#comment-{new.pk}$"))
    assert thread_item(page, root.pk).locator(f"ol li#comment-{new.pk}").count() == 1
    assert thread_item(page, new.pk).locator(".prose").inner_text() == text
    expect(page.locator(".messages").get_by_text(POSTED)).to_be_visible()
    # Focus lands on the new reply and screen readers hear the confirmation.
    page.wait_for_function(
        "id => document.activeElement === document.querySelector(`#${id} > article`)",
        arg=f"comment-{new.pk}", timeout=5000,
    )
    page.wait_for_function(
        "text => document.getElementById('comment-announcer').textContent === text", arg=POSTED
    )


def test_keyboard_reply_on_the_continue_this_thread_page(context, page, base_url, post, member,
                                                        june):
    """The Reply links on "Continue this thread" open a reply box too (JavaScript on)."""
    from posts.models import Comment

    root = comment(june, post, "What do you all do when the hug starts at night?")
    replies = [comment(member, post, f"Idea number {n}: a warm wheat bag.", root)
               for n in range(1, settings.KINDRED_REPLIES_SHOWN + 2)]
    folded = replies[-1]  # only on the continue page
    log_in(context, member, base_url)
    page.goto(f"{base_url}/comments/{root.pk}/thread/")

    reply_link = thread_item(page, folded.pk).get_by_role("link", name="Reply to marion")
    tab_to(page, reply_link, "“Reply to marion” under the folded reply")
    page.keyboard.press("Enter")

    form = page.locator(f"form#reply-{folded.pk}")
    form.wait_for(timeout=5000)
    assert thread_item(page, folded.pk).locator(f"form#reply-{folded.pk}").count() == 1
    box = form.get_by_label("Your reply to marion", exact=True)
    # The box came with a page load (no inline box here): the caret is in it all the same,
    # and stays there once the page has loaded and scrolled to it.
    page.wait_for_load_state("load")
    expect(box).to_be_focused()
    text = "And a hot water bottle for the feet."
    page.keyboard.type(text)
    page.keyboard.press("Tab")
    assert is_focused(form.get_by_role("button", name="Post reply"))
    with page.expect_navigation():
        page.keyboard.press("Enter")

    new = Comment.objects.get(body=text)
    assert new.parent_id == folded.pk
    page.wait_for_url(re.compile(rf".*#comment-{new.pk}$"))
    assert thread_item(page, folded.pk).locator(f"ol li#comment-{new.pk}").count() == 1
    expect(page.locator(".messages").get_by_text(POSTED)).to_be_visible()


def test_keyboard_collapses_and_expands_replies(
    context, page, base_url, post, member, conversation
):
    root, reply = conversation
    log_in(context, member, base_url)
    page.goto(post_url(base_url, post))
    details = thread_item(page, root.pk).locator("details.replies").first
    summary = details.locator("> summary")
    assert summary.inner_text() == "1 reply to june"
    assert details.evaluate("el => el.open")
    reply_item = thread_item(page, reply.pk)
    expect(reply_item).to_be_visible()

    tab_to(page, summary, "the “1 reply to june” summary")
    page.keyboard.press("Enter")
    page.wait_for_function("el => !el.open", arg=details.element_handle())
    assert details.get_attribute("open") is None
    assert reply_item.is_hidden()

    page.keyboard.press("Space")
    page.wait_for_function("el => el.open", arg=details.element_handle())
    expect(reply_item).to_be_visible()

    page.keyboard.press("Enter")
    page.wait_for_function("el => !el.open", arg=details.element_handle())
    assert reply_item.is_hidden()


def test_keyboard_follows_a_permalink(context, page, base_url, post, member, conversation):
    root, reply = conversation
    log_in(context, member, base_url)
    page.goto(post_url(base_url, post))
    for item in conversation:
        link = thread_item(page, item.pk).locator("article a.permalink").first
        assert link.get_attribute("href") == f"/comments/{item.pk}/"

    permalink = thread_item(page, reply.pk).locator("article a.permalink").first
    tab_to(page, permalink, "the time of marion’s reply")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    page.wait_for_url(f"{post_url(base_url, post)}#comment-{reply.pk}")
    assert page.evaluate("location.hash") == f"#comment-{reply.pk}"
    expect(thread_item(page, reply.pk)).to_be_visible()


# -- 3. drafts -------------------------------------------------------------------------------

def test_comment_draft_survives_reload_and_goes_once_posted(context, page, base_url, post, member):
    from posts.models import Comment

    log_in(context, member, base_url)
    page.goto(post_url(base_url, post))
    box = page.locator("form#comment-form #id_body")
    text = "Half-written: my physio says the morning stretches"
    box.click()
    page.keyboard.type(text)

    page.reload()
    box = page.locator("form#comment-form #id_body")
    assert box.input_value() == text
    assert page.evaluate("() => Object.keys(window.localStorage)") == [
        f"kindred-draft:{page.locator('body').get_attribute('data-draft-owner')}:{post.pk}:0"]

    box.click()
    page.keyboard.type(" are worth it.")
    with page.expect_navigation():
        page.locator("form#comment-form").get_by_role("button", name="Post comment").click()
    expect(page.locator(".messages").get_by_text(POSTED)).to_be_visible()
    assert Comment.objects.filter(post=post, body=text + " are worth it.").exists()
    # What was just posted does not come back into the box, now or after a reload.
    assert page.locator("form#comment-form #id_body").input_value() == ""

    page.reload()
    assert page.locator("form#comment-form #id_body").input_value() == ""
    owner = page.locator("body").get_attribute("data-draft-owner")
    assert owner and owner != "anon"
    assert page.evaluate(
        "key => window.localStorage.getItem(key)", f"kindred-draft:{owner}:{post.pk}:0"
    ) is None


# -- 4. a reader logs in to reply ------------------------------------------------------------

# -- 5. no JavaScript at all ------------------------------------------------------------------

def test_member_replies_without_javascript(new_context, base_url, post, member, conversation):
    from posts.models import Comment

    root, _ = conversation
    context = new_context(java_script_enabled=False)
    log_in(context, member, base_url)
    page = context.new_page()
    page.goto(post_url(base_url, post))

    reply_link = page.get_by_role("link", name="Reply to june", exact=True)
    assert reply_link.get_attribute("href") == f"?reply={root.pk}#reply-{root.pk}"
    with page.expect_navigation():
        reply_link.click()
    assert f"?reply={root.pk}" in page.url
    form = thread_item(page, root.pk).locator(f"form#reply-{root.pk}")
    assert form.count() == 1

    text = "No script needed: I use a cooling towel."
    form.get_by_label("Your reply to june", exact=True).fill(text)
    with page.expect_navigation():
        form.get_by_role("button", name="Post reply").click()

    new = Comment.objects.get(body=text)
    assert new.parent_id == root.pk and new.depth == root.depth + 1
    assert page.url.endswith(f"#comment-{new.pk}")
    assert thread_item(page, root.pk).locator(f"ol li#comment-{new.pk}").count() == 1
    expect(page.locator(".messages").get_by_text(POSTED)).to_be_visible()
    assert page.locator(f"form#reply-{root.pk}").count() == 0
