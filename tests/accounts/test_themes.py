"""Themes: light, dark and high contrast, or the device's own choice until the member picks."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from accounts.preferences import COOKIE_NAME, html_classes, parse_cookie


def html_tag(client):
    page = client.get("/").content.decode()
    return page[page.index("<html"):page.index(">", page.index("<html")) + 1]


def test_a_reader_who_picks_dark_gets_it_on_the_next_page_without_a_flash(client, db):
    response = client.post("/settings/accessibility/", {"text_size": "200", "theme": "dark",
                                                        "next": "/"})
    assert response.cookies[COOKIE_NAME].value == "200:dark:site:0:0"
    assert html_tag(client) == '<html lang="en" class="text-200 theme-dark">'


def test_a_new_reader_follows_their_device_until_they_choose(client, db):
    assert html_tag(client) == '<html lang="en" class="text-100">'


@pytest.mark.parametrize(("cookie", "classes"), [
    ("100:1", "text-100 contrast-high"),   # written before themes: high contrast stays on
    ("150:0:plain:0:0", "text-150 font-plain"),
    ("100:light", "text-100 theme-light"),
    ("100:contrast", "text-100 contrast-high"),
    ("100:purple", "text-100"),
])
def test_readers_cookies_from_before_themes_keep_their_contrast(cookie, classes):
    assert html_classes(parse_cookie(cookie)) == classes


def test_a_members_theme_follows_them_to_another_device(client, member):
    client.force_login(member)
    client.post("/settings/accessibility/", {"text_size": "100", "theme": "contrast"})
    member.refresh_from_db()
    assert member.theme == "contrast"
    other_device = type(client)()
    other_device.force_login(member)
    assert 'class="text-100 contrast-high"' in other_device.get("/").content.decode()


def test_an_unknown_theme_is_refused_with_the_form_again(client, db):
    response = client.post("/settings/accessibility/", {"text_size": "100", "theme": "neon"})
    assert response.status_code == 400
    assert "neon is not one of the available choices" in response.content.decode()


def test_the_accessibility_page_and_header_offer_every_theme(client, db):
    page = client.get("/settings/accessibility/").content.decode()
    for label in ("Light", "Dark", "High contrast", "As my device is set"):
        assert label in page
    header = client.get("/").content.decode()
    assert 'name="theme"' in header and '<option value="dark"' in header


@pytest.mark.django_db(transaction=True)
def test_members_who_had_high_contrast_keep_it_as_the_contrast_theme():
    executor = MigrationExecutor(connection)
    before = [("accounts", "0005_handle_key_and_released_handles")]
    after = [("accounts", "0006_theme_replaces_high_contrast")]
    executor.migrate(before)
    old_user = executor.loader.project_state(before).apps.get_model("accounts", "User")
    old_user.objects.create(username="ines", high_contrast=True)
    old_user.objects.create(username="tom", high_contrast=False)
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    new_user = executor.loader.project_state(after).apps.get_model("accounts", "User")
    themes = dict(new_user.objects.values_list("username", "theme"))
    assert themes == {"ines": "contrast", "tom": "auto"}
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_a_page_cached_before_themes_still_turns_high_contrast_on(client, db):
    response = client.post("/settings/accessibility/", {"text_size": "100",
                                                        "high_contrast": "on", "next": "/"})
    assert response.cookies[COOKIE_NAME].value == "100:contrast:site:0:0"
