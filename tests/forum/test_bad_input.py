"""Each kind of bad input that used to give a server error, now a clear 400 or 404."""

import pytest
from django.test import Client

from accounts.preferences import DEFAULTS, parse_cookie
from forum.moderation.services import file_appeal, hide
from plumbing.parsing import MAX_ID, parse_id, parse_int
from posts.models import Comment, Post, TagSuggestion
from posts.services import post_comment
from posts.services.community import set_poll
from posts.services.tags import suggest_tag

HUGE = "9" * 30


@pytest.fixture
def client():
    """A 500 is a status to assert on, not an exception."""
    return Client(raise_request_exception=False)


@pytest.mark.parametrize(("value", "expected"), [
    ("1", 1), ("42", 42), ("007", 7), (str(MAX_ID), MAX_ID), (17, 17),
    ("0", None), ("-1", None), ("+1", None), (" 1", None), ("1 ", None), ("²", None),
    ("１２", None), ("1.0", None), ("", None), (None, None), (str(MAX_ID + 1), None),
    (HUGE, None), ("1" * 5000, None), ("1\x00", None), (["1"], None), (True, None),
])
def test_an_id_is_ascii_digits_within_what_the_database_holds(value, expected):
    assert parse_id(value) == expected


def test_other_numbers_are_read_within_their_stated_range():
    assert parse_int("150", low=100, high=200) == 150
    assert parse_int("250", low=100, high=200) is None
    assert parse_int("0" * 40 + "150", low=100, high=200) == 150


def test_a_reply_link_with_a_superscript_digit_opens_the_post_without_a_reply_box(client, post):
    response = client.get(f"/posts/{post.slug}/?reply=²")
    assert response.status_code == 200
    assert post.title in response.content.decode()


def test_a_thread_page_with_a_superscript_reply_id_still_opens(client, post, other_member):
    comment = post_comment(author=other_member, post=post, body="Mornings are worst for me.")
    response = client.get(f"/comments/{comment.pk}/thread/?reply=²")
    assert response.status_code == 200
    assert "Mornings are worst for me." in response.content.decode()


@pytest.mark.parametrize("text_size", ["9" * 5000, "²", "+125", HUGE])
def test_an_odd_text_size_in_the_accessibility_cookie_gives_normal_text(client, db, text_size):
    client.cookies["kindred_a11y"] = f"{text_size}:1:dyslexic:0:0"
    response = client.get("/")
    assert response.status_code == 200
    assert parse_cookie(f"{text_size}:1:dyslexic:0:0")["text_size"] == DEFAULTS["text_size"]
    assert parse_cookie("125:1:dyslexic:0:0")["text_size"] == 125


@pytest.mark.parametrize("choice", ["²", "1" * 5000, HUGE, "-1"])
def test_a_poll_answer_that_is_not_an_answer_is_refused_with_a_reason(client, post, member,
                                                                       other_member, choice):
    set_poll(author=member, post=post, question="Worst time of day?", choices=["Morning", "Night"])
    client.force_login(other_member)
    response = client.post(f"/posts/{post.slug}/poll/vote/", {"choice": choice})
    assert response.status_code == 400
    assert "Choose one of this poll’s answers." in response.content.decode()


def test_a_symptom_id_too_large_for_the_database_is_a_form_error_with_the_words_kept(
        client, member):
    client.force_login(member)
    response = client.post("/posts/new/", {
        "kind": "story", "title": "Banding at night", "body": "It wakes me up.",
        "visibility": "public", "symptoms": "1" * 25})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Choose symptoms from the list, or suggest a new one." in page
    assert "It wakes me up." in page and not Post.objects.exists()


def test_a_reply_to_a_comment_id_too_large_for_the_database_is_a_form_error(client, post,
                                                                             other_member):
    client.force_login(other_member)
    response = client.post(f"/posts/{post.slug}/comments/",
                           {"body": "Cold showers help me.", "parent": HUGE})
    assert response.status_code == 400
    assert "Cold showers help me." in response.content.decode()
    assert not Comment.objects.exists()


@pytest.mark.parametrize("url", ["/search/?tag=ms%00hug", "/search/?q=hug%00", "/u/rowan%00/",
                                 "/tags/ms-hug/?page=1%00"])
def test_a_nul_byte_in_an_address_is_a_400_page(client, member, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "NUL" in response.content.decode()


def test_a_suggested_tag_description_with_a_nul_byte_is_refused_with_a_reason(
        client, post, member, moderator):
    suggest_tag(author=member, post=post, name="Jaw pain")
    client.force_login(moderator)
    response = client.post("/tags/suggestions/", {
        "suggestion": TagSuggestion.objects.get().pk, "action": "approve",
        "description": "Pain\x00 in the jaw."}, follow=True)
    assert response.status_code == 200
    assert "The description contains a character that cannot be used." in (
        response.content.decode())
    assert TagSuggestion.objects.get().status == "pending"


@pytest.mark.parametrize("target", ["🧠", "home", "x" * 5000, "//elsewhere.example/", "/tags/"])
def test_the_display_tools_go_back_to_a_path_only(client, db, target):
    response = client.post("/settings/accessibility/",
                           {"text_size": "125", "font": "site", "next": target})
    assert response.status_code == 302
    assert response.url == (target if target == "/tags/" else "/")


def test_a_forged_session_cookie_with_a_nul_byte_is_ignored(client, db):
    client.cookies["sessionid"] = "abcdefgh\x00ijklmnop"
    response = client.get("/")
    assert response.status_code == 200
    assert "Log in" in response.content.decode()


@pytest.fixture
def appeal(post, other_member, moderator):
    comment = post_comment(author=other_member, post=post, body="Try this miracle diet.")
    action = hide(moderator=moderator, post=post, comment=comment,
                  guideline="experience", statement="Please share experience.")
    return file_appeal(author=other_member, action=action, text="It helped me.")


@pytest.mark.parametrize("value", ["abc", "²", HUGE, "-1", "1" * 5000])
def test_a_moderator_posting_an_appeal_id_that_is_not_an_id_gets_not_found(
        client, appeal, value):
    second = Client(raise_request_exception=False)
    from tests.factories import make_user
    second.force_login(make_user("second_mod", moderator=True))
    response = second.post("/moderation/appeals/", {"appeal": value, "grant": "grant",
                                                    "statement": "Fair."})
    assert response.status_code == 404


@pytest.mark.parametrize("field", ["suggestion", "into"])
@pytest.mark.parametrize("value", ["abc", "²", HUGE])
def test_a_moderator_posting_a_tag_suggestion_id_that_is_not_an_id_gets_not_found(
        client, post, member, moderator, field, value):
    suggest_tag(author=member, post=post, name="Jaw pain")
    data = {"suggestion": TagSuggestion.objects.get().pk, "action": "merge", "into": 1}
    client.force_login(moderator)
    response = client.post("/tags/suggestions/", {**data, field: value})
    assert response.status_code == 404
    assert TagSuggestion.objects.get().status == "pending"


def test_a_form_sent_as_latin1_with_a_csrf_cookie_gets_the_400_page(post, other_member):
    client = Client(raise_request_exception=False, enforce_csrf_checks=True)
    client.force_login(other_member)
    client.cookies["csrftoken"] = "a" * 32
    response = client.generic(
        "POST", f"/posts/{post.slug}/comments/", "body=caf%E9&csrfmiddlewaretoken=" + "a" * 32,
        content_type="application/x-www-form-urlencoded; charset=latin-1")
    assert response.status_code == 400
    assert "Something was not right with that request" in response.content.decode()
    assert not Comment.objects.exists()


@pytest.mark.parametrize("comment_id", ["0", HUGE, "1" * 19, "１２", "²"])
def test_a_comment_address_with_an_id_that_cannot_exist_is_not_found(client, post,
                                                                      comment_id):
    for suffix in ("", "thread/", "reactions/"):
        response = client.get(f"/comments/{comment_id}/{suffix}")
        assert response.status_code == 404
        assert "We couldn’t find that page" in response.content.decode()


@pytest.mark.parametrize("url", [f"/moderation/items/{HUGE}/act/",
                                 f"/moderation/decisions/{HUGE}/", f"/notifications/{HUGE}/open/"])
def test_moderation_and_notification_addresses_with_huge_ids_are_not_found(client, moderator,
                                                                           url):
    client.force_login(moderator)
    method = client.post if url.endswith("act/") else client.get
    assert method(url).status_code == 404
