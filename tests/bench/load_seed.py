"""Data for the load test (tests/bench/load.py), run in `manage.py shell` against the bench
database: the demo content, stories with 200 and 2,000 comments, and members who log in.
Prints one JSON line the load test reads."""

import importlib
import json
import random

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.test.utils import override_settings

from forum.demo.threads import seed_threads
from posts.models import Post, Symptom
from posts.services import create_post
from tests.factories import consented

PASSWORD = "bench-member-password-2026"
STORY_SIZES = (200, 2_000)
COMMENTERS = 8


SHIPPED = ["posts.migrations.0002_first_disclaimer", "forum.migrations.0002_editorial_pages",
           "forum.migrations.0005_privacy_page",
           "posts.migrations.0005_curated_symptoms"]


def install_shipped_content():
    """The data migrations' rows (disclaimer, editorial pages, curated symptoms) again
    after a flush; their forwards functions are idempotent."""
    for module in SHIPPED:
        importlib.import_module(module).forwards(apps, None)


def seed():
    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    install_shipped_content()  # the flush took the disclaimer, pages and symptoms too
    call_command("seed_demo", "--allow-production", verbosity=0)
    User = get_user_model()
    members = [User.objects.create_user(f"bench{number}", f"bench{number}@example.org",
                                        PASSWORD, **consented())
               for number in range(COMMENTERS + 1)]
    for member in members:  # no mail in the way of logging in
        member.emailaddress_set.create(email=member.email, verified=True, primary=True)
    tag = Symptom.objects.filter(post__isnull=False).order_by("name").first()
    rng = random.Random(13)
    stories = {}
    with override_settings(KINDRED_RATE_LIMITS=False):
        for size in STORY_SIZES:
            story = create_post(author=members[0], title=f"A story with {size} comments",
                                body="Living with it, day by day.", symptoms=[tag])
            seed_threads(story, members, count=size, depth=4, rng=rng)
            stories[size] = Post.objects.get(pk=story.pk).get_absolute_url()
    cache.clear()
    print(json.dumps({
        "stories": {str(size): url for size, url in stories.items()},
        "tag": f"/tags/{tag.slug}/",
        "members": [member.username for member in members],
        "password": PASSWORD,
    }))
