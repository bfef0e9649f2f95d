from datetime import timedelta

import pytest
from django.utils import timezone

from forum.moderation.models import Appeal, ModerationAction, Report
from forum.moderation.services import hide
from forum.notifications.models import Notification
from posts.models import Comment, Post
from posts.services import post_comment
from tests.factories import PASSWORD, suspend

from .conftest import act


def test_hiding_a_reported_comment_hides_it_logs_it_and_tells_the_author(
        client, post, reported, acting_moderator, seller, mailoutbox,
        django_capture_on_commit_callbacks):
    client.force_login(acting_moderator)
    with django_capture_on_commit_callbacks(execute=True):
        response = act(client, post, reported)
    assert response.status_code == 302
    reported.refresh_from_db()
    post.refresh_from_db()
    assert reported.status == "hidden" and post.comment_count == 0
    assert Report.objects.get().status == "actioned"
    action = ModerationAction.objects.get()
    assert (action.kind, action.actor, action.member, action.guideline) == (
        "hide", acting_moderator, seller, "no_selling")
    note = Notification.objects.get(recipient=seller)
    assert note.kind == "moderation" and note.target_url == f"/moderation/decisions/{action.pk}/"
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["cure_seller@example.org"]
    client.logout()
    assert "miracle cure" not in client.get(post.get_absolute_url()).content.decode()


def test_the_author_reads_the_statement_of_reasons(client, post, reported, acting_moderator,
                                                   seller):
    client.force_login(acting_moderator)
    act(client, post, reported)
    action = ModerationAction.objects.get()
    client.force_login(seller)
    page = client.get(f"/moderation/decisions/{action.pk}/").content.decode()
    assert "Selling products is not allowed here." in page
    assert "3. No selling or promotion" in page and "Appeal this decision" in page


def test_removing_a_comment_with_replies_leaves_a_tombstone(client, post, selling_comment,
                                                            acting_moderator, other_member):
    reply = post_comment(author=other_member, post=post, body="Please don't",
                         parent=selling_comment)
    client.force_login(acting_moderator)
    act(client, post, selling_comment, kind="remove")
    client.logout()
    page = client.get(post.get_absolute_url()).content.decode()
    assert "Comment removed by a moderator." in page and "miracle cure" not in page
    assert "Please don&#x27;t" in page or "Please don't" in page
    assert f'id="comment-{reply.pk}"' in page
    assert "to cure_seller" not in page  # a removed comment no longer names its author


def test_restore_brings_content_back_and_counts_follow(client, post, reported,
                                                       acting_moderator):
    client.force_login(acting_moderator)
    act(client, post, reported, kind="hide")
    act(client, post, reported, kind="restore", statement="On reflection, fine.")
    reported.refresh_from_db()
    post.refresh_from_db()
    assert reported.status == "visible" and post.comment_count == 1


@pytest.mark.parametrize("on_comment", [False, True], ids=["post", "comment"])
def test_only_taken_down_content_is_restored_and_only_waiting_content_approved(
        client, post, reported, acting_moderator, on_comment):
    client.force_login(acting_moderator)
    comment = reported if on_comment else None
    restore = act(client, post, comment, kind="restore", statement="Nothing to restore")
    assert restore.status_code == 409 and "Only hidden or removed content" in (
        restore.content.decode())
    approve = act(client, post, comment, kind="approve")
    assert approve.status_code == 409 and "Only what waits for review" in (
        approve.content.decode())
    act(client, post, comment, kind="remove")
    assert act(client, post, comment, kind="restore").status_code == 302
    assert list(ModerationAction.objects.values_list("kind", flat=True).order_by("id")) == [
        "remove", "restore"]


def test_acting_on_an_already_removed_item_changes_nothing(client, post, reported,
                                                           acting_moderator):
    client.force_login(acting_moderator)
    act(client, post, reported, kind="remove")
    response = act(client, post, reported, kind="remove", statement="Again, my reasons")
    assert response.status_code == 409
    content = response.content.decode()
    assert "already removed" in content and "Again, my reasons" in content
    assert ModerationAction.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"statement": "  "}, "Write a statement of reasons"),
        ({"guideline": "because"}, "Select a valid choice"),
        ({"kind": "obliterate"}, "Select a valid choice"),
        ({"kind": "suspend", "days": "-3"}, "greater than or equal to 1"),
        ({"kind": "suspend", "days": ""}, "Choose a duration from 1 to 365 days"),
        ({"kind": "silence", "days": "400"}, "less than or equal to 365"),
        ({"kind": "lock"}, "Only a post can be locked."),
    ],
)
def test_bad_moderation_input_is_refused_and_changes_nothing(client, post, reported,
                                                             acting_moderator, seller, data,
                                                             message):
    client.force_login(acting_moderator)
    response = act(client, post, reported, **data)
    assert response.status_code == 400 and message in response.content.decode()
    reported.refresh_from_db()
    seller.refresh_from_db()
    assert reported.status == "visible" and seller.suspended_until is None
    assert not ModerationAction.objects.exists()


def test_locking_a_post_keeps_the_thread_and_closes_comments(client, post, acting_moderator,
                                                             member):
    client.force_login(acting_moderator)
    act(client, post, kind="lock", guideline="be_gentle", statement="Cooling off.")
    post.refresh_from_db()
    assert post.is_locked
    client.force_login(member)
    assert client.post(f"/posts/{post.slug}/comments/", {"body": "hi"}).status_code == 403
    client.force_login(acting_moderator)
    act(client, post, kind="unlock", guideline="be_gentle", statement="Open again.")
    post.refresh_from_db()
    assert not post.is_locked


def test_dismissing_reports_leaves_the_content_alone(client, post, reported,
                                                     acting_moderator, seller):
    client.force_login(acting_moderator)
    act(client, post, reported, kind="dismiss", guideline="no_spam", statement="Not selling.")
    reported.refresh_from_db()
    assert reported.status == "visible" and Report.objects.get().status == "dismissed"
    assert not Notification.objects.filter(recipient=seller, kind="moderation").exists()


def test_a_silenced_member_reads_but_cannot_post_until_it_expires(client, post, reported,
                                                                  acting_moderator, seller):
    client.force_login(acting_moderator)
    act(client, post, reported, kind="silence", days="3")
    seller.refresh_from_db()
    assert seller.is_silenced
    client.force_login(seller)
    page = client.get(post.get_absolute_url())
    assert page.status_code == 200 and "paused your posting" in page.content.decode()
    response = client.post(f"/posts/{post.slug}/comments/", {"body": "Still selling"})
    assert response.status_code == 403 and "Still selling" in response.content.decode()
    type(seller).objects.filter(pk=seller.pk).update(
        silenced_until=timezone.now() - timedelta(minutes=1))
    assert client.post(f"/posts/{post.slug}/comments/", {"body": "Back"}).status_code == 302


def test_a_suspended_member_logs_in_to_read_the_decision_and_appeal_until_it_expires(
        client, post, reported, acting_moderator, seller):
    client.force_login(acting_moderator)
    act(client, post, reported, kind="suspend", days="7")
    client.logout()
    suspension = ModerationAction.objects.get(kind="suspend")
    login = {"login": "cure_seller", "password": PASSWORD}
    response = client.post("/accounts/login/", login, follow=True)
    assert response.context["user"] == seller  # signed in
    assert response.redirect_chain[-1][0] == "/moderation/suspended/"
    page = response.content.decode()
    assert "Your account is suspended" in page
    assert f'href="/moderation/decisions/{suspension.pk}/"' in page
    decision = client.get(f"/moderation/decisions/{suspension.pk}/")
    assert decision.status_code == 200 and "Appeal this decision" in decision.content.decode()
    appealed = client.post(f"/moderation/decisions/{suspension.pk}/appeal/",
                           {"text": "I was sharing what worked for me."})
    assert appealed.status_code == 302
    assert Appeal.objects.get(action=suspension).text == "I was sharing what worked for me."
    type(seller).objects.filter(pk=seller.pk).update(
        suspended_until=timezone.now() - timedelta(minutes=1))
    assert client.get("/").status_code == 200  # the suspension over, everything again


@pytest.mark.parametrize("path", ["/", "/posts/new/", "/settings/", "/messages/",
                                  "/notifications/", "/u/cure_seller/", "/admin/"])
def test_a_suspended_member_reaches_nothing_but_their_decisions(client, seller, post, path):
    client.force_login(seller)
    suspend(seller)
    response = client.get(path)
    assert response.status_code == 302 and response["Location"] == "/moderation/suspended/"


def test_a_suspended_member_gets_their_comment_back_with_the_reason(client, seller, post):
    """A story page opened before the suspension still has its form."""
    client.force_login(seller)
    suspend(seller)
    response = client.post(f"/posts/{post.slug}/comments/", {"body": "Words I typed"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "your account is suspended" in page and "Words I typed" in page
    assert not Comment.objects.filter(body="Words I typed").exists()


def test_a_suspended_member_can_still_sign_out_and_read_the_guidelines(client, seller):
    client.force_login(seller)
    suspend(seller)
    assert client.get("/pages/community-guidelines/").status_code == 200
    client.post("/accounts/logout/")
    assert not client.get("/").context["user"].is_authenticated


def test_the_audit_log_cannot_be_changed(client, post, reported, acting_moderator,
                                         admin_client):
    client.force_login(acting_moderator)
    act(client, post, reported)
    action = ModerationAction.objects.get()
    with pytest.raises(PermissionError):
        action.save()
    with pytest.raises(PermissionError):
        action.delete()
    with pytest.raises(PermissionError):
        ModerationAction.objects.update(statement="rewritten")
    with pytest.raises(PermissionError):
        ModerationAction.objects.all().delete()
    change = admin_client.post(f"/admin/moderation/moderationaction/{action.pk}/change/",
                               {"statement": "rewritten"})
    delete = admin_client.post(f"/admin/moderation/moderationaction/{action.pk}/delete/",
                               {"post": "yes"})
    assert change.status_code == 403 and delete.status_code == 403
    assert ModerationAction.objects.get().statement == "Selling products is not allowed here."


def test_the_log_filters_by_moderator_action_and_date(client, post, reported, acting_moderator,
                                                      second_moderator):
    client.force_login(acting_moderator)
    act(client, post, reported)
    client.force_login(second_moderator)
    act(client, post, kind="lock", guideline="be_gentle", statement="Heated.")
    def rows(query):
        return client.get(f"/moderation/log/?{query}").content.decode().count("<tr><td>")
    assert rows("") == 2
    assert rows("moderator=mod_ada") == 1
    assert rows("kind=lock") == 1
    today = timezone.now().date()
    assert rows(f"since={today}&until={today}") == 2
    assert rows(f"until={today - timedelta(days=1)}") == 0


def test_approving_a_new_members_comment_publishes_and_counts_it(client, post, seller,
                                                                 acting_moderator, member,
                                                                 settings):
    settings.KINDRED_NEW_MEMBER_REVIEW = 2
    comment = post_comment(author=seller, post=post, body="My first words here")
    assert comment.status == "pending"
    client.logout()
    assert "My first words here" not in client.get(post.get_absolute_url()).content.decode()
    client.force_login(acting_moderator)
    assert "New member: waiting for review" in client.get("/moderation/").content.decode()
    act(client, post, comment, kind="approve", guideline="be_gentle", statement="Welcome!")
    comment.refresh_from_db()
    post.refresh_from_db()
    seller.refresh_from_db()
    assert comment.status == "visible" and post.comment_count == 1
    assert seller.approved_contributions == 1
    assert Notification.objects.filter(recipient=member, kind="reply_to_post").exists()


def test_the_queue_puts_crisis_first_then_most_reported_then_oldest(client, post, member,
                                                                    acting_moderator):
    from forum.moderation.reports import file_report
    from tests.factories import make_user

    first = post_comment(author=member, post=post, body="Old and once reported")
    many = post_comment(author=member, post=post, body="Reported three times")
    crisis = post_comment(author=member, post=post, body="I can't go on like this")
    for n in range(3):
        file_report(reporter=make_user(f"r{n}"), post=post, comment=many, reason="spam")
    file_report(reporter=make_user("r9"), post=post, comment=first, reason="spam")
    client.force_login(acting_moderator)
    page = client.get("/moderation/").content.decode()
    assert Report.objects.filter(comment=crisis, is_automatic=True).exists()
    assert (page.index("go on like this") < page.index("Reported three times")
            < page.index("Old and once reported"))
    assert "May be at risk" in page
    home = client.get("/").content.decode()
    assert 'Moderation <span class="count">3<' in home


@pytest.mark.parametrize("items", [2, 25])
def test_queue_query_budget_does_not_grow(client, post, member, acting_moderator, items,
                                          django_assert_max_num_queries):
    from forum.moderation.reports import file_report
    from tests.factories import make_user

    reporter = make_user(f"reporter{items}")
    for n in range(items):
        comment = post_comment(author=member, post=post, body=f"item {n}")
        file_report(reporter=reporter, post=post, comment=comment, reason="spam")
    client.force_login(acting_moderator)
    with django_assert_max_num_queries(12):
        assert client.get("/moderation/").status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get("/moderation/log/").status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get("/moderation/appeals/").status_code == 200


def test_hidden_posts_stay_with_moderators(client, post, acting_moderator, member):
    client.force_login(acting_moderator)
    act(client, post, kind="hide", guideline="experience", statement="Misleading claims.")
    assert Post.objects.get().status == "hidden"
    assert client.get(post.get_absolute_url()).status_code == 200
    client.logout()
    assert client.get(post.get_absolute_url()).status_code == 404
    assert Comment.objects.count() == 0


@pytest.mark.parametrize("decisions", [1, 12])
def test_the_suspended_page_costs_the_same_queries_with_many_decisions(
        client, seller, acting_moderator, decisions, django_assert_max_num_queries):
    from tests.factories import make_post

    for n in range(decisions):
        story = make_post(seller, title=f"Selling {n}")
        hide(moderator=acting_moderator, post=story, guideline="no_selling",
             statement="Selling.")
    suspend(seller, by=acting_moderator)
    client.force_login(seller)
    with django_assert_max_num_queries(4):
        page = client.get("/moderation/suspended/")
    assert page.status_code == 200
    assert page.content.decode().count('href="/moderation/decisions/') == decisions + 1
