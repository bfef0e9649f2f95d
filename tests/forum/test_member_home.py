"""A member's home reads the newest posts from a list every member shares (posts/latest.py):
each member still sees only their own blocks, muted symptoms and new marks, changes show at
once, and a member the shared list cannot serve gets the same page from the database."""

import html

import pytest

import posts.latest
from accounts.blocking import block
from posts.models import Symptom
from posts.services import post_comment, set_follow
from tests.factories import make_post, make_user


def home(client, member, path="/"):
    client.force_login(member)
    return html.unescape(client.get(path).content.decode())


@pytest.fixture
def hug(db):
    return Symptom.objects.get(slug="ms-hug")


@pytest.fixture
def bladder(db):
    return Symptom.objects.get(slug="bladder")


def test_members_who_share_the_list_each_see_only_their_own_blocks_mutes_and_new_marks(
        client, bladder):
    rowan, ash, author, other = (make_user(name) for name in ("rowan", "ash", "kit", "lee"))
    make_post(author, title="Kit's story")
    make_post(other, title="Bladder story", symptoms=[bladder])
    plain = make_post(other, title="Plain story")
    block(blocker=rowan, handle="kit")
    rowan.refresh_from_db()
    set_follow(user=rowan, tag=bladder, level="muted")
    client.force_login(ash)
    client.get(plain.get_absolute_url())  # ash has read it; rowan has not
    post_comment(author=author, post=plain, body="Pacing helps me too.")

    first = home(client, ash)  # fills the shared list
    assert "Kit's story" in first and "Bladder story" in first
    unread = f'href="{plain.get_absolute_url()}?unread"'
    assert unread in first

    mine = home(client, rowan)
    assert "Kit's story" not in mine and "Bladder story" not in mine
    assert "Plain story" in mine and unread not in mine
    assert "badge-new" in mine  # never opened: "New"

    again = home(client, ash)
    assert "Kit's story" in again and "Bladder story" in again
    assert unread in again


def test_a_change_shows_on_a_members_home_at_once(client, member, other_member, bladder):
    post = make_post(other_member, title="A story about the heat")
    assert "A story about the heat" in home(client, member)
    make_post(other_member, title="Written just now")
    assert "Written just now" in home(client, member)
    set_follow(user=member, tag=bladder, level="muted")
    post.tags.add(bladder)
    assert "A story about the heat" not in home(client, member)
    assert "/u/ash/" in home(client, member)
    other_member.profile_visibility = "hidden"
    other_member.save()
    assert "/u/ash/" not in home(client, member)


def test_a_member_the_shared_list_cannot_serve_gets_the_same_posts_from_the_database(
        client, member, other_member, hug, bladder, monkeypatch, settings):
    """Most of the newest posts muted, a followed post older than the shared list, a page
    far down: the page says what the database says."""
    monkeypatch.setattr(posts.latest, "INDEX_SIZE", 6)
    settings.KINDRED_POSTS_PER_PAGE = 2
    make_post(other_member, title="Old hug story", symptoms=[hug])
    for number in range(8):
        make_post(other_member, title=f"Plain story {number}")
    for number in range(6):
        make_post(other_member, title=f"Bladder story {number}", symptoms=[bladder])
    set_follow(user=member, tag=hug, level="following")
    set_follow(user=member, tag=bladder, level="muted")

    first = home(client, member)
    assert "Bladder story" not in first
    followed = first[first.index('id="followed-heading"'):first.index('id="latest-heading"')]
    assert "Old hug story" in followed
    latest = first[first.index('id="latest-heading"'):]
    assert latest.index("Plain story 7") < latest.index("Plain story 6")
    assert "Plain story 5" not in latest

    third = home(client, member, "/?page=3")
    assert "Plain story 3" in third and "Plain story 2" in third
    assert "Plain story 4" not in third and "Bladder story" not in third


def test_a_page_number_past_the_end_shows_the_first_page_with_the_followed_posts(
        client, member, other_member, hug):
    make_post(other_member, title="Hug story", symptoms=[hug])
    set_follow(user=member, tag=hug, level="following")
    page = home(client, member, "/?page=999")
    assert 'id="followed-heading"' in page and "Hug story" in page


def test_a_post_both_followed_and_latest_keeps_every_id_on_the_page_unique(
        client, member, other_member, hug):
    """A story from a followed symptom shows twice on a member's home (followed first, then
    in the latest): its card's heading id must not repeat, or its label points at the wrong
    card (the HTML validator's one error on the member's home)."""
    import re
    from collections import Counter

    make_post(other_member, title="Hug story", symptoms=[hug])
    set_follow(user=member, tag=hug, level="following")
    page = home(client, member)
    assert page.count("Hug story") >= 2
    ids = Counter(re.findall(r'\bid="([^"]+)"', page))
    assert [name for name, count in ids.items() if count > 1] == []
    for label in re.findall(r'aria-labelledby="([^"]+)"', page):
        assert ids[label] == 1, label
