"""Moderating private messages in a real browser: a member reports a message from their
conversation, a moderator sees it in the queue with the messages before it and hides it;
a moderator reaches out from a crisis item and the member finds the message in their
inbox. Every page on the way is axe clean in light, dark and high contrast, and fits 320 px
at 200 % text without sideways scroll."""

import pytest
from playwright.sync_api import expect

from .conftest import assert_no_axe_violations, log_in
from .test_design_system import THEME_CLASS, sideways_scroll

pytestmark = pytest.mark.browser

THEMES = ["light", "dark", "contrast"]
CRUEL = "Nobody here wants you, stop writing to me."


@pytest.fixture
def people(transactional_db):
    from tests.factories import make_user, make_verified_user

    return {"rowan": make_verified_user("rowan"), "ash": make_verified_user("ash"),
            "june": make_user("june", moderator=True)}


@pytest.fixture
def talk(people):
    from tests.moderation.messaging import converse

    return converse(people["rowan"], people["ash"], "Hello ash, how was the infusion?",
                    "Long, but fine. The nurse was kind.", "I'm glad. Mine is next week.",
                    CRUEL)


def open_as(new_context, base_url, user, path, *, theme="light", text_size=100, width=1280):
    type(user).objects.filter(pk=user.pk).update(theme=theme, text_size=text_size)
    context = new_context(viewport={"width": width, "height": 800})
    log_in(context, user, base_url)
    page = context.new_page()
    assert page.goto(base_url + path).status == 200, path
    return page


def axe_in_each_theme(page, user, where):
    for theme in THEMES:
        type(user).objects.filter(pk=user.pk).update(theme=theme)
        page.reload()
        assert THEME_CLASS[theme] in page.locator("html").get_attribute("class").split()
        for details in page.locator("details.other-actions").all():
            details.locator("summary").click()
        assert_no_axe_violations(page, f"{where} in {theme}")
    type(user).objects.filter(pk=user.pk).update(theme="light")


def test_a_member_reports_a_message_and_a_moderator_hides_it_from_the_queue(
        new_context, base_url, people, talk):
    conversation, messages = talk
    cruel = messages[3]
    page = open_as(new_context, base_url, people["rowan"], f"/messages/{conversation.pk}/")
    page.locator(f"#message-{cruel.pk}").get_by_role("link", name="Report").click()
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Report a private message from ash")
    axe_in_each_theme(page, people["rowan"], "on the report form")
    page.get_by_label("Harassment or hate").check()
    page.get_by_label("Anything a moderator should know").fill("This hurt a lot.")
    page.get_by_role("button", name="Send report").click()
    expect(page.get_by_role("heading", name="Thank you for your report")).to_be_visible()

    june = people["june"]
    queue = open_as(new_context, base_url, june, "/moderation/")
    item = queue.locator("article.queue-item", has_text="Private message from ash")
    expect(item.get_by_text("A private message between rowan and ash")).to_be_visible()
    for before in ("Long, but fine.", "I'm glad. Mine is next week.", "how was the infusion"):
        expect(item.get_by_text(before, exact=False)).to_be_visible()
    expect(item.get_by_text(CRUEL)).to_be_visible()
    expect(item.get_by_text("This hurt a lot.", exact=False)).to_be_visible()
    axe_in_each_theme(queue, june, "on the queue with a message")
    item = queue.locator("article.queue-item", has_text="Private message from ash")
    assert item.locator("details.other-actions").evaluate("el => el.open")  # opened above
    # Hide is the card's own button, with the guideline and statement beside it.
    card_form = item.locator("form.card-act")
    card_form.get_by_label("Guideline it breaks").select_option("be_gentle")
    card_form.get_by_label("Statement of reasons").fill("Please be gentle, even in private.")
    card_form.get_by_role("button", name="Hide").click()
    expect(queue.get_by_text("Done: hidden.")).to_be_visible()
    assert queue.get_by_text("Private message from ash").count() == 0

    sender = open_as(new_context, base_url, people["ash"], f"/messages/{conversation.pk}/")
    expect(sender.get_by_text("A moderator hid this message")).to_be_visible()

    decided = open_as(new_context, base_url, june, f"/moderation/messages/{cruel.pk}/act/")
    expect(decided.get_by_text("Status: Hidden by a moderator", exact=False)).to_be_visible()
    axe_in_each_theme(decided, june, "on the message's moderation page")


def test_a_moderator_reaches_out_from_a_crisis_item_and_the_member_finds_it(
        new_context, base_url, people):
    from posts.services import create_post, post_comment

    ash, june = people["ash"], people["june"]
    story = create_post(author=people["rowan"], title="Evenings with the MS hug",
                        body="It comes after dinner.", kind="story")
    post_comment(author=ash, post=story, body="Some nights I want to end my life.")
    queue = open_as(new_context, base_url, june, "/moderation/")
    queue.get_by_role("link", name="Reach out privately to ash").click()
    assert queue.get_by_role("heading", level=1).inner_text() == "Reach out privately to ash"
    opening = queue.get_by_label("Your message")
    assert "116 123" in opening.input_value()
    axe_in_each_theme(queue, june, "on the outreach compose page")
    opening.fill(opening.input_value() + "\n\nWith care, the Kindred moderators.")
    queue.get_by_role("button", name="Send privately").click()
    expect(queue.get_by_text("Sent. ash will find it in their messages.")).to_be_visible()
    axe_in_each_theme(queue, june, "on a team conversation")
    queue.get_by_role("link", name="Back to the team inbox").click()
    expect(queue.get_by_role("link", name="ash")).to_be_visible()
    axe_in_each_theme(queue, june, "on the team inbox")

    inbox = open_as(new_context, base_url, ash, "/messages/")
    inbox.get_by_role("link", name="Kindred moderators").click()
    expect(inbox.get_by_text("With care, the Kindred moderators.")).to_be_visible()
    expect(inbox.get_by_text("116 123", exact=False).first).to_be_visible()


def test_the_moderators_message_pages_fit_a_phone_at_double_text(new_context, base_url,
                                                                   people, talk):
    from forum.moderation.reports import file_message_crisis_report
    from forum.moderation.services.outreach import reach_out
    from tests.moderation.messaging import report

    conversation, messages = talk
    report(messages[3], people["rowan"])
    crisis = file_message_crisis_report(messages[3])
    team = reach_out(moderator=people["june"], member=people["ash"], report=crisis,
                     body="We are here.")
    pages = ["/moderation/", f"/moderation/messages/{messages[3].pk}/act/",
             "/moderation/outreach/", f"/moderation/outreach/to/ash/?report={crisis.pk}",
             f"/moderation/outreach/{team.conversation_id}/"]
    for path in pages:
        page = open_as(new_context, base_url, people["june"], path, text_size=200, width=320)
        for details in page.locator("details.other-actions").all():
            details.locator("summary").click()
        assert sideways_scroll(page) <= 0, path
        assert_no_axe_violations(page, f"{path} at 320 px, 200 % text")
