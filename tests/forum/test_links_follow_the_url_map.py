"""Every link is made from the URL map ({% url %}, reverse()), so Kindred still works when it
is served below a path (SCRIPT_NAME), and renaming a URL cannot leave a dead link behind."""

import re
from pathlib import Path

import pytest
from django.urls import get_resolver, reverse, set_script_prefix
from django.urls.resolvers import URLResolver

from forum.moderation.services import hide
from forum.notifications.models import Notification
from posts.services import post_comment

ROOT = Path(__file__).resolve().parent.parent.parent
PREFIX = "/kindred"


@pytest.fixture
def below_a_path():
    """What a WSGI server mounted at PREFIX does for each request (the test client does not
    read SCRIPT_NAME), then back to the root for the other tests."""
    def get(client, url):
        set_script_prefix(PREFIX + "/")
        return client.get(url).content.decode()
    yield get
    set_script_prefix("/")


def test_author_links_on_a_post_page_stay_below_the_sites_path(client, member, other_member,
                                                               post, below_a_path):
    post_comment(author=other_member, post=post, body="Same here")
    page = below_a_path(client, post.get_absolute_url())
    assert 'href="/u/' not in page
    assert f'href="{PREFIX}/u/{member.username}/"' in page          # the post's byline
    assert f'href="{PREFIX}/u/{other_member.username}/"' in page    # the comment's author


def test_the_error_page_links_stay_below_the_sites_path(client, db, below_a_path):
    page = below_a_path(client, "/no-such-page/")
    assert 'href="/"' not in page and 'href="/pages/' not in page
    assert f'href="{PREFIX}/">Go to the latest stories' in page
    assert f'href="{PREFIX}/pages/crisis-support/">Crisis support' in page


def test_the_mention_script_asks_for_handles_below_the_sites_path(client, member,
                                                                   below_a_path):
    client.force_login(member)
    page = below_a_path(client, "/posts/new/")
    assert f'data-suggest-url="{PREFIX}/u/suggest/"' in page


def test_notification_links_follow_the_url_map(member, other_member, moderator, post,
                                              below_a_path):
    comment = post_comment(author=other_member, post=post, body="Hello @" + member.username)
    hide(moderator=moderator, post=post, comment=comment, guideline="be_gentle",
         statement="Unkind.")
    set_script_prefix(PREFIX + "/")
    targets = {n.kind: n.target_url for n in Notification.objects.all()}
    assert set(targets) == {"reply_to_post", "moderation"}
    assert targets["reply_to_post"] == reverse("comment_permalink", args=[comment.pk])
    assert targets["moderation"].startswith(f"{PREFIX}/moderation/decisions/")


def _routes(patterns, prefix=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, route)
        else:
            yield route


def _site_sections():
    """The first part of every path in the URL map: u, posts, messages, feeds, …"""
    return sorted({match[1] for route in _routes(get_resolver().url_patterns)
                   if (match := re.match(r"([\w.-]+)/", route))})


SECTIONS = "|".join(map(re.escape, _site_sections()))
HARD_CODED_TEMPLATE = re.compile(r'(href|action|src|data-[\w-]+)="/(?!/)')
HARD_CODED_PYTHON = re.compile(
    rf"""["']/({SECTIONS})/"""
    r"""|(redirect\(|link\s*=\s*|fallback\s*=\s*|else\s+)f?["']/["']""")
HARD_CODED_SCRIPT = re.compile(rf"""["'`]/({SECTIONS})/""")


def test_the_check_knows_every_section_of_the_url_map():
    assert {"u", "posts", "comments", "tags", "messages", "feeds", "moderation",
            "notifications", "settings", "accounts"} <= set(_site_sections())


@pytest.mark.parametrize(("pattern", "line"), [
    (HARD_CODED_PYTHON, 'return redirect("/messages/")'),
    (HARD_CODED_PYTHON, 'link = f"/feeds/latest/"'),
    (HARD_CODED_SCRIPT, 'var URL = "/u/suggest/?q=";'),
    (HARD_CODED_SCRIPT, "fetch(`/messages/${id}/`)"),
    (HARD_CODED_TEMPLATE, '<script data-suggest-url="/u/suggest/">'),
])
def test_the_check_recognises_a_site_path_written_by_hand(pattern, line):
    assert pattern.search(line)


def _lines(paths):
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            yield f"{path.relative_to(ROOT)}:{number}: {line.strip()}", line


def test_no_template_module_or_script_writes_a_site_path_by_hand():
    templates = sorted((ROOT / "templates").rglob("*.html"))
    modules = [path for folder in ("accounts", "posts", "forum")
               for path in sorted((ROOT / folder).rglob("*.py"))
               if "migrations" not in path.parts and path.name != "settings.py"]
    scripts = sorted((ROOT / "static").rglob("*.js"))
    assert templates and modules and scripts
    found = [where for where, line in _lines(templates) if HARD_CODED_TEMPLATE.search(line)]
    found += [where for where, line in _lines(modules) if HARD_CODED_PYTHON.search(line)]
    found += [where for where, line in _lines(scripts) if HARD_CODED_SCRIPT.search(line)]
    assert found == [], "use {% url %} or reverse(); a script reads its URL from the page"
