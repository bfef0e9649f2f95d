"""What mail providers see: single-line subjects and a one-click unsubscribe they read."""

import email
import email.policy

from django.core import mail

from forum.notifications import emails
from posts.services import post_comment
from tests.factories import make_post, make_user


def test_a_title_with_a_line_break_does_not_stop_the_email_batch(
        member, other_member, django_capture_on_commit_callbacks):
    story = make_post(member, title="Numb feet and hands again")
    # Titles are one line wherever they are saved; a row written before that rule (or by
    # hand in the database) can still hold a line break, and email must cope with it.
    type(story).objects.filter(pk=story.pk).update(title="Numb feet\r\nand\x0bhands\u2028again")
    story.refresh_from_db()
    assert "\n" in story.title
    third = make_user("sorrel")
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(author=other_member, post=story, body="Same, @sorrel?")
    assert sorted(m.to[0] for m in mail.outbox) == sorted([member.email, third.email])
    for message in mail.outbox:
        sent = email.message_from_bytes(message.message().as_bytes(), policy=email.policy.SMTP)
        assert "“Numb feet and hands again”" in sent["Subject"]


def test_list_unsubscribe_goes_out_as_a_plain_url_providers_recognise(member):
    message = emails.build(member, subject="Kindred: hello", template="notification",
                           context={"note": None}, kind="mention")
    raw = message.message().as_bytes()
    link = emails.unsubscribe_url(member, "mention").encode()
    assert b"List-Unsubscribe: <" + link + b">\n" in raw
    assert b"=?utf-8?" not in raw
    assert b"List-Unsubscribe-Post: List-Unsubscribe=One-Click" in raw
