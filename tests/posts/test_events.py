"""Content announces; the layers above listen. Posting still tells watchers and files crisis
reports, in the same transaction as the words, though posts never imports forum."""

import pytest
from django.apps import apps

from forum.moderation.models import Report
from forum.moderation.reports import file_crisis_report
from forum.notifications.models import Notification
from forum.notifications.services import notify_comment, notify_new_post, notify_post_mentions
from posts import events
from posts.models import Post, Symptom
from posts.services import create_post, post_comment, set_follow

CRISIS = "Honestly some nights I want to die."


def test_each_event_has_its_listeners_registered_once_and_in_order():
    assert events.post_published.listeners == (notify_new_post, notify_post_mentions)
    assert events.comment_published.listeners == (notify_comment,)
    assert events.crisis_words.listeners == (file_crisis_report,)


def test_starting_the_apps_again_does_not_tell_anyone_twice():
    apps.get_app_config("notifications").ready()
    apps.get_app_config("moderation").ready()
    assert events.post_published.listeners == (notify_new_post, notify_post_mentions)
    assert events.crisis_words.listeners == (file_crisis_report,)


def test_a_story_with_crisis_words_reaches_watchers_the_named_and_the_queue(
        member, other_member, moderator):
    hug = Symptom.objects.get(slug="ms-hug")
    set_follow(user=other_member, tag=hug, level="watching")
    post = create_post(author=member, title="Nights", symptoms=[hug],
                       body=f"{CRISIS} @{moderator.username}, you said to write here.")
    assert post.crisis_support
    kinds = set(Notification.objects.values_list("recipient__username", "kind"))
    assert kinds == {(other_member.username, "new_post"), (moderator.username, "mention")}
    report = Report.objects.get()
    assert report.reason == "crisis" and report.is_automatic and report.post == post


def test_a_reply_tells_the_author_it_answers(member, other_member, post):
    post_comment(author=other_member, post=post, body="Same here, every morning.")
    assert Notification.objects.filter(recipient=member, kind="reply_to_post").exists()


def test_a_listener_that_fails_takes_the_words_back_with_it(monkeypatch, member):
    """Listeners run in the writer's transaction: nothing is half-saved."""
    def broken(**_kwargs):
        raise RuntimeError("the queue is down")

    monkeypatch.setattr(events.crisis_words, "_listeners", [broken])
    with pytest.raises(RuntimeError):
        create_post(author=member, title="Nights", body=CRISIS)
    assert not Post.objects.filter(title="Nights").exists()
