"""Post cards on home and the review queue's compact cards on a phone: no sideways scroll
at 320 and 375 px at 100 % and 200 % text, 44×44 px targets (with "Other actions" open),
axe clean in light, dark and high contrast. Screenshots go to /tmp for a human look."""

import pytest

from .conftest import assert_no_axe_violations, log_in
from .test_design_system import SMALL_TARGETS, THEME_CLASS, sideways_scroll

pytestmark = pytest.mark.browser

THEMES = ["light", "dark", "contrast"]
PAGES = {"home": "/", "review queue": "/moderation/"}


@pytest.fixture
def scene(transactional_db):
    """A moderator, stories with excerpts, replies and symptoms, a crisis comment and a
    reported one waiting in the queue."""
    from forum.moderation.reports import file_report
    from posts.models import Symptom
    from posts.services import create_post, post_comment
    from tests.factories import make_user

    june = make_user("june", moderator=True)
    rowan, ash = make_user("rowan"), make_user("ash_at_dusk")
    hug = Symptom.objects.get(slug="ms-hug")
    fatigue = Symptom.objects.get(slug="fatigue")
    story = create_post(author=rowan, title="The MS hug after dinner, every evening this week",
                        body="It starts under my ribs, like a belt pulled one notch too tight. "
                             "A warm bath helps, and so does breathing slowly. " * 3,
                        kind="story", symptoms=[hug, fatigue])
    create_post(author=ash, title="Does anyone else nap at two?", kind="question",
                body="Every afternoon the **wall** arrives.", symptoms=[fatigue])
    post_comment(author=ash, post=story, body="Same here. Loose clothes help me.")
    post_comment(author=ash, post=story, body="I can't go on like this any more.")
    selling = post_comment(author=ash, post=story, body="Buy my cheap CBD oil, link in bio.")
    file_report(reporter=rowan, post=story, comment=selling, reason="selling")
    return june


def open_page(new_context, base_url, june, name, *, theme, text_size, width):
    context = new_context(viewport={"width": width, "height": 740})
    type(june).objects.filter(pk=june.pk).update(theme=theme, text_size=text_size)
    log_in(context, june, base_url)
    page = context.new_page()
    assert page.goto(base_url + PAGES[name]).status == 200
    assert THEME_CLASS[theme] in page.locator("html").get_attribute("class").split()
    assert page.locator("article.post-summary, article.queue-item").count() >= 2
    return page


@pytest.mark.parametrize("width", [320, 375])
@pytest.mark.parametrize("text_size", [100, 200])
@pytest.mark.parametrize("name", PAGES)
def test_cards_fit_a_phone_without_sideways_scroll(new_context, base_url, scene, name,
                                                   text_size, width):
    page = open_page(new_context, base_url, scene, name, theme="light", text_size=text_size,
                     width=width)
    for details in page.locator("details.other-actions").all():
        details.locator("summary").click()
    wide = page.evaluate("""[...document.querySelectorAll('body *')].filter(e =>
        e.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 8).map(e =>
        e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))""")
    assert sideways_scroll(page) <= 0, wide
    if width == 375:
        page.screenshot(path=f"/tmp/cards-{name.replace(' ', '-')}-{text_size}.png",
                        full_page=True)


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("name", PAGES)
def test_cards_are_accessible_with_large_targets_in_each_theme(new_context, base_url, scene,
                                                               name, theme):
    page = open_page(new_context, base_url, scene, name, theme=theme, text_size=100, width=375)
    for details in page.locator("details.other-actions").all():
        details.locator("summary").click()
    assert page.evaluate(SMALL_TARGETS) == []
    assert_no_axe_violations(page)
    if theme == "dark":
        page.screenshot(path=f"/tmp/cards-{name.replace(' ', '-')}-dark.png", full_page=True)
