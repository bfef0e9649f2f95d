"""Every refusal on the content side is one type (`Refused`) and keeps the member's words."""

import pytest
from django.core.cache import cache

from forum.moderation.services import silence as silence_member
from plumbing.refusals import Refused
from posts.models import Comment, Poll, PollVote, Post
from posts.services import (
    create_post,
    edit_comment,
    post_comment,
    set_follow,
    set_poll,
    toggle_reaction,
    update_post,
)
from tests.factories import make_user

STORY = {"kind": "story", "title": "The hug came back", "body": "Tight band all evening.",
         "visibility": "public", "publish": "1"}


@pytest.fixture
def fresh_rate_limits():
    """Rate-limit counters live in the cache, which outlives each test's database."""
    cache.clear()
    yield
    cache.clear()


def silence(member):
    silence_member(moderator=make_user("mod_s", moderator=True), member=member,
                   days=3, guideline="be_gentle", statement="Cooling off.")
    member.refresh_from_db()


def test_a_silenced_member_gets_their_story_back_with_the_reason(client, member):
    silence(member)
    client.force_login(member)
    response = client.post("/posts/new/", STORY)
    page = response.content.decode()
    assert response.status_code == 403
    assert "paused your posting" in page
    assert 'value="The hug came back"' in page and "Tight band all evening.</textarea>" in page
    assert '<form method="post"' in page
    assert not Post.objects.exists()


def test_a_silenced_member_editing_their_post_keeps_the_new_words(client, member, post):
    silence(member)
    client.force_login(member)
    response = client.post(f"/posts/{post.slug}/edit/", {**STORY, "body": "Second thoughts."})
    page = response.content.decode()
    assert response.status_code == 403
    assert "paused your posting" in page and "Second thoughts.</textarea>" in page
    post.refresh_from_db()
    assert post.body == "Does anyone else wake up *stiff*?"


def test_a_silenced_member_editing_a_comment_keeps_the_new_words(client, member, post):
    comment = post_comment(author=member, post=post, body="First words")
    silence(member)
    client.force_login(member)
    response = client.post(f"/comments/{comment.pk}/edit/", {"body": "Changed my mind"})
    assert response.status_code == 403
    assert "Changed my mind</textarea>" in response.content.decode()
    assert Comment.objects.get().body == "First words"


def test_someone_elses_post_edit_is_refused_with_the_words_kept(client, other_member, post):
    client.force_login(other_member)
    response = client.post(f"/posts/{post.slug}/edit/", {**STORY, "body": "Not mine to say."})
    assert response.status_code == 403
    page = response.content.decode()
    assert "Only the author can change this post" in page and "Not mine to say." in page


def test_a_refused_poll_keeps_the_whole_story(client, member, other_member, post):
    poll = set_poll(author=member, post=post, question="Tea?", choices=["Yes", "No"])
    from posts.services import vote
    vote(user=other_member, poll=poll, choice_id=poll.choices.first().pk)
    client.force_login(member)
    response = client.post(f"/posts/{post.slug}/edit/", {
        **STORY, "body": "Edited story", "poll_question": "Tea?", "poll_choices": "A\nB"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "already voted" in page and "Edited story</textarea>" in page
    post.refresh_from_db()
    assert post.body != "Edited story"  # the post and the poll change together or not at all


@pytest.mark.parametrize(("call", "status"), [
    (lambda m, p: create_post(author=m, title="t", body="b"), 403),
    (lambda m, p: update_post(editor=make_user("x"), post=p, title="t", body="b",
                              kind="story", visibility="public"), 403),
    (lambda m, p: post_comment(author=m, post=p, body="hi", parent=987654), 400),
    (lambda m, p: toggle_reaction(user=m, post=p, kind="shout"), 403),
    (lambda m, p: set_follow(user=m, tag=None, level="loud"), 403),
])
def test_content_services_refuse_with_one_type_and_a_status(member, post, call, status):
    silence(member) if status == 403 else None
    with pytest.raises(Refused) as refused:
        call(member, post)
    assert refused.value.status == status and refused.value.message


def test_editing_someone_elses_comment_is_a_403_refusal(member, other_member, post):
    comment = post_comment(author=member, post=post, body="Mine")
    with pytest.raises(Refused) as refused:
        edit_comment(editor=other_member, comment=comment, body="Theirs")
    assert refused.value.status == 403


def test_a_rate_limited_story_comes_back_in_the_form_with_429(client, settings, member,
                                                              fresh_rate_limits):
    settings.KINDRED_RATE_LIMITS = True
    settings.KINDRED_RATE_LIMIT_RULES = {**settings.KINDRED_RATE_LIMIT_RULES, "post": (1, 3600)}
    client.force_login(member)
    assert client.post("/posts/new/", STORY).status_code == 302
    response = client.post("/posts/new/", {**STORY, "title": "Another evening"})
    page = response.content.decode()
    assert response.status_code == 429
    assert 'value="Another evening"' in page and '<form method="post"' in page


def test_a_bad_search_is_a_400_refusal(client, db):
    response = client.get("/search/", {"q": "!!!"})
    assert response.status_code == 400


def test_clearing_the_poll_question_after_votes_keeps_the_poll_and_the_story(
        client, member, other_member, post):
    poll = set_poll(author=member, post=post, question="Tea?", choices=["Yes", "No"])
    from posts.services import vote
    vote(user=other_member, poll=poll, choice_id=poll.choices.first().pk)
    client.force_login(member)
    response = client.post(f"/posts/{post.slug}/edit/", {
        **STORY, "body": "Edited story", "poll_question": "", "poll_choices": ""})
    assert response.status_code == 400
    page = response.content.decode()
    assert "already voted" in page and "Edited story</textarea>" in page
    assert Poll.objects.filter(post=post).exists() and PollVote.objects.count() == 1
    post.refresh_from_db()
    assert post.body != "Edited story"


def test_a_poll_nobody_voted_in_is_removed_by_clearing_its_question(client, member, post):
    set_poll(author=member, post=post, question="Tea?", choices=["Yes", "No"])
    client.force_login(member)
    response = client.post(f"/posts/{post.slug}/edit/", {
        **STORY, "body": "Edited story", "poll_question": "", "poll_choices": ""})
    assert response.status_code == 302 and not Poll.objects.filter(post=post).exists()


# Acts with no form of their own: a refusal is RefusalMiddleware's page, with the refusal's
# own reason and status (never the generic "bad request" page).
def _tag_follow(client, member, post, settings):
    silence(member)
    return client.post("/tags/ms-hug/follow/", {"level": "watching"})


def _post_follow(client, member, post, settings):
    return client.post(f"/posts/{post.slug}/follow/", {"level": "loudly"})


def _reaction_to_a_post(client, member, post, settings):
    silence(member)
    return client.post(f"/posts/{post.slug}/react/", {"kind": "hug"})


def _reaction_to_a_comment(client, member, post, settings):
    comment = post_comment(author=make_user(), post=post, body="Same here, every morning.")
    silence(member)
    return client.post(f"/comments/{comment.pk}/react/", {"kind": "hug"})


def _poll_vote(client, member, post, settings):
    set_poll(author=member, post=post, question="Tea?", choices=["Yes", "No"])
    return client.post(f"/posts/{post.slug}/poll/vote/", {"choice": "987654"})


def _bookmark_of_a_post_waiting_for_review(client, member, post, settings):
    settings.KINDRED_NEW_MEMBER_REVIEW = 1
    waiting = create_post(author=make_user("newcomer"), title="My first evening here",
                          body="Hello.")
    assert waiting.is_waiting_for_review
    client.force_login(waiting.author)
    return client.post(f"/posts/{waiting.slug}/bookmark/")


@pytest.mark.parametrize(("act", "status", "reason"), [pytest.param(*case, id=case[0].__name__[1:])
                                                     for case in [
    (_tag_follow, 403, "paused your posting"),
    (_post_follow, 400, "Choose how to follow this post"),
    (_reaction_to_a_post, 403, "paused your posting"),
    (_reaction_to_a_comment, 403, "paused your posting"),
    (_poll_vote, 400, "Choose one of this poll’s answers."),
    (_bookmark_of_a_post_waiting_for_review, 400, "This is no longer available."),
]])
def test_a_refused_act_without_a_form_shows_the_refusal_page_with_its_reason_and_status(
        client, member, post, settings, act, status, reason):
    client.force_login(member)
    response = act(client, member, post, settings)
    page = response.content.decode()
    assert response.status_code == status
    assert reason in page
    assert "That didn’t go through" in page  # templates/refused.html, the one refusal page
    assert "Something was not right with that request" not in page
