from datetime import timedelta

import pytest
from django.core import signing
from django.core.management import call_command
from django.utils import timezone

from forum.notifications import emails
from forum.notifications.models import Notification
from posts.services import post_comment
from tests.factories import make_post, make_user


def kinds_for(user):
    return sorted(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def test_a_comment_notifies_the_post_author(member, other_member, post):
    post_comment(author=other_member, post=post, body="Me too")
    assert kinds_for(member) == ["reply_to_post"]
    assert kinds_for(other_member) == []


def test_a_reply_notifies_the_comment_author_once(member, other_member, post):
    third = make_user("birch")
    comment = post_comment(author=third, post=post, body="Heat is the worst")
    post_comment(author=other_member, post=post, body="Agreed", parent=comment)
    assert kinds_for(third) == ["reply_to_comment"]
    assert kinds_for(member) == ["reply_to_post", "reply_to_post"]


def test_a_mention_notifies_the_mentioned_member(member, other_member, post):
    birch = make_user("Birch")
    post_comment(author=other_member, post=post, body="@birch you asked about this! @nobody")
    assert kinds_for(birch) == ["mention"]


def test_nobody_is_notified_about_their_own_words(member, post):
    post_comment(author=member, post=post, body="Adding a note, @rowan")
    assert not Notification.objects.exists()


def test_the_inbox_lists_notifications_and_marks_them_read(client, member, other_member, post):
    comment = post_comment(author=other_member, post=post, body="Hugs")
    client.force_login(member)
    inbox = client.get("/notifications/").content.decode()
    assert "ash commented on your post" in inbox
    assert 'class="count">1<' in inbox
    note = Notification.objects.get()
    response = client.get(f"/notifications/{note.pk}/open/")
    assert response.url == f"/comments/{comment.pk}/"
    note.refresh_from_db()
    assert note.read_at is not None
    assert 'class="count"' not in client.get("/notifications/").content.decode()


def test_mark_all_as_read(client, member, other_member, post):
    for n in range(3):
        post_comment(author=other_member, post=post, body=f"Note {n}")
    client.force_login(member)
    client.post("/notifications/read/")
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_someone_elses_notification_cannot_be_opened(client, member, other_member, post):
    post_comment(author=other_member, post=post, body="Hi")
    client.force_login(other_member)
    note = Notification.objects.get()
    assert client.get(f"/notifications/{note.pk}/open/").status_code == 404
    note.refresh_from_db()
    assert note.read_at is None


@pytest.mark.parametrize("count", [2, 40])
def test_inbox_query_budget_does_not_grow(client, member, other_member, post, count,
                                          django_assert_max_num_queries):
    for n in range(count):
        post_comment(author=other_member, post=post, body=f"n{n}")
    client.force_login(member)
    with django_assert_max_num_queries(6):
        assert client.get("/notifications/").status_code == 200


def test_immediate_emails_follow_the_members_choice(member, other_member, post, mailoutbox,
                                                    django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(author=other_member, post=post, body="First")
    assert len(mailoutbox) == 1 and "commented on your post" in mailoutbox[0].subject
    assert "First" not in mailoutbox[0].body  # emails point to the site, not the words
    member.email_reply_to_post = "off"
    member.save()
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(author=other_member, post=post, body="Second")
    assert len(mailoutbox) == 1


def test_due_digests_go_out_in_one_pass(member, other_member, mailoutbox):
    # Only the stories' authors follow them here (commenting would make other_member watch)
    other_member.watch_on_comment = False
    other_member.save()
    readers = []
    for n in range(12):
        reader = make_user(f"reader{n}", email_reply_to_post="digest")
        readers.append(reader)
        story = make_post(reader)
        post_comment(author=other_member, post=story, body="Hello")
        post_comment(author=member, post=story, body="Hi there")
    weekly = readers[0]
    weekly.digest_frequency, weekly.last_digest_at = "weekly", timezone.now() - timedelta(days=2)
    weekly.save()
    call_command("send_digests")  # its query budget: tests/notifications/test_worker.py
    assert len(mailoutbox) == 11  # the weekly reader's digest is not due yet
    digest = mailoutbox[0]
    assert "Your Kindred digest: 2 new" in digest.subject
    assert digest.alternatives and "List-Unsubscribe" in digest.extra_headers
    call_command("send_digests")
    assert len(mailoutbox) == 11  # nothing twice


def test_one_click_unsubscribe_turns_that_email_off(client, member):
    url = emails.unsubscribe_url(member, "reply_to_post").replace("http://127.0.0.1:8000", "")
    assert "Stop these emails" in client.get(url).content.decode()
    member.refresh_from_db()
    assert member.email_reply_to_post == "immediate"  # a GET (link preview) changes nothing
    response = client.post(url)  # mail clients POST without a CSRF token
    assert response.status_code == 200
    member.refresh_from_db()
    assert member.email_reply_to_post == "off" and member.email_mention == "immediate"


def test_digest_unsubscribe_turns_every_email_off(client, member):
    url = emails.unsubscribe_url(member, emails.ALL_KINDS).replace("http://127.0.0.1:8000", "")
    client.post(url)
    member.refresh_from_db()
    assert {member.email_new_post, member.email_reply_to_post, member.email_reply_to_comment,
            member.email_mention} == {"off"}


@pytest.mark.parametrize("token", [
    "forged", signing.dumps({"user": 1, "kind": "mention"}, salt="another-salt"),
], ids=["forged", "signed-with-another-salt"])  # stable ids: xdist workers must agree
def test_a_forged_unsubscribe_token_changes_nothing(client, member, token):
    response = client.post(f"/notifications/unsubscribe/{token}/")
    assert response.status_code == 400
    assert "doesn’t work" in response.content.decode()
    member.refresh_from_db()
    assert member.email_mention == "immediate"


def test_an_expired_unsubscribe_token_changes_nothing(client, member, monkeypatch):
    token = emails.unsubscribe_token(member, "mention")
    monkeypatch.setattr(emails, "UNSUBSCRIBE_MAX_AGE", -1)
    assert client.post(f"/notifications/unsubscribe/{token}/").status_code == 400
    member.refresh_from_db()
    assert member.email_mention == "immediate"


def test_notification_settings_save_and_refuse_bad_values(client, member):
    client.force_login(member)
    data = {"email_reply_to_post": "digest", "email_reply_to_comment": "off",
            "email_mention": "immediate", "email_new_post": "immediate",
            "email_watched_comment": "off", "digest_frequency": "weekly",
            "email_message": "digest"}
    assert client.post("/settings/notifications/", data).status_code == 302
    member.refresh_from_db()
    assert member.email_reply_to_post == "digest" and member.digest_frequency == "weekly"
    assert member.email_message == "digest"
    bad = client.post("/settings/notifications/", {**data, "email_mention": "hourly"})
    assert bad.status_code == 400
    member.refresh_from_db()
    assert member.email_mention == "immediate"


def test_notification_settings_query_budget(client, member, django_assert_max_num_queries):
    client.force_login(member)
    with django_assert_max_num_queries(4):
        assert client.get("/settings/notifications/").status_code == 200


def test_the_notification_admin_names_conversations_and_decisions_by_id_not_in_a_list(
        admin_client):
    """A drop-down would load every conversation and every moderation decision into one
    page (and grow with the site): the admin form asks for their ids instead."""
    from forum.conversations.services import start_conversation
    from forum.moderation.models import Report
    from forum.moderation.services import hide
    from tests.factories import make_verified_user
    from tests.moderation.messaging import report

    writer, reader = make_verified_user("juniper"), make_verified_user("wren")
    for number in range(3):
        make_verified_user(f"pen{number}")
        start_conversation(sender=writer, recipient_handle=f"pen{number}", body="Hi")
    message = start_conversation(sender=writer, recipient_handle="wren", body="Go away")
    report(message, reader)
    hide(moderator=make_user("mod", moderator=True), message=message,
         guideline="be_gentle", statement="Unkind.")
    decided = Notification.objects.get(recipient=writer, kind="moderation")
    told = Notification.objects.get(recipient=reader, kind="message")
    for note in (decided, told):
        page = admin_client.get(f"/admin/notifications/notification/{note.pk}/change/")
        html = page.content.decode()
        assert page.status_code == 200
        assert '<select name="conversation"' not in html and '<select name="action"' not in html
        assert 'name="conversation"' in html and 'name="action"' in html
    # The moderation log and reports are read-only in the admin: shown as text, no list.
    for url in (f"/admin/moderation/moderationaction/{decided.action_id}/change/",
                f"/admin/moderation/report/{Report.objects.get().pk}/change/"):
        html = admin_client.get(url).content.decode()
        assert "<select" not in html, url
