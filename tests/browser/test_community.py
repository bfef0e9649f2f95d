"""Symptom tags, following, notifications and moderation in a real browser.

axe finds nothing on the tag pages, the following feed, the notifications inbox and its
settings, the write form with its symptom checkboxes, the moderators' pages (queue, tag
suggestions, appeals, audit log), a member's decision page, the report forms, the
transparency page and the crisis message. A keyboard-only member follows a symptom and
reports a comment, and a keyboard-only moderator hides it. Last, the whole moderation
journey: report, hide with a statement, notification, appeal, a second moderator grants it,
the comment is back and the log shows both decisions.
"""

import re

import pytest
from playwright.sync_api import expect

from .conftest import assert_no_axe_violations, log_in
from .helpers import (
    arrow_to,
    assert_no_axe_violations_in_both_contrasts,
    is_focused,
    tab_to,
    visit,
)

pytestmark = pytest.mark.browser

SELLING = "DM me for cheap CBD oil, it cures spasticity. 20% off this week only!"
CRISIS = "Some nights I want to end my life. The hug never stops."
HIDE_STATEMENT = "Selling products is not allowed here, even when meant kindly."


# -- data ------------------------------------------------------------------------------------

def make_member(username, *, moderator=False):
    from tests.factories import make_user

    return make_user(username, moderator=moderator)


def symptom(slug):
    from posts.models import Symptom

    return Symptom.objects.get(slug=slug, is_curated=True)


@pytest.fixture
def june(transactional_db):
    """A second member: she writes the comments that get reported."""
    return make_member("june")


@pytest.fixture
def alex(transactional_db):
    """The moderator who acts."""
    return make_member("alex", moderator=True)


@pytest.fixture
def bea(transactional_db):
    """A second moderator, who may decide appeals of alex's decisions."""
    return make_member("bea", moderator=True)


@pytest.fixture
def tagged_posts(member, june):
    """Posts about the MS hug and back spasticity, from two members."""
    from posts.services import create_post

    hug, back = symptom("ms-hug"), symptom("back-spasticity")
    return [
        create_post(author=member, title="The MS hug woke me at three again",
                    body="A warm wheat bag and slow breathing got me back to sleep.",
                    symptoms=[hug]),
        create_post(author=june, title="Does the hug get worse with back stiffness?",
                    body="Mine seems to arrive on the days my back is tight.", kind="question",
                    symptoms=[hug, back]),
        create_post(author=june, title="Morning stretches for a stiff back",
                    body="Ten minutes before I stand up, every day.", symptoms=[back]),
    ]


@pytest.fixture
def watched_feed(member, june):
    """marion watches the MS hug, then june posts about it and comments on marion's post:
    posts on /following/ and unread notifications in marion's inbox."""
    from posts.services import create_post, post_comment, set_follow

    hug = symptom("ms-hug")
    set_follow(user=member, tag=hug, level="watching")
    mine = create_post(author=member, title="The MS hug woke me at three again",
                       body="A warm wheat bag and slow breathing got me back to sleep.",
                       symptoms=[hug])
    theirs = create_post(author=june, title="Does the hug get worse with back stiffness?",
                         body="Mine seems to arrive on the days my back is tight.",
                         kind="question", symptoms=[hug, symptom("back-spasticity")])
    post_comment(author=june, post=mine, body="A wheat bag helps me too, @marion.")
    return mine, theirs


def comment(author, post, body, parent=None):
    from posts.services import post_comment

    return post_comment(author=author, post=post, body=body, parent=parent)


def report(reporter, post, target=None, reason="selling", details=""):
    from forum.moderation.reports import file_report

    return file_report(reporter=reporter, post=post, comment=target, reason=reason,
                       details=details)


def hide(moderator, post, target, statement=HIDE_STATEMENT):
    from forum.moderation.services import hide as hide_content

    return hide_content(moderator=moderator, post=post, comment=target,
                        guideline="no_selling", statement=statement)


@pytest.fixture
def selling_comment(post, june):
    return comment(june, post, SELLING)


@pytest.fixture
def moderation_scene(post, member, june, alex, selling_comment):
    """A queue with a crisis item and a reported comment, and a decision already taken:
    alex hid another of june's comments."""
    from forum.moderation.models import Report

    report(member, post, selling_comment, details="Advertising a product.")
    sam = make_member("sam")
    crisis = comment(sam, post, CRISIS)
    assert Report.objects.filter(comment=crisis, reason="crisis", is_automatic=True).exists()
    earlier = comment(june, post, "Cooling vests for sale, message me for prices.")
    report(member, post, earlier)
    action = hide(alex, post, earlier)
    return {"selling": selling_comment, "crisis": crisis, "hidden": earlier, "action": action}


@pytest.fixture
def pending_appeal(moderation_scene, june):
    from forum.moderation.services import file_appeal

    return file_appeal(author=june, action=moderation_scene["action"],
                       text="I was answering a question about heat, not selling.")


# -- helpers ---------------------------------------------------------------------------------

def post_url(base_url, post):
    return f"{base_url}/posts/{post.slug}/"












def queue_entry(page, text):
    entry = page.locator("article.queue-item").filter(has_text=text)
    assert entry.count() == 1, f"the queue does not show “{text}” once"
    return entry


def message(page):
    return page.locator(".messages")


# -- 1. axe: symptom tags and following ------------------------------------------------------

def test_tag_index(new_context, base_url, tagged_posts):
    page = visit(new_context, base_url, "/tags/")
    hug = page.locator("ul.tag-index > li").filter(
        has=page.get_by_role("link", name="MS hug", exact=True))
    assert hug.locator(".meta").inner_text() == "2 posts"
    assert_no_axe_violations_in_both_contrasts(page, base_url)


@pytest.mark.parametrize("who", ["reader", "member"])
def test_tag_page_with_posts(new_context, base_url, member, tagged_posts, who):
    viewer = member if who == "member" else None
    page = visit(new_context, base_url, "/tags/ms-hug/", user=viewer)
    assert page.locator("h1").inner_text() == "MS hug"
    posts = page.get_by_role("region", name="Posts about MS hug")
    assert posts.locator("article.post-summary").count() == 2
    follow = page.locator("#follow")
    if who == "member":
        assert follow.get_by_role("radio").count() == 4
        assert follow.get_by_role("radio", name="Not following").is_checked()
    else:
        assert follow.get_by_role("link", name="Log in to follow MS hug").count() == 1
    assert_no_axe_violations_in_both_contrasts(page, base_url, user=viewer)


def test_following_page_with_posts(new_context, base_url, member, watched_feed):
    page = visit(new_context, base_url, "/following/", user=member)
    titles = page.locator("article.post-summary h3").all_inner_texts()
    assert sorted(titles) == sorted(post.title for post in watched_feed)
    assert_no_axe_violations_in_both_contrasts(page, base_url, user=member)


def test_following_page_before_following_anything(new_context, base_url, member):
    page = visit(new_context, base_url, "/following/", user=member)
    assert page.get_by_role("link", name="Choose the ones you live with").count() == 1
    assert_no_axe_violations(page)


def test_write_form_with_symptoms_and_a_suggested_tag(new_context, base_url, member):
    page = visit(new_context, base_url, "/posts/new/", user=member)
    symptoms = page.get_by_role("group", name="Symptoms this is about")
    assert symptoms.get_by_role("checkbox").count() >= 20
    assert symptoms.get_by_role("checkbox", name="MS hug", exact=True).count() == 1
    assert page.get_by_label("Suggest a symptom that is not listed (optional)").count() == 1
    assert_no_axe_violations_in_both_contrasts(page, base_url, user=member)


def test_write_form_with_too_many_symptoms(new_context, base_url, member):
    from posts.models import MAX_TAGS_PER_POST

    page = visit(new_context, base_url, "/posts/new/", user=member)
    page.get_by_label("Title").fill("Everything at once this week")
    page.get_by_label("Body").fill("Hug, spasms, fatigue, fog and more.")
    boxes = page.get_by_role("group", name="Symptoms this is about").get_by_role("checkbox")
    for index in range(MAX_TAGS_PER_POST + 1):
        boxes.nth(index).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Publish").click()
    expect(page.locator("#error-summary, .error-summary").first).to_be_visible()
    assert page.locator(".field.has-error fieldset legend").inner_text() == \
        "Symptoms this is about"
    assert_no_axe_violations(page)


def test_tag_suggestions_as_a_moderator(new_context, base_url, june, alex):
    from posts.services import create_post

    create_post(author=june, title="Restless legs at night", body="Does anyone else get this?",
                suggested_tag="Restless legs")
    page = visit(new_context, base_url, "/tags/suggestions/", user=alex)
    suggestion = page.get_by_role("region", name="“Restless legs”")
    assert suggestion.get_by_role("button", name="Approve as a new symptom").count() == 1
    assert suggestion.get_by_label("Merge into an existing symptom").count() == 1
    assert_no_axe_violations(page)


# -- 1. axe: notifications -------------------------------------------------------------------

def test_notifications_with_unread(new_context, base_url, member, watched_feed):
    page = visit(new_context, base_url, "/notifications/", user=member)
    unread = page.locator("li.notification.unread")
    assert unread.count() == 2, unread.all_inner_texts()
    assert page.get_by_role("button", name="Mark all as read").count() == 1
    assert page.get_by_role("link", name=re.compile(r"^Notifications 2 unread")).count() == 1
    assert_no_axe_violations_in_both_contrasts(page, base_url, user=member)


def test_notification_settings(new_context, base_url, member):
    page = visit(new_context, base_url, "/settings/notifications/", user=member)
    assert page.get_by_role("group", name="Send my digest").count() == 1
    assert_no_axe_violations(page)


# -- 1. axe: moderation ----------------------------------------------------------------------

def test_review_queue_with_a_crisis_item_and_a_reported_comment(
    new_context, base_url, alex, moderation_scene
):
    page = visit(new_context, base_url, "/moderation/", user=alex)
    entries = page.locator("article.queue-item")
    assert entries.count() == 2
    # People who may be at risk come first.
    assert "crisis" in entries.first.get_attribute("class").split()
    assert entries.first.locator(".badge-crisis").inner_text() == "May be at risk"
    assert "end my life" in entries.first.locator("blockquote").inner_text()
    selling = queue_entry(page, "cheap CBD oil")
    assert selling.locator(".reasons").inner_text().startswith("Selling or promoting")
    assert_no_axe_violations_in_both_contrasts(page, base_url, user=alex)


@pytest.mark.parametrize("viewer", ["another moderator", "the acting moderator"])
def test_appeals_page_with_a_pending_appeal(new_context, base_url, alex, bea, pending_appeal,
                                            viewer):
    page = visit(new_context, base_url, "/moderation/appeals/",
                 user=bea if viewer == "another moderator" else alex)
    appeal = page.locator("article.queue-item")
    assert appeal.count() == 1
    if viewer == "another moderator":
        assert appeal.get_by_role("radio", name="Grant: undo the decision").count() == 1
        assert appeal.get_by_label("Explanation for the member").count() == 1
    else:
        assert appeal.locator("form").count() == 0
        assert "another moderator must decide" in appeal.locator(".notice").inner_text()
    assert_no_axe_violations(page)


def test_audit_log_with_entries(new_context, base_url, alex, bea, pending_appeal):
    from forum.moderation.services import decide_appeal

    decide_appeal(moderator=bea, appeal=pending_appeal, grant=False,
                  statement="It reads as an advert; the decision stands.")
    page = visit(new_context, base_url, "/moderation/log/", user=alex)
    kinds = page.locator("table.log tbody tr td:nth-child(3)").all_inner_texts()
    assert kinds == ["Denied an appeal", "Hidden"]
    assert_no_axe_violations(page)


def test_decision_page_with_the_appeal_form(new_context, base_url, june, moderation_scene):
    action = moderation_scene["action"]
    page = visit(new_context, base_url, f"/moderation/decisions/{action.pk}/", user=june)
    assert HIDE_STATEMENT in page.locator("dl.decision").inner_text()
    assert page.get_by_label("Why do you think this decision was wrong?").count() == 1
    assert page.get_by_role("button", name="Send appeal").count() == 1
    assert_no_axe_violations(page)


def test_moderator_pages_for_an_item_a_member_and_hidden_content(new_context, base_url, alex,
                                                                  june, moderation_scene):
    hidden = moderation_scene["hidden"]
    for url in (f"/moderation/items/{hidden.post_id}/{hidden.pk}/act/",
                f"/moderation/members/{june.username}/", "/moderation/removed/?what=comments"):
        page = visit(new_context, base_url, url, user=alex)
        assert page.locator("h1").count() == 1
        assert_no_axe_violations(page)


def test_report_a_post_form(new_context, base_url, june, post):
    page = visit(new_context, base_url, f"/posts/{post.slug}/report/", user=june)
    assert page.get_by_role("group", name="What is wrong?").get_by_role("radio").count() == 7
    assert_no_axe_violations(page)


def test_report_a_comment_form(new_context, base_url, member, selling_comment):
    page = visit(new_context, base_url, f"/comments/{selling_comment.pk}/report/", user=member)
    assert page.locator("h1").inner_text() == "Report a comment by june"
    assert_no_axe_violations(page)


def test_report_form_with_an_error(new_context, base_url, member, selling_comment):
    page = visit(new_context, base_url, f"/comments/{selling_comment.pk}/report/", user=member)
    page.get_by_role("radio", name="Something else").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Send report").click()
    assert page.get_by_role("alert").inner_text() == \
        "Please tell us a little about what is wrong."
    assert_no_axe_violations(page)


def test_transparency_page_with_figures(new_context, base_url, pending_appeal):
    page = visit(new_context, base_url, "/pages/transparency/")
    assert page.locator("h1").inner_text() == "Transparency"
    assert page.get_by_role("cell", name="Hidden", exact=True).count() == 1
    assert_no_axe_violations(page)


@pytest.mark.parametrize("contrast", ["default", "high"])
def test_crisis_message_after_posting_a_comment(new_context, base_url, post, june, contrast):
    """Checked in each theme from the start: the message shows once, after posting."""
    from forum.moderation.models import Report

    page = visit(new_context, base_url, f"/posts/{post.slug}/", user=june, contrast=contrast)
    form = page.locator("form#comment-form")
    form.get_by_label("Your comment").fill(CRISIS)
    with page.expect_navigation():
        form.get_by_role("button", name="Post comment").click()

    crisis = page.locator(".crisis-message")
    expect(crisis).to_be_visible()
    assert "You don’t have to carry it alone" in crisis.get_by_role("heading").inner_text()
    assert "116 123" in crisis.inner_text()
    # The words stay posted, and a moderator sees them first.
    assert page.locator("#comments .prose").filter(has_text="want to end my life").count() == 1
    assert Report.objects.filter(post=post, reason="crisis", is_automatic=True).count() == 1
    assert_no_axe_violations(page)


# -- 2. keyboard only ------------------------------------------------------------------------

def test_keyboard_only_member_watches_a_symptom(context, page, base_url, member, tagged_posts):
    from posts.models import TagFollow

    log_in(context, member, base_url)
    page.goto(f"{base_url}/tags/ms-hug/")
    follow = page.locator("#follow")
    watching = follow.get_by_role("radio", name=re.compile("^Watching"))

    # A radio group is one Tab stop: focus lands on the checked one, “Not following”.
    tab_to(page, follow.get_by_role("radio", name="Not following"), "the follow choices")
    arrow_to(page, "watching", "“Watching”")
    assert is_focused(watching) and watching.is_checked()
    page.keyboard.press("Tab")
    assert is_focused(follow.get_by_role("button", name="Save"))
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect(message(page).get_by_text(
        "You are watching MS hug: we will tell you about every new post.")).to_be_visible()
    assert TagFollow.objects.get(user=member, tag=symptom("ms-hug")).level == "watching"
    page.reload()
    assert page.locator("#follow").get_by_role("radio", name=re.compile("^Watching")).is_checked()
    assert page.locator("#follow input[name=level]:checked").count() == 1


def test_keyboard_only_member_reports_a_comment(context, page, base_url, post, member,
                                                selling_comment):
    from forum.moderation.models import Report

    log_in(context, member, base_url)
    page.goto(post_url(base_url, post))
    more = page.locator(f"#comment-{selling_comment.pk} > article details[data-more] > summary")
    tab_to(page, more, "“More” under june's comment")
    page.keyboard.press("Enter")
    link = page.get_by_role("link", name="Report comment by june", exact=True)
    assert link.get_attribute("href") == f"/comments/{selling_comment.pk}/report/"
    tab_to(page, link, "“Report comment by june”")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == f"{base_url}/comments/{selling_comment.pk}/report/"

    reasons = page.get_by_role("group", name="What is wrong?")
    tab_to(page, reasons.get_by_role("radio").first, "the first reason")
    arrow_to(page, "selling", "“Selling or promoting a product”")
    assert reasons.get_by_role("radio", name="Selling or promoting a product").is_checked()
    page.keyboard.press("Tab")
    assert is_focused(page.get_by_label(re.compile("^Anything a moderator should know")))
    page.keyboard.type("Advertising oil as a cure.")
    page.keyboard.press("Tab")
    assert is_focused(page.get_by_role("button", name="Send report"))
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.locator("h1").inner_text() == "Thank you for your report"
    filed = Report.objects.get(reporter=member, comment=selling_comment)
    assert (filed.reason, filed.details) == ("selling", "Advertising oil as a cure.")


def test_a_moderator_sees_moderate_links_not_edit_on_members_words(new_context, base_url,
                                                                    post, alex,
                                                                    selling_comment):
    page = visit(new_context, base_url, f"/posts/{post.slug}/", user=alex)
    assert page.get_by_role("link", name=f"Moderate “{post.title}”",
                            include_hidden=True).get_attribute(
        "href") == f"/moderation/items/{post.pk}/act/"
    assert page.locator(f"li#comment-{selling_comment.pk}").get_by_role(
        "link", name="Moderate comment by june", include_hidden=True).count() == 1
    assert page.locator("article.post, #comments").get_by_role(
        "link", name=re.compile("^(Edit|Delete)"), include_hidden=True).count() == 0
    assert_no_axe_violations(page)


def test_post_page_offers_report_links_only_to_other_members(new_context, base_url, post, member,
                                                             june, selling_comment):
    mine = comment(member, post, "Thank you all for the ideas.")
    page = visit(new_context, base_url, f"/posts/{post.slug}/", user=june)
    assert page.get_by_role("link", name="Report this post", include_hidden=True) \
        .get_attribute("href") == f"/posts/{post.slug}/report/"
    # Report sits behind "More" under the post and each comment: open them all (a comment's
    # menu is filled as it opens).
    page.evaluate("document.querySelectorAll('details[data-more]').forEach(d => {"
                  "d.removeAttribute('data-more'); d.open = true; })")
    page.evaluate("document.querySelectorAll('details.post-more').forEach(d => d.open = true)")
    expect(page.locator(f"li#comment-{mine.pk}").get_by_role(
        "link", name="Report comment by marion")).to_have_count(1)
    assert page.locator(f"li#comment-{selling_comment.pk}").get_by_role(
        "link", name=re.compile("^Report"), include_hidden=True).count() == 0  # her own comment
    reports = page.locator("main").get_by_role("link", name=re.compile("^Report"))
    assert reports.count() == 2
    for control in reports.all():
        box = control.bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44, (control.inner_text(), box)

    page = visit(new_context, base_url, f"/posts/{post.slug}/", user=member)
    assert page.get_by_role("link", name="Report this post",
                            include_hidden=True).count() == 0  # his own post
    page.evaluate("document.querySelectorAll('details[data-more]').forEach(d => d.open = true)")
    expect(page.get_by_role("link", name="Report comment by june")).to_have_count(1)

    page = visit(new_context, base_url, f"/posts/{post.slug}/")
    assert page.locator("main").get_by_role("link", name=re.compile("^Report"),
                                            include_hidden=True).count() == 0  # a reader


def test_keyboard_only_moderator_hides_a_comment(new_context, base_url, post, member, alex,
                                                 selling_comment):
    from forum.moderation.models import ModerationAction

    report(member, post, selling_comment)
    page = visit(new_context, base_url, "/moderation/", user=alex)
    entry = queue_entry(page, "cheap CBD oil")

    # Hide is on the card, beside Dismiss: the guideline (the report's reason preselected),
    # the statement of reasons, the button; every step by keyboard.
    card = entry.locator("form.card-act")
    guideline = card.get_by_label("Guideline it breaks")
    tab_to(page, guideline, "the card's Guideline select")
    arrow_to(page, "no_selling", "“3. No selling or promotion”")
    assert guideline.locator("option:checked").inner_text() == "3. No selling or promotion"
    page.keyboard.press("Tab")
    assert is_focused(card.get_by_label("Statement of reasons for the author"))
    page.keyboard.type(HIDE_STATEMENT)
    button = card.get_by_role("button", name=re.compile("^Hide"))
    tab_to(page, button, "Hide")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect(message(page).get_by_text("Done: hidden.")).to_be_visible()
    done = ModerationAction.objects.get(kind="hide", comment=selling_comment)
    assert (done.actor, done.guideline, done.statement) == (alex, "no_selling", HIDE_STATEMENT)
    assert page.locator("article.queue-item").filter(has_text="cheap CBD oil").count() == 0

    reader = visit(new_context, base_url, f"/posts/{post.slug}/")
    assert reader.locator(f"#comment-{selling_comment.pk}").count() == 0
    assert reader.get_by_text("cheap CBD oil").count() == 0


# -- 3. the whole journey --------------------------------------------------------------------

def test_report_hide_notify_appeal_grant_journey(new_context, base_url, post, member, june,
                                                 alex, bea, selling_comment):
    from forum.moderation.models import Appeal

    # A member reports june's selling comment.
    page = visit(new_context, base_url, f"/posts/{post.slug}/", user=member)
    page.locator(f"#comment-{selling_comment.pk} > article details[data-more] > summary").click()
    with page.expect_navigation():
        page.get_by_role("link", name="Report comment by june").click()
    page.get_by_role("radio", name="Selling or promoting a product").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Send report").click()
    assert page.locator("h1").inner_text() == "Thank you for your report"

    # Moderator alex hides it from the queue, with a statement of reasons.
    moderator_a = visit(new_context, base_url, "/moderation/", user=alex)
    entry = queue_entry(moderator_a, "cheap CBD oil")
    card = entry.locator("form.card-act")  # Hide is on the card
    card.get_by_label("Guideline it breaks").select_option("no_selling")
    card.get_by_label("Statement of reasons for the author").fill(HIDE_STATEMENT)
    with moderator_a.expect_navigation():
        card.get_by_role("button", name=re.compile("^Hide")).click()
    expect(message(moderator_a).get_by_text("Done: hidden.")).to_be_visible()

    # A reader no longer sees it.
    reader = visit(new_context, base_url, f"/posts/{post.slug}/")
    assert reader.get_by_text("cheap CBD oil").count() == 0

    # june follows her notification to the decision, reads why, and appeals.
    author = visit(new_context, base_url, "/notifications/", user=june)
    note = author.locator("li.notification.unread").get_by_role(
        "link", name=re.compile("^A moderator hid your comment"))
    with author.expect_navigation():
        note.click()
    assert re.fullmatch(re.escape(base_url) + r"/moderation/decisions/\d+/", author.url)
    decision = author.locator("dl.decision")
    assert HIDE_STATEMENT in decision.inner_text()
    assert "3. No selling or promotion" in decision.inner_text()
    author.get_by_label("Why do you think this decision was wrong?").fill(
        "I was sharing what helped me, not selling anything.")
    with author.expect_navigation():
        author.get_by_role("button", name="Send appeal").click()
    expect(message(author).get_by_text(
        "Your appeal is sent. A different moderator will decide it.")).to_be_visible()
    assert author.get_by_role("heading", name="Your appeal").count() == 1
    assert_no_axe_violations(author)

    # alex may not decide an appeal of his own decision.
    moderator_a.goto(f"{base_url}/moderation/appeals/")
    appeal = moderator_a.locator("article.queue-item").filter(has_text="june appeals")
    assert "another moderator must decide" in appeal.inner_text()
    assert appeal.locator("form").count() == 0

    # bea grants it.
    moderator_b = visit(new_context, base_url, "/moderation/appeals/", user=bea)
    appeal = moderator_b.locator("article.queue-item").filter(has_text="june appeals")
    appeal.get_by_role("radio", name="Grant: undo the decision").check()
    appeal.get_by_label("Explanation for the member").fill("Fair point: it was advice.")
    with moderator_b.expect_navigation():
        appeal.get_by_role("button", name="Decide").click()
    expect(message(moderator_b).get_by_text("The appeal is decided")).to_be_visible()
    assert Appeal.objects.get(author=june).status == Appeal.Status.GRANTED

    # The comment is back for readers.
    reader.reload()
    restored = reader.locator(f"li#comment-{selling_comment.pk} .prose")
    assert restored.inner_text() == SELLING

    # The audit log lists both decisions.
    moderator_a.goto(f"{base_url}/moderation/log/")
    rows = moderator_a.locator("table.log tbody tr")
    assert rows.filter(has_text="Hidden").filter(has_text="alex").count() == 1
    assert rows.filter(has_text="Granted an appeal").filter(has_text="bea").count() == 1
    moderator_a.get_by_label("Action").select_option("appeal_granted")
    with moderator_a.expect_navigation():
        moderator_a.get_by_role("button", name="Filter").click()
    assert rows.count() == 1 and "Granted an appeal" in rows.inner_text()


def test_the_symptom_filter_finds_a_symptom_by_another_name(new_context, base_url, member):
    page = visit(new_context, base_url, "/posts/new/", user=member)
    choices = page.locator("fieldset:has(#symptom-filter) .choice")
    total = choices.count()
    page.get_by_label("Find a symptom (other names work too)").fill("banding")
    visible = [row.inner_text().strip() for row in choices.all() if row.is_visible()]
    assert visible == ["MS hug"]
    page.get_by_label("MS hug").check()
    page.get_by_label("Find a symptom (other names work too)").fill("")
    assert sum(1 for row in choices.all() if row.is_visible()) == total
    page.get_by_label("Find a symptom (other names work too)").fill("fatigue")
    visible = [row.inner_text().strip() for row in choices.all() if row.is_visible()]
    assert "MS hug" in visible and "Fatigue" in visible  # ticked ones stay in view
    assert_no_axe_violations(page)
