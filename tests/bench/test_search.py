"""`make bench`: search over 100,000 comments, timed, with the PostgreSQL plan printed."""

import random
import statistics
import time

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection

from forum.demo.threads import seed_threads
from posts.search import (
    comment_candidates,
    expansions,
    postgres_ranked,
    search,
    search_query,
    terms_of,
)
from tests.factories import make_post, make_user

COMMENTS = 100_000
PER_STORY = 10_000
QUERIES = ["banding", "cooling towels", "physio calves", "diary neurologist pattern"]
RUNS = 7


@pytest.mark.django_db
def test_search_over_a_hundred_thousand_comments():
    rng = random.Random(11)
    members = [make_user() for _ in range(20)]
    started = time.perf_counter()
    for number in range(COMMENTS // PER_STORY):
        story = make_post(members[number % 20], title=f"Long conversation {number}")
        seed_threads(story, members, count=PER_STORY, depth=4, rng=rng)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE")
    built = time.perf_counter() - started
    print(f"\nSearch over {COMMENTS:,} comments on {connection.vendor} "
          f"(built in {built:.1f} s), median of {RUNS} runs")
    print(f"{'query':<28} {'results':>8} {'ms':>8}")
    reader = AnonymousUser()
    for query in QUERIES:
        timings = []
        for _ in range(RUNS):
            begun = time.perf_counter()
            order, snippets_for = search(query, reader)
            snippets_for(order[:20])
            timings.append(time.perf_counter() - begun)
        print(f"{query:<28} {len(order):>8} {statistics.median(timings) * 1000:>8.1f}")
        assert order, query
    if connection.vendor == "postgresql":
        query, terms = terms_of("banding")
        ranked, _ = postgres_ranked(terms, expansions(query)[1])
        print("\nPlan for “banding” (synonyms expanded):\n" + ranked.explain(analyze=True))
        query, terms = terms_of("cooling towels")
        ranked, _ = postgres_ranked(terms, expansions(query)[1])
        print("\nPlan for “cooling towels”:\n" + ranked.explain(analyze=True))
        plan = comment_candidates(search_query(terms, expansions(query)[1])).explain(
            analyze=True)
        print("\nIts matching comments (the newest candidates):\n" + plan)
        # Comments are where the rows are: their GIN index must be used. (With a handful of
        # posts the planner rightly scans posts_post instead of its index.)
        assert "Bitmap Index Scan on comment_search_document" in plan
