"""Long lists cost the same as short ones: pages count a few pages ahead, not every row;
"Most discussed" looks at the last 30 days; search reads stored vectors.

Timings live in `make bench` (tests/bench/test_scale.py); these tests check the behaviour a
reader sees and the SQL shape that keeps it cheap.
"""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from posts.models import Symptom
from posts.search import search
from posts.services import post_comment, set_follow, toggle_bookmark, update_post
from tests.factories import make_post, make_user


def unbounded_counts(queries):
    """COUNT queries over posts or comments without a LIMIT: they read every row."""
    return [q["sql"] for q in queries.captured_queries
            if q["sql"].upper().startswith("SELECT COUNT(")
            and re.search(r"posts_(post|comment)\b", q["sql"]) and "LIMIT" not in q["sql"].upper()]


def page_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode(), queries


@pytest.fixture
def hug(db):
    return Symptom.objects.get(slug="ms-hug")


@pytest.fixture
def eight_pages(member, hug, settings):
    settings.KINDRED_POSTS_PER_PAGE = 1
    return [make_post(member, title=f"Story number {n}", symptoms=[hug]) for n in range(8)]


@pytest.mark.parametrize("url", ["/", "/tags/ms-hug/", "/following/"])
def test_a_long_list_says_more_than_five_pages_without_counting_every_post(
        client, member, eight_pages, hug, url):
    set_follow(user=member, tag=hug, level="following")
    client.force_login(member)
    first, queries = page_of(client, url)
    assert "Page 1 of more than 5" in first and 'rel="next"' in first
    assert unbounded_counts(queries) == []
    near_the_end, _ = page_of(client, f"{url}?page=7")
    assert "Page 7 of 8" in near_the_end and "Story number 1" in near_the_end
    last, _ = page_of(client, f"{url}?page=99999999999999999999999")
    assert "Page 8 of 8" in last and "Story number 0" in last


def test_a_short_list_still_says_exactly_how_many_pages(client, member, settings):
    settings.KINDRED_POSTS_PER_PAGE = 3
    for number in range(5):
        make_post(member, title=f"Story number {number}")
    page, queries = page_of(client, "/")
    assert "Page 1 of 2" in page and unbounded_counts(queries) == []


def test_saved_posts_pages_count_only_a_few_pages_ahead(client, member, eight_pages,
                                                        monkeypatch):
    monkeypatch.setattr("posts.community_views.BOOKMARKS_PER_PAGE", 1)
    for post in eight_pages:
        toggle_bookmark(user=member, post=post)
    client.force_login(member)
    page, queries = page_of(client, "/bookmarks/")
    assert "Page 1 of more than 5" in page and unbounded_counts(queries) == []


def test_a_long_conversation_says_more_than_five_pages_and_finds_a_late_comment(
        client, member, post, settings):
    settings.KINDRED_COMMENTS_PER_PAGE = 1
    people = [make_user(f"talker{n}") for n in range(8)]
    comments = [post_comment(author=person, post=post, body=f"Comment from {person}")
                for person in people]
    page, queries = page_of(client, post.get_absolute_url())
    assert "Page 1 of more than 5" in page and unbounded_counts(queries) == []
    # The permalink of the seventh comment still finds its page exactly.
    response = client.get(comments[6].get_absolute_url())
    assert response.status_code == 302 and "page=7" in response.url
    seventh, _ = page_of(client, response.url.split("#")[0])
    assert f'id="comment-{comments[6].pk}"' in seventh and "Page 7 of 8" in seventh


def _post_at(when, monkeypatch, author, title, comments):
    monkeypatch.setattr(timezone, "now", lambda: when)
    post = make_post(author, title=title)
    for n in range(comments):
        post_comment(author=make_user(f"{title[:8].lower().replace(' ', '')}{n}"), post=post,
                     body=f"Reply {n}")
    monkeypatch.undo()
    return post


def test_most_discussed_shows_this_months_conversations_not_old_ones(client, member,
                                                                      monkeypatch):
    now = timezone.now()
    _post_at(now - timedelta(days=45), monkeypatch, member, "Old busy thread", comments=4)
    _post_at(now - timedelta(days=3), monkeypatch, member, "Recent thread", comments=2)
    page = client.get("/").content.decode()
    start = page.index('id="discussed-heading"')
    discussed = page[start:page.index("</section>", start)]
    assert "Recent thread" in discussed and "(2 comments)" in discussed
    assert "Old busy thread" not in discussed


@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="PostgreSQL's stored vector; SQLite searches its FTS5 table")
def test_post_search_reads_the_stored_vector_instead_of_recomputing_it(member):
    from django.contrib.auth.models import AnonymousUser

    story = make_post(member, title="Cooling vests in summer", body="A vest helps me.")
    with CaptureQueriesContext(connection) as queries:
        order, snippets_for = search("cooling vest", AnonymousUser())
    assert order == [story.pk]
    assert not [q["sql"] for q in queries.captured_queries
                if 'to_tsvector(COALESCE("posts_post"' in q["sql"]
                or "to_tsvector('english'::regconfig, COALESCE(\"posts_post\"" in q["sql"]]
    assert "<mark>" in snippets_for(order)[story.pk]


def test_an_edited_title_is_found_by_its_new_words(client, member):
    story = make_post(member, title="Cold hands", body="Gloves help.")
    update_post(editor=member, post=story, title="Numb fingers in winter", body="Gloves help.",
                kind=story.kind, visibility=story.visibility)
    page = client.get("/search/?q=numb+fingers").content.decode()
    assert story.get_absolute_url() in page
