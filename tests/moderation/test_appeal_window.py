"""Appeals are open for six months after a decision (EU DSA Art. 20(1)), and refused after
with the reason, the member's words shown back."""

import html
from datetime import UTC, datetime, timedelta

from django.utils import timezone

from forum.moderation.models import Appeal, ModerationAction

from .conftest import act


def text_of(response):
    return html.unescape(response.content.decode())


def hidden_comment(client, post, reported, moderator):
    client.force_login(moderator)
    act(client, post, reported)
    return ModerationAction.objects.get()


def at(monkeypatch, moment):
    monkeypatch.setattr(timezone, "now", lambda: moment)


def test_an_appeal_after_six_months_is_refused_with_the_reason_and_the_words_kept(
        client, post, reported, seller, acting_moderator, monkeypatch):
    action = hidden_comment(client, post, reported, acting_moderator)
    at(monkeypatch, action.appeal_deadline + timedelta(minutes=1))
    client.force_login(seller)
    response = client.post(f"/moderation/decisions/{action.pk}/appeal/",
                           {"text": "I only said what helped me."})
    page = text_of(response)
    assert response.status_code == 409
    assert "Appeals are open for six months after a decision" in page
    assert f"ended on {action.appeal_deadline:%-d %B %Y}" in page
    assert ">I only said what helped me.</textarea>" in page
    assert "Send appeal" not in page
    assert not Appeal.objects.exists()


def test_an_appeal_on_the_last_moment_of_the_six_months_is_accepted(
        client, post, reported, seller, acting_moderator, monkeypatch):
    action = hidden_comment(client, post, reported, acting_moderator)
    at(monkeypatch, action.appeal_deadline)
    client.force_login(seller)
    response = client.post(f"/moderation/decisions/{action.pk}/appeal/",
                           {"text": "I only said what helped me."})
    assert response.status_code == 302
    assert Appeal.objects.get().text == "I only said what helped me."


def test_the_decision_page_says_until_when_an_appeal_is_open_and_then_that_it_closed(
        client, post, reported, seller, acting_moderator, monkeypatch):
    action = hidden_comment(client, post, reported, acting_moderator)
    client.force_login(seller)
    page = text_of(client.get(f"/moderation/decisions/{action.pk}/"))
    assert f"You can appeal until {action.appeal_deadline:%-d %B %Y}" in page
    at(monkeypatch, action.appeal_deadline + timedelta(days=1))
    client.force_login(seller)  # a session from six months ago has expired
    page = text_of(client.get(f"/moderation/decisions/{action.pk}/"))
    assert "the time to appeal this one ended on" in page
    assert "Send appeal" not in page


def test_six_months_after_the_end_of_august_ends_on_the_last_day_of_february():
    action = ModerationAction(kind="hide", created_at=datetime(2026, 8, 31, 9, 30, tzinfo=UTC))
    assert action.appeal_deadline == datetime(2027, 2, 28, 9, 30, tzinfo=UTC)
    action.created_at = datetime(2026, 3, 15, tzinfo=UTC)
    assert action.appeal_deadline == datetime(2026, 9, 15, tzinfo=UTC)
