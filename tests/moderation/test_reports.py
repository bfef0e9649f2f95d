import pytest

from forum.moderation.models import Report
from posts.services import post_comment
from tests.factories import hide


def report(client, comment, **data):
    return client.post(f"/comments/{comment.pk}/report/", {"reason": "selling", **data})


def test_a_member_reports_a_comment_and_is_thanked(client, other_member, selling_comment):
    client.force_login(other_member)
    page = client.get(f"/comments/{selling_comment.pk}/report/").content.decode()
    assert "I&#x27;m worried about this person (crisis or self-harm)" in page
    response = report(client, selling_comment)
    assert response.status_code == 200 and "Thank you for your report" in response.content.decode()
    stored = Report.objects.get()
    assert (stored.reporter, stored.comment, stored.reason) == (other_member, selling_comment,
                                                                "selling")


def test_a_member_reports_a_post(client, other_member, post):
    client.force_login(other_member)
    response = client.post(f"/posts/{post.slug}/report/", {"reason": "misinformation"})
    assert response.status_code == 200
    assert Report.objects.get().comment is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"reason": "boring"}, "Choose one of the reasons."),
        ({"reason": ""}, "Choose one of the reasons."),
        ({"reason": "other", "details": "  "}, "Please tell us a little about what is wrong."),
        ({"reason": "spam", "details": "x" * 2001}, "at most 2000 characters"),
    ],
)
def test_bad_reports_are_refused(client, other_member, selling_comment, data, message):
    client.force_login(other_member)
    response = client.post(f"/comments/{selling_comment.pk}/report/", data)
    assert response.status_code == 400 and message in response.content.decode()
    assert not Report.objects.exists()


def test_members_cannot_report_their_own_words(client, seller, selling_comment):
    client.force_login(seller)
    response = report(client, selling_comment)
    assert response.status_code == 403 and "your own words" in response.content.decode()
    assert not Report.objects.exists()


def test_one_open_report_per_member_per_item(client, other_member, selling_comment):
    client.force_login(other_member)
    report(client, selling_comment)
    second = report(client, selling_comment, reason="spam")
    assert second.status_code == 409 and "already reported" in second.content.decode()
    assert Report.objects.count() == 1


def test_readers_are_asked_to_log_in_to_report(client, selling_comment):
    response = report(client, selling_comment)
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    assert not Report.objects.exists()


def test_a_hidden_comment_cannot_be_reported(client, other_member, selling_comment):
    hide(selling_comment)
    client.force_login(other_member)
    assert report(client, selling_comment).status_code == 404


def test_reporting_is_rate_limited(client, other_member, member, settings):
    settings.KINDRED_RATE_LIMITS = True
    settings.KINDRED_RATE_LIMIT_RULES = {**settings.KINDRED_RATE_LIMIT_RULES, "report": (2, 3600)}
    from tests.factories import make_post

    comments = [post_comment(author=member, post=make_post(member), body=f"c{n}")
                for n in range(3)]
    client.force_login(other_member)
    assert [report(client, c).status_code for c in comments] == [200, 200, 429]
    assert Report.objects.count() == 2


def test_report_form_query_budget(client, other_member, selling_comment,
                                  django_assert_max_num_queries):
    client.force_login(other_member)
    with django_assert_max_num_queries(8):
        assert client.get(f"/comments/{selling_comment.pk}/report/").status_code == 200
