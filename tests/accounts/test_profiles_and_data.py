import io
import json
import os
import subprocess
import sys
import zipfile

import pytest
from django.conf import settings as django_settings
from django.contrib.sessions.models import Session
from django.core import serializers
from django.test import Client

from accounts.models import User
from forum.members import data
from forum.moderation.reports import file_report
from posts.models import Comment, Post
from posts.services import post_comment, set_follow
from tests.factories import PASSWORD, make_post


def test_a_public_profile_shows_handle_bio_and_contributions(client, member, post):
    member.bio = "Diagnosed young, still cycling."
    member.save()
    post_comment(author=member, post=post, body="A comment of mine")
    page = client.get("/u/rowan/").content.decode()
    assert "<h1>rowan</h1>" in page and "still cycling" in page and "Member since" in page
    assert post.title in page and "A comment of mine" in page


def test_health_details_are_private_until_shown(client, member):
    member.diagnosis_year, member.ms_type = 2015, "rrms"
    member.save()
    assert "2015" not in client.get("/u/rowan/").content.decode()
    member.show_health_details = True
    member.save()
    assert "Relapsing-remitting, diagnosed in 2015" in client.get("/u/rowan/").content.decode()


def test_a_members_only_profile_asks_readers_to_log_in(client, member, other_member):
    member.profile_visibility = "members"
    member.save()
    response = client.get("/u/rowan/")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    client.force_login(other_member)
    assert client.get("/u/rowan/").status_code == 200


def test_a_hidden_profile_is_404_and_only_the_handle_shows_by_content(client, member,
                                                                      other_member, post):
    member.profile_visibility = "hidden"
    member.save()
    post_comment(author=member, post=post, body="Quietly here")
    client.force_login(other_member)
    assert client.get("/u/rowan/").status_code == 404
    page = client.get(post.get_absolute_url()).content.decode()
    assert "rowan" in page and 'href="/u/rowan/"' not in page
    client.force_login(member)
    assert client.get("/u/ROWAN/").status_code == 200


def test_visible_authors_are_linked_to_their_profile(client, member, post):
    post_comment(author=member, post=post, body="Linked")
    page = client.get(post.get_absolute_url()).content.decode()
    assert page.count('href="/u/rowan/"') >= 2  # the post's byline and the comment


def test_profile_settings_save_and_refuse_bad_input(client, member):
    client.force_login(member)
    ok = client.post("/settings/profile/", {"bio": "Hello", "diagnosis_year": "2010",
                                            "ms_type": "ppms"})
    assert ok.status_code == 302
    member.refresh_from_db()
    assert (member.bio, member.diagnosis_year, member.show_health_details) == (
        "Hello", 2010, False)
    for bad in ({"bio": "x" * 2001}, {"diagnosis_year": "3000"}, {"ms_type": "ms-x"},
                {"bio": "nul\x00"}):
        response = client.post("/settings/profile/", bad)
        assert response.status_code == 400
    member.refresh_from_db()
    assert member.bio == "Hello"


def test_privacy_setting_saves_and_refuses_bad_values(client, member):
    client.force_login(member)
    chosen = {"profile_visibility": "hidden", "messages_from": "known"}
    assert client.post("/settings/privacy/", chosen).status_code == 302
    assert client.post("/settings/privacy/", {**chosen, "profile_visibility": "secret"}
                       ).status_code == 400
    assert client.post("/settings/privacy/", {**chosen, "messages_from": "all"}
                       ).status_code == 400
    member.refresh_from_db()
    assert (member.profile_visibility, member.messages_from) == ("hidden", "known")


def test_settings_pages_need_a_login(client, db):
    for url in ("/settings/", "/settings/profile/", "/settings/privacy/", "/settings/export/",
                "/settings/delete/", "/settings/notifications/"):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith("/accounts/login/")


@pytest.mark.parametrize("url", ["/settings/", "/settings/profile/", "/settings/privacy/",
                                 "/settings/export/", "/settings/delete/", "/u/rowan/",
                                 "/accounts/email/", "/accounts/password/change/"])
def test_account_pages_query_budgets(client, member, post, url, django_assert_max_num_queries):
    client.force_login(member)
    with django_assert_max_num_queries(10):
        assert client.get(url).status_code == 200


def test_members_only_posts_stay_out_of_feeds_and_sitemaps_and_are_noindex(client, member):
    secret = make_post(member, title="Just between us", visibility="members")
    public = make_post(member, title="For everyone")
    sitemap = client.get("/sitemap.xml").content.decode()
    assert public.slug in sitemap and secret.slug not in sitemap
    assert "Just between us" not in client.get("/feeds/latest/").content.decode()
    client.force_login(member)
    page = client.get(secret.get_absolute_url()).content.decode()
    assert '<meta name="robots" content="noindex">' in page


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        ("Email me at jo.bloggs@example.com", "an email address"),
        ("Call me on 07700 900123 any time", "a phone number"),
        ("Ring +1 (555) 010-4477", "a phone number"),
        ("I live at 42 Marigold Lane, come by", "a street address"),
    ],
)
def test_personal_details_in_a_post_are_confirmed_before_publishing(client, member, body,
                                                                    kind):
    client.force_login(member)
    payload = {"kind": "story", "title": "Hi", "body": body, "visibility": "public",
               "publish": "1"}
    response = client.post("/posts/new/", payload)
    assert response.status_code == 200
    content = response.content.decode()
    assert kind in content and "Before you share this" in content
    assert not Post.objects.exists()
    confirmed = client.post("/posts/new/", {**payload, "confirm_personal_info": "on"})
    assert confirmed.status_code == 302 and Post.objects.get().body == body


def test_personal_details_in_a_comment_are_confirmed_too(client, member, post):
    client.force_login(member)
    url = f"/posts/{post.slug}/comments/"
    response = client.post(url, {"body": "Text me: 07700 900123"})
    assert "Before you share this" in response.content.decode()
    assert not Comment.objects.exists()
    client.post(url, {"body": "Text me: 07700 900123", "confirm_personal_info": "on"})
    assert Comment.objects.count() == 1


@pytest.mark.parametrize("body", [
    "Diagnosed in 2019, relapse in 2021.", "I take 20 mg twice a day", "@ash thanks!",
    "My EDSS went from 3.5 to 4.0 over 2 years", "See https://www.mssociety.org.uk/about",
])
def test_ordinary_words_are_not_taken_for_personal_details(member, post, body):
    post_comment(author=member, post=post, body=body)
    assert Comment.objects.count() == 1


def test_export_holds_everything_of_mine_and_nothing_of_others(client, member, other_member,
                                                               post, other_post):
    from posts.models import Symptom

    post_comment(author=member, post=other_post, body="My comment")
    post_comment(author=other_member, post=post, body="Their comment")
    set_follow(user=member, tag=Symptom.objects.get(slug="fatigue"), level="following")
    theirs = post_comment(author=other_member, post=other_post, body="Selling stuff")
    file_report(reporter=member, post=other_post, comment=theirs, reason="spam")
    client.force_login(member)
    assert "Download my data" in client.get("/settings/export/").content.decode()
    response = client.post("/settings/export/")
    assert response["Content-Type"] == "application/json"
    assert "attachment;" in response["Content-Disposition"]
    exported = json.loads(response.content)
    assert exported["profile"]["username"] == "rowan"
    assert exported["profile"]["email_reply_to_post"] == "immediate"
    assert [p["title"] for p in exported["posts"]] == [post.title]
    assert [c["body"] for c in exported["comments"]] == ["My comment"]
    assert exported["follows"][0]["tag__name"] == "Fatigue"
    assert exported["reports_filed"][0]["reason"] == "spam"
    text = response.content.decode()
    assert "Their comment" not in text and "ash@example.org" not in text


def test_a_large_export_comes_zipped(client, member, monkeypatch):
    monkeypatch.setattr(data, "ZIP_ABOVE_BYTES", 10)
    make_post(member)
    client.force_login(member)
    response = client.post("/settings/export/")
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    (name,) = archive.namelist()
    assert json.loads(archive.read(name))["profile"]["username"] == "rowan"


def everything_in_the_database():
    from django.apps import apps

    models = [m for m in apps.get_models() if m._meta.app_label not in {"contenttypes", "auth"}
              and m.__name__ != "Session"]
    return serializers.serialize("json", [obj for m in models for obj in m._default_manager.all()])


def test_deleting_with_the_wrong_password_changes_nothing(client, member):
    client.force_login(member)
    response = client.post("/settings/delete/", {"mode": "anonymise", "password": "nope"})
    assert response.status_code == 403 and "password is not right" in response.content.decode()
    assert User.objects.filter(pk=member.pk).exists()
    assert client.post("/settings/delete/", {"password": PASSWORD}).status_code == 400
    assert User.objects.filter(pk=member.pk).exists()


def test_anonymising_keeps_the_threads_readable_and_nothing_personal(member, other_member,
                                                                     post):
    member.bio = "A very personal bio"
    member.save()
    mine = post_comment(author=member, post=post, body="Words I leave behind")
    post_comment(author=other_member, post=post, body="@rowan thank you", parent=mine)
    device_a, device_b = Client(), Client()
    device_a.post("/accounts/login/", {"login": "rowan", "password": PASSWORD})
    device_b.post("/accounts/login/", {"login": "rowan", "password": PASSWORD})
    response = device_a.post("/settings/delete/", {"mode": "anonymise", "password": PASSWORD})
    assert response.status_code == 302
    assert not User.objects.filter(username="rowan").exists()
    assert not device_b.get("/").context["user"].is_authenticated
    page = device_a.get(post.get_absolute_url()).content.decode()
    assert "Words I leave behind" in page and "former member" in page
    dump = everything_in_the_database()
    assert "rowan@example.org" not in dump and "A very personal bio" not in dump
    assert '"rowan"' not in dump and "by rowan" not in dump
    assert not [s for s in Session.objects.all()
                if s.get_decoded().get("_auth_user_id") == str(member.pk)]


def test_deleting_everything_removes_posts_and_leaves_tombstones(client, member, other_member,
                                                                 other_post):
    own_post = make_post(member, title="My own story")
    answered = post_comment(author=member, post=other_post, body="Answered one")
    post_comment(author=other_member, post=other_post, body="A reply", parent=answered)
    post_comment(author=member, post=other_post, body="Lonely one")
    client.force_login(member)
    client.post("/settings/delete/", {"mode": "delete", "password": PASSWORD})
    assert not Post.objects.filter(pk=own_post.pk).exists()
    answered.refresh_from_db()
    assert answered.status == "deleted" and answered.body == ""
    assert not Comment.objects.filter(body="Lonely one").exists()
    other_post.refresh_from_db()
    assert other_post.comment_count == 1
    assert "Comment deleted by its author." in client.get(
        other_post.get_absolute_url()).content.decode()


@pytest.mark.parametrize("size", ["100", "125", "150", "175", "200"])
def test_five_text_sizes_up_to_200_percent(client, db, size):
    client.post("/settings/accessibility/", {"text_size": size})
    assert f'class="text-{size}' in client.get("/").content.decode()


def test_font_spacing_and_motion_preferences_apply_as_classes(client, member):
    client.force_login(member)
    client.post("/settings/accessibility/", {"text_size": "125", "font": "dyslexic",
                                             "wide_spacing": "on", "reduced_motion": "on"})
    member.refresh_from_db()
    assert member.font == "dyslexic" and member.wide_spacing and member.reduced_motion
    html = client.get("/").content.decode()
    assert 'class="text-125 font-dyslexic spacing-wide motion-reduced"' in html
    assert client.post("/settings/accessibility/", {"text_size": "125",
                                                    "font": "comic"}).status_code == 400


def test_the_header_tools_keep_the_other_preferences(client, member):
    client.force_login(member)
    client.post("/settings/accessibility/", {"text_size": "100", "font": "plain",
                                             "reduced_motion": "on"})
    header = client.get("/").content.decode()
    assert '<input type="hidden" name="font" value="plain">' in header
    client.post("/settings/accessibility/", {"text_size": "150", "font": "plain",
                                             "reduced_motion": "on", "theme": "contrast"})
    member.refresh_from_db()
    assert (member.text_size, member.font, member.reduced_motion, member.theme) == (
        150, "plain", True, "contrast")


def test_the_shipped_fonts_and_their_licences_are_served(client, db):
    from django.contrib.staticfiles import finders

    for name in ("atkinson-hyperlegible-latin-400-normal.woff2",
                 "opendyslexic-latin-400-normal.woff2", "OpenDyslexic-OFL.txt",
                 "AtkinsonHyperlegible-OFL.txt"):
        assert finders.find(f"fonts/{name}"), name


def test_production_requires_email_verification():
    env = {**os.environ, "DEBUG": "0", "SECRET_KEY": "k" * 50,
           "DJANGO_SETTINGS_MODULE": "forum.settings"}
    env.pop("KINDRED_EMAIL_VERIFICATION", None)
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); from django.conf import "
                               "settings; print(settings.ACCOUNT_EMAIL_VERIFICATION)"],
        cwd=django_settings.BASE_DIR, env=env, capture_output=True, text=True)
    assert result.stdout.strip() == "mandatory", result.stderr


def test_login_offers_remember_me_and_the_account_pages_use_the_layout(client, member):
    assert 'name="remember"' in client.get("/accounts/login/").content.decode()
    client.force_login(member)
    for url in ("/accounts/email/", "/accounts/password/change/"):
        page = client.get(url).content.decode()
        assert "Skip to content" in page and page.count("<h1") == 1
