"""A thread that reads well on a phone at 200 % text: the deepest reply keeps three quarters
of the screen, nothing scrolls sideways at 320 px, the "More" menu works by keyboard and
without JavaScript, every target in the thread is 44×44 px, and axe finds nothing in light,
dark and high contrast.
"""

import pytest
from playwright.sync_api import expect

from .conftest import assert_no_axe_violations, log_in
from .helpers import is_focused
from .test_design_system import SMALL_TARGETS, THEME_CLASS, sideways_scroll

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}
NARROW = {"width": 320, "height": 740}

# The targets of the thread (and the poll above it) only.
THREAD_TARGETS = SMALL_TARGETS.replace(
    '"a[href], button, input:not([type=hidden]), select, textarea, summary"',
    '"#comments :is(a[href], button, input:not([type=hidden]), textarea, summary), '
    '#poll :is(a[href], button, input:not([type=hidden]))"')


@pytest.fixture
def thread(transactional_db):
    """A story with a poll and two top-level threads, one four levels deep (the cap)."""
    from posts.services import create_post, post_comment
    from posts.services.community import set_poll
    from tests.factories import make_user

    june, rowan = make_user("june"), make_user("rowan")
    reader = make_user("marion")
    story = create_post(author=june, title="Fatigue after a hot shower", kind="question",
                        body="Does anyone else need to lie down after a shower?")
    set_poll(author=june, post=story, question="How long does it last?",
             choices=["Minutes", "An hour or more"])
    root = post_comment(author=rowan, post=story, body="Yes, I sit on a stool and keep it cool.")
    chain = [root]
    for depth in range(1, 4):
        chain.append(post_comment(author=(june, rowan)[depth % 2], post=story, parent=chain[-1],
                                  body=f"At depth {depth}: lukewarm water and a fan help me."))
    post_comment(author=june, post=story, body="A second thread: evenings are the worst.")
    # Two lines on a phone, with reactions and a reply under it (its fold is not its box).
    short = post_comment(author=rowan, post=story,
                         body="I keep a fan by the bed and a cold flannel ready for mornings.")
    from posts.services import toggle_reaction

    toggle_reaction(user=june, post=story, comment=short, kind="hug")
    long_handle = make_user("a_rather_long_handle_of_thirty")
    post_comment(author=long_handle, post=story, parent=short, body="Same here.")
    return {"story": f"/posts/{story.slug}/", "june": june, "reader": reader,
            "deepest": chain[-1], "short": short}


def open_story(new_context, base_url, thread, *, theme="light", text_size=100, viewport=PHONE,
               javascript=True, member=True):
    context = new_context(viewport=viewport, java_script_enabled=javascript)
    if member:
        person = thread["reader"]
        type(person).objects.filter(pk=person.pk).update(theme=theme, text_size=text_size)
        log_in(context, person, base_url)
    else:
        context.add_cookies([{"name": "kindred_a11y", "value": f"{text_size}:{theme}",
                              "url": base_url}])
    page = context.new_page()
    assert page.goto(base_url + thread["story"]).status == 200
    assert THEME_CLASS[theme] in page.locator("html").get_attribute("class").split()
    return page


def test_the_deepest_reply_keeps_three_quarters_of_a_phone_at_200_percent_text(
        new_context, base_url, thread):
    page = open_story(new_context, base_url, thread, text_size=200)
    deepest = page.locator(f"#comment-{thread['deepest'].pk} > article.comment-body")
    width = deepest.evaluate("el => el.getBoundingClientRect().width")
    assert width >= 0.75 * PHONE["width"], f"the deepest reply is {width:.0f} px wide"
    # Flattened, it still says whom it answers.
    expect(deepest.locator(".replying-to")).to_be_visible()


@pytest.mark.parametrize("member", [True, False])
def test_a_two_line_comment_takes_at_most_150_px_on_a_phone(new_context, base_url, thread,
                                                            member):
    page = open_story(new_context, base_url, thread, member=member)
    body = page.locator(f"#comment-{thread['short'].pk} > article.comment-body")
    assert body.locator(".prose").evaluate(
        "el => Math.round(el.getBoundingClientRect().height / parseFloat("
        "getComputedStyle(el.querySelector('p')).lineHeight))") == 2
    height = body.evaluate("el => el.getBoundingClientRect().height")
    assert height <= 150, f"a two-line comment is {height:.0f} px tall"


@pytest.mark.parametrize("text_size", [100, 200])
def test_the_thread_does_not_scroll_sideways_at_320_px(new_context, base_url, thread, text_size):
    page = open_story(new_context, base_url, thread, text_size=text_size, viewport=NARROW)
    page.locator("details[data-more]").first.locator("summary").click()
    assert sideways_scroll(page) <= 0


@pytest.mark.parametrize("text_size", [100, 200])
def test_every_target_in_the_thread_is_44_px(new_context, base_url, thread, text_size):
    page = open_story(new_context, base_url, thread, text_size=text_size)
    for menu in page.locator("details[data-more] > summary").all():
        menu.click()
    assert page.evaluate(THREAD_TARGETS) == []


def test_the_more_menu_opens_and_closes_by_keyboard(new_context, base_url, thread):
    page = open_story(new_context, base_url, thread)
    article = page.locator(f"#comment-{thread['deepest'].pk} > article")
    more = article.locator("details[data-more]")
    report = article.get_by_role("link", name="Report comment by rowan")
    expect(report).to_be_hidden()
    more.locator("summary").focus()
    page.keyboard.press("Enter")
    assert more.evaluate("el => el.open")
    expect(report).to_be_visible()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # "Save" first, then "Report"
    assert is_focused(report)
    page.keyboard.press("Escape")
    assert not more.evaluate("el => el.open")
    assert is_focused(more.locator("summary"))
    page.keyboard.press("Space")
    assert more.evaluate("el => el.open")


def test_the_more_menu_works_without_javascript(new_context, base_url, thread):
    page = open_story(new_context, base_url, thread, javascript=False)
    article = page.locator(f"#comment-{thread['deepest'].pk} > article")
    # Without JavaScript, "More" on a comment leads to the comment's actions page.
    with page.expect_navigation():
        article.get_by_role("link", name="More actions for the comment by rowan").click()
    report = page.locator("main").get_by_role("link", name="Report")  # not the footer's
    expect(report).to_be_visible()
    with page.expect_navigation():
        report.click()
    assert page.locator("h1").inner_text() == "Report a comment by rowan"


@pytest.mark.parametrize("theme", ["light", "dark", "contrast"])
def test_the_thread_is_accessible_in_each_theme(new_context, base_url, thread, theme):
    page = open_story(new_context, base_url, thread, theme=theme, text_size=200)
    page.locator("details[data-more]").first.locator("summary").click()
    assert_no_axe_violations(page, theme)


def test_a_poll_answer_is_chosen_by_tapping_anywhere_on_its_row(new_context, base_url, thread):
    page = open_story(new_context, base_url, thread)
    row = page.locator("#poll .choice").last
    row.scroll_into_view_if_needed()
    box = row.bounding_box()
    page.mouse.click(box["x"] + box["width"] - 4, box["y"] + box["height"] / 2)
    assert row.locator("input[type=radio]").is_checked()


@pytest.mark.parametrize("theme", ["light", "dark", "contrast"])
def test_a_comments_actions_page_is_accessible_and_fits_a_narrow_phone(
        new_context, base_url, thread, theme):
    """Where "React" and "More" lead without JavaScript: every action, reachable by Tab."""
    pk = thread["deepest"].pk
    page = open_story(new_context, base_url, thread, theme=theme, text_size=200,
                      viewport=NARROW)
    page.goto(f"{base_url}/comments/{pk}/actions/")
    assert page.locator("h1").inner_text() == "Comment by rowan"
    assert_no_axe_violations(page, theme)
    assert sideways_scroll(page) <= 0
    assert page.evaluate(SMALL_TARGETS.replace(
        '"a[href], button, input:not([type=hidden]), select, textarea, summary"',
        '"main :is(a[href], button)"')) == []
    hug = page.get_by_role("button", name="Sending a hug")
    for _ in range(60):
        page.keyboard.press("Tab")
        if is_focused(hug):
            break
    assert is_focused(hug)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(f"#comment-{pk}")  # back at the comment
    article = page.locator(f"#comment-{pk} > article")
    assert article.locator(".react-menu > summary .n").inner_text() == "1"
    assert article.locator('button[value="hug"][aria-pressed="true"]').count() == 1
