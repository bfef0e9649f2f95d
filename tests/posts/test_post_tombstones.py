"""Deleting your post keeps others' words: a post with other members' replies becomes a
tombstone ("The author deleted this post") at the same address, replies readable, closed to
new comments, gone from every list; a post with none of theirs goes as before. The same when
its author leaves with "delete everything"."""

import html
import json

import pytest
from django.test import Client

from forum.moderation.models import ModerationAction, Report
from forum.moderation.reports import file_report
from posts.models import Comment, Poll, Post, Revision, Symptom
from posts.services import delete_post, post_comment, set_poll, update_post
from tests.factories import PASSWORD, hide, make_post, make_user


def text(response):
    return html.unescape(response.content.decode())


def delete_confirmed(client, author, post):
    client.force_login(author)
    return client.post(f"/posts/{post.slug}/delete/", {"confirm": "yes"})


@pytest.fixture
def tagged_post(member):
    fatigue = Symptom.objects.get(slug="fatigue")
    return make_post(member, title="Walls of fatigue every afternoon",
                     body="My secret morning routine with *fatigue*.", symptoms=[fatigue])


def test_deleting_a_post_with_others_replies_keeps_their_replies_under_a_tombstone(
        client, member, other_member, tagged_post):
    post = tagged_post
    update_post(editor=member, post=post, title=post.title, body="An earlier version",
                kind="story", visibility="public")
    set_poll(author=member, post=post, question="Morning or evening?",
             choices=["Morning", "Evening"])
    mine = post_comment(author=member, post=post, body="Adding a detail myself")
    reply = post_comment(author=other_member, post=post, body="Cold showers helped me")
    answer = post_comment(author=member, post=post, body="Thanks!", parent=reply)
    client.force_login(member)
    confirm = text(client.get(f"/posts/{post.slug}/delete/"))
    assert "their replies stay readable" in confirm

    response = delete_confirmed(client, member, post)
    assert response.status_code == 302
    stored = Post.objects.get(pk=post.pk)
    assert stored.slug == post.slug and stored.is_deleted
    assert stored.title == "The author deleted this post" and stored.body == ""
    assert stored.body_html == "" and stored.excerpt == "" and stored.author is None
    assert not stored.tags.exists() and not Poll.objects.filter(post=stored).exists()
    assert not Revision.objects.filter(post=stored).exists()
    # Everyone's comments stay, the author's own included (they deleted the post, not those).
    assert set(Comment.objects.filter(post=stored).values_list("pk", flat=True)) == {
        mine.pk, reply.pk, answer.pk}

    for reader in (None, other_member, member):
        client.logout()
        if reader is not None:
            client.force_login(reader)
        page = client.get(f"/posts/{post.slug}/")
        body = text(page)
        assert page.status_code == 200
        assert "The author deleted this post" in body
        assert "Cold showers helped me" in body and "Thanks!" in body
        assert "secret morning routine" not in body and "An earlier version" not in body
        assert "Walls of fatigue" not in body and "Morning or evening?" not in body
        assert 'id="comment-form"' not in body and "Post comment" not in body
        assert f'href="/posts/{post.slug}/delete/"' not in body
        assert f'href="/posts/{post.slug}/edit/"' not in body
        assert "noindex" in body


def test_nobody_can_comment_reply_react_or_edit_on_a_tombstone(client, member, other_member,
                                                                post):
    reply = post_comment(author=other_member, post=post, body="Me too")
    delete_confirmed(client, member, post)
    client.force_login(other_member)
    before = Comment.objects.count()
    response = client.post(f"/posts/{post.slug}/comments/", {"body": "Still here?"})
    assert response.status_code == 403 and "The author deleted this post" in text(response)
    assert "Still here?" in text(response)  # the words come back with the reason
    response = client.post(f"/posts/{post.slug}/comments/",
                           {"body": "Answering you", "parent": reply.pk})
    assert response.status_code == 403 and "Answering you" in text(response)
    assert Comment.objects.count() == before
    assert client.post(f"/posts/{post.slug}/react/", {"kind": "hug"}).status_code in (
        400, 403, 404, 409)
    client.force_login(member)  # the former author has no hold on it any more
    assert client.get(f"/posts/{post.slug}/edit/").status_code == 403
    assert client.post(f"/posts/{post.slug}/delete/", {"confirm": "yes"}).status_code == 403
    assert Post.objects.filter(pk=post.pk).exists()


def test_a_tombstoned_post_leaves_the_lists_and_search(client, member, other_member,
                                                       tagged_post):
    post_comment(author=other_member, post=tagged_post, body="Walls here too")
    kept = make_post(other_member, title="Walls of heat in summer", body="Another wall.",
                     symptoms=[Symptom.objects.get(slug="fatigue")])
    lists = ["/", "/tags/fatigue/", "/search/?q=walls", "/feeds/latest/",
             "/tags/fatigue/feed/", "/sitemap.xml", f"/u/{member.username}/"]
    client.force_login(other_member)
    for url in lists[:3]:
        assert f"/posts/{tagged_post.slug}/" in client.get(url).content.decode(), url
    delete_confirmed(client, member, tagged_post)
    for reader in (None, other_member):
        client.logout()
        if reader is not None:
            client.force_login(reader)
        for url in lists:
            response = client.get(url)
            assert response.status_code == 200, url
            page = response.content.decode()
            assert f"/posts/{tagged_post.slug}/" not in page, url
            assert "The author deleted this post" not in page, url
        assert f"/posts/{kept.slug}/" in client.get("/search/?q=walls").content.decode()
        # Out of the lists, not gone: its address still holds the replies.
        assert "Walls here too" in text(client.get(f"/posts/{tagged_post.slug}/"))


def test_a_post_without_others_replies_is_deleted_as_before(client, member, other_member,
                                                            post):
    post_comment(author=member, post=post, body="Only me here")
    delete_confirmed(client, member, post)
    assert not Post.objects.filter(pk=post.pk).exists() and not Comment.objects.exists()
    assert client.get(f"/posts/{post.slug}/").status_code == 404


def test_a_deleted_comment_of_someone_else_holds_no_words_so_the_post_goes(member,
                                                                           other_member,
                                                                           post):
    from posts.services import delete_comment

    theirs = post_comment(author=other_member, post=post, body="Gone soon")
    post_comment(author=member, post=post, body="Replying", parent=theirs)
    delete_comment(actor=other_member, comment=theirs)  # a tombstone: no words of theirs
    assert delete_post(actor=member, post=post) is None
    assert not Post.objects.filter(pk=post.pk).exists()


def test_others_replies_waiting_for_review_or_hidden_keep_the_post_as_a_tombstone(
        member, other_member, post):
    reply = post_comment(author=other_member, post=post, body="Hidden words")
    hide(reply)
    assert delete_post(actor=member, post=post) is not None
    assert Comment.objects.get(pk=reply.pk).body == "Hidden words"


def test_a_member_who_leaves_keeps_others_replies_readable(client, member, other_member,
                                                           post):
    reply = post_comment(author=other_member, post=post, body="Sending strength")
    post_comment(author=member, post=post, body="Thank you", parent=reply)
    alone = make_post(member, title="Nobody answered this")
    client.force_login(member)
    response = client.post("/settings/delete/", {"mode": "delete", "password": PASSWORD})
    assert response.status_code == 302
    stored = Post.objects.get(pk=post.pk)
    assert stored.is_deleted and stored.body == "" and stored.author is None
    assert not Post.objects.filter(pk=alone.pk).exists()
    assert list(Comment.objects.filter(post=stored).values_list("body", flat=True)) == [
        "Sending strength"]  # theirs stays; the leaver's own reply (no replies) goes
    page = text(client.get(f"/posts/{post.slug}/"))
    assert "The author deleted this post" in page and "Sending strength" in page
    assert "Does anyone else wake up" not in page and "rowan" not in page


def test_the_moderation_record_and_exports_are_unaffected_by_a_tombstone(
        client, member, other_member, post):
    reporter = make_user("birch")
    reply = post_comment(author=other_member, post=post, body="Buy my cure")
    report = file_report(reporter=reporter, post=post, comment=reply, reason="selling")
    hide(reply)
    action = ModerationAction.objects.get(comment=reply)
    log_before = moderators_log()
    delete_confirmed(client, member, post)
    action.refresh_from_db()
    assert action.post_id == post.pk and action.comment_id == reply.pk
    assert Report.objects.filter(pk=report.pk, post=post, comment=reply).exists()
    assert moderators_log() == log_before
    client.force_login(other_member)  # their export still names the decision and its post
    export = json.loads(client.post("/settings/export/").content)
    assert [(d["post__slug"], d["comment_id"]) for d in export["moderation_decisions"]] == [
        (post.slug, reply.pk)]
    assert [c["body"] for c in export["comments"]] == ["Buy my cure"]


def moderators_log():
    """What the moderators' audit log shows, read by a moderator on their own device."""
    client = Client()
    client.force_login(make_user(None, moderator=True))
    page = client.get("/moderation/log/")
    assert page.status_code == 200 and "Buy my cure" not in text(page)
    return text(page).split("<main", 1)[1].split("</main>", 1)[0]


@pytest.mark.parametrize("count", [5, 150])
def test_a_tombstones_page_keeps_the_story_pages_query_budget(client, member, other_member,
                                                              post, count,
                                                              django_assert_max_num_queries):
    parent = None
    for number in range(count):
        author = member if number % 2 else other_member
        parent = post_comment(author=author, post=post, body=f"c{number}",
                              parent=parent if number % 3 else None)
    delete_post(actor=member, post=post)
    for reader in (other_member, None):  # the story page's budget (test_comments.py)
        client.logout()
        if reader is not None:
            client.force_login(reader)
        with django_assert_max_num_queries(16):
            response = client.get(post.get_absolute_url())
        assert response.status_code == 200 and "c1<" in response.content.decode()


def test_a_reply_saved_under_a_deleted_post_stays_saved_the_post_does_not(
        client, member, other_member, post):
    from posts.services import toggle_bookmark

    reply = post_comment(author=other_member, post=post, body="Worth keeping")
    toggle_bookmark(user=other_member, post=post)
    toggle_bookmark(user=other_member, post=post, comment=reply)
    delete_post(actor=member, post=post)
    client.force_login(other_member)
    page = text(client.get("/bookmarks/"))
    assert "Worth keeping" in page and f'href="/comments/{reply.pk}/"' in page
    assert f'href="/posts/{post.slug}/"' not in page


def test_a_reply_under_a_deleted_post_stays_on_its_authors_profile(client, member,
                                                                    other_member, post):
    reply = post_comment(author=other_member, post=post, body="My answer stays mine")
    delete_post(actor=member, post=post)
    for reader in (None, member):
        client.logout()
        if reader is not None:
            client.force_login(reader)
        page = text(client.get(f"/u/{other_member.username}/"))
        assert "My answer stays mine" in page or f"/comments/{reply.pk}/" in page
