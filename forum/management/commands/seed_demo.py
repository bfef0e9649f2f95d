"""Fill an empty database with original demo content: members and their stories."""

import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts.models import MODERATORS_GROUP
from forum.demo.content import MEMBERS, STORIES
from posts.models import Post
from posts.services import create_post

DEMO_PASSWORDS = {"demo": "kindred-demo-2026", "mod": "kindred-mod-2026"}
MEMBER_PASSWORD = "kindred-member-2026"


class Command(BaseCommand):
    help = "Fill an empty database with original demo content. Does nothing if it has posts."

    def add_arguments(self, parser):
        parser.add_argument("--stories", type=int, default=len(STORIES))
        parser.add_argument("--comments", type=int, default=12, help="comments per story")
        parser.add_argument("--depth", type=int, default=4, help="deepest reply level")
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, **options):
        User = get_user_model()
        if Post.objects.exists() or User.objects.exists():
            self.stdout.write("The database already has content; seed_demo changed nothing.")
            return
        rng = random.Random(options["seed"])
        with transaction.atomic():
            members = self._members(User)
            posts = self._stories(members, options["stories"], rng)
        self.stdout.write(self.style.SUCCESS(
            f"Demo data ready: {len(members)} members, {len(posts)} posts."
        ))
        self.stdout.write("Log in as  demo / " + DEMO_PASSWORDS["demo"] + "  (a member)")
        self.stdout.write("       or  mod / " + DEMO_PASSWORDS["mod"] + "  (a moderator)")
        self.stdout.write("Other demo members use the password " + MEMBER_PASSWORD)

    def _members(self, User):
        members = []
        for handle in ["demo", "mod", *MEMBERS]:
            password = DEMO_PASSWORDS.get(handle, MEMBER_PASSWORD)
            user = User.objects.create_user(handle, f"{handle}@example.org", password)
            members.append(user)
        moderators, _ = Group.objects.get_or_create(name=MODERATORS_GROUP)
        members[1].groups.add(moderators)
        return members

    def _stories(self, members, count, rng):
        now = timezone.now()
        posts = []
        for index in range(count):
            story = STORIES[index % len(STORIES)]
            title = story["title"] if index < len(STORIES) else f"{story['title']} ({index + 1})"
            author = members[2 + index % (len(members) - 2)]
            post = create_post(author=author, title=title, body=story["body"], kind=story["kind"])
            # Spread publication over two years so lists show "2 years ago" … "just now".
            post.published_at = now - timedelta(minutes=int(rng.expovariate(1 / 40000)))
            post.save(update_fields=["published_at"])
            posts.append(post)
        return posts

