"""Acting from the queue's cards: Hide and Remove beside Approve and Dismiss, the guideline
chosen on the card (the reports' reason preselected), through the same services as every
act; an incomplete submission comes back on the same card with the reason and the words; and
unreported items that trip the write-time checks arrive flagged with why."""

import re

import pytest

from forum.conversations.models import Message
from forum.moderation.models import ModerationAction, Report
from forum.notifications.models import Notification
from posts.models import Comment
from posts.services import post_comment
from tests.factories import make_user

QUEUE = "/moderation/"


def _cards(html):
    return re.findall(r'<article class="queue-item.*?</article>', html, re.S)


def _card_form(card):
    found = re.search(r'<form [^>]*class="stack card-act".*?</form>', card, re.S)
    assert found, "no Hide/Remove form on the card"
    return found.group(0)


def _selected(form, name):
    select = re.search(rf'<select [^>]*name="{name}".*?</select>', form, re.S).group(0)
    chosen = re.findall(r'<option value="([^"]*)" selected>', select)
    return chosen[0] if chosen else None


def card_act(client, comment, **data):
    payload = {"next": "queue", "on_card": "1", "kind": "hide", "guideline": "no_selling",
               "statement": "Selling is not allowed here."}
    payload.update(data)
    return client.post(f"/moderation/items/{comment.post_id}/{comment.pk}/act/", payload)


def test_each_card_has_hide_and_remove_with_the_reports_reason_preselected(
        client, reported, acting_moderator):
    client.force_login(acting_moderator)
    (card,) = _cards(client.get(QUEUE).content.decode())
    form = _card_form(card)
    assert re.search(r'<button type="submit" name="kind" value="hide">Hide<', form)
    assert re.search(r'<button type="submit" name="kind" value="remove"[^>]*>Remove<', form)
    assert _selected(form, "guideline") == "no_selling"  # the report said "selling"
    assert '<label for="card-guideline-1">Guideline it breaks</label>' in form
    assert 'value="dismiss"' in card  # still one click, beside them


@pytest.mark.parametrize(("kind", "status"), [("hide", "hidden"), ("remove", "removed")])
def test_hide_or_remove_from_a_card_is_logged_told_and_appealable(
        client, reported, seller, acting_moderator, kind, status, mailoutbox,
        django_capture_on_commit_callbacks):
    client.force_login(acting_moderator)
    with django_capture_on_commit_callbacks(execute=True):
        response = card_act(client, reported, kind=kind)
    assert response.status_code == 302 and response["Location"] == QUEUE
    reported.refresh_from_db()
    assert reported.status == status
    assert Report.objects.get().status == "actioned"
    action = ModerationAction.objects.get()
    assert (action.kind, action.member, action.guideline, action.statement) == (
        kind, seller, "no_selling", "Selling is not allowed here.")
    assert action.can_be_appealed
    assert Notification.objects.filter(recipient=seller, action=action).exists()
    assert [m.to for m in mailoutbox] == [["cure_seller@example.org"]]
    assert _cards(client.get(QUEUE).content.decode()) == []


def test_a_card_without_a_guideline_comes_back_on_the_queue_with_the_words_kept(
        client, reported, acting_moderator):
    client.force_login(acting_moderator)
    response = card_act(client, reported, guideline="",
                        statement="Your comment <sells> a cure we can't vouch for.")
    assert response.status_code == 400
    assert [t.name for t in response.templates][0] == "moderation/queue.html"
    page = response.content.decode()
    (card,) = _cards(page)
    form = _card_form(card)
    assert "Choose the guideline this action is based on." in form
    assert ("Your comment &lt;sells&gt; a cure we can&#x27;t vouch for.</textarea>" in form)
    assert 'href="#card-1"' in page  # the summary at the top leads to the card
    reported.refresh_from_db()
    assert reported.status == "visible" and not ModerationAction.objects.exists()


def test_a_card_without_a_statement_keeps_the_chosen_guideline(client, reported,
                                                               acting_moderator):
    client.force_login(acting_moderator)
    response = card_act(client, reported, guideline="no_spam", statement="  ")
    assert response.status_code == 400
    form = _card_form(_cards(response.content.decode())[0])
    assert "Write a statement of reasons" in form
    assert _selected(form, "guideline") == "no_spam"
    assert not ModerationAction.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"guideline": "because-i-said-so"}, "Select a valid choice"),
        ({"kind": ""}, "Choose an action."),
        ({"kind": "obliterate"}, "Select a valid choice"),
        ({"statement": "x" * 4001}, "at most 4000 characters"),
        ({"kind": "lock"}, "Only a post can be locked."),
    ],
)
def test_hostile_card_submissions_come_back_on_the_queue_and_change_nothing(
        client, reported, acting_moderator, data, message):
    client.force_login(acting_moderator)
    response = card_act(client, reported, **data)
    assert response.status_code == 400 and message in response.content.decode()
    reported.refresh_from_db()
    assert reported.status == "visible" and not ModerationAction.objects.exists()


@pytest.mark.parametrize("url", [
    "/moderation/items/999999/1/act/",
    "/moderation/items/{post}/999999/act/",
    "/moderation/items/99999999999999999999/act/",
    "/moderation/messages/999999/act/",
])
def test_a_card_naming_something_that_does_not_exist_is_a_404(client, reported,
                                                                acting_moderator, url):
    client.force_login(acting_moderator)
    response = client.post(url.format(post=reported.post_id),
                           {"next": "queue", "on_card": "1", "kind": "hide",
                            "guideline": "no_spam", "statement": "Spam."})
    assert response.status_code == 404
    assert not ModerationAction.objects.exists()


def test_a_private_messages_card_offers_hide_but_not_remove_and_refuses_remove(
        client, member, other_member, acting_moderator):
    from tests.moderation.messaging import converse, report

    _, (message,) = converse(member, other_member, "Buy my miracle cure, only $99!")
    report(message, by=other_member, reason="selling")
    client.force_login(acting_moderator)
    form = _card_form(_cards(client.get(QUEUE).content.decode())[0])
    assert 'value="hide"' in form and 'value="remove"' not in form
    response = client.post(f"/moderation/messages/{message.pk}/act/",
                           {"next": "queue", "on_card": "1", "kind": "remove",
                            "guideline": "no_selling", "statement": "No selling."})
    assert response.status_code == 400
    assert "moderation/queue.html" in [t.name for t in response.templates]
    assert Message.objects.get(pk=message.pk).is_visible
    assert not ModerationAction.objects.exists()


def test_labels_name_only_what_each_form_offers(client, reported, acting_moderator):
    client.force_login(acting_moderator)
    page = client.get(QUEUE).content.decode()
    assert "for hide, remove, lock" not in page
    other = page.split('<details class="other-actions">')[1]
    labels = " ".join(re.findall(r"<label [^>]*>(.*?)</label>", other))
    help_texts = " ".join(re.findall(r'<p class="help"[^>]*>(.*?)</p>', other))
    assert "lock" not in (labels + help_texts).lower()  # a comment cannot be locked
    item = client.get(f"/moderation/items/{reported.post_id}/{reported.pk}/act/")
    assert "unlock" not in " ".join(re.findall(r'<p class="help"[^>]*>(.*?)</p>',
                                               item.content.decode()))


def test_an_unreported_selling_comment_from_a_new_member_arrives_flagged_with_why(
        client, settings, post, acting_moderator):
    settings.KINDRED_NEW_MEMBER_REVIEW = 2
    newcomer = make_user("protocol_pusher")
    comment = post_comment(author=newcomer, post=post,
                           body="Stop your DMT, try my protocol, code KIND10 at example.shop")
    assert comment.status == Comment.Status.PENDING and not comment.reports.exists()
    client.force_login(acting_moderator)
    (card,) = _cards(client.get(QUEUE).content.decode())
    flags = re.search(r'<ul class="flags"[^>]*>(.*?)</ul>', card, re.S).group(1)
    assert "Looks like selling: “code KIND10”" in flags
    assert "Contains a link" in flags
    assert 'value="approve"' in card
    assert _selected(_card_form(card), "guideline") == "no_selling"


@pytest.mark.parametrize(("body", "flag"), [
    ("Ring me on 07700 900123 any time", "May contain personal information"),
    ("My notes are at www.example.org/notes if useful", "Contains a link"),
    ("I use code KIND10 for 20% off", "Looks like selling"),
])
def test_unreported_items_that_trip_a_check_say_why(client, settings, post, acting_moderator,
                                                     body, flag):
    settings.KINDRED_NEW_MEMBER_REVIEW = 2
    settings.KINDRED_NEW_MEMBER_LINKS = 1  # a site that lets a newcomer's one link wait
    post_comment(author=make_user("newcomer"), post=post, body=body,
                 confirm_personal_info=True)
    client.force_login(acting_moderator)
    (card,) = _cards(client.get(QUEUE).content.decode())
    assert flag in card


def test_an_ordinary_new_members_comment_carries_no_flag(client, settings, post,
                                                           acting_moderator):
    settings.KINDRED_NEW_MEMBER_REVIEW = 2
    post_comment(author=make_user("newcomer"), post=post,
                 body="Hello all, diagnosed last spring. The code of conduct is kind.")
    client.force_login(acting_moderator)
    (card,) = _cards(client.get(QUEUE).content.decode())
    assert 'class="flags"' not in card


def test_a_card_acted_on_by_someone_else_meanwhile_says_so_on_the_queue(
        client, settings, post, acting_moderator, second_moderator):
    from tests.factories import approve

    settings.KINDRED_NEW_MEMBER_REVIEW = 2
    comment = post_comment(author=make_user("newcomer"), post=post, body="Hello everyone")
    approve(comment, by=second_moderator)  # while the first moderator's page was open
    client.force_login(acting_moderator)
    response = card_act(client, comment, kind="approve", on_card="")
    assert response.status_code == 409
    page = response.content.decode()
    assert "Only what waits for review can be approved" in page
    assert _cards(page) == []  # nothing left to show it on: the summary says it
    assert ModerationAction.objects.filter(kind="approve").count() == 1


@pytest.mark.parametrize("items", [2, 25])
def test_a_refused_card_comes_back_within_a_fixed_query_budget(
        client, post, member, acting_moderator, items, django_assert_max_num_queries):
    from forum.moderation.reports import file_report

    reporter = make_user("reporter")
    comments = [post_comment(author=member, post=post, body=f"item {n}") for n in range(items)]
    for comment in comments:
        file_report(reporter=reporter, post=post, comment=comment, reason="spam")
    client.force_login(acting_moderator)
    # The queue page (13 at most, the open reports of illegal content included) plus the
    # act's own reads (the item, its reports): 18.
    with django_assert_max_num_queries(18):
        response = card_act(client, comments[-1], guideline="")
    assert response.status_code == 400
    assert "Choose the guideline" in response.content.decode()
