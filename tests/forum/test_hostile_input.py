"""A sweep of every URL the site answers, with hostile ids and values: never a 5xx.

Every URL pattern of the resolver (the site's, allauth's and the admin's) is asked for with
each path parameter replaced by hostile values, then with real ids and hostile query
parameters, then posted to with every field name the site reads set to hostile values. It
runs as a reader, a member and a moderator, each its own test so one failure hides no other.
Values are sampled (rotated over the patterns), not crossed, to keep it to seconds.
"""

import itertools
import re
from urllib.parse import quote, urlencode

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver
from django.utils.regex_helper import normalize

from forum.conversations.services import start_conversation
from forum.moderation.reports import file_report
from forum.moderation.services import file_appeal, hide
from posts.services import post_comment
from posts.services.community import set_poll
from posts.services.tags import suggest_tag
from tests.factories import make_post, make_user

HOSTILE = ["0", "-1", "²", "１２", "9" * 30, "%00", "x" * 5000, "../", "🧠", "' OR 1=1 --",
           "1" * 5000, "a\x00b"]
TRAP = "²"  # str.isdigit() says yes, int() says no: every page of ours is asked with it
QUERY_NAMES = ["page", "reply", "tag", "q", "sort", "level", "to", "next", "since", "until",
               "kind", "moderator", "unread", "choice", "id__exact"]
FIELD_NAMES = [
    "body", "title", "parent", "choice", "kind", "level", "suggestion", "into", "appeal",
    "action", "description", "grant", "statement", "guideline", "days", "reason", "details",
    "text", "symptoms", "visibility", "poll_question", "poll_choices", "poll_closes_at",
    "confirm_personal_info", "suggested_tag", "next", "mode", "password", "text_size", "font",
    "theme", "wide_spacing", "reduced_motion", "bio", "diagnosis_year", "ms_type",
    "show_health_details", "profile_visibility", "digest_frequency", "login", "username",
    "email", "password1", "password2", "oldpassword", "remember", "preview", "since", "until",
    "to", "messages_from", "email_message",
]
# Valid choices, so that hostile free text gets past them to the services and the database.
VALID_CHOICES = {
    "kind": "story", "visibility": "public", "action": "approve", "grant": "grant",
    "guideline": "be_gentle", "reason": "other", "level": "watching",
    "mode": "anonymise", "text_size": "125", "font": "site", "profile_visibility": "members",
    "digest_frequency": "daily", "days": "3", "messages_from": "members",
    "email_message": "immediate", "to": "hostile_author",
}
FREE_TEXT = ["body", "title", "description", "statement", "text", "details", "bio",
             "poll_question", "poll_choices", "suggested_tag", "next"]
# Posting here would end the sweep's own session, not test anything.
NOT_POSTED = {"/accounts/logout/"}
PARAM = re.compile(r"%\((\w+)\)s")


def _patterns(patterns=None, prefix=""):
    """(format string, parameter names) for every URL pattern, included ones too."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        regex = pattern.pattern.regex.pattern.removeprefix("^").removesuffix(r"\Z")
        regex = regex.removesuffix("$")
        if isinstance(pattern, URLResolver):
            yield from _patterns(pattern.url_patterns, prefix + regex)
        else:
            text, params = normalize(prefix + regex)[0]
            yield text, tuple(params)


PATTERNS = sorted(set(_patterns()))
THIRD_PARTY = ("admin/", "accounts/")  # Django's admin and allauth: sampled more lightly


def _samples(text, own):
    return 1 if text.startswith(THIRD_PARTY) else own


def _fill(text, values):
    return "/" + PARAM.sub(lambda m: quote(values(m.group(1)), safe="%"), text)


@pytest.fixture
def world(db):
    return build_world()


def build_world():
    """One of everything a URL can point at (tests/forum/test_no_template_source.py reads
    every page with it too)."""
    author, moderator = make_user("hostile_author"), make_user("hostile_mod", moderator=True)
    reader = make_user("hostile_reader")
    post = make_post(author, title="Heat and the MS hug")
    set_poll(author=author, post=post, question="How is today?", choices=["Good", "Hard"])
    comment = post_comment(author=reader, post=post, parent=None, body="Same here.")
    post_comment(author=author, post=post, parent=comment, body="Thank you.")
    file_report(reporter=reader, post=post, comment=None, reason="spam", details="")
    action = hide(moderator=moderator, post=post, comment=comment,
                  guideline="be_gentle", statement="Please be kind.")
    file_appeal(author=reader, action=action, text="I was kind.")
    suggest_tag(author=author, post=post, name="Jaw pain")
    for writer in (author, reader):  # private messages need a confirmed address
        writer.emailaddress_set.create(email=writer.email, verified=True, primary=True)
    conversation = start_conversation(sender=reader, recipient_handle=author.username,
                                      body="A private hello").conversation
    return {"conversation_id": str(conversation.pk),
            "slug": post.slug, "comment_id": str(comment.pk), "post_id": str(post.pk),
            "action_id": str(action.pk), "handle": author.username, "username": "hostile_author",
            "notification_id": "1", "object_id": str(post.pk), "app_label": "posts",
            "token": "x", "key": "x", "uidb36": "1", "moderator": moderator, "member": reader}


def _client(role, world):
    client = Client(raise_request_exception=False)
    if role != "reader":
        client.force_login(world[role])
    return client


def _real(world, name):
    return world.get(name, "1")


def _check(client, failures, method, url, **kwargs):
    response = getattr(client, method)(url, **kwargs)
    if response.status_code >= 500:
        shown = url if len(url) < 200 else url[:200] + "…"
        data = kwargs.get("data")
        failures.append(f"{method.upper()} {shown} {str(data)[:120] if data else ''}"
                        f"-> {response.status_code}")


ROLES = ["reader", "member", "moderator"]


@pytest.mark.parametrize("role", ROLES)
def test_hostile_ids_in_any_url_path_never_give_a_server_error(world, role):
    client, failures = _client(role, world), []
    values = itertools.cycle(HOSTILE)
    for text, params in PATTERNS:
        if not params:
            continue
        for _ in range(_samples(text, 3)):  # hostile values rotate through the list
            value = next(values)
            _check(client, failures, "get", _fill(text, lambda name, v=value: v))
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("role", ROLES)
def test_hostile_query_values_on_every_page_never_give_a_server_error(world, role):
    client, failures = _client(role, world), []
    values = itertools.cycle(HOSTILE)
    for text, _params in PATTERNS:
        url = _fill(text, lambda name: _real(world, name))
        for n in range(_samples(text, 2)):
            value = TRAP if n else next(values).replace("%00", "\x00")
            _check(client, failures, "get", f"{url}?{urlencode(dict.fromkeys(QUERY_NAMES, value))}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("role", ROLES)
def test_hostile_form_values_posted_anywhere_never_give_a_server_error(world, role):
    client, failures = _client(role, world), []
    values = itertools.cycle(HOSTILE)
    for text, _params in PATTERNS:
        url = _fill(text, lambda name: _real(world, name))
        if url in NOT_POSTED:
            continue
        for n in range(_samples(text, 2)):
            value = TRAP if n else next(values).replace("%00", "\x00")
            _check(client, failures, "post", url, data=dict.fromkeys(FIELD_NAMES, value))
        ids = {"parent": world["comment_id"], "choice": "1", "suggestion": "1", "appeal": "1",
               "into": "1", "symptoms": "1"}
        for value in ("a\x00b", next(values)):  # free text past valid choices and ids
            _check(client, failures, "post", url, data={
                **VALID_CHOICES, **ids, **dict.fromkeys(FREE_TEXT, value)})
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("role", ROLES)
def test_posts_with_a_csrf_check_or_a_foreign_charset_never_give_a_server_error(world, role):
    client, failures = Client(raise_request_exception=False, enforce_csrf_checks=True), []
    if role != "reader":
        client.force_login(world[role])
    client.cookies["csrftoken"] = "a" * 32
    for text, _params in PATTERNS:
        url = _fill(text, lambda name: _real(world, name))
        if url in NOT_POSTED:
            continue
        _check(client, failures, "post", url, data="body=caf%E9&csrfmiddlewaretoken=" + "a" * 32,
               content_type="application/x-www-form-urlencoded; charset=latin-1")
        if not text.startswith(THIRD_PARTY):
            _check(client, failures, "post", url, data={"body": "a\x00b", "parent": "²"})
    assert not failures, "\n".join(failures)
