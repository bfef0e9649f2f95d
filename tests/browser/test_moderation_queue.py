"""The review queue and the audit log in a real browser: a new member's selling comment
arrives flagged and is hidden from its card; a guideline left out brings the same card back
with the reason and the words; on a phone the log reads as cards with labelled fields and
nothing scrolls sideways at 320 px, at 100 % and 200 % text."""

import pytest
from playwright.sync_api import expect

from .conftest import assert_no_axe_violations, log_in
from .test_design_system import THEME_CLASS, sideways_scroll

pytestmark = pytest.mark.browser

THEMES = ["light", "dark", "contrast"]
SELLING = "Stop your DMT, try my protocol, code KIND10 at example.shop"


@pytest.fixture
def queue_world(transactional_db, settings):
    from forum.moderation.reports import file_report
    from forum.moderation.services import hide
    from forum.moderation.services.outreach import reach_out
    from posts.services import create_post, post_comment
    from tests.factories import make_user, make_verified_user

    june = make_user("june", moderator=True)
    bea = make_user("mod_bea", moderator=True)
    rowan = make_verified_user("rowan")
    story = create_post(author=rowan, title="Evenings with the MS hug",
                        body="It comes after dinner.", kind="story")
    worried = post_comment(author=make_verified_user("ash"), post=story,
                           body="Some nights I want to end my life.")
    reach_out(moderator=bea, member=worried.author, report=worried.reports.get(),
              body="We are here.")
    spam = post_comment(author=make_user("averyveryverylonghandlewithoutbreaks"), post=story,
                        body="Cheap pills at a shop near you")
    file_report(reporter=rowan, post=story, comment=spam, reason="spam")
    for n in range(3):
        extra = post_comment(author=rowan, post=story, body=f"Old words {n}")
        hide(moderator=june, post=story, comment=extra, guideline="experience",
             statement="A long statement of reasons that a moderator wrote for the author, "
                       "with https://example.org/a-very-long-address-that-does-not-break " * 2)
    settings.KINDRED_NEW_MEMBER_REVIEW = 2  # from here on, newcomers wait for review
    pending = post_comment(author=make_user("protocol_pusher"), post=story, body=SELLING)
    return {"june": june, "pending": pending}


def open_as(new_context, base_url, user, path, *, theme="light", text_size=100, width=1280):
    type(user).objects.filter(pk=user.pk).update(theme=theme, text_size=text_size)
    context = new_context(viewport={"width": width, "height": 800})
    log_in(context, user, base_url)
    page = context.new_page()
    assert page.goto(base_url + path).status == 200, path
    assert THEME_CLASS[theme] in page.locator("html").get_attribute("class").split()
    return page


def test_a_flagged_comment_is_hidden_from_its_card_and_a_missing_guideline_keeps_the_words(
        new_context, base_url, queue_world):
    june = queue_world["june"]
    page = open_as(new_context, base_url, june, "/moderation/", width=375)
    card = page.locator("article.queue-item", has_text="protocol_pusher")
    expect(card.get_by_text("Looks like selling: “code KIND10”")).to_be_visible()
    expect(card.get_by_text("Contains a link")).to_be_visible()
    crisis = page.locator("article.queue-item.crisis")
    expect(crisis.get_by_text("Reached out by mod_bea,", exact=False)).to_be_visible()
    page.screenshot(path="/tmp/queue-375.png", full_page=True)
    for theme in THEMES:
        type(june).objects.filter(pk=june.pk).update(theme=theme)
        page.reload()
        assert_no_axe_violations(page, f"the queue in {theme}")
    type(june).objects.filter(pk=june.pk).update(theme="light")
    page.reload()

    card = page.locator("article.queue-item", has_text="protocol_pusher")
    form = card.locator("form.card-act")
    form.get_by_label("Guideline it breaks").select_option("")
    form.get_by_label("Statement of reasons").fill("Please share experience, not a shop.")
    form.get_by_role("button", name="Hide").click()
    expect(page.get_by_role("heading", name="That was not done")).to_be_visible()
    card = page.locator("article.queue-item", has_text="protocol_pusher")
    form = card.locator("form.card-act")
    expect(form.get_by_text("Choose the guideline this action is based on.")).to_be_visible()
    expect(form.get_by_label("Statement of reasons")).to_have_value(
        "Please share experience, not a shop.")
    assert_no_axe_violations(page, "the queue after a refusal")
    form.get_by_label("Guideline it breaks").select_option("no_selling")
    form.get_by_role("button", name="Hide").click()
    expect(page.get_by_text("Done: hidden.")).to_be_visible()
    assert page.locator("article.queue-item", has_text="protocol_pusher").count() == 0


@pytest.mark.parametrize("text_size", [100, 200])
def test_on_a_phone_the_audit_log_is_cards_and_nothing_scrolls_sideways(
        new_context, base_url, queue_world, text_size):
    june = queue_world["june"]
    for path in ("/moderation/", "/moderation/log/"):
        page = open_as(new_context, base_url, june, path, text_size=text_size, width=320)
        for details in page.locator("details.other-actions").all():
            details.locator("summary").click()
        assert sideways_scroll(page) <= 0, path
    row = page.locator("table.log tbody tr").first
    assert row.evaluate("el => getComputedStyle(el).display") == "block"
    expect(row.get_by_text("Statement", exact=True)).to_be_visible()
    expect(row.get_by_text("Guideline", exact=True)).to_be_visible()
    assert_no_axe_violations(page, f"the log at 320 px, {text_size} % text")
    page.screenshot(path=f"/tmp/log-320-{text_size}.png", clip={"x": 0, "y": 0, "width": 320,
                                                              "height": 1400}, full_page=True)


def test_on_a_wide_screen_the_audit_log_is_a_table(new_context, base_url, queue_world):
    page = open_as(new_context, base_url, queue_world["june"], "/moderation/log/")
    row = page.locator("table.log tbody tr").first
    assert row.evaluate("el => getComputedStyle(el).display") == "table-row"
    page.screenshot(path="/tmp/log-1280.png", full_page=True)
    queue = open_as(new_context, base_url, queue_world["june"], "/moderation/")
    queue.screenshot(path="/tmp/queue-1280.png", full_page=True)
