"""Leaving, and deleting one's comments, never takes anyone else's words, whatever the shape
of the threads; the counters stay exact."""

import random

import pytest

from accounts.models import User
from forum.members import data
from posts.models import Comment, Post
from posts.services import delete_comment, post_comment
from tests.factories import PASSWORD, make_post, make_user


def assert_counters_are_exact():
    for post in Post.objects.all():
        visible = Comment.objects.filter(post=post, status=Comment.Status.VISIBLE).count()
        assert post.comment_count == visible, post
    for comment in Comment.objects.all():
        counted = comment.children.exclude(status=Comment.Status.PENDING).count()
        assert comment.reply_count == counted, comment


def words_of(*members):
    return set(Comment.objects.filter(author__in=members).exclude(body="")
               .values_list("body", flat=True))


@pytest.fixture
def reviewed(settings, member, other_member):
    """New members' first contributions wait for review; the fixtures' members are known."""
    settings.KINDRED_NEW_MEMBER_REVIEW = 1
    for known in (member, other_member):
        known.approved_contributions = 5
        known.save(update_fields=["approved_contributions"])


def leave(client, member, mode):
    client.force_login(member)
    response = client.post("/settings/delete/", {"mode": mode, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert not User.objects.filter(pk=member.pk).exists()


@pytest.mark.parametrize("mode", ["delete", "anonymise"])
def test_leaving_after_deleting_a_comment_i_had_answered_myself_completes(client, member,
                                                                         other_post, mode):
    first = post_comment(author=member, post=other_post, body="First thought")
    post_comment(author=member, post=other_post, body="Adding to myself", parent=first)
    delete_comment(actor=member, comment=first)
    leave(client, member, mode)
    assert_counters_are_exact()
    if mode == "delete":
        assert not Comment.objects.filter(post=other_post).exists()


def test_deleting_my_comment_keeps_someone_elses_reply_that_waits_for_review(
        client, member, other_member, other_post, reviewed):
    newcomer = make_user("newcomer")
    mine = post_comment(author=member, post=other_post, body="My words")
    waiting = post_comment(author=newcomer, post=other_post, body="Thank you!", parent=mine)
    assert waiting.status == "pending"
    delete_comment(actor=member, comment=mine)
    assert Comment.objects.get(pk=waiting.pk).body == "Thank you!"
    mine.refresh_from_db()
    assert mine.status == "deleted" and mine.body == ""
    assert_counters_are_exact()
    delete_comment(actor=newcomer, comment=waiting)  # the last reply goes: the tombstone too
    assert not Comment.objects.filter(pk=mine.pk).exists()
    assert_counters_are_exact()


def test_leaving_keeps_someone_elses_reply_that_waits_for_review(client, member, other_post,
                                                                  reviewed):
    newcomer = make_user("newcomer")
    mine = post_comment(author=member, post=other_post, body="My words")
    post_comment(author=newcomer, post=other_post, body="Thank you!", parent=mine)
    leave(client, member, "delete")
    assert words_of(newcomer) == {"Thank you!"}
    assert_counters_are_exact()


def build_shapes(member, other, newcomer, moderator, post):
    """The thread shapes that broke deletion, each on the same post."""
    def say(author, body, parent=None):
        return post_comment(author=author, post=post, body=body, parent=parent)

    tomb = say(member, "tombstone with my reply")
    say(member, "my reply to my tombstone", tomb)
    delete_comment(actor=member, comment=tomb)
    answered = say(member, "answered by others")
    say(other, "other's reply", answered)
    say(newcomer, "newcomer's reply waiting", answered)
    say(newcomer, "newcomer's top-level waiting")
    theirs = say(other, "their comment")
    mine_under_theirs = say(member, "my reply under theirs", theirs)
    say(other, "their answer to me", mine_under_theirs)
    parent = None
    for depth in range(8):  # a chain deeper than the nesting cap, alternating authors
        parent = say(member if depth % 2 == 0 else other, f"chain {depth}", parent)
    hidden = say(member, "mine, later hidden")
    say(other, "reply to the hidden one", hidden)
    from forum.moderation.services import hide
    hide(moderator=moderator, post=post, comment=hidden,
         guideline="be_gentle", statement="Please be gentle.")


@pytest.mark.parametrize("mode", ["delete", "anonymise"])
def test_leaving_completes_whatever_the_shape_of_my_threads(client, member, other_member,
                                                           other_post, moderator, reviewed,
                                                           mode):
    newcomer = make_user("newcomer")
    own_post = make_post(member, title="My own story")
    build_shapes(member, other_member, newcomer, moderator, other_post)
    others_before = words_of(other_member, newcomer)
    leave(client, member, mode)
    assert_counters_are_exact()
    assert words_of(other_member, newcomer) == others_before
    left_bodies = set(Comment.objects.filter(author=None).values_list("body", flat=True))
    if mode == "delete":
        assert left_bodies <= {""} and not Post.objects.filter(pk=own_post.pk).exists()
    else:
        assert "answered by others" in left_bodies


def test_leaving_completes_for_random_thread_shapes(client, settings, db):
    """A property-style sweep: random threads by three people, random deletions, then one
    of them leaves. Fixed seed, so a failure replays."""
    settings.KINDRED_NEW_MEMBER_REVIEW = 1
    rng = random.Random(20261125)
    for round_number in range(12):
        leaver = make_user(f"leaver{round_number}", approved_contributions=5)
        stayer = make_user(f"stayer{round_number}", approved_contributions=5)
        waiting = make_user(f"waiting{round_number}")
        post = make_post(stayer)
        people = [leaver, leaver, stayer, waiting]
        for number in range(rng.randint(3, 25)):
            replyable = list(Comment.objects.filter(post=post, status="visible"))
            parent = rng.choice(replyable) if replyable and rng.random() < 0.75 else None
            post_comment(author=rng.choice(people), post=post, parent=parent,
                         body=f"round {round_number} words {number}")
            if rng.random() < 0.2:
                victim = rng.choice(list(Comment.objects.filter(post=post).exclude(
                    status="deleted")))
                delete_comment(actor=victim.author, comment=victim)
        assert_counters_are_exact()
        others_before = words_of(stayer, waiting)
        leave(client, leaver, rng.choice(["delete", "anonymise"]))
        assert_counters_are_exact()
        assert words_of(stayer, waiting) == others_before, round_number


def test_removing_an_already_gone_comment_for_a_departure_is_quiet(member, other_post):
    comment = post_comment(author=member, post=other_post, body="Gone soon")
    Comment.objects.filter(pk=comment.pk).delete()
    from posts.services.comments import remove_for_account_deletion
    assert remove_for_account_deletion(comment) is None


@pytest.fixture
def a_history(member, other_member, moderator, other_post):
    """A member with a moderation decision and an appeal, a report they filed, a tag
    suggestion, notifications and a second email address."""
    from allauth.account.models import EmailAddress

    from forum.moderation.reports import file_report
    from forum.moderation.services import file_appeal, hide
    from posts.services.tags import suggest_tag

    own_post = make_post(member, title="My own story")
    post_comment(author=other_member, post=own_post, body="Hugs to you")
    action = hide(moderator=moderator, post=own_post,
                  guideline="no_spam", statement="Reads like an advert, sorry.")
    file_appeal(author=member, action=action, text="It was my own experience, truly.")
    theirs = post_comment(author=other_member, post=other_post, body="Buy my cure")
    file_report(reporter=member, post=other_post, comment=theirs, reason="spam",
                details="My neighbour keeps selling this to me")
    suggest_tag(author=member, post=own_post, name="Brain fog at dusk")
    EmailAddress.objects.create(user=member, email="rowan.second@example.net")
    return own_post


def test_the_export_holds_decisions_notifications_suggestions_and_emails(client, member,
                                                                         a_history):
    import json

    client.force_login(member)
    exported = json.loads(client.post("/settings/export/").content)
    (decision,) = exported["moderation_decisions"]
    assert decision["kind"] == "hide" and decision["statement"] == "Reads like an advert, sorry."
    assert exported["appeals"][0]["text"] == "It was my own experience, truly."
    kinds = {notice["kind"] for notice in exported["notifications"]}
    assert {"moderation", "reply_to_post"} <= kinds
    assert [s["name"] for s in exported["tag_suggestions"]] == ["Brain fog at dusk"]
    assert {e["email"] for e in exported["email_addresses"]} == {"rowan.second@example.net"}
    assert exported["reports_filed"][0]["details"] == "My neighbour keeps selling this to me"


def test_deleting_everything_takes_my_reports_appeals_notifications_and_suggestions(
        client, member, a_history):
    from allauth.account.models import EmailAddress

    from forum.moderation.models import Appeal, ModerationAction, Report
    from forum.notifications.models import Notification
    from posts.models import TagSuggestion

    leave(client, member, "delete")
    dump = everything_in_the_database()
    for words in ("My neighbour keeps selling this", "It was my own experience",
                  "Brain fog at dusk", "rowan.second@example.net", "rowan@example.org"):
        assert words not in dump
    report = Report.objects.get(reason="spam")  # the moderators' record stays, unattributed
    assert report.reporter is None and report.details == ""
    assert not Appeal.objects.exists() and not TagSuggestion.objects.exists()
    assert not Notification.objects.filter(kind="moderation").exists()
    assert not EmailAddress.objects.filter(email__startswith="rowan").exists()
    assert ModerationAction.objects.get(kind="hide").member_name == "former member"


def everything_in_the_database():
    from django.apps import apps
    from django.core import serializers

    models = [m for m in apps.get_models() if m._meta.app_label not in {"contenttypes", "auth"}
              and m.__name__ != "Session"]
    return serializers.serialize("json", [obj for m in models for obj in m._default_manager.all()])


@pytest.mark.parametrize(("payload", "status", "reason"), [
    ({"mode": "delete", "password": "not-my-password"}, 403, "password is not right"),
    ({"mode": "burn-it-all", "password": PASSWORD}, 400, "Choose what should happen"),
])
def test_a_refused_deletion_shows_the_form_again_with_the_reason(client, member, payload,
                                                                   status, reason):
    client.force_login(member)
    response = client.post("/settings/delete/", payload)
    page = response.content.decode()
    assert response.status_code == status and reason in page
    assert 'name="mode"' in page and User.objects.filter(pk=member.pk).exists()


def test_the_deletion_service_refuses_with_a_status(rf, member):
    from plumbing.refusals import Refused

    request = rf.post("/settings/delete/")
    request.user = member
    with pytest.raises(Refused) as wrong_password:
        data.delete_account(request, password="nope", mode="delete")
    with pytest.raises(Refused) as no_choice:
        data.delete_account(request, password=PASSWORD, mode="")
    assert (wrong_password.value.status, no_choice.value.status) == (403, 400)


@pytest.mark.parametrize("payload", [
    {"mode": "delete\x00", "password": PASSWORD},
    {"mode": ["delete", "anonymise"], "password": "x" * 100_000},
    {"mode": "anonymise", "password": "\x00é"},
    {},
])
def test_hostile_deletion_requests_are_refused_with_a_4xx(client, member, payload):
    client.force_login(member)
    response = client.post("/settings/delete/", payload)
    assert 400 <= response.status_code < 500
    assert User.objects.filter(pk=member.pk).exists()


def test_the_export_costs_the_same_queries_however_much_there_is(
        client, member, other_post, django_assert_max_num_queries):
    client.force_login(member)
    for number in range(30):
        post_comment(author=member, post=other_post, body=f"Words number {number}")
        make_post(member, title=f"Story number {number}")
    with django_assert_max_num_queries(20):
        assert client.post("/settings/export/").status_code == 200


@pytest.mark.parametrize("mode", ["delete", "anonymise"])
def test_leaving_ends_the_session_on_the_other_device_cached_copy_included(
        client, member, mode, settings):
    """With sessions read from the cache (production with Redis), the other device's session,
    which can hold words kept for after a login, is gone from the cache as well as the
    database."""
    from django.contrib.sessions.backends.cached_db import SessionStore
    from django.contrib.sessions.models import Session
    from django.core.cache import caches
    from django.test import Client

    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    phone = Client()
    phone.force_login(member)
    key = phone.cookies[settings.SESSION_COOKIE_NAME].value
    kept = SessionStore(key)
    kept["kept-draft"] = "words I meant to finish later"
    kept.save()
    assert caches[settings.SESSION_CACHE_ALIAS].get(kept.cache_key) is not None

    leave(client, member, mode)
    assert not Session.objects.filter(session_key=key).exists()
    assert caches[settings.SESSION_CACHE_ALIAS].get(kept.cache_key) is None
    assert "kept-draft" not in SessionStore(key).load()
