"""Mentions, edit history and time zones in a real browser: typing "@" offers handles as an
accessible listbox driven by the keyboard, the history page and the settings page are axe
clean, and the browser's time zone is offered on the settings page without being saved."""

import pytest

from tests.factories import consented

from .conftest import PASSWORD, assert_no_axe_violations, log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def june(transactional_db):
    from accounts.models import User

    return User.objects.create_user(username="june", email="june@example.com", password=PASSWORD,
                                    **consented())


def test_typing_at_offers_handles_that_the_keyboard_inserts(new_context, base_url, member,
                                                            post, june):
    context = new_context()
    log_in(context, member, base_url)
    page = context.new_page()
    page.goto(base_url + post.get_absolute_url())
    box = page.locator("#comment-form textarea[name=body]")
    box.click()
    box.press_sequentially("Thank you @ju")
    option = page.locator("#mention-suggestions [role=option]")
    option.first.wait_for()
    assert option.all_text_contents() == ["@june"]
    assert box.get_attribute("aria-controls") == "mention-suggestions"
    assert box.get_attribute("aria-activedescendant") == option.first.get_attribute("id")
    assert "1 handle suggested" in page.locator("[role=status]").last.text_content()
    assert_no_axe_violations(page, "with the suggestions open")
    box.press("Enter")
    assert box.input_value() == "Thank you @june "
    assert page.locator("#mention-suggestions").is_hidden()
    box.press_sequentially("and @ju")
    option.first.wait_for()
    box.press("Escape")
    assert page.locator("#mention-suggestions").is_hidden()
    assert box.input_value() == "Thank you @june and @ju"


def test_the_history_page_is_axe_clean(new_context, base_url, member, post):
    from posts.services import update_post

    update_post(editor=member, post=post, title=post.title, body=post.body + " Edited.",
                kind=post.kind, visibility=post.visibility)
    context = new_context()
    log_in(context, member, base_url)
    page = context.new_page()
    assert page.goto(f"{base_url}/posts/{post.slug}/history/").status == 200
    assert page.locator("ins").count() >= 1
    assert_no_axe_violations(page)


def test_the_settings_page_offers_the_browsers_time_zone_without_saving_it(
        new_context, base_url, member):
    context = new_context(timezone_id="Europe/Berlin")
    log_in(context, member, base_url)
    page = context.new_page()
    page.goto(base_url + "/settings/profile/")
    field = page.locator("select[name=time_zone]")
    assert field.input_value() == "Europe/Berlin"
    assert "Press Save to keep it" in page.locator("#time-zone-from-browser").text_content()
    assert_no_axe_violations(page)
    member.refresh_from_db()
    assert member.time_zone == ""
