"""Helpers the browser tests share: opening a page as someone, and keyboard-only moves."""

import pytest

from .conftest import assert_no_axe_violations, log_in

MAX_TABS = 150
MAX_ARROWS = 12


def html_classes(page):
    return (page.locator("html").get_attribute("class") or "").split()


def visit(new_context, base_url, path, *, user=None, contrast="default", status=200):
    """Open ``path`` in a fresh context, as ``user`` (or a reader), in the chosen contrast.

    Members keep display preferences on their account, readers in the kindred_a11y cookie.
    """
    context = new_context()
    if user is not None:
        if contrast == "high":
            type(user).objects.filter(pk=user.pk).update(theme="contrast")
        log_in(context, user, base_url)
    elif contrast == "high":
        context.add_cookies([{"name": "kindred_a11y", "value": "100:1", "url": base_url}])
    page = context.new_page()
    response = page.goto(base_url + path)
    assert response.status == status, f"{path}: {response.status}"
    assert ("contrast-high" in html_classes(page)) == (contrast == "high"), html_classes(page)
    return page


def switch_to_high_contrast(page, base_url, *, user=None, status=200):
    """Turn high contrast on where it is kept (a member's account, a reader's kindred_a11y
    cookie) and reload: the same page in the other theme, without setting it all up again."""
    if user is not None:
        type(user).objects.filter(pk=user.pk).update(high_contrast=True)
    else:
        page.context.add_cookies([{"name": "kindred_a11y", "value": "100:1", "url": base_url}])
    response = page.reload()
    assert response.status == status, f"{page.url}: {response.status} after the reload"
    assert "contrast-high" in html_classes(page), \
        f"{page.url}: high contrast is not on after the reload: {html_classes(page)}"


def assert_no_axe_violations_in_both_contrasts(page, base_url, *, user=None, status=200):
    """axe on the page as loaded (normal contrast), then on the same page in high contrast."""
    assert "contrast-high" not in html_classes(page), html_classes(page)
    assert_no_axe_violations(page, "in normal contrast")
    switch_to_high_contrast(page, base_url, user=user, status=status)
    assert_no_axe_violations(page, "in high contrast")


def is_focused(locator):
    return locator.evaluate("el => el === document.activeElement")


def focused_value(page):
    return page.evaluate("() => document.activeElement.value")


def tab_to(page, locator, description, max_tabs=MAX_TABS):
    """Press Tab (only Tab) until ``locator`` has keyboard focus."""
    assert locator.count() == 1, f"{description} is not on the page once"
    for _ in range(max_tabs):
        page.keyboard.press("Tab")
        if is_focused(locator):
            return
    pytest.fail(f"{max_tabs} presses of Tab never reached {description}")


def arrow_to(page, value, description, key="ArrowDown"):
    """Press an arrow key on the focused radio button or select until ``value`` is chosen."""
    for _ in range(MAX_ARROWS):
        if focused_value(page) == value:
            return
        page.keyboard.press(key)
    assert focused_value(page) == value, f"{key} never reached {description}"
