"""Fill an empty database with original demo content: members, stories, conversations."""

import random
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from accounts.models import MODERATORS_GROUP
from forum.conversations.services import reply, start_conversation
from forum.demo.content import DEMO_FOLLOWS, DEMO_POLLS, MEMBERS, STORIES, STORY_TAGS
from forum.demo.conversations import CONVERSATIONS
from forum.demo.messages import PRIVATE_CONVERSATION
from forum.demo.threads import seed_conversation, seed_threads
from posts.models import Bookmark, Comment, PollVote, Post, Reaction, Symptom, TagFollow
from posts.services import create_post, set_poll, toggle_helped

DEMO_PASSWORDS = {"demo": "kindred-demo-2026", "mod": "kindred-mod-2026"}
MEMBER_PASSWORD = "kindred-member-2026"
TWO_YEARS_MINUTES = 2 * 365 * 24 * 60
ESTABLISHED = 10


class Command(BaseCommand):
    help = "Fill an empty database with original demo content. Does nothing if it has posts."

    def add_arguments(self, parser):
        parser.add_argument("--stories", type=int, default=len(STORIES))
        parser.add_argument(
            "--comments", type=int, default=None,
            help="generated comments per story (for load tests); without it, each story gets "
                 "its hand-written conversation (0 to 30 comments)")
        parser.add_argument("--depth", type=int, default=4, help="deepest reply level")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--allow-production", action="store_true",
            help="seed even though DEBUG is off (a public demo site, a load test); the demo "
                 "members' passwords, a moderator's among them, are published")

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["allow_production"]:
            raise CommandError(
                "DEBUG is off, so this looks like a production site: seed_demo refused and "
                "created nothing. Its members' passwords are published (\"mod\" is a "
                "moderator). On a development site set DEBUG=1; for a public demo or a load "
                "test pass --allow-production.")
        User = get_user_model()
        if Post.objects.exists() or User.objects.exists():
            self.stdout.write("The database already has content; seed_demo changed nothing.")
            if User.objects.filter(username="demo").exists():
                self._print_logins()
            return
        rng = random.Random(options["seed"])
        # Writing a dozen stories in a second is what rate limits exist to stop; not here.
        with transaction.atomic(), override_settings(KINDRED_RATE_LIMITS=False):
            members = self._members(User)
            posts = self._stories(members, options["stories"], rng)
            self._follows(members)
            self._poll_reactions_bookmarks(posts, members, rng)
            for index, post in enumerate(posts):
                if options["comments"] is None:
                    seed_conversation(post, members, CONVERSATIONS[index % len(CONVERSATIONS)],
                                      depth=options["depth"], rng=rng)
                else:
                    seed_threads(post, members, count=options["comments"],
                                 depth=options["depth"], rng=rng)
            self._what_helped(posts)
            self._private_conversation(members)
        comments = ("their own conversations" if options["comments"] is None
                    else f"{options['comments']} comments on each")
        self.stdout.write(self.style.SUCCESS(
            f"Demo data ready: {len(members)} members, {len(posts)} posts, {comments}."
        ))
        self._print_logins()

    def _print_logins(self):
        self.stdout.write("Log in as  demo / " + DEMO_PASSWORDS["demo"] + "  (a member)")
        self.stdout.write("       or  mod / " + DEMO_PASSWORDS["mod"] + "  (a moderator)")
        self.stdout.write("Other demo members use the password " + MEMBER_PASSWORD)

    def _members(self, User):
        # Hash each distinct password once: hashing is deliberately slow.
        hashes = {password: make_password(password)
                  for password in {*DEMO_PASSWORDS.values(), MEMBER_PASSWORD}}
        members = User.objects.bulk_create([
            # Established members: past new-member review.
            User(username=handle, email=f"{handle}@example.org",
                 password=hashes[DEMO_PASSWORDS.get(handle, MEMBER_PASSWORD)],
                 approved_contributions=ESTABLISHED,
                 # Demo members: their consent is on record, so the demo opens at once.
                 health_consent_version=settings.KINDRED_CONSENT_VERSION,
                 health_consent_at=timezone.now())
            for handle in ["demo", "mod", *MEMBERS]
        ])
        moderators, _ = Group.objects.get_or_create(name=MODERATORS_GROUP)
        members[1].groups.add(moderators)
        # Confirmed addresses: what private messages need.
        EmailAddress.objects.bulk_create([
            EmailAddress(user=member, email=member.email, verified=True, primary=True)
            for member in members])
        return members

    def _private_conversation(self, members):
        by_handle = {member.username: member for member in members}
        (starter, first), *rest = PRIVATE_CONVERSATION
        conversation = start_conversation(sender=by_handle[starter],
                                          recipient_handle=rest[0][0], body=first).conversation
        for who, text in rest:
            reply(sender=by_handle[who], conversation=conversation, body=text)

    def _follows(self, members):
        by_handle = {member.username: member for member in members}
        by_slug = {tag.slug: tag for tag in Symptom.objects.all()}
        TagFollow.objects.bulk_create([
            TagFollow(user=by_handle[handle], tag=by_slug[slug], level=level)
            for handle, slug, level in DEMO_FOLLOWS if slug in by_slug
        ])

    def _poll_reactions_bookmarks(self, posts, members, rng):
        if not posts:
            return
        story = posts[0]
        for index, question, answers in DEMO_POLLS:
            if index >= len(posts):
                continue
            poll = set_poll(author=posts[index].author, post=posts[index], question=question,
                            choices=answers)
            choices = list(poll.choices.all())
            PollVote.objects.bulk_create([
                PollVote(poll=poll, user=member, choice=rng.choice(choices))
                for member in rng.sample(members[2:], k=rng.randint(3, len(members) - 2))])
        kinds = [kind.value for kind in Reaction.Kind]
        reactions = []
        for post in posts:
            for member in rng.sample(members, k=min(4, len(members))):
                reactions.append(Reaction(user=member, post=post, kind=rng.choice(kinds)))
            for comment in post.comments.all()[:6]:
                reactions.append(Reaction(user=rng.choice(members), post=post, comment=comment,
                                          kind=rng.choice(kinds)))
        Reaction.objects.bulk_create(reactions, ignore_conflicts=True)
        demo = members[0]
        tip = story.comments.first()
        Bookmark.objects.bulk_create(
            [Bookmark(user=demo, post=story)]
            + ([Bookmark(user=demo, post=story, comment=tip)] if tip else []))

    def _what_helped(self, posts, questions=3, marks=2):
        """A few askers mark the replies that helped them, as they would: the fullest answers
        from other members, through the same service the button uses."""
        asked = [post for post in posts if post.is_question][:questions]
        for post in asked:
            replies = sorted(
                (comment for comment in Comment.objects.public().filter(post=post, depth=0)
                 .exclude(author_id=post.author_id)),
                key=lambda comment: (-len(comment.body), comment.pk))
            for comment in replies[:marks]:
                toggle_helped(actor=post.author, comment=comment)

    def _stories(self, members, count, rng):
        now = timezone.now()
        symptoms_by_slug = {tag.slug: tag for tag in Symptom.objects.all()}
        posts = []
        for index in range(count):
            story = STORIES[index % len(STORIES)]
            title = story["title"] if index < len(STORIES) else f"{story['title']} ({index + 1})"
            author = members[2 + index % (len(members) - 2)]
            symptoms = [symptoms_by_slug[slug] for slug in STORY_TAGS[index % len(STORIES)]
                        if slug in symptoms_by_slug]
            post = create_post(author=author, title=title, body=story["body"], kind=story["kind"],
                               symptoms=symptoms)
            # Spread publication over two years so pages show "2 years ago" … "just now".
            post.published_at = now - timedelta(minutes=rng.uniform(60, TWO_YEARS_MINUTES))
            post.save(update_fields=["published_at"])
            posts.append(post)
        return posts

