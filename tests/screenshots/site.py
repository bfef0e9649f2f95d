"""A throwaway Kindred for `make screenshots`: its own SQLite file, the demo content plus the
few things the demo lacks (a review-queue item, an appeal, notifications), and a WSGI server
in a thread. Nothing here touches the developer's database.

`configure()` must run before Django is imported anywhere else in the process.
"""

import os
import tempfile
import threading
from pathlib import Path


def configure():
    """Point Django at a fresh temporary database; return the folder to delete afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="kindred-screenshots-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'db.sqlite3'}"
    # The test settings: DEBUG off, KINDRED_HTTPS=0, static files served by WhiteNoise from
    # the finders (no collectstatic), email kept in memory, tasks run inline.
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"
    os.environ.setdefault("KINDRED_HTTPS", "0")
    import django

    django.setup()
    return folder


def build_database():
    """migrate + seed_demo, then the extras; return what the page list needs to know."""
    from io import StringIO

    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("seed_demo", "--allow-production", stdout=StringIO())
    return _extras()


def _extras():
    from accounts.models import User
    from forum.moderation.models import Guideline, Reason
    from forum.moderation.reports import file_report
    from forum.moderation.services import file_appeal
    from posts.models import Comment, Poll
    from posts.services import post_comment

    demo, mod = User.objects.get(username="demo"), User.objects.get(username="mod")
    story = Poll.objects.select_related("post__author").first().post
    others = list(User.objects.exclude(pk__in=[demo.pk, mod.pk]).order_by("pk")[:3])

    # A conversation that reaches the nesting cap, so the deepest reply and the
    # "replying to @name" marker are on the story page.
    chain_lines = [
        "The cooling vest was the thing that changed summer for me.",
        "Which one did you get? The gel ones I tried went warm within an hour.",
        "A phase-change one: it stays at about 15 degrees for two to three hours.",
        "That sounds much better. Did your MS nurse suggest it, or did you find it?",
        "Another member here told me about it, years ago. Passing it on!",
        "Thank you both, I have ordered one to try this week.",
    ]
    parent = None
    for index, line in enumerate(chain_lines):
        author = demo if index % 2 else others[index % len(others)]
        parent = post_comment(author=author, post=story, body=line, parent=parent)

    # A reply to demo (a notification) and a decision about demo's words (a notification and
    # an appeal for the moderators' appeals page).
    demo_comment = post_comment(author=demo, post=story,
                                body="My neurologist suggested a fan by the bed. It helps.")
    post_comment(author=others[0], post=story, parent=demo_comment,
                 body="@demo same here, and a cold flannel on the back of the neck.")
    hidden = post_comment(author=demo, post=story,
                          body="Honestly, just stop the injections in summer, they make it worse.")
    action = _hide(moderator=mod, post=story, comment=hidden, guideline=Guideline.EXPERIENCE,
                   statement="Please share what happened to you, not advice to stop a "
                             "treatment.")
    file_appeal(author=demo, action=action,
                text="I meant it only as my own experience; I can reword it.")

    # The review queue: a member's report, and below, one Kindred files itself.
    reported = Comment.objects.filter(post=story, status=Comment.Status.VISIBLE).exclude(
        author__in=[demo, mod]).order_by("pk").first()
    file_report(reporter=demo, post=story, comment=reported, reason=Reason.MISINFORMATION,
                details="This says a supplement cures MS fatigue.")
    # Words like these file a crisis report by themselves (and stay visible).
    post_comment(author=others[1], post=story,
                 body="Some nights the spasms and the pain are so bad I feel I can't go on.")

    # Private messages: the demo conversation (seed_demo), and the moderators reaching out
    # to the member whose words filed the crisis report, who has written back.
    from forum.conversations.models import Conversation
    from forum.conversations.services import reply
    from forum.moderation.models import Report
    from forum.moderation.services.outreach import reach_out

    conversation = Conversation.objects.of(demo).order_by("pk").first()
    outreach = reach_out(moderator=mod, member=others[1],
                         report=Report.objects.crisis_about(others[1]).order_by("-pk").first(),
                         body="We read what you wrote tonight and wanted to check in. "
                              "You are not alone here.").conversation
    reply(sender=others[1], conversation=outreach,
          body="Thank you for writing. It helps to know someone noticed.")

    thread_root = (Comment.objects.filter(post=story, depth=0, status=Comment.Status.VISIBLE)
                   .order_by("-reply_count", "pk").first())
    tag = story.tags.order_by("slug").first()
    return {
        "users": {"demo": demo, "mod": mod},
        "story": story.slug,
        "thread": thread_root.pk,
        "tag": tag.slug,
        "profile": story.author.username,
        "reported": (story.pk, reported.pk),
        "conversation": conversation.pk if conversation else None,
        "outreach": outreach.pk,
    }


def _hide(**arguments):
    """Hide a comment through the moderation verb, as a moderator would."""
    from forum.moderation import services

    return services.hide(**arguments)


def session_cookie(user, base_url):
    """A real session for `user`, as the browser suite's log_in makes it."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    value = client.cookies[settings.SESSION_COOKIE_NAME].value
    return {"name": settings.SESSION_COOKIE_NAME, "value": value, "url": base_url}


class Server:
    """Kindred's WSGI application on 127.0.0.1 (a free port), served from a thread."""

    def __init__(self):
        from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
        from django.core.wsgi import get_wsgi_application

        class QuietHandler(WSGIRequestHandler):
            def log_message(self, *args):
                pass

        self.httpd = ThreadedWSGIServer(("127.0.0.1", 0), QuietHandler)
        self.httpd.set_app(get_wsgi_application())
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=10)
