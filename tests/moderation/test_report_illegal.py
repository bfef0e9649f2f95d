"""Anyone, logged in or not, reports illegal content (EU DSA Art. 16) and gets a receipt;
the moderators see it in their queue."""

import html
import re

import pytest
from django.test import Client

from forum.moderation import services
from forum.moderation.models import IllegalContentReport, ModerationAction
from posts.services import post_comment

URL = "/report-illegal/"


def text_of(response):
    return html.unescape(response.content.decode())


def notice(post, **changes):
    data = {"url": f"http://testserver/posts/{post.slug}/", "law": "Medicines Act 1968 (UK)",
            "explanation": "It sells prescription-only medicine without a prescription.",
            "name": "", "email": "", "good_faith": "on"}
    data.update(changes)
    return data


def test_a_visitor_who_is_not_logged_in_reports_illegal_content_and_gets_a_receipt(
        client, post):
    response = client.post(URL, notice(post, name="Jo Reader", email="jo@example.org"),
                           follow=True)
    stored = IllegalContentReport.objects.get()
    page = text_of(response)
    assert response.status_code == 200
    assert f"Your reference: <strong>{stored.reference}</strong>" in page
    assert re.fullmatch(r"IC-[A-Z2-9]{8}", stored.reference)
    assert "We will write to jo@example.org" in page
    assert (stored.post, stored.comment, stored.reporter) == (post, None, None)
    assert (stored.name, stored.email, stored.good_faith) == ("Jo Reader", "jo@example.org",
                                                              True)


def test_a_report_may_be_anonymous(client, post):
    response = client.post(URL, notice(post), follow=True)
    assert "You gave no email address" in text_of(response)
    assert IllegalContentReport.objects.get().name == ""


def test_a_report_naming_a_comment_by_its_link_is_matched_to_it(client, post, other_member):
    comment = post_comment(author=other_member, post=post, body="Buy it from me")
    client.post(URL, notice(post, url=f"/comments/{comment.pk}/"))
    stored = IllegalContentReport.objects.get()
    assert (stored.post, stored.comment) == (post, comment)


def test_the_moderators_see_the_report_in_their_queue_and_hiding_the_post_closes_it(
        client, post, moderator):
    Client().post(URL, notice(post))
    client.force_login(moderator)
    queue = text_of(client.get("/moderation/"))
    stored = IllegalContentReport.objects.get()
    assert "Reports of illegal content (1)" in queue
    assert f"{stored.reference}: Medicines Act 1968 (UK)" in queue
    assert f'href="/moderation/items/{post.pk}/act/"' in queue
    action = services.hide(moderator=moderator, post=post, guideline="",
                           statement="Selling medicines is illegal.",
                           legal_ground="Medicines Act 1968 (UK)")
    assert (action.ground, action.source) == ("law", "notice")
    assert IllegalContentReport.objects.get().status == "actioned"
    assert "Reports of illegal content" not in text_of(client.get("/moderation/"))


def test_a_moderator_dismisses_a_report_of_illegal_content_on_the_record(client, post,
                                                                         moderator):
    Client().post(URL, notice(post, url="/pages/privacy/"))
    stored = IllegalContentReport.objects.get()
    assert stored.post is None
    client.force_login(moderator)
    client.post(f"/moderation/illegal/{stored.pk}/dismiss/", {"statement": "Our own page."})
    assert IllegalContentReport.objects.get().status == "dismissed"
    logged = ModerationAction.objects.get()
    assert (logged.kind, logged.actor) == ("dismiss", moderator)
    assert logged.statement == (f"Report of illegal content {stored.reference} dismissed. "
                                "Our own page.")


def test_only_moderators_dismiss_a_report_of_illegal_content(client, post, member):
    Client().post(URL, notice(post))
    stored = IllegalContentReport.objects.get()
    client.force_login(member)
    assert client.post(f"/moderation/illegal/{stored.pk}/dismiss/").status_code == 403
    assert IllegalContentReport.objects.get().status == "open"


def test_the_footer_of_every_page_links_to_the_illegal_content_form(client, post):
    for path in ("/", f"/posts/{post.slug}/", "/pages/privacy/"):
        assert '<a href="/report-illegal/">Report illegal content</a>' in text_of(
            client.get(path))


@pytest.mark.parametrize(("changes", "message"), [
    ({"explanation": "x" * 4001}, "Keep it under 4,000 characters."),
    ({"law": "L" * 301}, "Keep it under 300 characters"),
    ({"url": "/posts/" + "a" * 2100}, "That address is too long"),
    ({"url": "javascript:alert(1)"}, "Give the address of a page on Kindred"),
    ({"url": "https://elsewhere.example/posts/x/"}, "Give the address of a page on Kindred"),
    ({"url": "not an address"}, "Give the address of a page on Kindred"),
    ({"url": "http://[::1"}, "Give the address of a page on Kindred"),
    ({"url": ""}, "Give the address of the content."),
    ({"law": ""}, "Name the law"),
    ({"explanation": "  "}, "Explain why you believe it is illegal."),
    ({"good_faith": ""}, "made in good faith"),
    ({"email": "not-an-email"}, "Enter an email address like"),
    ({"name": "N" * 151}, "Keep it under 150 characters."),
])
def test_hostile_or_incomplete_reports_are_refused_with_the_words_kept_and_nothing_stored(
        client, post, changes, message):
    data = notice(post, **changes)
    response = client.post(URL, data)
    page = text_of(response)
    assert response.status_code == 400
    assert message in page
    assert "It sells prescription-only medicine" in page or "explanation" in changes
    assert not IllegalContentReport.objects.exists()


def test_the_illegal_content_form_needs_its_csrf_token(post):
    browser = Client(enforce_csrf_checks=True)
    assert browser.post(URL, notice(post)).status_code == 403
    assert not IllegalContentReport.objects.exists()


def test_reports_of_illegal_content_are_rate_limited_per_visitor_with_the_words_kept(
        client, post, settings):
    settings.KINDRED_RATE_LIMITS = True
    settings.KINDRED_RATE_LIMIT_RULES = {**settings.KINDRED_RATE_LIMIT_RULES,
                                         "illegal_content": (2, 3600)}
    for _ in range(2):
        assert client.post(URL, notice(post)).status_code == 302
    refused = client.post(URL, notice(post, explanation="A third, different report."))
    assert refused.status_code == 429
    assert "A third, different report." in text_of(refused)
    assert IllegalContentReport.objects.count() == 2
    assert Client().post(URL, notice(post)).status_code == 302  # another visitor


def test_a_receipt_is_shown_only_to_whoever_sent_the_report(client, post):
    response = client.post(URL, notice(post))
    assert client.get(response["Location"]).status_code == 200
    assert Client().get(response["Location"]).status_code == 404


def test_the_illegal_content_form_stays_within_its_query_budget(client, post, member,
                                                                 django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        assert client.get(URL).status_code == 200
    with django_assert_max_num_queries(12):  # savepoints included; the session is new
        assert client.post(URL, notice(post)).status_code == 302
    receipt = IllegalContentReport.objects.get().reference
    with django_assert_max_num_queries(2):  # the session, the report
        assert client.get(f"{URL}{receipt}/").status_code == 200
    client.force_login(member)
    with django_assert_max_num_queries(4):
        assert client.get(URL).status_code == 200


def test_whoever_reported_hears_by_email_that_a_moderator_acted(
        client, post, moderator, mailoutbox, django_capture_on_commit_callbacks):
    Client().post(URL, notice(post, name="Jo", email="jo@example.org"))
    reference = IllegalContentReport.objects.get().reference
    with django_capture_on_commit_callbacks(execute=True):
        services.remove(moderator=moderator, post=post, guideline="",
                        statement="Illegal sale.", legal_ground="Medicines Act 1968 (UK)")
    [email] = [sent for sent in mailoutbox if sent.to == ["jo@example.org"]]
    assert email.subject == f"Your report {reference} to Kindred"
    assert "acted on it: the content is no longer shown" in email.body


def test_whoever_reported_hears_by_email_that_nothing_was_taken_down(
        client, post, moderator, mailoutbox, django_capture_on_commit_callbacks):
    Client().post(URL, notice(post, email="jo@example.org"))
    stored = IllegalContentReport.objects.get()
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/moderation/illegal/{stored.pk}/dismiss/")
    [email] = mailoutbox
    assert "found nothing to take down: the content stays" in email.body


def test_an_anonymous_report_sends_no_email_when_it_is_closed(
        client, post, moderator, mailoutbox, django_capture_on_commit_callbacks):
    Client().post(URL, notice(post))
    with django_capture_on_commit_callbacks(execute=True):
        services.hide(moderator=moderator, post=post, guideline="no_selling",
                      statement="Selling.")
    # Only the author hears (of the decision about their post).
    assert [sent.to for sent in mailoutbox] == [[post.author.email]]
    assert IllegalContentReport.objects.get().status == "actioned"
