"""`make bench`: what each piece of the story page that exists for speed wins.

A 200-comment story, rendered for a member and for a reader (page cache off), with every
piece on and with each piece switched off in turn, in alternating runs; medians. Each piece
must make the page faster for members, or it goes (docs/performance.md#the-story-page).
Not part of `make test`.
"""

import random
import statistics
import time

import pytest
from django.test import Client
from django.urls import reverse

from forum.demo.threads import seed_threads
from posts import thread_cache, thread_view
from tests.factories import make_post, make_user

RUNS = 21


class ReversedPerComment(thread_view.Links):
    """Without `Links`: Django reverses every link of every comment."""

    def of(self, pk):
        return {link: reverse(name, args=[pk]) for link, name in thread_view._LINKS.items()}


def rows_built_per_request(post, user, *, page_number=None, sort="oldest"):
    """Without the rows cache (and so without the bylines stored under its key)."""
    return thread_cache._built(post, user, page_number, sort)


PIECES = {
    "stored bylines": {"posts.thread_view._shared_heads": lambda *args: {}},
    "Links (URLs reversed once a page)": {"posts.thread_view.Links": ReversedPerComment},
    "comment rows cached as data": {"posts.views.thread_page_for": rows_built_per_request},
}


@pytest.mark.django_db
def test_each_speed_piece_of_the_story_page_wins_time(settings, monkeypatch):
    settings.KINDRED_PAGE_CACHE = False
    rng = random.Random(7)
    members = [make_user() for _ in range(20)]
    story = make_post(members[0], title="A story with 200 comments")
    seed_threads(story, members, count=200, depth=4, rng=rng)
    url = story.get_absolute_url()
    member, reader = Client(), Client()
    member.force_login(members[1])
    for client in (member, reader):  # the read mark, then where the first new comment sits
        client.get(url)
        client.get(url)
    variants = {"all pieces on": {}, **PIECES}
    times = {(name, who): [] for name in variants for who in ("member", "reader")}
    for _ in range(RUNS):
        for name, patches in variants.items():
            with monkeypatch.context() as patched:
                for target, value in patches.items():
                    patched.setattr(target, value)
                for who, client in (("member", member), ("reader", reader)):
                    started = time.perf_counter()
                    assert client.get(url).status_code == 200
                    times[(name, who)].append(time.perf_counter() - started)
    median = {key: statistics.median(values) * 1000 for key, values in times.items()}
    print(f"\nStory page, 200 comments, page cache off (median of {RUNS}, ms)")
    print(f"{'':<42} {'member':>8} {'reader':>8}")
    for name in variants:
        off = "" if name == "all pieces on" else "without "
        print(f"{off + name:<42} {median[(name, 'member')]:>8.1f} {median[(name, 'reader')]:>8.1f}")
    for name in PIECES:
        assert median[(name, "member")] > median[("all pieces on", "member")], name
