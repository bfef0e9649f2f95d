"""Everything a member needs works from the keyboard alone: skip links, then writing a story."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import log_in

pytestmark = pytest.mark.browser

SKIP_LINKS = [
    ("Skip to accessibility tools", "accessibility-tools"),
    ("Skip to content", "content"),
    ("Skip to footer", "footer"),
]
MAX_TABS = 40


def focused(page):
    """What has keyboard focus: tag, id, accessible-ish text, and the name attribute."""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            return {
                tag: el.tagName.toLowerCase(), id: el.id, name: el.getAttribute("name") || "",
                text: (el.innerText || el.value || "").trim(),
                value: el.value === undefined ? "" : String(el.value),
            };
        }"""
    )


def focus_is_inside(page, element_id):
    return page.evaluate(
        "id => document.getElementById(id).contains(document.activeElement)", element_id
    )


def tab_until(page, predicate, description):
    """Press Tab until ``predicate(focused(page))`` holds, as a keyboard user would."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        current = focused(page)
        if predicate(current):
            return current
    pytest.fail(f"{MAX_TABS} presses of Tab never reached {description}")


def test_skip_links_are_the_first_three_tab_stops(page, base_url, posts):
    page.goto(base_url + "/")
    for label, target in SKIP_LINKS:
        page.keyboard.press("Tab")
        current = focused(page)
        assert current["tag"] == "a"
        assert current["text"] == label
        link = page.locator(":focus")
        assert link.get_attribute("href") == f"#{target}"
        # Hidden until focused, then on screen so a sighted keyboard user sees it.
        expect(link).to_be_visible()
        box = link.bounding_box()
        assert box["y"] >= 0 and box["height"] >= 44


@pytest.mark.parametrize(("position", "label", "target"), [
    (index, label, target) for index, (label, target) in enumerate(SKIP_LINKS, start=1)
])
def test_skip_link_moves_focus_to_its_target(page, base_url, posts, position, label, target):
    page.goto(base_url + "/")
    assert page.locator(f"#{target}").count() == 1
    for _ in range(position):
        page.keyboard.press("Tab")
    assert focused(page)["text"] == label

    page.keyboard.press("Enter")

    page.wait_for_function("hash => location.hash === hash", arg=f"#{target}")
    assert focused(page)["id"] == target
    # The next Tab continues from the target, not from the top of the page.
    page.keyboard.press("Tab")
    assert focus_is_inside(page, target), f"Tab after {label!r} left #{target}: {focused(page)}"


def test_keyboard_only_member_writes_a_story(context, page, base_url, member):
    title = "Keyboard only: my first week with a new walking aid"
    log_in(context, member, base_url)
    page.goto(base_url + "/posts/new/")

    # The kind is a radio group: one Tab stop, arrow keys choose within it.
    tab_until(page, lambda f: f["name"] == "kind", "the “This is a” choice")
    page.keyboard.press("ArrowDown")
    assert focused(page)["value"] == "question"
    page.keyboard.press("ArrowUp")
    assert focused(page)["value"] == "story"
    assert page.locator("input[name=kind][value=story]").is_checked()

    tab_until(page, lambda f: f["name"] == "title", "the title field")
    page.keyboard.type(title)
    tab_until(page, lambda f: f["name"] == "body", "the body field")
    page.keyboard.type("I was worried about it.\n\nIt turns out it gives me **more** freedom.")

    tab_until(page, lambda f: f["tag"] == "button" and f["text"] == "Publish", "Publish")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert re.fullmatch(re.escape(base_url) + r"/posts/[\w-]+/", page.url), page.url
    assert page.locator("h1").inner_text() == title
    assert page.locator(".kind").inner_text().lower() == "story"
    assert page.locator(".prose strong").inner_text() == "more"
    disclaimer = page.get_by_role("complementary", name="Editorial disclaimer")
    assert disclaimer.count() == 1
    assert disclaimer.evaluate("el => el.tagName") == "ASIDE"
    assert disclaimer.locator('a[href="/pages/editorial-integrity/"]').count() == 1
