"""A comment's actions page: what the story page's React and More open, for a browser
without JavaScript. Each action is a button or link that works there and leads back to the
comment."""

import pytest
from django.test import Client
from django.urls import reverse

from posts.models import Comment, Reaction
from posts.services import post_comment, toggle_bookmark, toggle_reaction
from tests.factories import make_user


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def actions_url(comment):
    return reverse("comment_actions", args=[comment.pk])


@pytest.fixture
def comment(post, other_member):
    return post_comment(author=other_member, post=post, body="Cooling vests help me")


@pytest.mark.django_db
def test_the_actions_page_shows_the_members_own_reactions_pressed_and_counts(
        comment, post, member):
    toggle_reaction(user=make_user("bea"), post=post, comment=comment, kind="me_too")
    toggle_reaction(user=member, post=post, comment=comment, kind="hug")
    toggle_bookmark(user=member, post=post, comment=comment)
    page = logged_in(member).get(actions_url(comment)).content.decode()
    pressed = 'value="hug" class="reaction" aria-pressed="true">Sending a hug <span class="n">1'
    assert pressed in page
    assert 'value="me_too" class="reaction" aria-pressed="false">Me too <span class="n">1' in page
    assert "Remove from saved" in page
    assert ">Who reacted</a>" in page
    assert ">Report</a>" in page and ">Edit</a>" not in page and ">Moderate</a>" not in page


@pytest.mark.django_db
def test_reacting_from_the_actions_page_leads_back_to_the_comment(comment, post, member):
    client = logged_in(member)
    page = client.get(actions_url(comment)).content.decode()
    react = reverse("comment_react", args=[comment.pk])
    assert f'formaction="{react}"' in page
    response = client.post(react, {"kind": "hug"})
    assert response.status_code == 302
    assert response["Location"] == reverse("comment_permalink", args=[comment.pk])
    assert Reaction.objects.filter(user=member, comment=comment, kind="hug").exists()


@pytest.mark.django_db
def test_the_author_gets_edit_and_delete_and_a_moderator_gets_moderate(
        comment, other_member, moderator):
    own = logged_in(other_member).get(actions_url(comment)).content.decode()
    assert ">Edit</a>" in own and ">Delete</a>" in own and ">Report</a>" not in own
    assert ">Moderate</a>" in logged_in(moderator).get(actions_url(comment)).content.decode()


@pytest.mark.django_db
def test_a_reader_not_logged_in_is_asked_to_log_in(comment):
    response = Client().get(actions_url(comment))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.django_db
@pytest.mark.parametrize("path", [
    "/comments/999999/actions/", "/comments/abc/actions/", "/comments/-1/actions/",
    "/comments/99999999999999999999/actions/"])
def test_an_unknown_comment_is_a_clear_404(member, path):
    assert logged_in(member).get(path).status_code == 404


@pytest.mark.django_db
def test_a_hidden_comment_has_no_actions_page(comment, member):
    Comment.objects.filter(pk=comment.pk).update(status=Comment.Status.HIDDEN)
    assert logged_in(member).get(actions_url(comment)).status_code == 404


@pytest.mark.django_db
def test_the_actions_page_keeps_a_query_budget_however_many_reactions(
        comment, post, member, django_assert_max_num_queries):
    client = logged_in(member)
    client.get(actions_url(comment))
    with django_assert_max_num_queries(12) as few:
        client.get(actions_url(comment))
    for i in range(15):
        toggle_reaction(user=make_user(f"r{i}"), post=post, comment=comment,
                        kind=["hug", "me_too", "helpful"][i % 3])
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(actions_url(comment)).status_code == 200
