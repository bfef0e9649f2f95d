"""axe-core finds nothing on the pages people land on, in normal and high-contrast mode,
narrow screens do not scroll sideways, and the text-size/contrast tools work without JS."""

import pytest
from playwright.sync_api import expect

from .conftest import assert_no_axe_violations, log_in

pytestmark = pytest.mark.browser

EDITORIAL_SLUGS = ["editorial-integrity", "community-guidelines", "crisis-support"]


def apply_display_tools(page, *, text_size_label, high_contrast):
    """Use the accessibility tools form in the header, as a reader would."""
    open_display(page)
    tools = page.locator("#accessibility-tools")
    tools.get_by_label("Text size").select_option(label=text_size_label)
    tools.get_by_label("Colours").select_option("contrast" if high_contrast else "auto")
    with page.expect_navigation():
        tools.get_by_role("button", name="Apply").click()


def open_display(page):
    """On a wide screen the tools sit behind the header's "Display" toggle; open it."""
    toggle = page.locator(".site-header summary", has_text="Display")
    if toggle.is_visible() and not toggle.evaluate("el => el.parentElement.open"):
        toggle.click()


def html_classes(page):
    return (page.locator("html").get_attribute("class") or "").split()


def test_home_with_posts(page, base_url, posts):
    page.goto(base_url + "/")
    assert page.locator(".post-summary").count() == len(posts)
    assert_no_axe_violations(page)


def test_post_page(page, base_url, post):
    page.goto(f"{base_url}/posts/{post.slug}/")
    assert page.locator("h1").inner_text() == post.title
    assert_no_axe_violations(page)


@pytest.mark.parametrize(
    "path", ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]
)
def test_account_pages(page, base_url, path):
    response = page.goto(base_url + path)
    assert response.status == 200
    assert_no_axe_violations(page)


@pytest.mark.parametrize("slug", EDITORIAL_SLUGS)
def test_editorial_pages(page, base_url, slug):
    response = page.goto(f"{base_url}/pages/{slug}/")
    assert response.status == 200
    assert_no_axe_violations(page)


def test_not_found_page(page, base_url):
    response = page.goto(base_url + "/no-such-page-here/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "We couldn’t find that page"
    assert_no_axe_violations(page)


def test_accessibility_settings_page(page, base_url):
    response = page.goto(base_url + "/settings/accessibility/")
    assert response.status == 200
    assert_no_axe_violations(page)


def test_write_form(context, page, base_url, member):
    log_in(context, member, base_url)
    response = page.goto(base_url + "/posts/new/")
    assert response.status == 200
    assert_no_axe_violations(page)


def test_write_form_with_errors(context, page, base_url, member):
    log_in(context, member, base_url)
    page.goto(base_url + "/posts/new/")
    with page.expect_navigation():
        page.get_by_role("button", name="Publish").click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    assert summary.get_by_role("link").count() >= 2  # title and body are both missing
    assert_no_axe_violations(page)


@pytest.mark.parametrize("which", ["home", "post"])
def test_high_contrast_mode(page, base_url, post, which):
    path = "/" if which == "home" else f"/posts/{post.slug}/"
    page.goto(base_url + path)
    apply_display_tools(page, text_size_label="Normal (100%)", high_contrast=True)
    assert page.url == base_url + path
    assert "contrast-high" in html_classes(page)
    assert_no_axe_violations(page)


@pytest.mark.parametrize("which", ["home", "post"])
def test_no_horizontal_scroll_at_320px(new_context, base_url, post, which):
    page = new_context(viewport={"width": 320, "height": 640}).new_page()
    path = "/" if which == "home" else f"/posts/{post.slug}/"
    page.goto(base_url + path)
    scroll_width, inner_width = page.evaluate(
        "[document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert scroll_width <= inner_width, f"{path} scrolls sideways: {scroll_width} > {inner_width}"
