"""Query budgets for the views not already budgeted beside their feature's tests: each is
measured with a little and with a lot of data, under the same fixed budget."""

import pytest

from forum.moderation.models import ModerationAction
from forum.moderation.reports import file_report
from forum.moderation.services import hide
from forum.notifications import emails
from forum.notifications.models import Notification
from posts.models import Symptom, TagSuggestion
from posts.services import post_comment, set_poll, toggle_bookmark, toggle_reaction
from tests.factories import make_post, make_user
from tests.worlds import shared_world


@pytest.fixture(scope="module", params=[2, 30], ids=["few", "many"])
def built_world(request, django_db_setup, django_db_blocker):
    """Built once per size for all the views (tests/worlds.py): each test starts from it."""
    yield from shared_world(request, django_db_blocker, build_world, request.param)


@pytest.fixture
def world(built_world, db):
    return built_world


@pytest.fixture
def member(world):
    return world["member"]


def build_world(size):
    member, other_member = make_user("rowan"), make_user("ash")
    post = make_post(member, title="Back spasticity in the mornings",
                     body="Does anyone else wake up *stiff*?")
    moderator = make_user("budget_mod", moderator=True)
    hug = Symptom.objects.get(slug="ms-hug")
    post.tags.add(hug)
    poll = set_poll(author=member, post=post, question="Q?", choices=["A", "B"])
    for n in range(size):
        comment = post_comment(author=other_member, post=post, body=f"Comment {n}")
        toggle_reaction(user=member, post=post, comment=comment, kind="hug")
        toggle_bookmark(user=member, post=post, comment=comment)
        make_post(other_member, title=f"Story {n}", symptoms=[hug])
        TagSuggestion.objects.create(name=f"Suggestion {n}", post=post, suggested_by=member)
    action = hide(moderator=moderator, post=post, comment=comment, guideline="no_spam",
                  statement="Spam")
    file_report(reporter=other_member, post=post, reason="spam")
    return {"member": member, "post": post, "comment": comment, "poll": poll, "action": action,
            "moderator": moderator, "note": Notification.objects.filter(
                recipient=member).first()}


# (method, URL with {placeholders} filled from the world, who asks, budget): one test per view
# and per world size, so one view over its budget does not hide the others.
BUDGETS = {
    "edit a post": ("get", "/posts/{slug}/edit/", "member", 10),
    "delete a post": ("get", "/posts/{slug}/delete/", "member", 8),
    "report a post": ("get", "/posts/{slug}/report/", "moderator", 9),
    "a decision": ("get", "/moderation/decisions/{action}/", "moderator", 9),
    "tag suggestions": ("get", "/tags/suggestions/", "moderator", 9),
    "sitemap": ("get", "/sitemap.xml", None, 6),
    "open a notification": ("get", "/notifications/{note}/open/", "member", 6),
    "unsubscribe": ("get", "/notifications/unsubscribe/{token}/", None, 3),
    # +3 over the first cut: blocks made, earlier versions, followed posts; +3: private
    # conversations, their sides, their messages (one query when there are none)
    "export": ("post", "/settings/export/", "member", 20),
    # +2: the page-cache bump reads the voted post's slug (posts/cache_versions.py)
    "vote": ("post", "/posts/{slug}/poll/vote/", "member", 14),
    "react": ("post", "/posts/{slug}/react/", "member", 12),
    "bookmark": ("post", "/posts/{slug}/bookmark/", "member", 12),
    "follow a tag": ("post", "/tags/ms-hug/follow/", "member", 11),
    "mark all read": ("post", "/notifications/read/", "member", 6),
    "suggest handles": ("get", "/u/suggest/?q=a", "member", 3),
}


@pytest.mark.parametrize("view", BUDGETS)
def test_views_stay_within_fixed_query_budgets(client, world, member, view,
                                               django_assert_max_num_queries):
    method, url, who, budget = BUDGETS[view]
    url = url.format(slug=world["post"].slug, action=world["action"].pk,
                     note=world["note"].pk, token=emails.unsubscribe_token(member, "mention"))
    person = {"member": member, "moderator": world["moderator"], None: None}[who]
    if person is not None:
        client.force_login(person)
    data = {"choice": world["poll"].choices.first().pk, "kind": "me_too", "level": "watching"}
    with django_assert_max_num_queries(budget, info=url):
        response = getattr(client, method)(url, data if method == "post" else None)
    assert response.status_code in (200, 302), (url, response.status_code)
    assert ModerationAction.objects.count() == 1
