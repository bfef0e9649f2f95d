"""Words typed while logged out are kept in the session, within bounds, and come back."""

import base64
import os

import pytest
from django.contrib.messages import get_messages
from django.contrib.sessions.models import Session
from django.core.cache import cache

from posts.forms import COMMENT_BODY_MAX, POST_BODY_MAX
from posts.models import Post
from posts.services import post_comment, set_poll
from tests.factories import PASSWORD, make_post

STORY = {"kind": "question", "title": "Does the heat get you too?",
         "body": "Every July my legs give up.", "visibility": "members",
         "poll_question": "How bad is the heat?", "poll_choices": "Mild\nBad\nAwful",
         "poll_closes_at": "2099-01-01T10:00", "suggested_tag": "Heat intolerance",
         "publish": "1"}


@pytest.fixture
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def log_in(client, member):
    response = client.post("/accounts/login/", {"login": member.username,
                                                "password": PASSWORD})
    assert response.status_code == 302


def session_bytes(client):
    return len(Session.objects.get(session_key=client.session.session_key).session_data)


def test_a_story_written_after_the_login_expired_comes_back_after_login(client, member, db):
    from posts.models import Symptom
    symptoms = list(Symptom.objects.filter(is_curated=True).order_by("pk")[:2])
    response = client.post("/posts/new/", {**STORY, "symptoms": [s.pk for s in symptoms]})
    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=%2Fposts%2Fnew%2F"
    assert any("kept for you" in str(m) for m in get_messages(response.wsgi_request))
    assert not Post.objects.exists()
    log_in(client, member)
    page = client.get("/posts/new/").content.decode()
    assert 'value="Does the heat get you too?"' in page
    assert "Every July my legs give up.</textarea>" in page
    assert 'value="question" checked' in page.replace('\n', ' ') or \
        'checked' in page[page.index('value="question"') - 80:page.index('value="question"') + 80]
    assert 'value="How bad is the heat?"' in page and "Mild\nBad\nAwful</textarea>" in page
    assert 'value="2099-01-01T10:00"' in page and 'value="Heat intolerance"' in page
    for symptom in symptoms:
        box = page[page.index(f'value="{symptom.pk}"') - 200:page.index(f'value="{symptom.pk}"')
                   + 120]
        assert "checked" in box
    assert "before you were asked to log in" in page


def test_the_kept_story_is_forgotten_once_published(client, member, db):
    client.post("/posts/new/", STORY)
    log_in(client, member)
    assert client.post("/posts/new/", STORY).status_code == 302
    assert "Every July my legs give up." not in client.get("/posts/new/").content.decode()


def test_an_edit_after_the_login_expired_comes_back_after_login(client, member, post):
    response = client.post(f"/posts/{post.slug}/edit/",
                           {**STORY, "title": "Mornings are stiff", "body": "Edited words"})
    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next=%2Fposts%2F{post.slug}%2Fedit%2F"
    log_in(client, member)
    page = client.get(f"/posts/{post.slug}/edit/").content.decode()
    assert 'value="Mornings are stiff"' in page and "Edited words</textarea>" in page


def test_one_comment_draft_per_post_whatever_it_replies_to(client, member, other_member,
                                                          post):
    parents = [post_comment(author=other_member, post=post, body=f"Q{n}") for n in range(3)]
    big = "x" * (COMMENT_BODY_MAX * 3)
    for parent in parents:
        client.post(f"/posts/{post.slug}/comments/", {"body": big, "parent": parent.pk})
    drafts = client.session["comment-drafts"]
    assert list(drafts) == [str(post.pk)]
    assert drafts[str(post.pk)] == {"parent": parents[-1].pk, "body": "x" * COMMENT_BODY_MAX}


def test_anonymous_sessions_stay_small_after_many_big_posts(client, member, db):
    posts = [make_post(member) for _ in range(6)]
    huge = base64.b64encode(os.urandom(1_800_000)).decode()  # 2.4 MB that won't compress
    for target in posts:
        for parent in ("", "1", "2"):
            client.post(f"/posts/{target.slug}/comments/", {"body": huge, "parent": parent})
        client.post(f"/posts/{target.slug}/edit/", {**STORY, "body": huge, "title": huge})
    client.post("/posts/new/", {**STORY, "body": huge, "poll_choices": huge})
    # At most 5 comment drafts (10,000 characters each) and 5 post drafts (20,000 + small).
    limit = 5 * COMMENT_BODY_MAX + 5 * (POST_BODY_MAX + 5_000)
    assert session_bytes(client) < limit * 1.5  # signed, base64-encoded, compressed or not


def test_anonymous_draft_saving_is_rate_limited_and_shows_the_words_back(
        client, settings, post, fresh_rate_limits):
    settings.KINDRED_RATE_LIMITS = True
    settings.KINDRED_RATE_LIMIT_RULES = {**settings.KINDRED_RATE_LIMIT_RULES,
                                         "anonymous_draft": (2, 600)}
    url = f"/posts/{post.slug}/comments/"
    assert [client.post(url, {"body": f"Draft {n}"}).status_code for n in range(2)] == [302, 302]
    refused = client.post(url, {"body": "Shown, not stored"})
    assert refused.status_code == 429
    assert "Shown, not stored</textarea>" in refused.content.decode()
    assert client.session["comment-drafts"][str(post.pk)]["body"] == "Draft 1"
    again = client.post("/posts/new/", {**STORY, "body": "Story shown back"})
    assert again.status_code == 429 and "Story shown back" in again.content.decode()


def test_the_poll_of_a_kept_edit_comes_back_too(client, member, post):
    set_poll(author=member, post=post, question="Old?", choices=["A", "B"])
    client.post(f"/posts/{post.slug}/edit/", {**STORY, "poll_question": "New question?"})
    log_in(client, member)
    assert 'value="New question?"' in client.get(f"/posts/{post.slug}/edit/").content.decode()


@pytest.mark.parametrize("kept", [1, 5])
def test_keeping_and_restoring_a_story_takes_a_fixed_number_of_queries(
        client, member, django_assert_max_num_queries, kept):
    posts = [make_post(member) for _ in range(kept)]
    for target in posts:
        client.post(f"/posts/{target.slug}/comments/", {"body": "Kept words"})
    with django_assert_max_num_queries(6):
        assert client.post("/posts/new/", STORY).status_code == 302
    log_in(client, member)
    with django_assert_max_num_queries(7):
        assert client.get("/posts/new/").status_code == 200


def test_hostile_values_sent_while_logged_out_give_no_error(client, member, post):
    hostile = {**STORY, "title": "Nul\x00title", "kind": "<script>",
               "symptoms": ["\u00b2", "9" * 40, "-1"], "poll_closes_at": "\u00b2" * 500,
               "visibility": "x" * 5000}
    assert client.post("/posts/new/", hostile).status_code == 302
    assert client.post("/posts/no-such-post/edit/", hostile).status_code == 404
    assert client.post(f"/posts/{post.slug}/comments/",
                       {"body": "Hi", "parent": "\u00b2"}).status_code == 302
    log_in(client, member)
    page = client.get("/posts/new/")
    assert page.status_code == 200
    content = page.content.decode()
    assert 'value="Nultitle"' in content and "<script>" not in content.split("<main")[1]
    assert client.post("/posts/new/", hostile).status_code == 400


def test_a_comment_edit_after_the_login_expired_comes_back_after_login(client, member, post):
    comment = post_comment(author=member, post=post, body="First thoughts")
    response = client.post(f"/comments/{comment.pk}/edit/", {"body": "Second thoughts"})
    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next=%2Fcomments%2F{comment.pk}%2Fedit%2F"
    log_in(client, member)
    assert "Second thoughts</textarea>" in client.get(
        f"/comments/{comment.pk}/edit/").content.decode()
    assert client.post(f"/comments/{comment.pk}/edit/", {"body": "Second thoughts"}
                       ).status_code == 302
    assert f"edit-{comment.pk}" not in client.session.get("comment-drafts", {})
