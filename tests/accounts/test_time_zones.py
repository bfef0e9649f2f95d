import re
from datetime import UTC, datetime

import pytest
from django.utils import timezone

from accounts.timezones import exact_time
from posts.services import post_comment

PROFILE = "/settings/profile/"


def save_profile(client, **fields):
    return client.post(PROFILE, {"bio": "I walk with a stick.", "ms_type": "",
                                 "diagnosis_year": "", **fields})


def exact_times(page):
    return re.findall(r'<time datetime="[^"]+" title="([^"]+)"', page)


def set_zone(client, user, zone):
    client.force_login(user)
    assert save_profile(client, time_zone=zone).status_code == 302
    user.refresh_from_db()
    assert user.time_zone == zone


def test_a_member_chooses_their_time_zone_and_it_defaults_to_utc(client, member):
    assert member.time_zone == ""
    set_zone(client, member, "Europe/Berlin")
    page = client.get(PROFILE).content.decode()
    assert '<option value="Europe/Berlin" selected>' in page
    assert 'data-fill-from-browser="time-zone"' in page


@pytest.mark.parametrize("zone", ["Mars/Olympus_Mons", "europe/berlin", "UTC+2", "localtime",
                                  "../../etc/passwd", "x" * 500])
def test_a_time_zone_not_in_the_iana_list_is_a_form_error_that_keeps_the_bio(client, member,
                                                                              zone):
    client.force_login(member)
    response = save_profile(client, time_zone=zone, bio="My words stay.")
    page = response.content.decode()
    assert response.status_code == 400
    assert "Choose a time zone from the list" in page and "My words stay." in page
    member.refresh_from_db()
    assert member.time_zone == "" and member.bio == ""


def test_two_members_in_different_zones_see_their_own_zone_on_the_same_story(
        client, member, other_member, post):
    post_comment(author=other_member, post=post, body="Cold showers help me.")
    set_zone(client, member, "America/New_York")
    set_zone(client, other_member, "Asia/Kolkata")
    client.force_login(member)
    new_york = exact_times(client.get(post.get_absolute_url()).content.decode())
    client.force_login(other_member)  # same story, the comment tree now cached
    kolkata = exact_times(client.get(post.get_absolute_url()).content.decode())
    assert new_york and all(t.endswith((" EST", " EDT")) for t in new_york)
    assert kolkata and all(t.endswith(" IST") for t in kolkata)
    client.logout()
    reader = exact_times(client.get(post.get_absolute_url()).content.decode())
    assert reader and all(t.endswith(" UTC") for t in reader)


def test_a_zone_without_an_abbreviation_shows_its_offset():
    moment = datetime(2026, 3, 3, 10, 0, tzinfo=UTC)
    with timezone.override("Asia/Dubai"):
        assert exact_time(moment) == "3 March 2026, 14:00 UTC+04:00"
    with timezone.override("Europe/Berlin"):
        assert exact_time(moment) == "3 March 2026, 11:00 CET"
    assert exact_time(moment) == "3 March 2026, 10:00 UTC"


def test_a_silenced_member_sees_until_when_in_their_zone(client, member):
    from datetime import timedelta

    from forum.moderation.services import silence
    from tests.factories import make_moderator

    set_zone(client, member, "Asia/Kolkata")
    silence(moderator=make_moderator(), member=member, days=1, guideline="be_gentle",
            statement="A pause.")
    member.refresh_from_db()
    page = client.get("/").content.decode()
    until = timezone.localtime(member.silenced_until, timezone.get_fixed_timezone(
        timedelta(hours=5, minutes=30)))
    assert f"paused your posting until {until:%-d %B %Y, %H:%M} IST" in page


def test_a_digest_says_since_when_in_the_members_zone(other_member, mailoutbox):
    from datetime import timedelta

    from django.core.management import call_command

    from tests.factories import make_post, make_user

    reader = make_user("reader", email_reply_to_post="digest", time_zone="Asia/Kolkata")
    last = datetime(2026, 3, 3, 10, 0, tzinfo=UTC)
    reader.last_digest_at = last
    reader.save(update_fields=["last_digest_at"])
    post_comment(author=other_member, post=make_post(reader), body="Hello")
    call_command("send_digests")
    (digest,) = mailoutbox
    assert "since your last digest (3 March 2026, 15:30 IST)" in digest.body
    assert "(3 March 2026, 15:30 IST)" in digest.alternatives[0][0]
    assert last + timedelta(days=1) < timezone.now()
