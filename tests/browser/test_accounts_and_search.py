"""Accounts, settings, profiles, polls, reactions, bookmarks and search in a real browser.

axe finds nothing, in normal and high-contrast mode, on the sign-up, log-in and password
pages, every settings page (also with a validation error and after a wrong password), a
member's profile, the bookmarks page, the search page (empty, with results, with none, and
refusing a query that is too long), a story with a poll (before and after answering) and
reactions, the who-reacted pages, and the write form once the personal-information guard has
asked. The reading fonts and wider spacing are checked on the home page, and the stand-alone
controls on these pages are 44 px targets. Then the accounts journey: sign up,
choose large text and high contrast, find them on another device, hide the profile, download
the data and leave, with the words left behind still readable under "former member". Last,
keyboard-only members answer a poll, send a hug, save a comment, and a reader searches.
"""

import json
import re

import pytest
from playwright.sync_api import expect

from .conftest import assert_no_axe_violations, log_in
from .helpers import (
    assert_no_axe_violations_in_both_contrasts,
    html_classes,
    is_focused,
    tab_to,
    visit,
)

pytestmark = pytest.mark.browser

CONTRASTS = ["default", "high"]
HUG_STORY = "The squeeze around my ribs woke me at three again"
POLL_QUESTION = "What helps you most when the hug starts?"
POLL_CHOICES = ["A warm wheat bag", "Slow breathing", "Loose clothes"]
COMMENT = "A wheat bag on my back helps me, and slow breathing through it."
PHONE_BODY = "If anyone local wants to talk, call me on 07700 900123 in the evenings."


# -- data ------------------------------------------------------------------------------------

def make_member(username, **fields):
    from tests.factories import make_user

    return make_user(username, **fields)


def password():
    from tests.factories import PASSWORD

    return PASSWORD


def symptom(slug):
    from posts.models import Symptom

    return Symptom.objects.get(slug=slug, is_curated=True)


@pytest.fixture
def june(transactional_db):
    """She writes the story with the poll."""
    return make_member("june", bio="Diagnosed in 2016. Gardener, slowly.")


@pytest.fixture
def rowan(transactional_db):
    """The member who reads, answers, reacts and saves."""
    return make_member("rowan")


@pytest.fixture
def hug_story(june):
    """A story tagged MS hug whose words never say "banding" (search finds it by the
    symptom's synonym), with a poll."""
    from posts.services import create_post, set_poll

    story = create_post(
        author=june, title=HUG_STORY,
        body="It starts under my ribs after dinner and squeezes until I can barely breathe.",
        kind="story", symptoms=[symptom("ms-hug")])
    set_poll(author=june, post=story, question=POLL_QUESTION, choices=POLL_CHOICES)
    return story


@pytest.fixture
def other_story(june):
    from posts.services import create_post

    return create_post(author=june, title="Morning stretches for a stiff back",
                       body="Ten minutes before I stand up, every day.",
                       symptoms=[symptom("back-spasticity")])


@pytest.fixture
def hug_comment(hug_story, rowan):
    from posts.services import post_comment

    return post_comment(author=rowan, post=hug_story, body=COMMENT)


@pytest.fixture
def june_comment(hug_story, june, hug_comment):
    """june's reply to rowan: the comment rowan hugs and saves in the keyboard tests."""
    from posts.services import post_comment

    return post_comment(author=june, post=hug_story, parent=hug_comment,
                        body="Thank you, I will try the breathing tonight.")


@pytest.fixture
def reactions(hug_story, june, rowan, hug_comment):
    from posts.services import toggle_reaction

    toggle_reaction(user=rowan, post=hug_story, kind="hug")
    toggle_reaction(user=rowan, post=hug_story, kind="me_too")
    toggle_reaction(user=june, post=hug_story, comment=hug_comment, kind="helpful")


# -- helpers ---------------------------------------------------------------------------------





def h1(page):
    return " ".join(page.locator("h1").inner_text().split())


def submit(page, button):
    with page.expect_navigation():
        button.click()


def message(page):
    return page.locator(".messages")










def comment_article(page, comment):
    """The comment itself, without the replies nested under it."""
    return page.locator(f"li#comment-{comment.pk} > article")


# -- 1. axe: account pages -------------------------------------------------------------------

@pytest.mark.parametrize(("path", "heading"), [
    ("/accounts/signup/", "Join Kindred"),
    ("/accounts/login/", "Log in"),
    ("/accounts/password/reset/", "Reset your password"),
])
def test_account_pages_for_readers(new_context, base_url, path, heading):
    page = visit(new_context, base_url, path)
    assert h1(page) == heading
    if path == "/accounts/login/":
        assert page.get_by_label("Remember Me").count() == 1
    assert_no_axe_violations_in_both_contrasts(page, base_url)


@pytest.mark.parametrize(("path", "heading"), [
    ("/accounts/email/", "Email Addresses"),
    ("/accounts/password/change/", "Change Password"),
    ("/settings/", "Settings"),
    ("/settings/profile/", "Your profile"),
    ("/settings/privacy/", "Privacy"),
    ("/settings/notifications/", "Notification settings"),
    ("/settings/accessibility/", "Accessibility settings"),
    ("/settings/export/", "Download your data"),
    ("/settings/delete/", "Delete your account"),
])
def test_member_settings_pages(new_context, base_url, rowan, path, heading):
    page = visit(new_context, base_url, path, user=rowan)
    assert h1(page) == heading
    assert_no_axe_violations_in_both_contrasts(page, base_url, user=rowan)


@pytest.mark.parametrize("contrast", CONTRASTS)
def test_profile_settings_with_a_validation_error(new_context, base_url, rowan, contrast):
    page = visit(new_context, base_url, "/settings/profile/", user=rowan, contrast=contrast)
    page.get_by_label("Year of diagnosis (optional)").fill("2099")
    with page.expect_navigation() as navigation:
        page.locator("main").get_by_role("button", name="Save").click()
    assert navigation.value.status == 400
    summary = page.locator("#error-summary")
    assert summary.get_by_role("link", name=re.compile("That year is still to come")).count() \
        == 1
    assert page.locator(".field.has-error .errors").inner_text() == "That year is still to come."
    assert_no_axe_violations(page)


@pytest.mark.parametrize("contrast", CONTRASTS)
def test_delete_page_after_a_wrong_password(new_context, base_url, rowan, contrast):
    from accounts.models import User

    page = visit(new_context, base_url, "/settings/delete/", user=rowan, contrast=contrast)
    page.get_by_role("radio", name=re.compile("^Keep my posts and comments")).check()
    page.get_by_label("Your password, to confirm").fill("not-my-password")
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Delete my account").click()
    assert navigation.value.status == 403  # a wrong password: not allowed, form kept
    assert page.get_by_role("alert").inner_text() == \
        "That password is not right. Nothing was deleted."
    assert User.objects.filter(pk=rowan.pk).exists()
    assert_no_axe_violations(page)


@pytest.mark.parametrize("who", ["reader", "member"])
def test_profile_page_with_posts_and_comments(new_context, base_url, june, rowan, hug_story,
                                              other_story, hug_comment, who):
    from posts.services import post_comment

    post_comment(author=june, post=hug_story, parent=hug_comment, body="Thank you, Rowan.")
    viewer = rowan if who == "member" else None
    page = visit(new_context, base_url, "/u/june/", user=viewer)
    assert h1(page) == "june"
    posts = page.get_by_role("region", name="Posts")
    assert sorted(posts.locator("article.post-summary h3").all_inner_texts()) == \
        sorted([HUG_STORY, other_story.title])
    comments = page.get_by_role("region", name="Recent comments")
    assert comments.get_by_role("link", name=f"On “{HUG_STORY}”").count() == 1
    assert_no_axe_violations_in_both_contrasts(page, base_url, user=viewer)


# -- 1. axe: bookmarks, search, polls and reactions, the guard -------------------------------

def test_bookmarks_with_a_saved_post_and_a_saved_comment(new_context, base_url, june, rowan,
                                                         other_story, june_comment):
    from posts.services import toggle_bookmark

    toggle_bookmark(user=rowan, post=other_story)
    toggle_bookmark(user=rowan, post=june_comment.post, comment=june_comment)
    page = visit(new_context, base_url, "/bookmarks/", user=rowan)
    saved = page.locator("ol.bookmarks > li")
    assert saved.count() == 2
    assert page.get_by_role("link", name=other_story.title).count() == 1
    assert page.get_by_role("link", name=f"A comment by june on “{HUG_STORY}”").count() == 1
    assert_no_axe_violations_in_both_contrasts(page, base_url, user=rowan)


@pytest.mark.parametrize("case", ["empty", "results", "no results", "too long"])
def test_search_page(new_context, base_url, rowan, hug_story, other_story, case):
    from posts.services import post_comment

    # A comment that says the word: its post comes back with the word highlighted.
    post_comment(author=rowan, post=other_story, body="The banding eased after stretching.")
    query = {"empty": None, "results": "banding", "no results": "trampoline",
             "too long": "hug " * 60}[case]
    path = "/search/" if query is None else f"/search/?q={query.strip().replace(' ', '+')}"
    status = 400 if case == "too long" else 200
    page = visit(new_context, base_url, path, status=status)
    assert page.get_by_role("search").get_by_label(
        "Search stories, questions and comments").count() == 1
    results = page.locator("article.post-summary h3")
    if case == "results":
        # Posts tagged with the symptom "banding" names come first (posts/search_ranking.py),
        # then posts whose words (here a comment) match.
        assert results.all_inner_texts() == [HUG_STORY, other_story.title]
        assert page.locator("#results-heading").inner_text() == "2 results for “banding”"
        assert page.locator(".snippet mark").all_inner_texts() == ["banding"]
    elif case == "no results":
        assert results.count() == 0
        assert page.get_by_text("Nothing found.").count() == 1
    elif case == "too long":
        assert page.get_by_role("alert").inner_text() == \
            "Please keep your search under 200 characters."
    else:
        assert page.locator("#results-heading").count() == 0
    assert_no_axe_violations_in_both_contrasts(page, base_url, status=status)


@pytest.mark.parametrize("moment", ["reader", "before voting", "after voting"])
def test_story_with_a_poll_and_reactions(new_context, base_url, rowan, hug_story, reactions,
                                         moment):
    viewer = None if moment == "reader" else rowan
    page = visit(new_context, base_url, f"/posts/{hug_story.slug}/", user=viewer)
    poll = page.locator("#poll")
    if moment == "reader":
        assert poll.get_by_role("link", name="Log in to answer the poll").count() == 1
        assert "Sending a hug: 1" in page.locator("#reactions").inner_text()
    else:
        reaction_bar = page.locator("#reactions")
        reaction_bar.locator("details.post-react > summary").click()  # React, under the post
        assert reaction_bar.get_by_role("button", name=re.compile("^Sending a hug")) \
            .get_attribute("aria-pressed") == "true"
        group = poll.get_by_role("group", name=POLL_QUESTION)
        assert group.get_by_role("radio").count() == len(POLL_CHOICES)
    if moment == "after voting":
        poll.get_by_role("radio", name="Slow breathing").check()
        submit(page, poll.get_by_role("button", name="Answer"))
        expect(message(page).get_by_text("Thank you, your answer is counted.")).to_be_visible()
        results = page.locator("#poll .poll-results li")
        assert results.filter(has_text="(your answer)").inner_text().startswith(
            "Slow breathing")
        assert page.locator("#poll").get_by_role("button", name="Change my answer").count() == 1
    assert_no_axe_violations_in_both_contrasts(page, base_url, user=viewer)


@pytest.mark.parametrize("contrast", CONTRASTS)
def test_write_form_after_the_personal_information_guard(new_context, base_url, rowan,
                                                         contrast):
    from posts.models import Post

    page = visit(new_context, base_url, "/posts/new/", user=rowan, contrast=contrast)
    page.get_by_label("Title").fill("Anyone near Leeds?")
    page.get_by_label("Body").fill(PHONE_BODY)
    submit(page, page.get_by_role("button", name="Publish"))

    check = page.locator("#personal-info-check")
    expect(check.get_by_role("heading", name="Before you share this")).to_be_visible()
    assert "a phone number" in check.inner_text()
    confirm = check.get_by_role("checkbox", name="Yes, I want to share these details publicly")
    assert not confirm.is_checked()
    assert page.get_by_label("Body").input_value() == PHONE_BODY  # nothing typed is lost
    assert not Post.objects.exists()
    assert_no_axe_violations(page)

    confirm.check()
    submit(page, page.get_by_role("button", name="Publish"))
    assert h1(page) == "Anyone near Leeds?"


@pytest.mark.parametrize(("font", "family"), [("dyslexic", "OpenDyslexic"),
                                              ("plain", "Atkinson Hyperlegible")])
def test_reading_font_and_wide_spacing_on_the_home_page(new_context, base_url, hug_story,
                                                        font, family):
    context = new_context()
    context.add_cookies([{"name": "kindred_a11y", "value": f"100:0:{font}:1:0",
                          "url": base_url}])
    page = context.new_page()
    page.goto(base_url + "/")
    assert {f"font-{font}", "spacing-wide"} <= set(html_classes(page))
    body_font = page.evaluate("() => getComputedStyle(document.body).fontFamily")
    assert family in body_font, body_font
    # The font file itself arrives (the CSP allows it and the path is right), not a fallback.
    loaded = page.evaluate(
        """async family => {
            await document.fonts.ready;
            return [...document.fonts].some(
                face => face.family.replaceAll('"', '') === family && face.status === "loaded");
        }""", family)
    assert loaded, f"{family} did not load"
    letter_spacing = page.evaluate("() => getComputedStyle(document.body).letterSpacing")
    assert letter_spacing not in ("normal", "0px"), letter_spacing
    assert_no_axe_violations(page)


@pytest.mark.parametrize("target", ["post", "comment"])
def test_who_reacted_pages(new_context, base_url, june, hug_story, hug_comment, reactions,
                           target):
    path = (f"/posts/{hug_story.slug}/reactions/" if target == "post"
            else f"/comments/{hug_comment.pk}/reactions/")
    page = visit(new_context, base_url, path, user=june)
    people = page.locator("main").get_by_role("link", name="rowan")
    assert people.count() == (2 if target == "post" else 0)
    if target == "comment":
        assert page.get_by_role("heading", name="Helpful (1)").count() == 1
        assert page.locator("main").get_by_role("link", name="june").count() == 1
    assert_no_axe_violations_in_both_contrasts(page, base_url, user=june)


def too_small_targets(page, selector):
    """Controls matching ``selector`` smaller than 44 by 44 CSS pixels (the site's minimum)."""
    matches = page.locator(selector)
    assert matches.count() >= 1, f"nothing on {page.url} matches {selector!r}"
    small = []
    for index in range(matches.count()):
        box = matches.nth(index).bounding_box()
        if box["width"] < 44 or box["height"] < 44:
            small.append((page.url, selector, matches.nth(index).inner_text(),
                          box["width"], box["height"]))
    return small


def test_account_and_community_controls_are_44px_targets(new_context, base_url, june, rowan,
                                                         hug_story, other_story, june_comment,
                                                         reactions):
    """Stand-alone links and buttons on these pages, not links inside a sentence."""
    from posts.services import toggle_bookmark

    toggle_bookmark(user=rowan, post=other_story)
    toggle_bookmark(user=rowan, post=hug_story, comment=june_comment)
    checks = {
        "/settings/": [".settings-list a"],
        "/settings/privacy/": ["main .choice", "main .buttons button", "main .buttons a"],
        "/settings/export/": ["main form button"],
        "/settings/delete/": ["main .choice", "main .buttons button", "main .buttons a"],
        "/u/june/": [".profile-comments > li > a", "article.post-summary h3 a"],
        "/bookmarks/": ["ol.bookmarks > li > a"],
        f"/posts/{hug_story.slug}/": [
            "#poll .choice", "#poll button", "#reactions button", "#reactions a",
            "#comments .react-menu > summary", ".comment-actions button",
        ],
        f"/posts/{hug_story.slug}/reactions/": ["main a"],
        "/search/?q=banding": ["form[role=search] button", "article.post-summary h3 a"],
    }
    page = visit(new_context, base_url, "/settings/", user=rowan)
    small = []
    for path, selectors in checks.items():
        page.goto(base_url + path)
        # Save sits behind "More" and the reaction buttons behind "React" under each
        # comment: open them all to measure.
        page.evaluate("document.querySelectorAll('details[data-more]').forEach(d => {"
                      "d.removeAttribute('data-more'); d.open = true; })")
        page.evaluate("document.querySelectorAll('details.react-menu, details.action-menu')"
                      ".forEach(d => d.open = true)")
        for selector in selectors:
            small += too_small_targets(page, selector)
    assert not small, small


# -- 2. the accounts journey -----------------------------------------------------------------

def test_newcomer_signs_up_sets_display_hides_exports_and_leaves(new_context, base_url, june,
                                                                 other_story):
    from accounts.models import User
    from posts.models import Comment, Post
    from posts.services import post_comment

    handle, secret = "newcomer", "slow-mornings-and-warm-tea-7"

    # Sign up; email verification is optional in tests, so they are logged in at once.
    laptop = new_context().new_page()
    laptop.goto(f"{base_url}/accounts/signup/")
    laptop.get_by_label("Username").fill(handle)
    laptop.get_by_label("Email").fill("newcomer@example.org")
    laptop.get_by_label("Password", exact=True).fill(secret)
    laptop.get_by_label("Password (again)").fill(secret)
    laptop.get_by_label("I agree that Kindred holds the health information").check()
    laptop.get_by_label("I am 16 or older").check()
    submit(laptop, laptop.get_by_role("button", name="Join"))
    laptop.locator(".site-header summary", has_text="Account").click()  # wide: Settings is in it
    expect(laptop.get_by_role("link", name=f"Settings for {handle}")).to_have_count(1)
    newcomer = User.objects.get(username=handle)

    # They comment on june's story, june replies, and they write a story of their own.
    laptop.goto(f"{base_url}/posts/{other_story.slug}/")
    form = laptop.locator("form#comment-form")
    form.get_by_label("Your comment").fill("Stretching in bed before standing helps me too.")
    submit(laptop, form.get_by_role("button", name="Post comment"))
    mine = Comment.objects.get(author=newcomer)
    post_comment(author=june, post=other_story, parent=mine, body="Glad it is not just me!")
    laptop.goto(f"{base_url}/posts/new/")
    laptop.get_by_label("Title").fill("My first week after diagnosis")
    laptop.get_by_label("Body").fill("Everything is new and I am tired, but people are kind.")
    submit(laptop, laptop.get_by_role("button", name="Publish"))
    assert h1(laptop) == "My first week after diagnosis"
    own_story = Post.objects.get(author=newcomer)

    # Largest text and high contrast, chosen on the accessibility settings page.
    laptop.goto(f"{base_url}/settings/accessibility/")
    settings = laptop.locator("main form")
    settings.get_by_label("Text size").select_option(label="Largest (200%)")
    settings.get_by_label("High contrast (black on white, 7:1 or more)").check()
    submit(laptop, settings.get_by_role("button", name="Save"))
    assert {"text-200", "contrast-high"} <= set(html_classes(laptop))
    saved = User.objects.get(pk=newcomer.pk)
    assert (saved.text_size, saved.theme) == (200, "contrast")

    # On another device they log in (remembered) and find the same display.
    phone = new_context().new_page()
    phone.goto(f"{base_url}/accounts/login/")
    assert "contrast-high" not in html_classes(phone)
    phone.get_by_label("Login").fill(handle)
    phone.get_by_label("Password", exact=True).fill(secret)
    phone.get_by_label("Remember Me").check()
    submit(phone, phone.get_by_role("button", name="Log in"))
    # At 200 % text the navigation sits behind "Menu" on every screen.
    phone.locator(".menu-toggle").click()
    expect(phone.get_by_role("link", name=f"Settings for {handle}")).to_have_count(1)
    assert {"text-200", "contrast-high"} <= set(html_classes(phone))
    remembered = [c for c in phone.context.cookies() if c["name"] == "sessionid"]
    assert remembered and remembered[0]["expires"] > 0  # not a browser-session cookie

    # They hide their profile: another member gets "not found", they still see it.
    phone.goto(f"{base_url}/settings/privacy/")
    phone.get_by_role("radio", name=re.compile("^Hidden")).check()
    submit(phone, phone.locator("main").get_by_role("button", name="Save"))
    expect(message(phone).get_by_text("Your privacy choice is saved.")).to_be_visible()
    assert User.objects.get(pk=newcomer.pk).profile_visibility == "hidden"
    visit(new_context, base_url, f"/u/{handle}/", user=june, status=404)
    story_for_june = visit(new_context, base_url, f"/posts/{other_story.slug}/", user=june)
    byline = comment_article(story_for_june, mine).locator(".comment-meta .author")
    assert byline.inner_text() == handle and byline.get_by_role("link").count() == 0
    assert phone.goto(f"{base_url}/u/{handle}/").status == 200

    # They download their data.
    phone.goto(f"{base_url}/settings/export/")
    with phone.expect_download() as download_info:
        phone.get_by_role("button", name="Download my data").click()
    download = download_info.value
    assert re.fullmatch(rf"kindred-{handle}-\d{{8}}\.json", download.suggested_filename)
    with open(download.path(), encoding="utf-8") as exported:
        data = json.load(exported)
    assert data["profile"]["username"] == handle
    assert data["profile"]["text_size"] == 200 and data["profile"]["theme"] == "contrast"
    assert [post["title"] for post in data["posts"]] == ["My first week after diagnosis"]
    assert [c["body"] for c in data["comments"]] == [
        "Stretching in bed before standing helps me too."]

    # They delete their account, keeping their words under "former member".
    phone.goto(f"{base_url}/settings/delete/")
    phone.get_by_role("radio", name=re.compile("^Keep my posts and comments")).check()
    phone.get_by_label("Your password, to confirm").fill(secret)
    submit(phone, phone.get_by_role("button", name="Delete my account"))
    expect(message(phone).get_by_text(re.compile("^Your account is deleted"))).to_be_visible()
    assert phone.get_by_role("link", name="Log in", include_hidden=True).count() == 1
    assert not User.objects.filter(username=handle).exists()
    # Logged out everywhere: the laptop's session is gone too.
    laptop.reload()
    assert laptop.get_by_role("link", name="Log in", include_hidden=True).count() == 1

    # A reader finds the thread still coherent.
    reader = visit(new_context, base_url, f"/posts/{other_story.slug}/")
    comment = comment_article(reader, mine)
    assert comment.locator(".comment-meta .author").inner_text() == "former member"
    assert comment.locator(".author a").count() == 0  # no profile to link to
    assert comment.locator(".prose").inner_text() == \
        "Stretching in bed before standing helps me too."
    # june's reply stays nested under it, and the thread names no one who has left.
    replies = reader.locator(f"li#comment-{mine.pk} > details.replies")
    assert replies.locator("summary").inner_text() == "1 reply to former member"
    reply = replies.locator(".replies-list > li > article")
    assert reply.locator(".comment-meta .author").inner_text() == "june"
    assert reply.locator(".prose").inner_text() == "Glad it is not just me!"
    assert handle not in reader.locator("main").inner_text()
    assert_no_axe_violations(reader)
    reader.goto(f"{base_url}/posts/{own_story.slug}/")
    assert reader.locator("article.post .meta .author").inner_text() == "former member"


# -- 3. keyboard only ------------------------------------------------------------------------

def test_keyboard_only_member_answers_the_poll(context, page, base_url, rowan, hug_story):
    from posts.models import PollVote

    log_in(context, rowan, base_url)
    page.goto(f"{base_url}/posts/{hug_story.slug}/")
    group = page.locator("#poll").get_by_role("group", name=POLL_QUESTION)
    first = group.get_by_role("radio", name=POLL_CHOICES[0])

    # Nothing is chosen yet, so Tab lands on the first choice; an arrow moves and chooses.
    tab_to(page, first, "the poll's choices")
    page.keyboard.press("ArrowDown")
    breathing = group.get_by_role("radio", name="Slow breathing")
    assert is_focused(breathing) and breathing.is_checked()
    page.keyboard.press("Tab")
    assert is_focused(page.locator("#poll").get_by_role("button", name="Answer"))
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect(message(page).get_by_text("Thank you, your answer is counted.")).to_be_visible()
    mine = page.locator("#poll .poll-results li").filter(has_text="(your answer)")
    assert mine.count() == 1
    assert mine.locator(".poll-choice").inner_text() == "Slow breathing (your answer)"
    assert mine.locator(".poll-count").inner_text() == "1 vote, 100%"
    assert PollVote.objects.get(user=rowan).choice.text == "Slow breathing"


def test_keyboard_only_member_sends_a_hug_to_a_comment(context, page, base_url, rowan,
                                                       june_comment):
    from posts.models import Reaction

    log_in(context, rowan, base_url)
    page.goto(f"{base_url}/posts/{june_comment.post.slug}/")
    hug = comment_article(page, june_comment).get_by_role("button", name="Sending a hug")
    # The kinds sit behind the comment's one "React" control.
    react = comment_article(page, june_comment).locator("details.react-menu > summary")
    tab_to(page, react, "“React” under june's comment")
    page.keyboard.press("Enter")
    assert hug.get_attribute("aria-pressed") == "false"
    tab_to(page, hug, "“Sending a hug” on june's comment")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert Reaction.objects.filter(user=rowan, comment=june_comment, kind="hug").count() == 1
    page.reload()
    hug = comment_article(page, june_comment).get_by_role(
        "button", name=re.compile("^Sending a hug"), include_hidden=True)
    assert hug.get_attribute("aria-pressed") == "true"
    assert "1" in comment_article(page, june_comment).locator(
        "details.react-menu > summary").inner_text()  # the count shows on the one control
    assert hug.locator(".n").text_content() == "1"


def test_keyboard_only_member_saves_a_comment(context, page, base_url, rowan, june_comment):
    log_in(context, rowan, base_url)
    page.goto(f"{base_url}/posts/{june_comment.post.slug}/")
    save = comment_article(page, june_comment).get_by_role("button",
                                                           name="Save comment by june")
    more = comment_article(page, june_comment).locator("details[data-more] > summary")
    tab_to(page, more, "“More” under june's comment")
    page.keyboard.press("Enter")
    tab_to(page, save, "“Save” on june's comment")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect(message(page).get_by_text("Saved to your bookmarks.")).to_be_visible()
    # The label says what pressing it will do now (no aria-pressed on a changing label).
    saved = comment_article(page, june_comment).get_by_role(
        "button", name="Remove from saved comment by june", include_hidden=True)
    assert saved.count() == 1

    page.goto(f"{base_url}/bookmarks/")
    entry = page.locator("ol.bookmarks > li")
    assert entry.count() == 1
    assert entry.get_by_role("link").inner_text() == f"A comment by june on “{HUG_STORY}”"
    assert entry.locator(".prose").inner_text() == june_comment.body


def test_keyboard_only_reader_searches_from_the_header(page, base_url, hug_story, other_story):
    page.goto(base_url + "/")
    search_link = page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Search", exact=True)
    tab_to(page, search_link, "the header's Search link")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == f"{base_url}/search/"

    field = page.get_by_label("Search stories, questions and comments")
    tab_to(page, field, "the search field")
    page.keyboard.type("banding")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.url.startswith(f"{base_url}/search/?q=banding")
    results = page.get_by_role("region", name=re.compile("result"))
    assert results.locator("article.post-summary h3").all_inner_texts() == [HUG_STORY]
    assert results.get_by_role("link", name=HUG_STORY).get_attribute("href") == \
        f"/posts/{hug_story.slug}/"
