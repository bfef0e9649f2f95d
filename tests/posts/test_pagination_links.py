"""Page links keep what the reader chose (search words, symptom, sort, which list): they are
built by Django's {% querystring %}, which changes only `page`."""

import html
import re

from django.urls import reverse

from forum.moderation.services import hide
from posts.models import Symptom
from posts.services import post_comment
from tests.factories import make_post


def next_link(page):
    found = re.search(r'<a href="([^"]*)" rel="next"', page)
    assert found, "no link to the next page"
    return html.unescape(found.group(1))


def test_the_next_page_of_search_results_keeps_the_symptom_filter(client, member, settings):
    settings.KINDRED_POSTS_PER_PAGE = 1
    fatigue = Symptom.objects.get(slug="fatigue")
    for title in ("Tired legs", "Heavy legs"):
        make_post(member, title=title, body="legs legs", symptoms=[fatigue])
    make_post(member, title="Legs and heat", body="legs")
    page = client.get(reverse("search"), {"q": "legs", "page": "1", "tag": "fatigue"})
    link = next_link(page.content.decode())
    assert "tag=fatigue" in link and "q=legs" in link and "page=2" in link
    second = client.get(reverse("search") + link).content.decode()
    assert "Legs and heat" not in second and "Page 2 of 2" in second


def test_the_next_page_of_hidden_comments_stays_on_comments(client, moderator, post,
                                                           member, monkeypatch):
    monkeypatch.setattr("forum.moderation.act_views.REMOVED_PAGE", 1)
    for words in ("first", "second"):
        comment = post_comment(author=member, post=post, body=f"{words} words")
        hide(moderator=moderator, post=post, comment=comment, guideline="be_gentle",
             statement="Unkind.")
    client.force_login(moderator)
    page = client.get(reverse("moderation:removed"), {"what": "comments"})
    assert "what=comments" in next_link(page.content.decode())


def test_the_next_page_of_comments_keeps_the_newest_first_order(client, member, post,
                                                                settings):
    settings.KINDRED_COMMENTS_PER_PAGE = 1
    for words in ("one", "two"):
        post_comment(author=member, post=post, body=words)
    page = client.get(post.get_absolute_url(), {"sort": "newest"}).content.decode()
    link = next_link(page)
    assert "sort=newest" in link and "page=2" in link and link.endswith("#comments")
