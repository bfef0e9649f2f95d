"""The design system on every page type, in every theme: axe finds nothing, nothing scrolls
sideways at 320 px (100 % and 200 % text), the header fits in 15 % of a 375×740 phone, focus
is visible, targets are 44×44 px, and the phone menu works by keyboard and without JavaScript.

Each page is loaded once per check group and theme; the parametrization keeps one failing
page from hiding the others.
"""

import pytest
from playwright.sync_api import expect

from .conftest import assert_no_axe_violations, log_in
from .helpers import is_focused

pytestmark = pytest.mark.browser

THEMES = ["light", "dark", "contrast"]
THEME_CLASS = {"light": "theme-light", "dark": "theme-dark", "contrast": "contrast-high"}
PHONE = {"width": 375, "height": 740}
NARROW = {"width": 320, "height": 740}
MAX_HEADER = 111  # 15 % of 740

# (page, who): "reader" pages need no account; "member" pages are seen by june, who is a
# moderator so the queue, log and appeals are reachable too.
PAGES = {
    "home": ("/", "reader"),
    "story": ("{story}", "reader"),
    "story as member": ("{story}", "member"),
    "thread": ("{comment}", "reader"),
    "tag": ("/tags/ms-hug/", "reader"),
    "tags": ("/tags/", "reader"),
    "search": ("/search/?q=hug", "reader"),
    "login": ("/accounts/login/", "reader"),
    "signup": ("/accounts/signup/", "reader"),
    "password reset": ("/accounts/password/reset/", "reader"),
    "transparency": ("/pages/transparency/", "reader"),
    "profile": ("/u/june/", "reader"),
    "profile with a long name": ("/u/quietharbour/", "reader"),
    "write": ("/posts/new/", "member"),
    "settings": ("/settings/", "member"),
    "accessibility settings": ("/settings/accessibility/", "member"),
    "notifications": ("/notifications/", "member"),
    "messages": ("/messages/", "member"),
    "conversation": ("{conversation}", "member"),
    "new message": ("/messages/new/?to=rowan", "member"),
    "bookmarks": ("/bookmarks/", "member"),
    "review queue": ("/moderation/", "member"),
    "audit log": ("/moderation/log/", "member"),
    "appeals": ("/moderation/appeals/", "member"),
}

# Interactive elements smaller than 44×44 px, measured together with their label (a
# checkbox with its <label>). Links inside running text are exempt (WCAG 2.5.8 "inline").
SMALL_TARGETS = """
(() => {
  const small = [];
  const seen = el => { const r = el.getBoundingClientRect(); return r.width > 1 && r.height > 1; };
  for (const el of document.querySelectorAll(
      "a[href], button, input:not([type=hidden]), select, textarea, summary")) {
    if (!seen(el) || el.closest(".visually-hidden")) continue;
    let box = el.getBoundingClientRect();
    const holder = el.closest(".choice, .check, label");
    if (holder) box = holder.getBoundingClientRect();
    if (el.tagName === "A") {
      const block = el.parentElement.closest("p, li, dd, td, div, span.help");
      const words = block ? block.textContent.replace(/\\s+/g, " ").trim() : "";
      const inText = el.closest("p, .prose, .help, dd, td, .meta, .comment-meta");
      if (inText && words.length > el.textContent.trim().length + 2) continue;
    }
    if (box.width < 43.5 || box.height < 43.5) {
      const text = (el.textContent || el.name || "").trim().slice(0, 40);
      const size = `${Math.round(box.width)}×${Math.round(box.height)}`;
      small.push(`${el.tagName.toLowerCase()} "${text}" ${size}`);
    }
  }
  return small;
})()
"""


@pytest.fixture(scope="module")
def site(live_world):
    """A moderator-member with a tagged story, a reply thread, a bookmark and a message; built
    once for the module, and every test starts from it as built (``live_world``)."""
    return live_world(build_site)


def build_site():
    from forum.conversations.services import start_conversation
    from posts.models import Symptom
    from posts.services import create_post, post_comment, toggle_bookmark
    from tests.factories import make_user

    june = make_user("june", moderator=True)
    rowan = make_user("rowan")
    make_user("quietharbour")  # a one-word handle as wide as a phone at 200 % text
    story = create_post(author=june, title="The MS hug after dinner",
                        body="It starts under my ribs.\n\nA warm bath helps.", kind="story",
                        symptoms=[Symptom.objects.get(slug="ms-hug", is_curated=True)])
    first = post_comment(author=rowan, post=story, body="Same here, every evening.")
    reply = post_comment(author=june, post=story, parent=first, body="Breathing slowly helps.")
    toggle_bookmark(user=june, post=story)  # "Remove from your bookmarks": the longest button
    rowan.emailaddress_set.create(email=rowan.email, verified=True, primary=True)
    message = start_conversation(sender=rowan, recipient_handle="june",
                                 body="Thank you for the tip about *breathing*.")
    return {"june": june, "story": f"/posts/{story.slug}/", "comment": f"/comments/{reply.pk}/",
            "conversation": f"/messages/{message.conversation_id}/"}


def open_page(new_context, base_url, site, name, *, theme="light", text_size=100,
              viewport=PHONE, javascript=True):
    path, who = PAGES[name]
    path = path.format(**site)
    context = new_context(viewport=viewport, java_script_enabled=javascript)
    if who == "member":
        member = site["june"]
        type(member).objects.filter(pk=member.pk).update(theme=theme, text_size=text_size)
        log_in(context, member, base_url)
    else:
        context.add_cookies([{"name": "kindred_a11y", "value": f"{text_size}:{theme}",
                              "url": base_url}])
    page = context.new_page()
    response = page.goto(base_url + path)
    assert response.status == 200, f"{name} {path}: {response.status}"
    assert THEME_CLASS[theme] in page.locator("html").get_attribute("class").split()
    return page


def sideways_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def focus_ring(locator):
    return locator.evaluate("""el => { const s = getComputedStyle(el);
        return s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2
               || s.boxShadow !== "none"; }""")


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("name", PAGES)
def test_each_page_is_accessible_and_fits_a_phone_in_each_theme(
        new_context, base_url, site, name, theme):
    page = open_page(new_context, base_url, site, name, theme=theme)
    problems = {}
    header = page.locator(".site-header").bounding_box()["height"]
    if header > MAX_HEADER:
        problems["header height at 375×740"] = header
    page.keyboard.press("Tab")  # keyboard use: focus rings show from now on
    first = page.locator(".skip-links a").first
    first.focus()
    if not (is_focused(first) and focus_ring(first)):
        problems["focus ring on the first skip link"] = "missing"
    main_link = page.locator("main a[href]").first
    if main_link.count():
        main_link.focus()
        if not focus_ring(main_link):
            problems["focus ring on a link in main"] = "missing"
    small = page.evaluate(SMALL_TARGETS)
    if small:
        problems["targets under 44×44 px"] = small
    assert problems == {}
    assert_no_axe_violations(page)


@pytest.mark.parametrize("text_size", [100, 200])
@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("name", PAGES)
def test_no_page_scrolls_sideways_at_320_px(new_context, base_url, site, name, theme, text_size):
    page = open_page(new_context, base_url, site, name, theme=theme, text_size=text_size,
                     viewport=NARROW)
    assert sideways_scroll(page) <= 0
    page.locator(".menu-toggle").click()
    assert sideways_scroll(page) <= 0


@pytest.mark.parametrize("text_size", [100, 200])
def test_the_header_fits_in_15_percent_of_a_phone_screen_at_any_text_size(
        new_context, base_url, site, text_size):
    page = open_page(new_context, base_url, site, "story", text_size=text_size)
    assert page.locator(".site-header").bounding_box()["height"] <= MAX_HEADER
    # The skip link to the display tools still reaches them inside the folded menu.
    page.keyboard.press("Tab")
    page.get_by_role("link", name="Skip to accessibility tools").press("Enter")
    assert page.locator("#site-menu").evaluate("el => el.open")
    expect(page.locator("#a11y-text-size")).to_be_visible()


def test_the_phone_menu_opens_and_closes_by_keyboard(new_context, base_url, site):
    page = open_page(new_context, base_url, site, "home")
    menu = page.locator("#site-menu")
    toggle = page.locator(".menu-toggle")
    latest = page.get_by_role("link", name="Latest")
    expect(latest).to_be_hidden()
    for _ in range(6):
        page.keyboard.press("Tab")
        if is_focused(toggle):
            break
    assert is_focused(toggle), "Tab never reached Menu"
    page.keyboard.press("Enter")
    assert menu.evaluate("el => el.open")
    expect(latest).to_be_visible()
    page.keyboard.press("Tab")
    assert is_focused(latest)
    page.keyboard.press("Escape")
    assert not menu.evaluate("el => el.open")
    assert is_focused(toggle)
    page.keyboard.press("Space")
    assert menu.evaluate("el => el.open")
    page.keyboard.press("Space")
    assert not menu.evaluate("el => el.open")


def test_the_phone_menu_works_without_javascript(new_context, base_url, site):
    page = open_page(new_context, base_url, site, "home", javascript=False)
    log_in_link = page.get_by_role("link", name="Log in")
    expect(log_in_link).to_be_hidden()
    page.locator(".menu-toggle").click()
    expect(log_in_link).to_be_visible()
    page.get_by_label("Colours").select_option("dark")
    with page.expect_navigation():
        page.get_by_role("button", name="Apply").click()
    assert "theme-dark" in page.locator("html").get_attribute("class").split()
    page.locator(".menu-toggle").click()
    page.locator(".menu-toggle").click()
    expect(page.get_by_role("link", name="Log in")).to_be_hidden()


def test_on_a_wide_screen_the_navigation_shows_without_a_menu_button(new_context, base_url,
                                                                     site):
    page = open_page(new_context, base_url, site, "home", viewport={"width": 1280,
                                                                     "height": 800})
    expect(page.locator(".menu-toggle")).to_be_hidden()
    expect(page.get_by_role("link", name="Log in")).to_be_visible()
    # The display settings sit behind one "Display" toggle in the row.
    expect(page.get_by_label("Colours")).to_be_hidden()
    page.locator(".site-header summary", has_text="Display").click()
    expect(page.get_by_label("Colours")).to_be_visible()
