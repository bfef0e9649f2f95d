"""Members' story pages share one stored thread HTML (posts/thread_shared.py): each member
still sees only their own reactions, saved items, Edit/Delete, New labels, blocks and time
zone. Each test stores the thread through one member's visit and reads it as another. The
cache is LocMem here, cleared per test."""

import re

import pytest
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.utils import timezone

from accounts.blocking import block, blocks_seen_by
from posts import thread_shared
from posts.community_queries import reactions_for
from posts.models import Post
from posts.permissions import offers_reply
from posts.reading import StoryReading, with_member_state
from posts.services import edit_comment, post_comment, toggle_bookmark, toggle_reaction
from posts.thread_cache import thread_page_for
from posts.thread_html import ThreadRenderer
from tests.factories import make_user

LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                      "LOCATION": "thread-shared-tests"}}
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


@pytest.fixture(autouse=True)
def locmem_cache(settings):
    settings.CACHES = LOCMEM
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def hazel(db):
    return make_user("hazel")


@pytest.fixture
def thread(post, member, other_member, hazel):
    """rowan (member) wrote the story; ash and hazel comment, rowan replies to ash."""
    ash_root = post_comment(author=other_member, post=post, body="Cooling vests help me")
    reply = post_comment(author=member, post=post, parent=ash_root, body="Which brand?")
    hazel_root = post_comment(author=hazel, post=post, body="Mornings are the worst")
    edit_comment(editor=hazel, comment=hazel_root, body="Mornings are the hardest")
    return {"ash_root": ash_root, "reply": reply, "hazel_root": hazel_root}


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def story(client, post):
    response = client.get(post.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def comment_html(page, comment):
    """The comment's own <article> (its replies are outside it)."""
    start = page.index(f'<li id="comment-{comment.pk}"')
    return page[start:page.index("</article>", start)]


def written_for(user, post):
    """The thread HTML two ways for this member: written for them alone, and filled in from
    the stored shared HTML (the way the story page does it)."""
    request = RequestFactory().get(post.get_absolute_url())
    request.user = user
    with timezone.override(user.time_zone or "UTC"):
        post = with_member_state(Post.objects.filter(pk=post.pk), user).get()
        comments = thread_page_for(post, user)
        shown = [c.pk for c in thread_shared._by_id(comments.threads).values()]
        renderer = ThreadRenderer(
            request, post, can_reply=offers_reply(user, post),
            reactions=reactions_for(post, shown, user), blocks=blocks_seen_by(user),
            reading=StoryReading(user, post))
        alone = renderer.render(comments.threads)
        shared = thread_shared.thread_html(renderer, comments)
    assert comments.shared_key is not None
    return CSRF.sub("csrf", alone), CSRF.sub("csrf", shared)


def test_every_member_gets_exactly_the_thread_written_for_them_from_one_stored_copy(
        thread, post, member, other_member, hazel, monkeypatch):
    toggle_reaction(user=other_member, post=post, comment=thread["hazel_root"], kind="hug")
    toggle_bookmark(user=member, post=post, comment=thread["ash_root"])
    block(blocker=other_member, handle="hazel")
    story(logged_in(member), post)  # rowan has read everything so far
    post_comment(author=hazel, post=post, body="A new one since rowan's visit")
    written = []
    write = thread_shared._SharedRenderer.render
    monkeypatch.setattr(thread_shared._SharedRenderer, "render",
                        lambda self, threads: written.append(1) or write(self, threads))
    cache.clear()
    for user in (other_member, member, hazel, make_user("quinn")):
        alone, shared = written_for(user, post)
        assert shared == alone, user.username
    assert len(written) == 1  # one stored copy served all four


def test_a_member_sees_only_their_own_reactions_and_saved_comments(
        thread, post, member, other_member):
    toggle_reaction(user=other_member, post=post, comment=thread["reply"], kind="hug")
    toggle_bookmark(user=other_member, post=post, comment=thread["hazel_root"])
    ash_page = story(logged_in(other_member), post)  # stores the thread
    rowan_page = story(logged_in(make_user("quinn")), post)
    assert 'value="hug" class="reaction" aria-pressed="true"' in comment_html(
        ash_page, thread["reply"])
    assert 'aria-pressed="true"' not in comment_html(rowan_page, thread["reply"])
    assert "Remove from saved" in comment_html(ash_page, thread["hazel_root"])
    assert "Remove from saved" not in rowan_page


def test_edit_and_delete_show_only_on_the_members_own_comments(thread, post, member,
                                                                 other_member):
    story(logged_in(other_member), post)
    rowan_page = story(logged_in(member), post)
    assert "Edit<span" in comment_html(rowan_page, thread["reply"])
    assert "Edit<span" not in comment_html(rowan_page, thread["ash_root"])
    assert "Report<span" in comment_html(rowan_page, thread["ash_root"])
    ash_page = story(logged_in(other_member), post)
    assert "Edit<span" in comment_html(ash_page, thread["ash_root"])
    assert "Edit<span" not in comment_html(ash_page, thread["reply"])


def test_new_labels_are_each_members_own(thread, post, member, other_member, hazel):
    rowan, ash = logged_in(member), logged_in(other_member)
    story(rowan, post)  # rowan has read everything; ash never came
    later = post_comment(author=hazel, post=post, body="Ice packs at night")
    ash_page = story(ash, post)  # stores the thread with the new comment
    rowan_page = story(rowan, post)
    assert "badge-new" in comment_html(rowan_page, later)
    assert "badge-new" not in comment_html(rowan_page, thread["hazel_root"])
    assert 'id="first-unread"' in comment_html(rowan_page, later)
    assert "badge-new" not in ash_page and 'id="first-unread"' not in ash_page


def test_a_block_folds_the_comment_only_for_the_member_who_blocked(thread, post, member,
                                                                    other_member):
    block(blocker=other_member, handle="hazel")
    ash_page = story(logged_in(other_member), post)
    rowan_page = story(logged_in(member), post)
    assert "You blocked this member" in comment_html(ash_page, thread["hazel_root"])
    assert "You blocked this member" not in rowan_page
    assert "Mornings are the hardest" in comment_html(rowan_page, thread["hazel_root"])


def test_each_member_reads_exact_times_in_their_own_time_zone(thread, post, member,
                                                              other_member):
    member.time_zone = "Asia/Kolkata"
    member.save(update_fields=["time_zone"])
    story(logged_in(other_member), post)
    rowan_page = story(logged_in(member), post)
    ash_page = story(logged_in(other_member), post)
    assert " IST)" in comment_html(rowan_page, thread["ash_root"])
    assert " IST)" not in ash_page and " UTC)" in comment_html(ash_page, thread["ash_root"])


def test_a_new_comment_shows_at_once_to_a_member_served_the_stored_thread(
        thread, post, member, other_member):
    rowan = logged_in(member)
    story(rowan, post)
    post_comment(author=other_member, post=post, body="Fresh from the physio")
    assert "Fresh from the physio" in story(rowan, post)
