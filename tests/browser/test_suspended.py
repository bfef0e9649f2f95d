"""A suspended member, signed in, lands on a page that lists the decisions about them: it
passes axe, keeps to the screen at 320 px, and its decision link and sign-out button are
reached by keyboard."""

import pytest

from tests.factories import suspend

from .conftest import assert_no_axe_violations, log_in

pytestmark = pytest.mark.browser


def test_the_suspended_page_is_accessible_and_reached_by_keyboard(new_context, base_url,
                                                                  member):
    action = suspend(member, days=3, statement="Selling a cure.")
    context = new_context(viewport={"width": 320, "height": 640})
    log_in(context, member, base_url)
    page = context.new_page()
    page.goto(base_url + "/settings/")  # anything else leads to the suspended page
    assert page.url == base_url + "/moderation/suspended/"
    assert_no_axe_violations(page)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    reached = set()
    for _ in range(60):
        page.keyboard.press("Tab")
        reached.add(page.evaluate(
            "document.activeElement.getAttribute('href') || document.activeElement.textContent"))
    assert f"/moderation/decisions/{action.pk}/" in reached
    assert "Sign out to read Kindred" in reached
