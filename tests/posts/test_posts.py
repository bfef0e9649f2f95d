from html.parser import HTMLParser

import pytest
from django.urls import reverse

from posts.models import Post
from tests.factories import hide, make_post

NEW = "/posts/new/"


def publish(client, **data):
    payload = {"kind": "story", "title": "My MS hug", "body": "It feels like a band.",
               "visibility": "public", "publish": "1"}
    payload.update(data)
    return client.post(NEW, payload)


def test_a_member_publishes_a_story_and_lands_on_it(client, member):
    client.force_login(member)
    response = publish(client)
    post = Post.objects.get(title="My MS hug")
    assert response.status_code == 302 and response.url == f"/posts/{post.slug}/"
    page = client.get(response.url)
    assert "It feels like a band." in page.content.decode()
    assert post.author == member and post.author_name == "rowan"


def test_preview_shows_the_rendered_text_and_stores_nothing(client, member):
    client.force_login(member)
    response = client.post(NEW, {"kind": "story", "title": "Draft", "body": "**strong** words",
                                  "visibility": "public", "preview": "1"})
    assert response.status_code == 200
    assert "<strong>strong</strong>" in response.content.decode()
    assert not Post.objects.exists()


def test_readers_are_asked_to_log_in_before_writing(client, db):
    response = client.get(NEW)
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": ""}, "Please give your post a title."),
        ({"title": "   "}, "Please give your post a title."),
        ({"body": ""}, "Please write something before publishing."),
        ({"body": "x" * 200_000}, "at most 20000 characters"),
        ({"title": "x" * 201}, "at most 200 characters"),
        ({"body": "hello\x00there"}, "Null characters are not allowed."),
        ({"kind": "advert"}, "Select a valid choice."),
    ],
)
def test_bad_posts_are_refused_with_a_message_and_the_text_kept(client, member, data, message):
    client.force_login(member)
    response = publish(client, **data)
    assert response.status_code == 400
    content = response.content.decode()
    assert message in content
    assert "Nothing you typed has been lost." in content
    assert not Post.objects.exists()


def parse_tags(html):
    """(tag, attributes) for every element the browser would build from this HTML."""
    found = []

    class Collector(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, attrs))

    Collector().feed(html)
    return found


def test_script_in_a_post_is_stored_harmless(client, member):
    client.force_login(member)
    publish(client, body='<script>alert(1)</script><a href="#" onclick="x()">hi</a>')
    post = Post.objects.get()
    tags = parse_tags(post.body_html)
    assert "script" not in {name for name, _ in tags}
    assert not [attr for _, attrs in tags for attr, _ in attrs if attr.startswith("on")]
    assert post.body.startswith("<script>")  # what the author typed is kept for editing


def test_titles_that_clash_get_distinct_slugs(member):
    first = make_post(member, title="Fatigue")
    second = make_post(member, title="Fatigue")
    assert first.slug == "fatigue" and second.slug.startswith("fatigue-")
    assert first.slug != second.slug


def test_an_unknown_slug_is_a_friendly_404(client, db):
    response = client.get("/posts/no-such-story/")
    assert response.status_code == 404
    assert "We couldn’t find that page" in response.content.decode()


def test_the_author_edits_their_post_and_it_says_edited(client, member, post):
    client.force_login(member)
    response = client.post(f"/posts/{post.slug}/edit/", {
        "kind": "question", "title": "Stiff mornings?", "body": "Updated words",
        "visibility": "public", "publish": "1"})
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.title == "Stiff mornings?" and post.body_html == "<p>Updated words</p>"
    assert "(edited)" in client.get(response.url).content.decode()


def test_someone_elses_post_cannot_be_edited(client, other_member, post):
    client.force_login(other_member)
    assert client.get(f"/posts/{post.slug}/edit/").status_code == 403
    response = client.post(f"/posts/{post.slug}/edit/", {
        "kind": "story", "title": "Hijacked", "body": "x", "visibility": "public"})
    assert response.status_code == 403
    assert "Only the author can change this post." in response.content.decode()
    post.refresh_from_db()
    assert post.title == "Back spasticity in the mornings"


def test_someone_elses_post_cannot_be_deleted(client, other_member, post):
    client.force_login(other_member)
    assert client.post(f"/posts/{post.slug}/delete/").status_code == 403
    assert Post.objects.filter(pk=post.pk).exists()


def test_the_author_deletes_their_post_after_confirming(client, member, post):
    client.force_login(member)
    assert "Yes, delete it" in client.get(f"/posts/{post.slug}/delete/").content.decode()
    response = client.post(f"/posts/{post.slug}/delete/", {"confirm": "yes"})
    assert response.status_code == 302 and response.url == "/"
    assert not Post.objects.filter(pk=post.pk).exists()


def test_deleting_a_post_asks_once_more_and_a_bare_post_changes_nothing(client, member, post):
    client.force_login(member)
    for data in ({}, {"confirm": "no"}, {"confirm": ""}):
        response = client.post(f"/posts/{post.slug}/delete/", data)
        page = response.content.decode()
        assert response.status_code == 200 and "Yes, delete it" in page
        assert 'name="confirm" value="yes"' in page
        assert f'href="/posts/{post.slug}/"' in page  # "No, keep it"
        post.refresh_from_db()
        assert post.title == "Back spasticity in the mornings" and post.status == "published"


def test_deleting_a_post_that_is_not_there_is_a_404(client, member):
    client.force_login(member)
    for data in ({}, {"confirm": "yes"}):
        assert client.post("/posts/no-such-post/delete/", data).status_code == 404


def test_a_moderator_cannot_edit_a_members_post_and_is_sent_to_moderate_it(client, moderator,
                                                                           post):
    client.force_login(moderator)
    response = client.get(f"/posts/{post.slug}/edit/")
    assert response.status_code == 403 and "Moderate" in response.content.decode()
    client.post(f"/posts/{post.slug}/edit/", {"kind": "story", "title": "Not yours",
                                               "body": "Rewritten", "visibility": "public"})
    post.refresh_from_db()
    assert post.title == "Back spasticity in the mornings" and post.body != "Rewritten"
    page = client.get(post.get_absolute_url()).content.decode()
    assert f'href="/moderation/items/{post.pk}/act/"' in page
    assert f'href="/posts/{post.slug}/edit/"' not in page


def test_members_only_posts_are_hidden_from_readers(client, member):
    secret = make_post(member, title="Just for members", visibility="members")
    assert client.get(secret.get_absolute_url()).status_code == 404
    assert "Just for members" not in client.get("/").content.decode()
    client.force_login(member)
    assert client.get(secret.get_absolute_url()).status_code == 200


def test_hidden_and_removed_posts_are_not_shown_to_readers(client, post, other_member):
    hide(post)
    assert client.get(post.get_absolute_url()).status_code == 404
    client.force_login(other_member)
    assert client.get(post.get_absolute_url()).status_code == 404


def test_the_post_page_shows_a_time_element_with_relative_text_and_exact_date(client, post):
    content = client.get(post.get_absolute_url()).content.decode()
    # A valid HTML datetime: whole seconds with the offset.
    assert f'<time datetime="{post.published_at.replace(microsecond=0).isoformat()}"' in content
    assert "just now" in content
    assert post.published_at.strftime("%B %Y") in content


@pytest.mark.parametrize("posts", [1, 30])
def test_post_page_query_budget_does_not_grow(client, member, django_assert_max_num_queries,
                                             posts):
    for _ in range(posts):
        make_post(member)
    story = Post.objects.first()
    client.force_login(member)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("post_detail", args=[story.slug])).status_code == 200


@pytest.mark.parametrize("posts", [1, 45])
def test_write_form_query_budget(client, member, django_assert_max_num_queries, posts):
    for _ in range(posts):
        make_post(member)
    client.force_login(member)
    with django_assert_max_num_queries(6):
        assert client.get(NEW).status_code == 200
