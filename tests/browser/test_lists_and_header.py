"""Lists and header, measured in the browser: at 1280×900 the header is one row at most 100 px
tall (brand, navigation, Write, Need help now, Display, the member's links), home uses the
width (a side column with the member's followed symptoms, the guidelines and Need help now);
at 375×740 at least three post titles show in the first screen of home, for a reader and for
a member, in light, dark and high contrast; at 320 px and 200 % text nothing scrolls
sideways and the side column comes after the posts; Display works without JavaScript and
the skip link still opens it."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import log_in
from .test_design_system import THEME_CLASS, sideways_scroll

pytestmark = pytest.mark.browser

THEMES = ["light", "dark", "contrast"]
WIDE = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}
NARROW = {"width": 320, "height": 740}
MAX_HEADER_WIDE = 100
TITLES_IN_FIRST_SCREEN = 3
OLD_COLUMN = 660  # the width of home's one column before it had a side column

# Every header item a person sees (not what sits in a closed disclosure): its box, and
# what it says.
HEADER_ITEMS = """
(() => [...document.querySelectorAll(
    ".site-header a[href], .site-header summary, .site-header button")]
  .filter(el => { const r = el.getBoundingClientRect();
                  return el.checkVisibility() && r.width > 1 && r.height > 1
                         && !el.closest(".visually-hidden"); })
  .map(el => { const r = el.getBoundingClientRect();
               return {text: el.textContent.replace(/\\s+/g, " ").trim(),
                       top: r.top, bottom: r.bottom}; }))()
"""

# Titles of post cards wholly inside the first screen (nothing of them below the fold or
# off either side).
TITLES_ON_FIRST_SCREEN = """
(() => [...document.querySelectorAll("article.post-summary .post-summary-title")]
  .filter(el => { const r = el.getBoundingClientRect();
                  return r.top >= 0 && r.bottom <= window.innerHeight
                         && r.left >= 0 && r.right <= window.innerWidth; })
  .map(el => el.textContent.trim()))()
"""


WIDE_ELEMENTS = """[...document.querySelectorAll('body *')].filter(e =>
    e.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 8).map(e =>
    e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"""


@pytest.fixture(scope="module")
def world(live_world):
    """june, a moderator (the most header links) who follows two symptoms, with unread
    notifications and a message; six stories with long titles, excerpts, symptoms and
    replies, all within the month (so "Most discussed" has them too)."""
    return live_world(build_world)


def build_world():
    from forum.conversations.services import start_conversation
    from posts.models import Symptom
    from posts.services import create_post, post_comment, set_follow
    from tests.factories import make_user

    june = make_user("june", moderator=True)
    rowan = make_user("rowan")
    rowan.emailaddress_set.create(email=rowan.email, verified=True, primary=True)
    june.emailaddress_set.create(email=june.email, verified=True, primary=True)
    hug = Symptom.objects.get(slug="ms-hug")
    fatigue = Symptom.objects.get(slug="fatigue")
    set_follow(user=june, tag=fatigue, level="following")
    set_follow(user=june, tag=hug, level="following")
    titles = [
        "The MS hug after dinner, every evening this week",
        "Does anyone else need a nap at two in the afternoon?",
        "Cooling vest, fan by the bed: what got me through the heatwave",
        "First appointment with the new neurologist: questions I wish I had asked",
        "Back spasticity in the mornings and the stretches that help",
        "Telling my manager about MS: how it went",
    ]
    body = ("It starts under my ribs, like a belt pulled one notch too tight. A warm bath "
            "helps, and so does breathing slowly, but some evenings nothing does. ") * 3
    for n, title in enumerate(titles):
        story = create_post(author=rowan if n % 2 else june, title=title, body=body,
                            kind="question" if "?" in title else "story",
                            symptoms=[hug, fatigue] if n % 2 else [fatigue])
        post_comment(author=june if n % 2 else rowan, post=story,
                     body="Same here. Loose clothes help me.")
    start_conversation(sender=rowan, recipient_handle="june", body="Thank you for the tip.")
    return {"june": june}


def open_home(new_context, base_url, world, who, *, theme="light", text_size=100,
              viewport=PHONE, javascript=True, path="/"):
    context = new_context(viewport=viewport, java_script_enabled=javascript)
    if who == "member":
        june = world["june"]
        type(june).objects.filter(pk=june.pk).update(theme=theme, text_size=text_size)
        log_in(context, june, base_url)
    else:
        context.add_cookies([{"name": "kindred_a11y", "value": f"{text_size}:{theme}",
                              "url": base_url}])
    page = context.new_page()
    assert page.goto(base_url + path).status == 200
    assert THEME_CLASS[theme] in page.locator("html").get_attribute("class").split()
    return page


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("who", ["reader", "member"])
def test_the_header_is_one_row_at_most_100_px_tall_on_a_wide_screen(new_context, base_url,
                                                                   world, who, theme):
    page = open_home(new_context, base_url, world, who, theme=theme, viewport=WIDE)
    height = page.locator(".site-header").bounding_box()["height"]
    items = page.evaluate(HEADER_ITEMS)
    texts = [item["text"] for item in items]
    # One row: a single horizontal line crosses every item.
    lowest_top = max(item["top"] for item in items)
    highest_bottom = min(item["bottom"] for item in items)
    rows = len({round(item["top"] / 10) for item in items})
    print(f"\n{who} {theme}: header {height:.0f} px, {len(items)} items, "
          f"{'one row' if lowest_top < highest_bottom else f'about {rows} rows'}")
    for expected in ["Kindred", "Need help now", "Latest", "Display"]:
        assert any(expected in text for text in texts), (expected, texts)
    if who == "member":
        assert "Write" in texts, texts
        write = page.locator(".site-header").get_by_role("link", name="Write")
        expect(write).to_have_class(re.compile(r"\bbutton\b"))
    assert lowest_top < highest_bottom, [item for item in items if item["top"] >= highest_bottom]
    assert height <= MAX_HEADER_WIDE


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("who", ["reader", "member"])
def test_at_least_three_post_titles_show_in_the_first_phone_screen_of_home(
        new_context, base_url, world, who, theme):
    page = open_home(new_context, base_url, world, who, theme=theme)
    titles = page.evaluate(TITLES_ON_FIRST_SCREEN)
    print(f"\n{who} {theme}: {len(titles)} titles in the first 375×740 screen")
    assert len(titles) >= TITLES_IN_FIRST_SCREEN, titles
    assert sideways_scroll(page) <= 0


@pytest.mark.parametrize("who", ["reader", "member"])
def test_the_welcome_headline_greets_readers_only(new_context, base_url, world, who):
    page = open_home(new_context, base_url, world, who)
    welcome = page.get_by_text("Read what other members live with")
    if who == "reader":
        expect(welcome).to_be_visible()
    else:
        expect(welcome).to_have_count(0)
    expect(page.locator("h1")).to_have_count(1)


@pytest.mark.parametrize("theme", THEMES)
def test_on_a_wide_screen_home_has_a_side_column_with_followed_symptoms_and_help(
        new_context, base_url, world, theme):
    page = open_home(new_context, base_url, world, "member", theme=theme, viewport=WIDE)
    side = page.locator("main aside")
    expect(side).to_have_count(1)
    column = page.locator(".home-main").bounding_box()
    aside = side.bounding_box()
    print(f"\n{theme}: main column {column['width']:.0f} px, side column "
          f"{aside['width']:.0f} px at x={aside['x']:.0f}")
    assert column["width"] > OLD_COLUMN
    assert aside["x"] >= column["x"] + column["width"]  # beside the posts, not under them
    assert aside["y"] < column["y"] + 200
    for name in ["Fatigue", "MS hug", "Community guidelines", "Need help now"]:
        expect(side.get_by_role("link", name=name)).to_be_visible()
    assert sideways_scroll(page) <= 0


@pytest.mark.parametrize("who", ["reader", "member"])
def test_at_320_px_and_200_percent_text_home_fits_and_the_side_column_follows_the_posts(
        new_context, base_url, world, who):
    page = open_home(new_context, base_url, world, who, text_size=200, viewport=NARROW)
    assert sideways_scroll(page) <= 0, page.evaluate(WIDE_ELEMENTS)
    last_card = page.locator("article.post-summary").last.bounding_box()
    aside = page.locator("main aside").bounding_box()
    assert aside["y"] >= last_card["y"] + last_card["height"]
    page.locator(".menu-toggle").click()
    assert sideways_scroll(page) <= 0, page.evaluate(WIDE_ELEMENTS)


def test_display_opens_and_applies_colours_without_javascript_on_a_wide_screen(
        new_context, base_url, world):
    page = open_home(new_context, base_url, world, "reader", viewport=WIDE, javascript=False)
    colours = page.get_by_label("Colours")
    expect(colours).to_be_hidden()
    page.locator(".site-header summary", has_text="Display").click()
    colours.select_option("dark")
    with page.expect_navigation():
        page.get_by_role("button", name="Apply").click()
    assert "theme-dark" in page.locator("html").get_attribute("class").split()


def test_the_skip_link_opens_display_on_a_wide_screen(new_context, base_url, world):
    page = open_home(new_context, base_url, world, "member", viewport=WIDE)
    expect(page.locator("#a11y-text-size")).to_be_hidden()
    page.keyboard.press("Tab")
    page.get_by_role("link", name="Skip to accessibility tools").press("Enter")
    expect(page.locator("#a11y-text-size")).to_be_visible()
    page.keyboard.press("Tab")
    expect(page.locator("#a11y-text-size")).to_be_focused()
