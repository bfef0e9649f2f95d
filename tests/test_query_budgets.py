"""Query budgets for the views not already budgeted beside their feature's tests: each is
measured with a little and with a lot of data, under the same fixed budget."""

import pytest

from forum.moderation.models import ModerationAction
from forum.moderation.reports import file_report
from forum.moderation.services import act_on_content
from forum.notifications import emails
from forum.notifications.models import Notification
from posts.models import Symptom, TagSuggestion
from posts.services import post_comment, set_poll, toggle_bookmark, toggle_reaction
from tests.factories import make_post, make_user


@pytest.fixture(params=[2, 30], ids=["few", "many"])
def world(request, member, other_member, post):
    size = request.param
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
    action = act_on_content(moderator=moderator, kind="hide", post=post, comment=comment,
                            guideline="no_spam", statement="Spam")
    file_report(reporter=other_member, post=post, reason="spam")
    return {"post": post, "comment": comment, "poll": poll, "action": action,
            "moderator": moderator, "note": Notification.objects.filter(
                recipient=member).first()}


def budgets(world, member):
    post, action = world["post"], world["action"]
    token = emails.unsubscribe_token(member, "mention")
    return [
        ("get", f"/posts/{post.slug}/edit/", member, 10),
        ("get", f"/posts/{post.slug}/delete/", member, 8),
        ("get", f"/posts/{post.slug}/report/", world["moderator"], 9),
        ("get", f"/moderation/decisions/{action.pk}/", world["moderator"], 9),
        ("get", "/tags/suggestions/", world["moderator"], 9),
        ("get", "/sitemap.xml", None, 6),
        ("get", f"/notifications/{world['note'].pk}/open/", member, 6),
        ("get", f"/notifications/unsubscribe/{token}/", None, 3),
        ("post", "/settings/export/", member, 14),
        # +2: the page-cache bump reads the voted post's slug (posts/cache_versions.py)
        ("post", f"/posts/{post.slug}/poll/vote/", member, 14),
        ("post", f"/posts/{post.slug}/react/", member, 12),
        ("post", f"/posts/{post.slug}/bookmark/", member, 12),
        ("post", "/tags/ms-hug/follow/", member, 11),
        ("post", "/notifications/read/", member, 6),
    ]


def test_views_stay_within_fixed_query_budgets(client, world, member,
                                               django_assert_max_num_queries):
    data = {"choice": world["poll"].choices.first().pk, "kind": "me_too", "level": "watching"}
    for method, url, person, budget in budgets(world, member):
        client.logout()
        if person is not None:
            client.force_login(person)
        with django_assert_max_num_queries(budget, info=url):
            response = getattr(client, method)(url, data if method == "post" else None)
        assert response.status_code in (200, 302), (url, response.status_code)
    assert ModerationAction.objects.count() == 1
