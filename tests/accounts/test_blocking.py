import html
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.blocking import block, blocked_between, blocked_ids, has_blocked
from accounts.models import Block
from forum.moderation.services import hide
from forum.notifications.models import Notification
from posts.models import Comment, Symptom
from posts.services import post_comment, set_follow, toggle_bookmark
from tests.factories import PASSWORD, make_post, make_user


def block_url(member):
    return f"/u/{member.username}/block/"


def blocks(client, blocker, member):
    """`blocker` presses "Block" on the confirmation page."""
    client.force_login(blocker)
    return client.post(block_url(member), {"confirm": "yes"})


def blocked(blocker, member):
    """`blocker` blocks `member` through the service; both instances are fresh after."""
    block(blocker=blocker, handle=member.username)
    member.refresh_from_db()
    blocker.refresh_from_db()


def text(response):
    return html.unescape(response.content.decode())


def kinds_for(user):
    return sorted(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


# -- blocking and unblocking -----------------------------------------------------------------

def test_blocking_asks_once_more_and_a_bare_post_changes_nothing(client, member,
                                                                 other_member):
    client.force_login(member)
    for data in ({}, {"action": "block"}, {"action": "block", "confirm": "no"}):
        response = client.post(block_url(other_member), data)
        page = text(response)
        assert response.status_code == 200 and "Block ash?" in page
        assert "They are not told" in page and 'name="confirm" value="yes"' in page
        assert f'href="/u/{other_member.username}/"' in page  # Cancel, back to the profile
        assert not Block.objects.exists()
    response = client.post(block_url(other_member), {"action": "block", "confirm": "yes"})
    assert response.status_code == 302 and has_blocked(member, other_member)


def test_a_bare_post_to_block_yourself_is_still_a_400(client, member):
    client.force_login(member)
    response = client.post(block_url(member))
    assert response.status_code == 400 and "You can't block yourself." in text(response)
    assert not Block.objects.exists()


def test_a_member_blocks_from_the_profile_after_reading_what_it_does(client, member,
                                                                     other_member):
    client.force_login(member)
    profile = client.get(f"/u/{other_member.username}/").content.decode()
    assert f'href="/u/{other_member.username}/block/"' in profile
    confirm = client.get(block_url(other_member)).content.decode()
    assert "They are not told" in confirm and "still moderate" in confirm
    response = client.post(block_url(other_member), {"confirm": "yes"})
    assert response.status_code == 302 and response.url == f"/u/{other_member.username}/"
    assert has_blocked(member, other_member) and not has_blocked(other_member, member)
    profile = client.get(response.url).content.decode()
    assert "You blocked ash" in profile and "Hidden from you: you blocked ash." in profile


def test_blocking_twice_keeps_one_block_and_unblocking_undoes_it(client, member, other_member):
    blocks(client, member, other_member)
    blocks(client, member, other_member)
    assert Block.objects.count() == 1
    response = client.post(block_url(other_member), {"action": "unblock"})
    assert response.status_code == 302 and Block.objects.count() == 0


def test_blocking_yourself_is_a_400_with_the_reason(client, member):
    response = blocks(client, member, member)
    assert response.status_code == 400
    assert "You can't block yourself." in text(response)
    assert client.get(block_url(member)).status_code == 400
    assert not Block.objects.exists()


def test_blocking_an_unknown_handle_is_a_404(client, member):
    client.force_login(member)
    assert client.post("/u/nobody-here/block/").status_code == 404
    assert client.post("/u/nobody-here/block/", {"confirm": "yes"}).status_code == 404
    assert client.get("/u/nobody-here/block/").status_code == 404


def test_an_unknown_action_is_a_400_and_readers_are_asked_to_log_in(client, member,
                                                                    other_member):
    response = client.post(block_url(other_member))
    assert response.status_code == 302 and "/accounts/login/" in response.url
    client.force_login(member)
    assert client.post(block_url(other_member), {"action": "explode"}).status_code == 400
    assert not Block.objects.exists()


def test_the_settings_page_lists_blocks_and_unblocks(client, member, other_member):
    blocks(client, member, other_member)
    page = client.get("/settings/blocked/").content.decode()
    assert "ash" in page and 'value="unblock"' in page
    response = client.post(block_url(other_member), {"action": "unblock", "next": "settings"})
    assert response.url == "/settings/blocked/"
    assert "You have not blocked anyone." in client.get("/settings/blocked/").content.decode()


def test_blocked_between_is_true_either_way_and_false_for_strangers(member, other_member):
    third = make_user("birch")
    blocked(member, other_member)
    assert blocked_between(member, other_member) and blocked_between(other_member, member)
    assert not blocked_between(member, third)
    assert set(Block.objects.filter(blocked_id__in=blocked_ids(member))
               .values_list("blocked_id", flat=True)) == {other_member.pk}


# -- what the blocker no longer sees ---------------------------------------------------------

def test_the_blocked_members_posts_leave_the_blockers_lists(client, member, other_member):
    hug = Symptom.objects.get(slug="ms-hug")
    set_follow(user=member, tag=hug, level="watching")
    theirs = make_post(other_member, title="Banding again tonight", symptoms=[hug])
    toggle_bookmark(user=member, post=theirs)
    blocks(client, member, other_member)
    for url in ("/", "/tags/ms-hug/", "/following/", "/bookmarks/", "/search/?q=banding"):
        assert "Banding again tonight" not in client.get(url).content.decode(), url
    client.force_login(make_user("birch"))
    assert "Banding again tonight" in client.get("/tags/ms-hug/").content.decode()


def test_a_blocked_members_comment_is_collapsed_and_replies_stay_readable(
        client, member, other_member, post):
    theirs = post_comment(author=other_member, post=post, body="Words you'd rather not read")
    reply = post_comment(author=make_user("birch"), post=post, body="A kind reply",
                         parent=theirs)
    client.force_login(make_user("cedar"))
    post_comment(author=member, post=post, body="warm the cache")  # the shared tree is built
    client.get(post.get_absolute_url())
    blocks(client, member, other_member)
    page = client.get(post.get_absolute_url()).content.decode()
    item = page[page.index(f'id="comment-{theirs.pk}"'):page.index(f'id="comment-{reply.pk}"')]
    assert '<details class="blocked-comment"><summary>You blocked this member' in item
    assert "rather not read" in item
    assert item.index("</details>") < item.index('class="replies"')
    assert "A kind reply" in page
    client.force_login(make_user("dove"))  # nobody else's view changes
    assert "blocked-comment" not in client.get(post.get_absolute_url()).content.decode()


def test_a_blocked_members_comment_is_collapsed_on_the_continue_page_too(
        client, member, other_member, post):
    theirs = post_comment(author=other_member, post=post, body="Hello")
    blocks(client, member, other_member)
    page = client.get(f"/comments/{theirs.pk}/thread/").content.decode()
    assert "blocked-comment" in page


def test_a_blocked_members_post_opened_by_link_is_folded(client, member, other_post,
                                                         other_member):
    blocks(client, member, other_member)
    page = client.get(other_post.get_absolute_url()).content.decode()
    assert '<details class="blocked-post">' in page


def test_blocks_never_reach_a_readers_cached_page(client, member, other_member, post):
    post_comment(author=other_member, post=post, body="Hello")
    blocks(client, member, other_member)
    client.logout()
    assert "blocked-comment" not in client.get(post.get_absolute_url()).content.decode()


# -- what the blocker no longer hears ---------------------------------------------------------

def test_the_blocker_gets_no_notification_from_the_blocked_member(member, other_member, post):
    blocked(member, other_member)
    mine = post_comment(author=member, post=make_post(make_user("birch")), body="Hi")
    post_comment(author=make_user("cedar"), post=post, body="Hello @ash and @rowan")
    hug = Symptom.objects.get(slug="ms-hug")
    set_follow(user=member, tag=hug, level="watching")
    make_post(other_member, title="Hug", symptoms=[hug], body="Thinking of @rowan")
    assert kinds_for(member) == ["reply_to_post"]  # cedar's comment only
    # Hidden moderation of the blocker's content still reaches them, even from a blocked mod.
    assert mine  # (the blocked member cannot reply; see below)


def test_a_blocked_moderator_still_moderates_and_their_notices_arrive(member, post):
    mod = make_user("marshal", moderator=True)
    blocked(member, mod)
    comment = post_comment(author=member, post=post, body="Spam spam")
    hide(moderator=mod, post=post, comment=comment, guideline="no_spam", statement="Spam")
    assert "moderation" in kinds_for(member)


# -- what the blocked member can no longer do ----------------------------------------------------

def test_the_blocked_member_cannot_comment_on_the_blockers_post_and_keeps_their_words(
        client, member, other_member, post):
    blocks(client, member, other_member)
    client.force_login(other_member)
    assert "You can't reply here." in text(client.get(post.get_absolute_url()))
    response = client.post(f"/posts/{post.slug}/comments/", {"body": "Why ignore me?"})
    words = text(response)
    assert response.status_code == 403
    assert "You can't reply here." in words and "Why ignore me?" in words
    assert "blocked" not in words.lower()
    assert not Comment.objects.filter(author=other_member).exists()


def test_the_blocked_member_cannot_reply_to_the_blockers_comment_elsewhere(
        client, member, other_member, other_post):
    mine = post_comment(author=member, post=other_post, body="My thoughts")
    blocks(client, member, other_member)
    client.force_login(other_member)
    page = client.get(other_post.get_absolute_url()).content.decode()
    assert f'data-reply-to="{mine.pk}"' not in page
    asked = client.get(f"{other_post.get_absolute_url()}?reply={mine.pk}").content.decode()
    assert f'id="reply-{mine.pk}"' not in asked
    response = client.post(f"/posts/{other_post.slug}/comments/",
                           {"body": "Replying anyway", "parent": mine.pk})
    assert response.status_code == 403 and "Replying anyway" in response.content.decode()
    post_comment(author=other_member, post=other_post, body="On my own post, fine")


def test_the_blocker_can_still_reply_to_the_blocked_member(member, other_member, other_post):
    blocked(member, other_member)
    theirs = post_comment(author=other_member, post=other_post, body="Hi")
    assert post_comment(author=member, post=other_post, body="Answer", parent=theirs)


# -- export and deletion ---------------------------------------------------------------------

def test_the_export_holds_the_blocks_the_member_made(client, member, other_member):
    blocks(client, member, other_member)
    blocked(make_user("birch"), member)
    data = json.loads(client.post("/settings/export/").content)
    assert [row["handle"] for row in data["blocked_members"]] == ["ash"]


@pytest.mark.parametrize("leaving", ["blocker", "blocked"])
def test_deleting_an_account_removes_blocks_both_ways(client, member, other_member, leaving):
    blocked(member, other_member)
    person = member if leaving == "blocker" else other_member
    client.force_login(person)
    client.post("/settings/delete/", {"password": PASSWORD, "mode": "anonymise"})
    assert not Block.objects.exists()


def test_a_member_in_no_block_pays_no_block_query_on_a_story_page(client, member, other_member,
                                                                   post):
    post_comment(author=other_member, post=post, body="Hello")
    blocked(make_user("birch"), make_user("cedar"))  # blocks elsewhere change nothing
    client.force_login(member)
    with CaptureQueriesContext(connection) as queries:
        client.get(post.get_absolute_url())
    assert not [q for q in queries if "accounts_block" in q["sql"]]
    blocked(member, make_user("dove"))
    with CaptureQueriesContext(connection) as queries:
        client.get(post.get_absolute_url())
    assert len([q for q in queries if "accounts_block" in q["sql"]]) == 1


# -- query budgets ---------------------------------------------------------------------------

@pytest.mark.parametrize("size", [2, 30], ids=["few", "many"])
def test_pages_keep_their_budgets_with_few_and_many_blocks(client, member, post, size,
                                                           django_assert_max_num_queries):
    hug = Symptom.objects.get(slug="ms-hug")
    set_follow(user=member, tag=hug, level="watching")
    post.tags.add(hug)
    for n in range(size):
        other = make_user(f"blocked{n}")
        make_post(other, title=f"Story {n}", symptoms=[hug])
        post_comment(author=other, post=post, body=f"Comment {n}")
        blocked(member, other)
        blocked(other, member)
    client.force_login(member)
    # "/": 10, +1 for the page versions its shared list is stored under, read from the
    # database where they live with the data (posts/cache_versions.py)
    for url, budget in ((post.get_absolute_url(), 15), ("/", 11), ("/tags/ms-hug/", 11),
                        ("/following/", 10), ("/settings/blocked/", 6),
                        ("/u/blocked0/", 9), ("/u/blocked0/block/", 7)):
        with django_assert_max_num_queries(budget, info=url):
            assert client.get(url).status_code == 200, url
    with django_assert_max_num_queries(8):
        assert client.post("/u/blocked1/block/", {"action": "unblock"}).status_code == 302
