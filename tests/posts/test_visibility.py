"""Who sees what is stated once per model (the querysets and properties in posts/models) and
the views ask them. Every state is made through the real services."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from forum.moderation.services import hide, remove
from plumbing.refusals import Refused
from posts.models import Comment, Post
from posts.permissions import can_comment, ensure_can_comment
from posts.services import delete_comment, post_comment
from tests.factories import make_post, make_user

REASONS = {"guideline": "be_gentle", "statement": "Out of sight while we look at it."}


@pytest.fixture
def people(db):
    return {"reader": AnonymousUser(), "member": make_user("bystander"),
            "author": make_user("writer"), "moderator": make_user("mod", moderator=True)}


@pytest.fixture
def comments(people, settings):
    """One comment in every state on a public post, all by `writer`, named by state."""
    author, moderator = people["author"], people["moderator"]
    post = make_post(make_user("host"))
    made = {"visible": post_comment(author=author, post=post, body="visible words")}
    made["hidden"] = post_comment(author=author, post=post, body="hidden words")
    hide(moderator=moderator, post=post, comment=made["hidden"], **REASONS)
    made["removed"] = post_comment(author=author, post=post, body="removed words")
    made["reply_to_removed"] = post_comment(author=moderator, post=post, body="a reply",
                                            parent=made["removed"])
    remove(moderator=moderator, post=post, comment=made["removed"], **REASONS)
    made["deleted"] = post_comment(author=author, post=post, body="deleted words")
    made["reply_to_deleted"] = post_comment(author=moderator, post=post, body="another",
                                            parent=made["deleted"])
    delete_comment(actor=author, comment=made["deleted"])
    settings.KINDRED_NEW_MEMBER_REVIEW = 99  # `writer` is now a new member under review
    made["pending"] = post_comment(author=author, post=post, body="pending words")
    return {name: Comment.objects.get(pk=comment.pk) for name, comment in made.items()}


def names(queryset, made):
    ids = set(queryset.values_list("pk", flat=True))
    return {name for name, item in made.items() if item.pk in ids}


def test_each_comment_state_is_what_it_says(comments):
    states = {name: (c.is_public, c.is_waiting_for_review, c.is_hidden, c.is_removed,
                     c.is_deleted, c.is_tombstone, c.is_taken_down)
              for name, c in comments.items()}
    assert states["visible"] == (True, False, False, False, False, False, False)
    assert states["pending"] == (False, True, False, False, False, False, False)
    assert states["hidden"] == (False, False, True, False, False, True, True)
    assert states["removed"] == (False, False, False, True, False, True, True)
    assert states["deleted"] == (False, False, False, False, True, True, False)


def test_any_reader_sees_only_visible_comments_as_public(comments):
    assert names(Comment.objects.public(), comments) == {
        "visible", "reply_to_removed", "reply_to_deleted"}


@pytest.mark.parametrize(("who", "extra"), [
    ("reader", set()), ("member", set()), ("moderator", set()),
    ("author", {"pending"}),  # only the author sees their words waiting for review
])
def test_a_thread_shows_visible_comments_tombstones_holding_replies_and_my_pending_ones(
        people, comments, who, extra):
    shown = names(Comment.objects.displayable_to(people[who]), comments)
    # A hidden comment without replies leaves no trace; removed/deleted ones with replies
    # stay as tombstones so the replies keep their place.
    assert shown == {"visible", "removed", "reply_to_removed", "deleted",
                     "reply_to_deleted"} | extra


@pytest.fixture
def posts(people, settings):
    author, moderator = people["author"], people["moderator"]
    made = {"public": make_post(author), "members": make_post(author, visibility="members")}
    made["hidden"] = make_post(author)
    hide(moderator=moderator, post=made["hidden"], **REASONS)
    made["removed"] = make_post(author)
    remove(moderator=moderator, post=made["removed"], **REASONS)
    settings.KINDRED_NEW_MEMBER_REVIEW = 99
    made["pending"] = make_post(author)
    return {name: Post.objects.get(pk=post.pk) for name, post in made.items()}


@pytest.mark.parametrize(("who", "listed"), [
    ("reader", {"public"}),
    ("member", {"public", "members"}),
    ("author", {"public", "members"}),  # my pending or hidden posts are not in lists
    ("moderator", {"public", "members"}),
])
def test_lists_and_feeds_hold_published_posts_members_only_ones_for_members(
        people, posts, who, listed):
    assert names(Post.objects.listed_for(people[who]), posts) == listed


@pytest.mark.parametrize(("who", "visible"), [
    ("reader", {"public"}),
    ("member", {"public", "members"}),
    ("author", {"public", "members", "pending", "hidden"}),  # not what a moderator removed
    ("moderator", {"public", "members", "pending", "hidden", "removed"}),
])
def test_who_may_open_which_post(people, posts, who, visible):
    assert names(Post.objects.visible_to(people[who]), posts) == visible


def test_public_comments_on_members_only_posts_are_listed_for_members_only(people, db):
    author = people["author"]
    on_public = post_comment(author=author, post=make_post(), body="open")
    on_members = post_comment(author=author, post=make_post(visibility="members"), body="m")
    made = {"on_public": on_public, "on_members": on_members}
    assert names(Comment.objects.listed_for(people["reader"]), made) == {"on_public"}
    assert names(Comment.objects.listed_for(people["member"]), made) == {
        "on_public", "on_members"}


@pytest.mark.parametrize(("state", "who", "allowed"), [
    ("public", "member", True), ("public", "reader", False),
    ("pending", "author", False), ("hidden", "author", False), ("removed", "moderator", False),
])
def test_can_comment_and_ensure_can_comment_state_one_rule(people, posts, state, who, allowed):
    post, user = posts[state], people[who]
    assert can_comment(user, post) is allowed
    assert post.is_open_for_comments is (state == "public")
    if allowed:
        ensure_can_comment(user, post)
    else:
        with pytest.raises(Refused, match="log in|not open"):
            ensure_can_comment(user, post)


def test_a_silenced_member_sees_why_instead_of_a_comment_form_they_could_not_send(
        client, member, moderator, other_post):
    from forum.moderation.services import silence
    silence(moderator=moderator, member=member, days=3, **REASONS)
    client.force_login(member)
    page = client.get(other_post.get_absolute_url()).content.decode()
    assert "paused your posting" in page
    assert f'action="{reverse("post_comment", args=[other_post.slug])}"' not in page
    assert "reply-link" not in page


def test_readers_of_an_open_post_are_asked_to_log_in_and_members_get_the_form(
        client, member, other_post):
    page = client.get(other_post.get_absolute_url()).content.decode()
    assert "Log in to join the conversation" in page
    client.force_login(member)
    page = client.get(other_post.get_absolute_url()).content.decode()
    assert 'id="comment-form" class="stack comment-form"' in page
