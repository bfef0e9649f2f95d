"""What helped, in a real browser: the asker marks a reply with the keyboard-reachable
"This helped me" button, the next reader sees it first under the question, follows its link
to the reply in the thread, and sees the chip on the home page; axe finds nothing."""

import pytest

from tests.factories import consented

from .conftest import PASSWORD, assert_no_axe_violations, log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def question(posts):
    return posts[0]  # marion's question about the MS hug at night


@pytest.fixture
def reply(question, transactional_db):
    from accounts.models import User
    from posts.services import post_comment

    june = User.objects.create_user(username="june", email="june@example.com",
                                    password=PASSWORD, **consented())
    post_comment(author=june, post=question, body="Same here, mine fades by midnight.")
    return post_comment(author=june, post=question,
                        body="A heat pack on the ribs helps me.\n\nAnd slow breathing.")


def test_an_asker_marks_what_helped_and_the_next_reader_sees_it_first(
        new_context, base_url, member, question, reply):
    asker = new_context()
    log_in(asker, member, base_url)
    page = asker.new_page()
    page.goto(base_url + question.get_absolute_url())
    button = page.locator(f"#comment-{reply.pk} button", has_text="This helped me")
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**#comment-{reply.pk}")
    assert page.locator(f"#comment-{reply.pk} .helped-label").inner_text() == \
        "✓ Helped the asker"
    assert page.locator(f"#comment-{reply.pk} button[aria-pressed=true]").count() == 1
    assert_no_axe_violations(page, "as the asker")

    reader = new_context().new_page()
    reader.goto(base_url + question.get_absolute_url())
    section = reader.get_by_role("region", name="What helped")
    assert "A heat pack on the ribs helps me." in section.inner_text()
    # Under the question's body, before the conversation.
    assert reader.evaluate(
        "() => document.querySelector('.what-helped').compareDocumentPosition("
        "document.querySelector('#comments, .comments')) & Node.DOCUMENT_POSITION_FOLLOWING")
    assert_no_axe_violations(reader, "as a reader")
    section.get_by_role("link").first.click()
    reader.wait_for_url(f"**#comment-{reply.pk}")
    reader.goto(base_url + "/")
    assert reader.get_by_text("✓ answers that helped").count() == 1
    assert_no_axe_violations(reader, "on the home page")


@pytest.mark.parametrize("path", ["home", "question"])
def test_the_helped_marks_fit_a_small_phone_at_the_largest_text(new_context, base_url, question,
                                                               reply, path):
    """The chip and the label wrap like words: at 200 % text on a 320 px screen they used to
    push the page sideways (445 px), found by make screenshots once the demo had marks."""
    from posts.services import toggle_helped

    toggle_helped(actor=question.author, comment=reply)
    context = new_context(viewport={"width": 320, "height": 740})
    context.add_cookies([{"name": "kindred_a11y", "value": "200:0", "url": base_url}])
    page = context.new_page()
    page.goto(base_url + ("/" if path == "home" else question.get_absolute_url()))
    assert "text-200" in (page.locator("html").get_attribute("class") or "")
    assert page.locator(".helped-chip, .helped-label").count() >= 1
    scroll, inner = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert scroll <= inner, f"{path} scrolls sideways at 320 px, 200 %: {scroll} > {inner}"
