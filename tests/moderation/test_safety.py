"""New-member review, link limits, crisis support, rate limits, transparency, operators."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from forum.moderation.models import Report
from forum.moderation.services import approve, hide
from posts.models import Comment, Post
from posts.services import post_comment
from tests.factories import approve as approve_as_moderator
from tests.factories import make_post, make_user


def write(client, **data):
    payload = {"kind": "story", "title": "Hello", "body": "My first story", "visibility": "public",
               "publish": "1"}
    payload.update(data)
    return client.post("/posts/new/", payload)


def test_a_new_members_first_post_waits_for_review(client, settings, member, other_member):
    settings.KINDRED_NEW_MEMBER_REVIEW = 2
    client.force_login(member)
    response = write(client)
    post = Post.objects.get()
    assert post.status == "pending"
    page = client.get(response.url, follow=True).content.decode()
    assert "Waiting for review" in page and "read by a moderator" in page
    client.force_login(other_member)
    assert client.get(post.get_absolute_url()).status_code == 404
    assert "My first story" not in client.get("/").content.decode()


def test_review_stops_after_n_approvals(settings, member):
    settings.KINDRED_NEW_MEMBER_REVIEW = 2
    moderator = make_user("mod_x", moderator=True)
    for _ in range(2):
        post = make_post(member)
        assert post.status == "pending"
        approve(moderator=moderator, post=post)
        member.refresh_from_db()
    assert member.approved_contributions == 2
    assert make_post(member).status == "published"


def test_review_can_be_turned_off(settings, member):
    settings.KINDRED_NEW_MEMBER_REVIEW = 0
    assert make_post(member).status == "published"


def test_new_members_cannot_post_links_until_approved(client, settings, member, post):
    settings.KINDRED_NEW_MEMBER_REVIEW = 2
    client.force_login(member)
    response = write(client, body="Try https://miracle-cure.com")
    assert response.status_code == 400
    assert "can&#x27;t include links" in response.content.decode() or \
        "can't include links" in response.content.decode()
    assert not Post.objects.exclude(pk=post.pk).exists()
    reply = client.post(f"/posts/{post.slug}/comments/", {"body": "[shop](https://x.example)"})
    assert reply.status_code == 400 and not Comment.objects.exists()
    thanks = post_comment(author=member, post=post, body="Thank you all for the ideas.")
    approve_as_moderator(thanks)
    assert write(client, body="Try https://mssociety.org.uk").status_code == 302


def test_crisis_words_show_helplines_file_a_report_and_stay_visible(client, member, post,
                                                                    other_member):
    client.force_login(other_member)
    response = client.post(f"/posts/{post.slug}/comments/",
                           {"body": "Honestly some nights I want to die."}, follow=True)
    page = response.content.decode()
    assert "You don’t have to carry it alone" in page
    assert "116 123" in page and "988" in page
    comment = Comment.objects.get()
    assert comment.status == "visible"
    report = Report.objects.get()
    assert report.reason == "crisis" and report.is_automatic and report.comment == comment
    client.logout()
    assert "some nights I want to die" in client.get(post.get_absolute_url()).content.decode()


def test_strong_words_about_pain_are_not_a_crisis(member, post):
    post_comment(author=member, post=post, body="This spasm is killing me, and my legs ache.")
    assert not Report.objects.exists()


def test_a_post_with_crisis_words_files_a_report_too(member):
    make_post(member, title="Can't go on", body="I don't want to be here anymore.")
    assert Report.objects.get().reason == "crisis"


def test_crisis_phrases_are_configurable(settings, member, post):
    settings.KINDRED_CRISIS_PHRASES = ["lost all hope"]
    post_comment(author=member, post=post, body="I have lost all hope")
    assert Report.objects.count() == 1


def test_commenting_is_rate_limited_and_keeps_the_text(client, settings, member, post):
    settings.KINDRED_RATE_LIMITS = True
    settings.KINDRED_RATE_LIMIT_RULES = {**settings.KINDRED_RATE_LIMIT_RULES, "comment": (2, 600)}
    client.force_login(member)
    codes = [client.post(f"/posts/{post.slug}/comments/", {"body": f"Note {n}"}).status_code
             for n in range(3)]
    assert codes == [302, 302, 429]
    last = client.post(f"/posts/{post.slug}/comments/", {"body": "Please keep me"})
    assert last.status_code == 429 and "Please keep me" in last.content.decode()
    assert Comment.objects.count() == 2


def test_posting_is_rate_limited_and_keeps_the_text(client, settings, member):
    settings.KINDRED_RATE_LIMITS = True
    settings.KINDRED_RATE_LIMIT_RULES = {**settings.KINDRED_RATE_LIMIT_RULES, "post": (1, 3600)}
    client.force_login(member)
    assert write(client, title="One").status_code == 302
    response = write(client, title="Two", body="Words to keep")
    assert response.status_code == 429 and "Words to keep" in response.content.decode()
    assert Post.objects.count() == 1


def test_transparency_counts_reports_actions_and_appeals_per_month(client, member, post):
    from forum.moderation.reports import file_report

    comment = post_comment(author=member, post=post, body="Buy now")
    file_report(reporter=make_user("r1"), post=post, comment=comment, reason="spam")
    hide(moderator=make_user("mod_t", moderator=True), post=post, comment=comment,
         guideline="no_spam", statement="Spam")
    page = client.get("/pages/transparency/").content.decode()
    assert "Spam</td><td>1</td>" in page and "Hidden</td><td>1</td>" in page
    assert "No appeals yet." in page


def test_transparency_query_budget(client, db, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        assert client.get("/pages/transparency/").status_code == 200


def test_make_moderator_adds_and_removes(member, capsys):
    call_command("make_moderator", "ROWAN")
    member.refresh_from_db()
    assert type(member).objects.get(pk=member.pk).is_moderator
    call_command("make_moderator", "rowan", "--remove")
    assert not type(member).objects.get(pk=member.pk).is_moderator
    with pytest.raises(CommandError):
        call_command("make_moderator", "nobody")
