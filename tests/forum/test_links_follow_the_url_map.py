"""Every link is made from the URL map ({% url %}, reverse()), so Kindred still works when it
is served below a path (SCRIPT_NAME), and renaming a URL cannot leave a dead link behind."""

import re
from pathlib import Path

import pytest
from django.urls import reverse, set_script_prefix

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


HARD_CODED_TEMPLATE = re.compile(r'(href|action|src)="/(?!/)')
HARD_CODED_PYTHON = re.compile(
    r"""["']/(u|posts|comments|pages|tags|search|moderation|notifications|settings|"""
    r"""bookmarks|following|accounts)/"""
    r"""|(redirect\(|link\s*=\s*|fallback\s*=\s*|else\s+)f?["']/["']""")


def test_no_template_or_module_writes_a_site_path_by_hand():
    found = []
    for path in sorted((ROOT / "templates").rglob("*.html")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if HARD_CODED_TEMPLATE.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    for folder in ("accounts", "posts", "forum"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if "migrations" in path.parts or path.name == "settings.py":
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if HARD_CODED_PYTHON.search(line):
                    found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert found == [], "use {% url %} or reverse()"
