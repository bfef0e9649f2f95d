"""Following a post: watching tells of every new comment, muted tells of nothing."""

import json

import pytest

from forum.notifications.models import Notification
from posts.models import PostFollow
from posts.services import post_comment, set_post_follow
from tests.factories import PASSWORD, make_post, make_user

Kind = Notification.Kind


def kinds_for(user):
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


@pytest.fixture
def watcher(db):
    return make_user("heronwatch")


def follow(client, post, level):
    return client.post(f"/posts/{post.slug}/follow/", {"level": level})


def test_a_watching_member_is_told_of_every_new_comment(client, watcher, other_member, post):
    client.force_login(watcher)
    response = follow(client, post, "watching")
    assert response.status_code == 302 and response.url == f"/posts/{post.slug}/#follow"
    post_comment(author=other_member, post=post, body="One")
    post_comment(author=other_member, post=post, body="Two")
    assert kinds_for(watcher) == [Kind.WATCHED_COMMENT, Kind.WATCHED_COMMENT]
    note = Notification.objects.filter(recipient=watcher).first()
    assert note.text == f"ash commented on “{post.title}”, a post you follow"


def test_the_story_page_shows_the_members_follow_level(client, watcher, member, post):
    client.force_login(watcher)
    page = client.get(post.get_absolute_url()).content.decode()
    assert 'id="follow"' in page  # the Follow control under the post
    assert 'value="normal" id="follow-normal" class="choice-button" aria-pressed="true"' in page
    follow(client, post, "muted")
    page = client.get(post.get_absolute_url()).content.decode()
    assert 'value="muted" id="follow-muted" class="choice-button" aria-pressed="true"' in page
    client.force_login(member)  # the author watches their own post
    page = client.get(post.get_absolute_url()).content.decode()
    assert 'value="watching" id="follow-watching" class="choice-button" aria-pressed="true"' \
        in page


def test_commenting_makes_a_member_watch_the_post(watcher, other_member, post):
    post_comment(author=watcher, post=post, body="I get this too")
    post_comment(author=other_member, post=post, body="So do I")
    assert kinds_for(watcher) == [Kind.WATCHED_COMMENT]


def test_a_member_who_turned_watching_off_is_not_made_to_watch(watcher, other_member, post):
    watcher.watch_on_comment = False
    watcher.save()
    post_comment(author=watcher, post=post, body="I get this too")
    post_comment(author=other_member, post=post, body="So do I")
    assert kinds_for(watcher) == []


def test_commenting_keeps_a_level_the_member_chose(watcher, other_member, post):
    set_post_follow(user=watcher, post=post, level="muted")
    post_comment(author=watcher, post=post, body="One last word")
    assert PostFollow.objects.get(user=watcher, post=post).level == "muted"


def test_muting_a_post_stops_every_notification_from_it(watcher, member, other_member, post):
    set_post_follow(user=member, post=post, level="muted")  # even the author
    mine = post_comment(author=watcher, post=post, body="My comment")
    set_post_follow(user=watcher, post=post, level="muted")
    post_comment(author=other_member, post=post, body="A reply", parent=mine)
    post_comment(author=other_member, post=post, body="Hello @heronwatch and @rowan")
    assert kinds_for(watcher) == [] and kinds_for(member) == []
    other = make_post(other_member, title="Elsewhere")
    post_comment(author=other_member, post=other, body="Hello @heronwatch")
    assert kinds_for(watcher) == [Kind.MENTION]  # other posts still reach them


def test_normal_keeps_replies_and_mentions_but_not_every_comment(watcher, other_member, post):
    mine = post_comment(author=watcher, post=post, body="My comment")
    set_post_follow(user=watcher, post=post, level="normal")
    post_comment(author=other_member, post=post, body="Unrelated")
    post_comment(author=other_member, post=post, body="A reply", parent=mine)
    assert kinds_for(watcher) == [Kind.REPLY_TO_COMMENT]


def test_an_author_gets_one_notification_per_comment_not_two(member, other_member, post):
    post_comment(author=other_member, post=post, body="Hello")
    assert kinds_for(member) == [Kind.REPLY_TO_POST]


def test_a_bogus_follow_level_is_refused_with_a_message(client, watcher, post):
    client.force_login(watcher)
    for level in ("loud", "", "WATCHING", "watching\x00"):
        response = follow(client, post, level)
        assert response.status_code == 400
        assert "watching, normal or muted" in response.content.decode()
    assert not PostFollow.objects.filter(user=watcher).exists()


def test_following_needs_a_login_and_a_post_the_member_can_see(client, watcher, post):
    assert follow(client, post, "watching").status_code == 302  # to the login page
    assert not PostFollow.objects.exists()
    hidden = make_post(title="Members only", visibility="members")
    client.force_login(watcher)
    assert follow(client, hidden, "watching").status_code == 302
    client.logout()
    assert client.post("/posts/no-such-post/follow/", {"level": "muted"}).status_code == 302
    client.force_login(watcher)
    assert client.post("/posts/no-such-post/follow/", {"level": "muted"}).status_code == 404
    assert client.get(f"/posts/{post.slug}/follow/").url == f"/posts/{post.slug}/#follow"


def test_watched_comments_are_emailed_by_the_members_choice(watcher, other_member, post,
                                                            mailoutbox,
                                                            django_capture_on_commit_callbacks):
    set_post_follow(user=watcher, post=post, level="watching")
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(author=other_member, post=post, body="In the digest by default")
    assert [m.to for m in mailoutbox if m.to == [watcher.email]] == []
    watcher.email_watched_comment = "immediate"
    watcher.save()
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(author=other_member, post=post, body="Now by email")
    mine = [m for m in mailoutbox if m.to == [watcher.email]]
    assert len(mine) == 1 and "a post you follow" in mine[0].subject


def test_notification_settings_offer_the_follow_choices(client, watcher):
    client.force_login(watcher)
    page = client.get("/settings/notifications/").content.decode()
    assert "A new comment on a post I follow" in page and "Follow the posts I comment on" in page
    data = {"email_reply_to_post": "immediate", "email_reply_to_comment": "immediate",
            "email_mention": "immediate", "email_new_post": "digest",
            "email_watched_comment": "immediate", "digest_frequency": "daily",
            "email_message": "immediate"}
    assert client.post("/settings/notifications/", data).status_code == 302
    watcher.refresh_from_db()
    assert watcher.email_watched_comment == "immediate" and not watcher.watch_on_comment


def test_export_lists_followed_posts_and_deletion_removes_follows_and_read_marks(
        client, watcher, post):
    set_post_follow(user=watcher, post=post, level="muted")
    client.force_login(watcher)
    client.get(post.get_absolute_url())
    exported = json.loads(client.post("/settings/export/").content)
    assert exported["post_follows"][0]["post__slug"] == post.slug
    assert exported["post_follows"][0]["level"] == "muted"
    response = client.post("/settings/delete/", {"password": PASSWORD, "mode": "delete"})
    assert response.status_code == 302
    assert not PostFollow.objects.exists()
    from posts.models import ReadMark
    assert not ReadMark.objects.exists()


@pytest.mark.parametrize("watchers", [1, 25])
def test_following_a_post_and_notifying_watchers_keep_fixed_budgets(
        client, watchers, other_member, post, django_assert_max_num_queries,
        django_assert_num_queries):
    for n in range(watchers):
        set_post_follow(user=make_user(f"w{n}"), post=post, level="watching")
    client.force_login(other_member)
    with django_assert_max_num_queries(11):
        assert follow(client, post, "muted").status_code == 302
    newcomer = make_user()
    # the same for one watcher or many (one of them the page versions' INSERT)
    with django_assert_num_queries(13):
        post_comment(author=newcomer, post=post, body="Hello all")
    assert Notification.objects.filter(kind=Kind.WATCHED_COMMENT).count() == watchers
