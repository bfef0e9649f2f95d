from forum.moderation.models import Appeal, ModerationAction
from forum.notifications.models import Notification

from .conftest import act


def hide_and_appeal(client, post, comment, moderator, author):
    client.force_login(moderator)
    act(client, post, comment)
    action = ModerationAction.objects.get()
    client.force_login(author)
    response = client.post(f"/moderation/decisions/{action.pk}/appeal/",
                           {"text": "I was sharing what helped me, not selling."})
    return action, response


def decide(client, appeal, grant="grant", statement="You are right, restored."):
    return client.post("/moderation/appeals/", {"appeal": appeal.pk, "grant": grant,
                                                 "statement": statement})


def test_the_full_journey_report_hide_appeal_restore_log(client, post, reported, seller,
                                                         acting_moderator, second_moderator):
    action, response = hide_and_appeal(client, post, reported, acting_moderator, seller)
    assert response.status_code == 302
    appeal = Appeal.objects.get()
    client.force_login(acting_moderator)
    page = client.get("/moderation/appeals/").content.decode()
    assert "another moderator must decide" in page
    refused = decide(client, appeal)
    assert refused.status_code == 403
    assert Appeal.objects.get().status == "pending"
    client.force_login(second_moderator)
    assert decide(client, appeal).status_code == 302
    reported.refresh_from_db()
    assert reported.status == "visible" and Appeal.objects.get().status == "granted"
    kinds = list(ModerationAction.objects.order_by("id").values_list("kind", flat=True))
    assert kinds == ["hide", "appeal_granted"]
    outcome = Notification.objects.filter(recipient=seller, kind="moderation").order_by("id").last()
    assert outcome.action.kind == "appeal_granted"
    log = client.get("/moderation/log/").content.decode()
    assert "Granted an appeal" in log and "Hidden" in log


def test_a_denied_appeal_leaves_the_decision(client, post, reported, seller, acting_moderator,
                                             second_moderator):
    hide_and_appeal(client, post, reported, acting_moderator, seller)
    client.force_login(second_moderator)
    decide(client, Appeal.objects.get(), grant="deny", statement="It was an advert.")
    reported.refresh_from_db()
    assert reported.status == "hidden" and Appeal.objects.get().status == "denied"


def test_an_appeal_on_someone_elses_decision_is_refused(client, post, reported, seller,
                                                        acting_moderator, other_member):
    client.force_login(acting_moderator)
    act(client, post, reported)
    action = ModerationAction.objects.get()
    client.force_login(other_member)
    response = client.post(f"/moderation/decisions/{action.pk}/appeal/", {"text": "Unfair"})
    assert response.status_code == 403 and not Appeal.objects.exists()
    assert client.get(f"/moderation/decisions/{action.pk}/").status_code == 403


def test_appealing_twice_or_empty_is_refused(client, post, reported, seller, acting_moderator):
    action, _ = hide_and_appeal(client, post, reported, acting_moderator, seller)
    again = client.post(f"/moderation/decisions/{action.pk}/appeal/",
                        {"text": "Please look once more"})
    assert again.status_code == 409 and "already appealed" in again.content.decode()
    assert "Please look once more" in again.content.decode()
    Appeal.objects.all().delete()
    empty = client.post(f"/moderation/decisions/{action.pk}/appeal/", {"text": "   "})
    assert empty.status_code == 400 and not Appeal.objects.exists()


def test_a_granted_appeal_lifts_a_suspension(client, post, reported, seller, acting_moderator,
                                             second_moderator):
    client.force_login(acting_moderator)
    act(client, post, reported, kind="suspend", days="5")
    action = ModerationAction.objects.get()
    Appeal.objects.create(action=action, author=seller, text="Please reconsider")
    client.force_login(second_moderator)
    decide(client, Appeal.objects.get())
    seller.refresh_from_db()
    assert seller.suspended_until is None


def test_an_empty_decision_statement_is_refused(client, post, reported, seller,
                                                acting_moderator, second_moderator):
    hide_and_appeal(client, post, reported, acting_moderator, seller)
    client.force_login(second_moderator)
    assert decide(client, Appeal.objects.get(), statement="").status_code == 400
    assert Appeal.objects.get().status == "pending"


def test_a_refused_appeal_decision_shows_the_reason_and_keeps_the_moderators_statement(
        client, post, reported, seller, acting_moderator):
    hide_and_appeal(client, post, reported, acting_moderator, seller)
    client.force_login(acting_moderator)  # the moderator who decided cannot judge the appeal
    response = decide(client, Appeal.objects.get(), statement="I stand by what I decided.")
    page = response.content.decode()
    assert response.status_code == 403 and "That didn’t go through" in page
    assert "A different moderator must decide" in page
    assert "I stand by what I decided." in page
    assert Appeal.objects.get().status == "pending"
