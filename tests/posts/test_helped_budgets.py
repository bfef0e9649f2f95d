"""Query budgets of the pages that show what helped, with few and many marked replies.

The marked world is built once per size for the whole module (tests/worlds.py): each test
starts from it as built."""

import pytest

from posts.models import Post, Symptom
from posts.services import post_comment, set_follow, toggle_bookmark, toggle_helped
from tests.factories import make_post, make_user
from tests.worlds import shared_world


def build_marked_world(questions):
    """Questions tagged "MS hug", each with up to five replies marked as helpful."""
    member = make_user("rowan")
    hug = Symptom.objects.get(slug="ms-hug")
    set_follow(user=member, tag=hug, level="following")
    helpers = [make_user(f"helper{n}") for n in range(5)]
    for n in range(questions):
        asked = make_post(member, kind=Post.Kind.QUESTION, title=f"Banding question {n}",
                          body="How do you cope with the hug?", symptoms=[hug])
        toggle_bookmark(user=member, post=asked)
        for helper in helpers[:min(n + 1, 5)]:
            reply = post_comment(author=helper, post=asked, body=f"{helper} tip\nsecond line")
            toggle_helped(actor=member, comment=reply)
    return {"member": member, "story": asked}


@pytest.fixture(scope="module", params=[1, 12], ids=["few", "many"])
def marked_world(request, django_db_setup, django_db_blocker):
    yield from shared_world(request, django_db_blocker, build_marked_world, request.param)


# The budgets the pages had before marks (tests/posts/test_comments.py, tests/forum/
# test_site.py, tests/posts/test_tags.py); the story page keeps the bar of 15. The
# anonymous pages read their page versions from the database (+1).
PAGES = [("/", None, 5), ("/", "member", 10), ("/tags/ms-hug/", "member", 11),
         ("/following/", "member", 10), ("/bookmarks/", "member", 10),
         ("/search/?q=banding", None, 10), ("{story}", None, 9), ("{story}", "member", 15)]


@pytest.mark.parametrize("url, who, budget", PAGES)
def test_pages_with_marks_keep_a_fixed_query_budget(client, db, marked_world, url, who,
                                                    budget, django_assert_max_num_queries):
    if who:
        client.force_login(marked_world["member"])
    url = url.format(story=marked_world["story"].get_absolute_url())
    with django_assert_max_num_queries(budget, info=url):
        response = client.get(url)
    assert response.status_code == 200
    assert "helped-chip" in response.content.decode() or "What helped" in \
        response.content.decode()
