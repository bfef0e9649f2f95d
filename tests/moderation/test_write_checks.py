"""Every write path passes the same checks: new posts and comments, their edits, and bios."""

import pytest

from forum.moderation import services as moderation
from plumbing.refusals import Refused
from posts.models import Comment, Post
from posts.services import edit_comment, post_comment, update_post
from tests.factories import make_user


@pytest.fixture
def review(settings):
    settings.KINDRED_NEW_MEMBER_REVIEW = 2
    settings.KINDRED_NEW_MEMBER_LINKS = 0


@pytest.fixture
def mod(db):
    return make_user("mod_w", moderator=True)


def approve(mod, post, comment=None):
    moderation.approve(moderator=mod, post=post, comment=comment)


def silence(mod, member):
    moderation.silence(moderator=mod, member=member, days=2, guideline="be_gentle",
                       statement="A pause.")
    member.refresh_from_db()


def test_an_approved_comment_edited_into_links_goes_back_to_review(
        client, review, mod, member, other_member, other_post):
    approve(mod, other_post)
    comment = post_comment(author=member, post=other_post, body="Thank you, that helps.")
    assert comment.status == "pending"
    approve(mod, other_post, comment)
    member.refresh_from_db()
    assert member.approved_contributions == 1  # trusted with links, still under review
    client.force_login(member)
    response = client.post(f"/comments/{comment.pk}/edit/",
                           {"body": "Cheap pills at https://pills.com"}, follow=True)
    assert response.status_code == 200
    comment.refresh_from_db()
    assert comment.status == "pending"
    other_post.refresh_from_db()
    assert other_post.comment_count == 0
    client.logout()
    assert "pills.com" not in client.get(other_post.get_absolute_url()).content.decode()


def test_an_edit_without_new_links_stays_visible(review, mod, member, other_member,
                                                 other_post):
    approve(mod, other_post)
    comment = post_comment(author=member, post=other_post, body="Tpyo here")
    approve(mod, other_post, comment)
    member.refresh_from_db()
    edit_comment(editor=member, comment=comment, body="Typo fixed")
    assert Comment.objects.get(pk=comment.pk).status == "visible"


def test_a_published_post_edited_into_links_goes_back_to_review(review, mod, member):
    from tests.factories import make_post

    post = make_post(member)
    approve(mod, post)
    member.refresh_from_db()
    update_post(editor=member, post=post, title=post.title, body="See https://spam.com",
                kind="story", visibility="public")
    assert Post.objects.get(pk=post.pk).status == "pending"


def test_the_link_limit_applies_to_edits_of_posts_and_comments(client, review, member,
                                                               other_member, other_post, mod):
    approve(mod, other_post)
    comment = post_comment(author=member, post=other_post, body="Plain words")
    client.force_login(member)
    response = client.post(f"/comments/{comment.pk}/edit/", {"body": "[x](https://x.com)"})
    assert response.status_code == 400 and "x.com" in response.content.decode()
    assert Comment.objects.get(pk=comment.pk).body == "Plain words"
    fresh = make_user("newcomer")
    with pytest.raises(Refused) as refused:
        update_post(editor=fresh, post=make_post_as(fresh), title="t", body="https://y.com",
                    kind="story", visibility="public")
    assert refused.value.status == 400


def make_post_as(author):
    from tests.factories import make_post

    return make_post(author)


def test_a_silenced_member_cannot_publish_through_their_bio(client, mod, member):
    silence(mod, member)
    client.force_login(member)
    response = client.post("/settings/profile/", {"bio": "Read my new blog about it all."})
    page = response.content.decode()
    assert response.status_code == 403
    assert "paused your posting" in page and "Read my new blog about it all.</textarea>" in page
    member.refresh_from_db()
    assert member.bio == ""


def test_a_silenced_member_may_still_hide_their_health_details(client, mod, member):
    type(member).objects.filter(pk=member.pk).update(show_health_details=True)
    silence(mod, member)
    client.force_login(member)
    response = client.post("/settings/profile/", {"bio": "", "show_health_details": ""})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.show_health_details is False


def test_a_new_members_bio_respects_the_link_limit(client, review, member):
    client.force_login(member)
    response = client.post("/settings/profile/", {"bio": "Visit www.cheap-pills.com now"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "can&#x27;t include links" in page or "can't include links" in page
    assert "www.cheap-pills.com now</textarea>" in page
    member.refresh_from_db()
    assert member.bio == ""


def test_a_trusted_members_bio_may_hold_a_link(client, review, mod, member):
    from tests.factories import make_post

    approve(mod, make_post(member))
    client.force_login(member)
    assert client.post("/settings/profile/", {"bio": "I write at www.my-ms.org"}
                       ).status_code == 302


def test_saving_a_bio_takes_a_fixed_number_of_queries(client, member,
                                                      django_assert_max_num_queries):
    client.force_login(member)
    with django_assert_max_num_queries(8):
        assert client.post("/settings/profile/", {"bio": "Diagnosed in spring."}
                           ).status_code == 302


# --- Re-approval after an edit announces nothing twice -----------------------------------------

def _announcements():
    from forum.notifications.models import Notification

    return sorted(Notification.objects.exclude(kind="moderation")
                  .values_list("recipient__username", "kind"))


def test_reapproving_an_edited_post_tells_watchers_and_mentioned_members_nothing_twice(
        review, mod, member, other_member, mailoutbox):
    from posts.models import Symptom, TagFollow
    from posts.services import create_post

    hug = Symptom.objects.get(slug="ms-hug")
    watcher = make_user("hug_watcher")
    TagFollow.objects.create(user=watcher, tag=hug, level=TagFollow.Level.WATCHING)
    post = create_post(author=member, title="The hug at night",
                       body=f"Thanks @{other_member.username} for the tip.", symptoms=[hug])
    assert post.status == "pending"
    approve(mod, post)
    first = _announcements()
    assert first == [(other_member.username, "mention"), ("hug_watcher", "new_post")]
    published_at = Post.objects.get(pk=post.pk).published_at
    member.refresh_from_db()  # trusted with links now, still under review
    update_post(editor=member, post=Post.objects.get(pk=post.pk), title=post.title,
                body=f"Thanks @{other_member.username}, see https://example.org/hug",
                kind=post.kind, visibility=post.visibility)
    assert Post.objects.get(pk=post.pk).status == "pending"
    approve(mod, Post.objects.get(pk=post.pk))
    assert _announcements() == first
    stored = Post.objects.get(pk=post.pk)
    assert stored.status == "published"
    assert stored.published_at == published_at  # not "new" again in the lists
    member.refresh_from_db()
    assert member.approved_contributions == 1  # one contribution, approved once


def test_reapproving_an_edited_comment_tells_nobody_twice(review, mod, member, other_member,
                                                          other_post):
    approve(mod, other_post)
    third = make_user("mentioned_one")
    comment = post_comment(author=member, post=other_post, body=f"Same here, @{third.username}")
    approve(mod, other_post, comment)
    first = _announcements()
    assert (third.username, "mention") in first
    assert (other_member.username, "reply_to_post") in first
    member.refresh_from_db()  # trusted with links now, still under review
    edit_comment(editor=member, comment=comment,
                 body=f"Same here, @{third.username}: https://example.org/cool")
    assert Comment.objects.get(pk=comment.pk).status == "pending"
    approve(mod, other_post, Comment.objects.get(pk=comment.pk))
    assert Comment.objects.get(pk=comment.pk).status == "visible"
    assert _announcements() == first
