"""No template source reaches a reader: every email the site sends (notifications, digests,
allauth's account emails; HTML and text, and their subjects) and every page of the URL map,
as a reader, a member, a moderator and a suspended member, is free of `{#`, `{%` and `{{`.

Django prints a `{# #}` comment that spans lines as text, and an unclosed tag or a typo in a
variable can do the same; an email showed one at the top of every message."""

import re
from pathlib import Path

import allauth
import pytest
from allauth.account.adapter import get_adapter
from allauth.core.context import request_context
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client, RequestFactory

from forum.models import Page
from forum.moderation.services import hide
from forum.notifications import emails
from forum.notifications.models import Notification
from posts.models import Symptom
from posts.services import post_comment
from tests.factories import suspend
from tests.forum.test_hostile_input import PATTERNS, _fill, _real, build_world

SOURCE = re.compile(r"\{[#%{]")


def _sources(text):
    return [text[max(0, m.start() - 60):m.start() + 60] for m in SOURCE.finditer(text)]


def _parts(message):
    return {"subject": message.subject, "text": message.body,
            **{mimetype: content for content, mimetype in getattr(message, "alternatives", [])}}


def _assert_no_source(messages):
    found = {f"{m.subject!r} {part}": _sources(text)
             for m in messages for part, text in _parts(m).items() if _sources(text)}
    assert not found, found


# --- Emails ------------------------------------------------------------------------------------

NOTIFICATION_EMAILS = Path(settings.BASE_DIR, "templates", "notifications", "email")


def test_every_notification_and_digest_email_is_free_of_template_source(
        member, other_member, moderator, post):
    comment = post_comment(author=other_member, post=post, body="Same here, @" + member.username)
    hide(moderator=moderator, post=post, comment=comment, guideline="be_gentle",
         statement="Please be kind.")
    notes = list(Notification.objects.select_related("recipient", "post"))
    assert {note.kind for note in notes} >= {"reply_to_post", "moderation"}
    contexts = {"notification": [{"note": note} for note in notes],
                "digest": [{"notes": [n for n in notes if n.recipient == r], "since": None}
                           for r in {note.recipient for note in notes}]}
    templates = {path.stem for path in NOTIFICATION_EMAILS.iterdir()} - {"base"}
    assert templates == set(contexts), "a new email template: give it a context here"
    messages = [emails.build(context.get("note", context.get("notes", [None])[0]).recipient,
                             subject="Kindred", template=template, context=context,
                             kind=emails.ALL_KINDS)
                for template, many in contexts.items() for context in many]
    assert all(len(_parts(m)) == 3 for m in messages)  # subject, text and HTML
    _assert_no_source(messages)


def _account_email_prefixes():
    """Every allauth email this site can send: ours (templates/account/email) and the ones
    allauth ships that we do not replace."""
    folders = [Path(settings.BASE_DIR, "templates"), Path(allauth.__file__).parent / "templates"]
    return sorted({f"account/email/{path.name.removesuffix('_subject.txt')}"
                   for folder in folders
                   for path in (folder / "account" / "email").glob("*_subject.txt")})


def test_every_account_email_is_free_of_template_source(member, mailoutbox):
    """Rendered by the site's adapter as a request would (the context allauth gives each)."""
    request = RequestFactory().get("/")
    request.user, request.session = member, SessionStore()
    link = f"{settings.SITE_URL}/accounts/"
    context = {"user": member, "username": member.username, "email": member.email,
               "activate_url": link, "password_reset_url": link, "signup_url": link,
               "key": "KEY", "code": "ABC123", "from_email": "old@example.org",
               "to_email": member.email, "deleted_email": "old@example.org"}
    prefixes = _account_email_prefixes()
    assert {"account/email/password_reset_key", "account/email/email_confirmation_signup",
            "account/email/unknown_account"} <= set(prefixes)
    with request_context(request):
        for prefix in prefixes:
            get_adapter(request).send_mail(prefix, member.email, context)
    assert len(mailoutbox) == len(prefixes)
    _assert_no_source(mailoutbox)


def test_a_password_reset_email_sent_for_real_is_free_of_template_source(
        client, member, mailoutbox):
    client.post("/accounts/password/reset/", {"email": member.email})
    (message,) = mailoutbox
    _assert_no_source([message])


# --- Pages -------------------------------------------------------------------------------------

def _values(world, visitor):
    """Real ids for each parameter, by the section of the map it is in."""
    symptom, page = Symptom.objects.order_by("pk").first(), Page.objects.order_by("pk").first()
    note = Notification.objects.filter(recipient=visitor).first() if visitor else None
    special = {
        ("tags/", "slug"): symptom.slug, ("pages/", "slug"): page.slug,
        ("notifications/", "notification_id"): str(note.pk) if note else "1",
        ("notifications/", "token"): emails.unsubscribe_token(
            visitor or world["member"], emails.ALL_KINDS),
    }

    def value(text, name):
        for (section, param), found in special.items():
            if text.startswith(section) and name == param:
                return found
        return _real(world, name)
    return value


# Django's admin is Django's own templates (and staff only): the site's pages are the sweep.
SITE_PATTERNS = [(text, params) for text, params in PATTERNS if not text.startswith("admin/")]
# Pages a visitor of each kind reads (200) in the sweep, at least: a floor that catches a
# sweep which quietly stopped reaching the pages (a broken login, ids that no longer fit).
# A suspended member reads their decisions, the editorial pages and the suspended page.
READ_AT_LEAST = {"reader": 20, "member": 45, "moderator": 55, "suspended": 4}


@pytest.mark.parametrize("role", ["reader", "member", "moderator", "suspended"])
def test_no_page_shows_template_source(db, role):
    """Every pattern of the URL map, with real ids, read as each kind of visitor (whatever
    the answer: a page, a refusal or a 404 all have markup)."""
    world = build_world()
    if role == "suspended":
        world["suspended"] = world["member"]
        suspend(world["member"], by=world["moderator"])
    visitor = world.get(role)
    client = Client(raise_request_exception=False)
    if visitor:
        client.force_login(visitor)
    value = _values(world, visitor)
    found, read = {}, 0
    for text, _params in SITE_PATTERNS:
        url = _fill(text, lambda name, text=text: value(text, name))
        response = client.get(url)
        body = (b"".join(response.streaming_content) if response.streaming
                else response.content).decode(errors="replace")
        read += response.status_code == 200
        if sources := _sources(body):
            found[f"{url} ({response.status_code})"] = sources
    assert not found, found
    assert read >= READ_AT_LEAST[role], read
