"""`make bench`: how a story page scales with its number of comments.

Measured in one run on one database: the query count and the median render time of the
first page of a story with 10, 100, 1,000 and 10,000 comments, as ratios to the
10-comment story. Not part of `make test`.
"""

import random
import statistics
import time

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from forum.demo.threads import seed_threads
from tests.factories import make_post, make_user

SIZES = [10, 100, 1_000, 10_000]
RUNS = 25
LIMITS = {1_000: 2.0, 10_000: 3.0}  # the bars, as ratios to the 10-comment page


def count_queries(client, url):
    # Warm caches and the template loader as a returning member finds them: the first visit
    # opens the story (its read mark), the second stores where the first new comment sits
    # (posts/reading.py), which a story that fits on one page never needs.
    client.get(url)
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries.captured_queries)


def median_times(client, urls):
    """Round-robin over the pages so background noise falls on all of them alike."""
    timings = {size: [] for size in urls}
    for _ in range(RUNS):
        for size, url in urls.items():
            started = time.perf_counter()
            client.get(url)
            timings[size].append(time.perf_counter() - started)
    return {size: statistics.median(values) for size, values in timings.items()}


@pytest.mark.django_db
def test_story_page_scales_with_comments():
    rng = random.Random(7)
    members = [make_user() for _ in range(20)]
    stories = {}
    for size in SIZES:
        story = make_post(members[0], title=f"A story with {size} comments")
        seed_threads(story, members, count=size, depth=4, rng=rng)
        stories[size] = story
    reader = Client()
    reader.force_login(members[1])
    urls = {size: stories[size].get_absolute_url() for size in SIZES}
    queries = {size: count_queries(reader, url) for size, url in urls.items()}
    times = median_times(reader, urls)
    results = {size: (queries[size], times[size]) for size in SIZES}

    base_queries, base_time = results[SIZES[0]]
    print(f"\nStory page, first page of comments ({connection.vendor}, median of {RUNS})")
    print(f"{'comments':>9} {'queries':>8} {'ms':>8} {'time ratio':>11}")
    for size, (queries, seconds) in results.items():
        print(f"{size:>9,} {queries:>8} {seconds * 1000:>8.1f} {seconds / base_time:>10.2f}x")
    for size, (queries, _seconds) in results.items():
        assert queries == base_queries, f"{size} comments took {queries} queries"
    for size, limit in LIMITS.items():
        ratio = results[size][1] / base_time
        assert ratio <= limit, f"{size} comments: {ratio:.2f}x the 10-comment page (bar {limit}x)"
