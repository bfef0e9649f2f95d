"""Private messages in a real browser: a member writes from a profile, the recipient reads
it under the first-message safety notice and replies; axe finds nothing in the light, dark
and high-contrast themes, and nothing scrolls sideways at 320 px."""

import pytest
from playwright.sync_api import expect

from tests.factories import consented

from .conftest import PASSWORD, assert_no_axe_violations, log_in

pytestmark = pytest.mark.browser

THEMES = ["light", "dark", "contrast"]
NARROW = {"width": 320, "height": 740}


@pytest.fixture
def pair(transactional_db):
    from accounts.models import User

    people = []
    for handle in ("juniper", "wren"):
        person = User.objects.create_user(username=handle, email=f"{handle}@example.com",
                                          password=PASSWORD, **consented())
        person.emailaddress_set.create(email=person.email, verified=True, primary=True)
        people.append(person)
    return people


def _in_each_theme(page, user):
    for theme in THEMES:
        type(user).objects.filter(pk=user.pk).update(theme=theme)
        page.reload()
        assert_no_axe_violations(page, f"in the {theme} theme")


def _sideways(page):
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def test_a_member_writes_the_recipient_reads_under_the_notice_and_replies(
        new_context, base_url, pair):
    juniper, wren = pair
    context = new_context()
    log_in(context, juniper, base_url)
    page = context.new_page()
    page.goto(f"{base_url}/u/wren/")
    page.get_by_role("link", name="Send a message").click()
    assert page.get_by_role("heading", level=1).inner_text() == "A message to wren"
    _in_each_theme(page, juniper)
    page.get_by_label("Your message").fill("Hello wren, how are the **legs** today?")
    page.get_by_role("button", name="Send message").click()
    expect(page.get_by_text("Your message is sent.")).to_be_visible()
    expect(page.locator(".private-message strong", has_text="legs")).to_be_visible()
    assert page.get_by_text("This is the first message between you").count() == 0

    reader = new_context()
    log_in(reader, wren, base_url)
    inbox = reader.new_page()
    inbox.goto(f"{base_url}/messages/")
    expect(inbox.get_by_text("1 new message")).to_be_visible()
    _in_each_theme(inbox, wren)
    inbox.get_by_role("link", name="juniper").click()
    notice = inbox.get_by_role("complementary", name="Before you reply")
    expect(notice.get_by_text("Nobody here sells cures")).to_be_visible()
    _in_each_theme(inbox, wren)
    inbox.get_by_label("Your message").fill("Better today, thank you for asking.")
    inbox.get_by_role("button", name="Send reply").click()
    expect(inbox.get_by_text("Better today, thank you for asking.")).to_be_visible()
    assert inbox.get_by_text("This is the first message between you").count() == 0

    page.goto(f"{base_url}/messages/")
    expect(page.get_by_text("1 new message")).to_be_visible()


@pytest.mark.parametrize("where", ["inbox", "conversation", "new"])
def test_message_pages_do_not_scroll_sideways_at_320_px(new_context, base_url, pair, where):
    from forum.conversations import services

    juniper, wren = pair
    message = services.start_conversation(
        sender=juniper, recipient_handle="wren",
        body="A long unbroken word: " + "Supercalifragilistic" * 8)
    path = {"inbox": "/messages/", "new": "/messages/new/?to=juniper",
            "conversation": f"/messages/{message.conversation_id}/"}[where]
    for text_size in (100, 200):
        type(wren).objects.filter(pk=wren.pk).update(text_size=text_size)
        context = new_context(viewport=NARROW)
        log_in(context, wren, base_url)
        page = context.new_page()
        assert page.goto(base_url + path).status == 200
        assert _sideways(page) <= 0, f"{path} scrolls sideways at {text_size} % text"


def test_a_half_written_reply_comes_back_after_a_reload_and_goes_once_sent(
        new_context, base_url, pair):
    from forum.conversations import services

    juniper, wren = pair
    message = services.start_conversation(sender=juniper, recipient_handle="wren",
                                          body="Are you going to the clinic on Friday?")
    context = new_context()
    log_in(context, wren, base_url)
    page = context.new_page()
    page.goto(f"{base_url}/messages/{message.conversation_id}/")
    box = page.get_by_label("Your message")
    box.press_sequentially("Yes, at ten")
    page.reload()
    assert page.get_by_label("Your message").input_value() == "Yes, at ten"
    page.get_by_role("button", name="Send reply").click()
    expect(page.get_by_text("Your message is sent.")).to_be_visible()
    page.reload()
    assert page.get_by_label("Your message").input_value() == ""


def test_leaving_goes_through_a_confirmation_page_away_from_send(new_context, base_url,
                                                                  pair):
    """By keyboard: "Leave this conversation…" is a link after the reply form; its page says
    what leaving does, "No" goes back unchanged, "Yes" leaves."""
    from forum.conversations import services
    from forum.conversations.models import Participant

    juniper, wren = pair
    message = services.start_conversation(sender=juniper, recipient_handle="wren",
                                          body="Shall we talk about the new meds?")
    context = new_context()
    log_in(context, wren, base_url)
    page = context.new_page()
    page.goto(f"{base_url}/messages/{message.conversation_id}/")
    send = page.get_by_role("button", name="Send reply").bounding_box()
    leave = page.get_by_role("link", name="Leave this conversation…")
    assert leave.bounding_box()["y"] > send["y"] + send["height"] + 40  # not under the thumb
    leave.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Leave this conversation?")
    _in_each_theme(page, wren)
    page.get_by_role("link", name="No, go back to the conversation").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Shall we talk about the new meds?")).to_be_visible()
    assert not Participant.objects.filter(left_at__isnull=False).exists()
    page.get_by_role("link", name="Leave this conversation…").click()
    page.get_by_role("button", name="Yes, leave this conversation").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("You left the conversation.")).to_be_visible()
    assert Participant.objects.get(user=wren).left_at is not None
