"""A member's story page holds their own state and nobody else's, with every cache warm
from another member's visit first: reactions pressed, saved comments, Edit and Delete,
"New" labels, blocks either way, moderator links, the reply box they opened, their time
zone. The caches hold the comment rows as data (posts/thread_cache.py); each member's state
is written per request (posts/thread_view.py, templates/jinja2/posts/thread.html)."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.blocking import block
from posts.services import edit_comment, post_comment, toggle_bookmark, toggle_reaction
from tests.factories import make_user


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def story(client, post, query=""):
    response = client.get(post.get_absolute_url() + query)
    assert response.status_code == 200
    return response.content.decode()


def comment_html(page, comment):
    """The comment's own <article> (its replies are outside it)."""
    start = page.index(f'<li id="comment-{comment.pk}"')
    return page[start:page.index("</article>", start)]


@pytest.fixture
def world(post, member, other_member, moderator):
    """rowan (member) wrote the story; ash and hazel comment, rowan replies to ash; ash
    reacted to and saved hazel's comment and blocked bea; hazel blocked fern; marshal
    moderates."""
    hazel, bea, fern = make_user("hazel"), make_user("bea"), make_user("fern")
    ash_root = post_comment(author=other_member, post=post, body="Cooling vests help me")
    reply = post_comment(author=member, post=post, parent=ash_root, body="Which brand?")
    hazel_root = post_comment(author=hazel, post=post, body="Mornings are the worst")
    edit_comment(editor=hazel, comment=hazel_root, body="Mornings are the hardest")
    bea_root = post_comment(author=bea, post=post, body="Stretching first thing")
    toggle_reaction(user=other_member, post=post, comment=hazel_root, kind="hug")
    toggle_bookmark(user=other_member, post=post, comment=hazel_root)
    block(blocker=other_member, handle="bea")
    block(blocker=hazel, handle="fern")
    return {"rowan": member, "ash": other_member, "hazel": hazel, "bea": bea, "fern": fern,
            "marshal": moderator, "ash_root": ash_root, "reply": reply,
            "hazel_root": hazel_root, "bea_root": bea_root}


@pytest.fixture
def warm(post):
    """A member in no state at all opens the story first: every cache is warm."""
    def warm_up(query=""):
        page = story(logged_in(make_user()), post, query)
        marks = ['aria-pressed="true"', "Remove from saved", "Edit<span", "badge-new",
                 "You blocked this member", "Moderate<span"]
        if not query:  # with ?reply= the box they opened is theirs
            marks.append('class="reply-form" id=')
        for mark in marks:
            assert mark not in page.split('id="comments"')[1], mark
        return page
    return warm_up


def test_only_the_member_who_reacted_sees_their_reaction_pressed(world, post, warm):
    warm()
    ash = story(logged_in(world["ash"]), post)
    assert 'value="hug" class="reaction" aria-pressed="true"' in comment_html(
        ash, world["hazel_root"])
    for name in ("rowan", "hazel", "marshal"):
        assert 'aria-pressed="true"' not in comment_html(
            story(logged_in(world[name]), post), world["hazel_root"]), name


def test_only_the_member_who_saved_a_comment_sees_it_saved(world, post, warm):
    warm()
    assert "Remove from saved" in comment_html(story(logged_in(world["ash"]), post),
                                               world["hazel_root"])
    for name in ("rowan", "hazel", "bea"):
        assert "Remove from saved" not in story(logged_in(world[name]), post), name


def test_edit_and_delete_show_only_on_each_authors_own_comments(world, post, warm):
    warm()
    rowan = story(logged_in(world["rowan"]), post)
    assert "Edit<span" in comment_html(rowan, world["reply"])
    assert "Delete<span" in comment_html(rowan, world["reply"])
    assert "Edit<span" not in comment_html(rowan, world["ash_root"])
    # Nothing of rowan's is on ash's comment: its menus lead to its actions page (or the
    # page's shared menus), which offer Report and no Edit.
    actions = reverse("comment_actions", args=[world["ash_root"].pk])
    assert f'href="{actions}"' in comment_html(rowan, world["ash_root"])
    offered = logged_in(world["rowan"]).get(actions).content.decode()
    assert ">Report</a>" in offered
    assert ">Edit</a>" not in offered
    ash = story(logged_in(world["ash"]), post)
    assert "Edit<span" in comment_html(ash, world["ash_root"])
    assert "Edit<span" not in comment_html(ash, world["reply"])
    assert "Edit history" not in comment_html(ash, world["hazel_root"])
    assert "Edit history" in comment_html(story(logged_in(world["hazel"]), post),
                                          world["hazel_root"])


def test_a_block_folds_comments_only_for_the_member_who_blocked(world, post, warm):
    warm()
    ash = story(logged_in(world["ash"]), post)
    assert "You blocked this member" in comment_html(ash, world["bea_root"])
    rowan = story(logged_in(world["rowan"]), post)
    assert "You blocked this member" not in rowan
    assert "Stretching first thing" in comment_html(rowan, world["bea_root"])


def test_a_member_blocked_by_an_author_gets_no_reply_to_them_and_others_do(world, post, warm):
    warm()
    reply_to_hazel = f'data-reply-to="{world["hazel_root"].pk}"'
    assert reply_to_hazel not in story(logged_in(world["fern"]), post)
    assert reply_to_hazel in story(logged_in(world["rowan"]), post)


def test_new_labels_and_the_first_new_comment_are_each_members_own(world, post, warm):
    rowan = logged_in(world["rowan"])
    story(rowan, post)  # rowan has read everything so far; bea never came
    later = post_comment(author=world["hazel"], post=post, body="Ice packs at night")
    warm()
    rowan_page = story(rowan, post)
    assert "badge-new" in comment_html(rowan_page, later)
    assert 'id="first-unread"' in comment_html(rowan_page, later)
    assert "badge-new" not in comment_html(rowan_page, world["hazel_root"])
    hazel_page = story(logged_in(world["hazel"]), post)  # her own comment is not new to her
    assert "badge-new" not in comment_html(hazel_page, later)


def test_only_a_moderator_sees_moderate_links(world, post, warm):
    warm()
    assert "Moderate<span" in comment_html(story(logged_in(world["marshal"]), post),
                                           world["ash_root"])
    for name in ("rowan", "ash", "hazel"):
        page = story(logged_in(world[name]), post)
        assert "Moderate<span" not in page.split('id="comments"')[1], name


def test_the_reply_box_shows_only_to_the_member_who_opened_it(world, post, warm):
    query = f"?reply={world['ash_root'].pk}"
    warm(query)
    box = f'id="reply-{world["ash_root"].pk}"'
    assert box in comment_html(story(logged_in(world["rowan"]), post, query),
                               world["ash_root"])
    assert box not in story(logged_in(world["hazel"]), post)
    assert box not in story(Client(), post, query)  # readers are asked to log in instead


def test_each_member_reads_exact_times_in_their_own_time_zone(world, post, warm):
    rowan = world["rowan"]
    rowan.time_zone = "Asia/Kolkata"
    rowan.save(update_fields=["time_zone"])
    warm()
    assert " IST)" in comment_html(story(logged_in(rowan), post), world["ash_root"])
    ash = story(logged_in(world["ash"]), post)
    assert " IST)" not in ash and " UTC)" in comment_html(ash, world["ash_root"])


def test_a_new_comment_shows_at_once_to_a_member_after_the_rows_were_stored(world, post,
                                                                            warm):
    warm()
    post_comment(author=world["ash"], post=post, body="Fresh from the physio")
    assert "Fresh from the physio" in story(logged_in(world["rowan"]), post)


def test_stored_bylines_link_profiles_by_each_readers_rights(world, post, warm):
    """The bylines' starts are stored per kind of reader: a hidden member's own byline
    links their profile for them alone; a members-only profile is linked for members, never
    for readers, whoever came first."""
    hazel, bea = world["hazel"], world["bea"]
    hazel.profile_visibility = "hidden"
    bea.profile_visibility = "members"
    for person in (hazel, bea):
        person.save(update_fields=["profile_visibility"])
    warm()
    hazel_link, bea_link = 'href="/u/hazel/"', 'href="/u/bea/"'
    assert hazel_link in comment_html(story(logged_in(hazel), post), world["hazel_root"])
    rowan = story(logged_in(world["rowan"]), post)
    assert hazel_link not in rowan and bea_link in comment_html(rowan, world["bea_root"])
    reader = story(Client(), post)
    assert hazel_link not in reader and bea_link not in reader
