"""A member's story page: each member gets their own state, a change shows at once, who may
open the post is the rule of `visible_to`, and the page's queries do not grow with the
story."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from accounts.models import MODERATORS_GROUP
from posts.models import Post
from posts.services import post_comment, update_post
from posts.services.follows import set_post_follow
from tests.factories import hide, make_post, make_user, remove


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def edit_title(post, title):
    return update_post(editor=post.author, post=post, title=title, body=post.body,
                       kind=post.kind, visibility=post.visibility)


@pytest.mark.parametrize("status", list(Post.Status))
@pytest.mark.parametrize("visibility", list(Post.Visibility))
def test_who_may_open_a_post_in_hand_is_who_may_open_it_in_a_query(db, status, visibility):
    author, stranger, moderator = make_user(), make_user(), make_user(moderator=True)
    post = make_post(author, visibility=visibility)
    Post.objects.filter(pk=post.pk).update(status=status)
    post.refresh_from_db()
    for viewer in (author, stranger, moderator, AnonymousUser()):
        in_query = Post.objects.visible_to(viewer).filter(pk=post.pk).exists()
        assert post.is_visible_to(viewer) is in_query, (status, visibility, viewer)


def test_a_member_sees_an_edited_title_at_once(post, other_member):
    client = logged_in(other_member)
    assert "Back spasticity in the mornings" in client.get(post.get_absolute_url()).text
    edit_title(post, "Spasticity on waking")
    page = client.get(post.get_absolute_url()).text
    assert "Spasticity on waking" in page
    assert "Back spasticity in the mornings" not in page


def test_a_removed_post_is_gone_for_a_member_the_moment_it_is_removed(post, other_member):
    client = logged_in(other_member)
    assert client.get(post.get_absolute_url()).status_code == 200
    remove(post)
    assert client.get(post.get_absolute_url()).status_code == 404


def test_the_author_still_opens_their_hidden_post_from_the_stored_copy(post, member,
                                                                       other_member):
    logged_in(other_member).get(post.get_absolute_url())  # stores the shared part
    hide(post)
    assert logged_in(other_member).get(post.get_absolute_url()).status_code == 404
    page = logged_in(member).get(post.get_absolute_url())
    assert page.status_code == 200
    assert "Hidden by a moderator" in page.text


def test_a_demoted_moderator_loses_a_hidden_post_at_once(post, moderator):
    hide(post)
    client = logged_in(moderator)
    assert client.get(post.get_absolute_url()).status_code == 200
    moderator.groups.remove(moderator.groups.get(name=MODERATORS_GROUP))
    assert client.get(post.get_absolute_url()).status_code == 404


def test_one_members_follow_level_never_shows_on_another_members_page(post, other_member):
    follower = make_user("hazel")
    set_post_follow(user=follower, post=post, level="watching")
    first = logged_in(follower).get(post.get_absolute_url()).text  # stores the shared part
    watching = 'value="watching" id="follow-watching" class="choice-button" aria-pressed="true"'
    assert watching in first
    second = logged_in(other_member).get(post.get_absolute_url()).text
    assert watching not in second


def test_a_missing_post_is_a_404_for_a_member(other_member):
    assert logged_in(other_member).get("/posts/no-such-story/").status_code == 404


@pytest.mark.parametrize("comments", [3, 40])
@pytest.mark.parametrize(("reacted", "budget"), [(False, 6), (True, 7)])
def test_a_returning_members_story_page_costs_six_queries_however_many_comments(
        settings, post, other_member, comments, reacted, budget,
        django_assert_max_num_queries):
    """Session, member with their moderator flag, the post with their state on it (with
    whether they reacted to or saved anything), its tags, the header's counts, the page
    versions its comment rows are stored under (kept in the database); and their
    reactions and saved items only when they have some. The comment rows and where the
    first new comment sits come from the cache."""
    from posts.services import toggle_reaction

    settings.KINDRED_COMMENTS_PER_PAGE = 2  # the first new comment is on a later page
    for n in range(comments):
        post_comment(author=other_member, post=post, body=f"Comment {n}")
    reader = make_user("fernwalker")
    if reacted:
        toggle_reaction(user=reader, post=post, comment=None, kind="hug")
    client = logged_in(reader)
    client.get(post.get_absolute_url())  # opens the story: what page 1 shows is read
    client.get(post.get_absolute_url())  # stores where the first new comment sits
    with django_assert_max_num_queries(budget):
        page = client.get(post.get_absolute_url())
    assert page.status_code == 200
    assert ('aria-pressed="true">Sending a hug' in page.text) is reacted
    assert "Jump to the first new comment" in page.text
