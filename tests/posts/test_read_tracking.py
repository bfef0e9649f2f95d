"""Read tracking: a returning member sees what is new and jumps to it."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from posts.models import Comment, ReadMark, Symptom, TagFollow
from posts.reading import UNREAD_SHOWN
from posts.services import post_comment, set_follow, toggle_bookmark
from tests.factories import make_post, make_user, remove


def page_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def new_labels(page):
    return len(re.findall(r'<span class="badge badge-new">New</span>', page))


@pytest.fixture
def reader(db):
    return make_user("fernwalker")


@pytest.fixture
def visited(client, reader, other_member, post):
    """The reader opened the story after one comment; then two more came."""
    post_comment(author=other_member, post=post, body="Seen already")
    client.force_login(reader)
    page_of(client, post.get_absolute_url())
    later = [post_comment(author=other_member, post=post, body=f"Later {n}") for n in range(2)]
    return later


def test_a_returning_member_sees_how_many_comments_are_new_on_the_home_page(
        client, post, visited):
    page = page_of(client, "/")
    assert f'href="/posts/{post.slug}/?unread">2 new' in page


def test_more_than_a_hundred_new_comments_show_as_100_plus_on_the_home_page(
        client, post, visited, other_member):
    for n in range(UNREAD_SHOWN - 1):  # 2 new already: 101 in all
        post_comment(author=other_member, post=post, body=f"And more {n}")
    assert f'href="/posts/{post.slug}/?unread">100+ new' in page_of(client, "/")
    Comment.objects.filter(body="And more 0").delete()  # exactly 100
    assert f'href="/posts/{post.slug}/?unread">100 new' in page_of(client, "/")


def test_a_post_published_since_the_member_joined_shows_new_until_they_open_it(client, reader):
    older = make_post(title="Written before the reader joined")
    reader.date_joined = older.published_at
    reader.save()
    newer = make_post(title="Written after the reader joined")
    client.force_login(reader)
    home = page_of(client, "/")
    item = home.split(newer.title)[1].split("</article>")[0]
    assert "badge badge-new" in item
    assert "badge badge-new" not in home.split(older.title)[1].split("</article>")[0]
    page_of(client, newer.get_absolute_url())
    assert "badge badge-new" not in page_of(client, "/")


def test_the_members_own_posts_and_comments_are_never_new(client, reader, post):
    own = make_post(reader, title="My own story")
    post_comment(author=reader, post=own, body="My own comment")
    client.force_login(reader)
    home = page_of(client, "/")
    assert "badge badge-new" not in home.split(own.title)[1].split("</article>")[0]
    assert f"/posts/{own.slug}/?unread" not in home


def test_the_story_labels_new_comments_and_offers_a_jump_to_the_first(client, post, visited):
    page = page_of(client, post.get_absolute_url())
    assert new_labels(page) == 2
    assert 'href="#first-unread">Jump to the first new comment' in page
    anchor = page.index('id="first-unread"')
    assert page.rindex(f'id="comment-{visited[0].pk}"', 0, anchor) < anchor
    assert page.index("Later 0") > anchor and page.index("Seen already") < anchor
    # Seen now: the next visit has nothing new.
    again = page_of(client, post.get_absolute_url())
    assert new_labels(again) == 0 and "first-unread" not in again


def test_unread_takes_the_member_to_the_first_new_comment(client, post, visited):
    response = client.get(f"{post.get_absolute_url()}?unread")
    assert response.status_code == 302
    assert response.url == f"{post.get_absolute_url()}#first-unread"


def test_unread_goes_to_the_page_holding_the_first_new_comment(client, settings, reader,
                                                                other_member, post):
    settings.KINDRED_COMMENTS_PER_PAGE = 2
    for n in range(2):
        post_comment(author=other_member, post=post, body=f"Page one {n}")
    client.force_login(reader)
    page_of(client, post.get_absolute_url())
    post_comment(author=other_member, post=post, body="On page two")
    response = client.get(f"{post.get_absolute_url()}?unread")
    assert response.url == f"{post.get_absolute_url()}?page=2#first-unread"
    first = page_of(client, post.get_absolute_url())
    assert f'href="{post.get_absolute_url()}?page=2#first-unread"' in first
    second = page_of(client, response.url)
    assert 'id="first-unread"' in second and new_labels(second) == 1


def test_the_jump_follows_the_first_new_comment_when_a_comment_above_it_is_removed(
        client, settings, reader, other_member, post):
    settings.KINDRED_COMMENTS_PER_PAGE = 2
    for n in range(3):
        post_comment(author=other_member, post=post, body=f"Early {n}")
    client.force_login(reader)
    page_of(client, post.get_absolute_url())  # reads page 1: the third is still new
    for url in (f"{post.get_absolute_url()}?unread", post.get_absolute_url()):
        client.get(url)  # where the jump goes is stored for this version of the post
    remove(Comment.objects.filter(post=post).order_by("id").first())
    response = client.get(f"{post.get_absolute_url()}?unread")
    assert response.url == f"{post.get_absolute_url()}#first-unread"


def test_unread_opens_the_folded_thread_holding_the_first_new_comment(
        client, settings, reader, other_member, post):
    settings.KINDRED_REPLIES_SHOWN = 1
    top = post_comment(author=other_member, post=post, body="Top")
    post_comment(author=other_member, post=post, body="Shown reply", parent=top)
    client.force_login(reader)
    page_of(client, post.get_absolute_url())
    folded = post_comment(author=other_member, post=post, body="Folded reply", parent=top)
    response = client.get(f"{post.get_absolute_url()}?unread")
    assert response.url == f"/comments/{top.pk}/thread/#first-unread"
    page = page_of(client, response.url)
    anchor = page.index('id="first-unread"')
    assert page.rindex(f'id="comment-{folded.pk}"', 0, anchor) < anchor and new_labels(page) == 1
    assert ReadMark.objects.get(user=reader, post=post).last_comment_id == folded.pk


def test_with_nothing_new_unread_goes_to_the_top_of_the_story(client, reader, post):
    client.force_login(reader)
    response = client.get(f"{post.get_absolute_url()}?unread=yes")
    assert response.url == post.get_absolute_url()


def test_a_reader_without_an_account_gets_no_markers_and_no_writes(client, post, other_member):
    post_comment(author=other_member, post=post, body="Hello")
    page = page_of(client, post.get_absolute_url())
    assert "badge-new" not in page and "first-unread" not in page and 'id="follow"' \
        not in page
    assert client.get(f"{post.get_absolute_url()}?unread").url == post.get_absolute_url()
    assert not ReadMark.objects.exists()


def test_a_readers_story_page_is_still_served_from_the_cache(client, post, settings):
    settings.KINDRED_PAGE_CACHE = True
    page_of(client, post.get_absolute_url())
    with CaptureQueriesContext(connection) as queries:
        page_of(client, post.get_absolute_url())
    assert not [q for q in queries.captured_queries if "posts_readmark" in q["sql"]]
    assert len(queries.captured_queries) <= 1  # the session, at most


def writes(queries):
    return [q["sql"] for q in queries.captured_queries
            if q["sql"].split()[0].upper() in ("INSERT", "UPDATE", "DELETE")
            and "django_session" not in q["sql"]]


def test_opening_a_story_writes_one_row_at_most_and_none_when_nothing_is_new(
        client, post, visited, reader):
    with CaptureQueriesContext(connection) as queries:
        page_of(client, post.get_absolute_url())
    assert len(writes(queries)) == 1
    mark = ReadMark.objects.get(user=reader, post=post)
    assert mark.last_comment_id == visited[-1].pk
    with CaptureQueriesContext(connection) as queries:
        page_of(client, post.get_absolute_url())
    assert writes(queries) == []
    assert ReadMark.objects.filter(user=reader).count() == 1


def test_an_older_page_does_not_move_the_mark_back(client, settings, reader, other_member,
                                                   post):
    settings.KINDRED_COMMENTS_PER_PAGE = 1
    first = post_comment(author=other_member, post=post, body="First")
    last = post_comment(author=other_member, post=post, body="Second")
    client.force_login(reader)
    page_of(client, f"{post.get_absolute_url()}?page=2")
    page_of(client, post.get_absolute_url())
    assert ReadMark.objects.get(user=reader, post=post).last_comment_id == last.pk > first.pk


def test_mark_all_as_read_clears_every_marker_on_the_home_page(client, reader, post, visited):
    newer = make_post(title="A brand new story")
    page = page_of(client, "/")
    assert "2 new" in page and "badge badge-new" in page.split(newer.title)[1][:800]
    response = client.post("/read/all/")
    assert response.status_code == 302 and response.url == "/"
    page = page_of(client, "/")
    assert "?unread" not in page and "badge badge-new" not in page
    other = Comment.objects.first().author
    post_comment(author=other, post=post, body="After marking")
    assert '?unread">1 new' in page_of(client, "/")


def test_mark_all_as_read_only_answers_a_post(client, reader):
    client.force_login(reader)
    assert client.get("/read/all/").status_code == 405


def test_tag_pages_following_and_bookmarks_show_what_is_new(client, reader, post, visited):
    hug = Symptom.objects.get(slug="ms-hug")
    post.tags.add(hug)
    set_follow(user=reader, tag=hug, level=TagFollow.Level.FOLLOWING)
    toggle_bookmark(user=reader, post=post)
    for url in ("/tags/ms-hug/", "/following/", "/bookmarks/"):
        assert f'href="/posts/{post.slug}/?unread">2 new' in page_of(client, url), url


@pytest.fixture(params=[1, 12], ids=["few", "many"])
def reading_world(request, reader, other_member):
    """Posts with comments, some opened by the reader, bookmarked, under a followed tag."""
    hug = Symptom.objects.get(slug="ms-hug")
    set_follow(user=reader, tag=hug, level=TagFollow.Level.FOLLOWING)
    posts = []
    for n in range(request.param):
        story = make_post(other_member, title=f"Story {n}", symptoms=[hug])
        post_comment(author=other_member, post=story, body=f"Comment {n}")
        toggle_bookmark(user=reader, post=story)
        if n % 2:
            ReadMark.objects.create(user=reader, post=story, last_comment_id=0,
                                    read_at=story.published_at)
        posts.append(story)
    for n in range(request.param):
        post_comment(author=other_member, post=posts[0], body=f"More {n}")
    return posts


@pytest.mark.parametrize("url, budget", [
    # Lists read marks and counts within their own query (bookmarks: +2 at most)
    # /bookmarks/: 9 since saved posts show as cards (their symptom chips are prefetched).
    ("/", 10), ("/tags/ms-hug/", 11), ("/following/", 8), ("/bookmarks/", 9),
    ("/posts/{slug}/", 14), ("/posts/{slug}/?unread", 5),
])
def test_lists_and_stories_keep_a_fixed_query_budget_with_read_tracking(
        client, reader, reading_world, url, budget, django_assert_max_num_queries):
    client.force_login(reader)
    url = url.format(slug=reading_world[0].slug)
    with django_assert_max_num_queries(budget, info=url):
        response = client.get(url)
    assert response.status_code in (200, 302)


def test_mark_all_as_read_keeps_a_fixed_query_budget(client, reader, reading_world,
                                                     django_assert_max_num_queries):
    client.force_login(reader)
    with django_assert_max_num_queries(5):  # session, member, newest comment, the write
        assert client.post("/read/all/").status_code == 302
