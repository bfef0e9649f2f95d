"""The story page on a phone: replies within reach. Measured in a real browser at 375x740 on
a question with a poll, a "what helped" quote and a longish body, as a member who did not
write it: the first reply starts within one and a half screens, in every theme (the height
of a short comment is measured in tests/browser/test_threads.py)."""

import pytest
from playwright.sync_api import expect

from .conftest import log_in

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}
FIRST_REPLY_MAX = 1110  # 1.5 screens of 740 px
THEMES = ["light", "dark", "contrast"]


@pytest.fixture
def question(transactional_db):
    from posts.services import create_post, post_comment, toggle_helped
    from posts.services.community import set_poll
    from tests.factories import make_user

    june, rowan, marion = make_user("june"), make_user("rowan"), make_user("marion")
    body = ("The band around my ribs comes back every evening, tighter after a warm day. "
            "It can last an hour, and breathing deeply makes it worse.\n\n"
            "I have tried a cool flannel and lying flat. Does anyone else get this, and "
            "what helps you?")
    story = create_post(author=june, title="Does the MS hug come back in the evenings?",
                        kind="question", body=body)
    set_poll(author=june, post=story, question="When is your hug worst?",
             choices=["Mornings", "Evenings", "No pattern"])
    first = post_comment(author=rowan, post=story,
                         body="Yes, evenings for me too.\nA loose top and a fan help a little.")
    toggle_helped(actor=june, comment=first)
    post_comment(author=june, post=story, parent=first, body="Thank you, I will try the fan.")
    post_comment(author=rowan, post=story, body="Heat makes mine worse as well.")
    return {"path": f"/posts/{story.slug}/", "reader": marion, "first": first}


def open_as_reader(new_context, base_url, question, theme):
    person = question["reader"]
    type(person).objects.filter(pk=person.pk).update(theme=theme)
    context = new_context(viewport=PHONE)
    log_in(context, person, base_url)
    page = context.new_page()
    assert page.goto(base_url + question["path"]).status == 200
    return page


@pytest.mark.parametrize("theme", THEMES)
def test_the_first_reply_starts_within_one_and_a_half_phone_screens(new_context, base_url,
                                                                    question, theme):
    page = open_as_reader(new_context, base_url, question, theme)
    first = page.locator(f"#comment-{question['first'].pk}")
    expect(first).to_be_visible()
    top = first.evaluate("el => el.getBoundingClientRect().top + window.scrollY")
    assert top <= FIRST_REPLY_MAX, f"the first reply starts at {top:.0f} px"
