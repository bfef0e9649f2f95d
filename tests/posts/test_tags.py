import xml.etree.ElementTree as ET

import pytest

from accounts.models import User
from forum.notifications.models import Notification
from posts.models import Post, Symptom, TagFollow, TagSuggestion
from posts.services import set_follow
from tests.factories import make_post, make_user


@pytest.fixture
def hug(db):
    return Symptom.objects.get(slug="ms-hug")


def write(client, **data):
    payload = {"kind": "question", "title": "Tight band at night?", "body": "Anyone else?",
               "visibility": "public", "publish": "1"}
    payload.update(data)
    return client.post("/posts/new/", payload)


def test_the_curated_list_ships_with_at_least_twenty_ms_symptoms(db):
    names = set(Symptom.objects.filter(is_curated=True).values_list("name", flat=True))
    assert len(names) >= 20
    for name in ("MS hug", "Back spasticity", "Leg spasticity", "Spasms", "Fatigue",
                 "Numbness and tingling", "Trigeminal neuralgia", "Heat sensitivity", "Bladder",
                 "Bowel", "Balance and dizziness", "Vision", "Cognitive fog", "Tremor", "Sleep",
                 "Mood", "Walking and foot drop", "Pain"):
        assert name in names
    hug = Symptom.objects.get(name="MS hug")
    assert {"banding", "girdle sensation", "dysaesthesia"} <= set(
        hug.synonyms.values_list("name", flat=True))
    assert all(Symptom.objects.values_list("description", flat=True))


def test_a_member_tags_a_post_with_curated_symptoms(client, member, hug):
    fatigue = Symptom.objects.get(slug="fatigue")
    client.force_login(member)
    response = write(client, symptoms=[hug.pk, fatigue.pk])
    post = Post.objects.get()
    assert response.status_code == 302
    assert set(post.tags.all()) == {hug, fatigue}
    page = client.get(post.get_absolute_url()).content.decode()
    assert 'href="/tags/ms-hug/"' in page and 'href="/tags/fatigue/"' in page
    assert 'href="/tags/ms-hug/"' in client.get("/").content.decode()


def test_tags_are_case_insensitive(hug):
    post = make_post()
    post.tags.add("ms HUG")
    assert list(post.tags.all()) == [hug]


def test_tagging_with_an_unknown_or_unapproved_tag_is_refused(client, member):
    hidden = Symptom.objects.create(name="Not offered", slug="not-offered", is_curated=False)
    client.force_login(member)
    for value in (hidden.pk, 999_999, "abc"):
        response = write(client, symptoms=[value])
        assert response.status_code == 400
        assert "Choose symptoms from the list" in response.content.decode()
    assert not Post.objects.exists()


def test_too_many_tags_are_refused_with_a_message(client, member):
    client.force_login(member)
    everything = list(Symptom.objects.values_list("pk", flat=True))
    response = write(client, symptoms=everything)
    assert response.status_code == 400
    assert "Choose at most 8 symptoms" in response.content.decode()
    assert not Post.objects.exists()


def test_a_suggested_tag_waits_for_a_moderator(client, member, moderator):
    client.force_login(member)
    write(client, suggested_tag="Restless legs")
    suggestion = TagSuggestion.objects.get()
    post = Post.objects.get()
    assert suggestion.status == "pending" and not post.tags.exists()
    assert not Symptom.objects.filter(name="Restless legs").exists()
    assert client.get("/tags/suggestions/").status_code == 403
    client.force_login(moderator)
    assert "Restless legs" in client.get("/tags/suggestions/").content.decode()
    client.post("/tags/suggestions/", {"suggestion": suggestion.pk, "action": "approve",
                                        "description": "Legs that will not keep still."})
    tag = Symptom.objects.get(name="Restless legs")
    assert tag.is_curated and list(post.tags.all()) == [tag]
    assert TagSuggestion.objects.get().status == "approved"


def test_a_suggestion_can_be_merged_into_an_existing_tag_as_a_synonym(client, member,
                                                                      moderator, hug):
    client.force_login(member)
    write(client, suggested_tag="Rib squeeze")
    suggestion = TagSuggestion.objects.get()
    client.force_login(moderator)
    client.post("/tags/suggestions/", {"suggestion": suggestion.pk, "action": "merge",
                                        "into": hug.pk})
    assert list(Post.objects.get().tags.all()) == [hug]
    assert client.get("/tags/rib-squeeze/").url == "/tags/ms-hug/"


def test_a_declined_suggestion_changes_no_tags(client, member, moderator):
    client.force_login(member)
    write(client, suggested_tag="Miracle cure")
    client.force_login(moderator)
    client.post("/tags/suggestions/", {"suggestion": TagSuggestion.objects.get().pk,
                                        "action": "decline"})
    assert TagSuggestion.objects.get().status == "declined"
    assert not Symptom.objects.filter(name="Miracle cure").exists()


def test_the_tag_index_lists_tags_a_to_z_with_descriptions_and_counts(client, member, hug):
    make_post(member, symptoms=[hug])
    make_post(member, symptoms=[hug], visibility="members")
    content = client.get("/tags/").content.decode()
    assert content.index("Back spasticity") < content.index("MS hug") < content.index("Vision")
    assert hug.description in content
    section = content[content.index('href="/tags/ms-hug/"'):]
    assert "1 post<" in section[:section.index("</li>")]


def test_a_tag_page_shows_description_synonyms_followers_and_posts(client, member, hug,
                                                                    other_member):
    make_post(member, title="Banding after a hot bath", symptoms=[hug])
    set_follow(user=other_member, tag=hug, level="watching")
    content = client.get("/tags/ms-hug/").content.decode()
    assert "Banding after a hot bath" in content and "banding" in content
    assert "1 member follows this" in content
    assert "Log in to follow MS hug" in content


def test_a_synonym_slug_redirects_to_its_tag(client, hug):
    response = client.get("/tags/banding/")
    assert response.status_code == 301 and response.url == "/tags/ms-hug/"
    assert client.get("/tags/no-such-thing/").status_code == 404


@pytest.mark.parametrize("level", ["watching", "following", "muted"])
def test_following_a_tag_sets_the_level_and_is_idempotent(client, member, hug, level):
    client.force_login(member)
    for _ in range(2):
        response = client.post("/tags/ms-hug/follow/", {"level": level})
        assert response.status_code == 302
    assert TagFollow.objects.get(user=member, tag=hug).level == level
    client.post("/tags/ms-hug/follow/", {"level": "none"})
    assert not TagFollow.objects.exists()


def test_following_refuses_bad_input(client, member, hug):
    client.force_login(member)
    assert client.post("/tags/ms-hug/follow/", {"level": "obsessed"}).status_code == 400
    assert client.post("/tags/nothing/follow/", {"level": "watching"}).status_code == 404
    assert not TagFollow.objects.exists()


def test_readers_are_asked_to_log_in_to_follow(client, hug):
    response = client.post("/tags/ms-hug/follow/", {"level": "watching"})
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    assert client.get("/following/").url.startswith("/accounts/login/")


def test_home_puts_followed_tags_first_and_leaves_muted_ones_out(client, member, other_member,
                                                                   hug):
    bladder = Symptom.objects.get(slug="bladder")
    make_post(other_member, title="Hug story", symptoms=[hug])
    make_post(other_member, title="Bladder story", symptoms=[bladder])
    make_post(other_member, title="Untagged story")
    set_follow(user=member, tag=hug, level="following")
    set_follow(user=member, tag=bladder, level="muted")
    client.force_login(member)
    content = client.get("/").content.decode()
    assert "From symptoms you follow" in content
    assert content.index("Hug story") < content.index("Untagged story")
    assert "Bladder story" not in content
    following = client.get("/following/").content.decode()
    assert "Hug story" in following and "Untagged story" not in following


def test_the_follow_journey_reaches_following_notifications_and_email(
        client, member, other_member, hug, mailoutbox, django_capture_on_commit_callbacks):
    member.email_new_post = "immediate"
    member.save()
    client.force_login(member)
    client.post("/tags/ms-hug/follow/", {"level": "watching"})
    client.force_login(other_member)
    with django_capture_on_commit_callbacks(execute=True):
        write(client, title="Is this the MS hug?", symptoms=[hug.pk])
    client.force_login(member)
    assert "Is this the MS hug?" in client.get("/following/").content.decode()
    inbox = client.get("/notifications/").content.decode()
    assert "ash posted “Is this the MS hug?” in a symptom you watch" in inbox
    assert "1<span class=\"visually-hidden\"> unread" in inbox
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == ["rowan@example.org"] and "Is this the MS hug?" in email.subject
    assert email.alternatives[0].mimetype == "text/html"
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/notifications/unsubscribe/" in email.extra_headers["List-Unsubscribe"]


def test_notifying_ten_thousand_watchers_takes_the_same_queries_as_one(
        member, hug, django_assert_num_queries):
    counts = {}
    for watchers in (1, 10_000):
        TagFollow.objects.all().delete()
        users = User.objects.bulk_create([
            User(username=f"w{watchers}-{n}", email=f"w{watchers}-{n}@example.org")
            for n in range(watchers)
        ])
        TagFollow.objects.bulk_create([TagFollow(user=u, tag=hug, level="watching")
                                       for u in users])
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            make_post(member, symptoms=[hug])
        counts[watchers] = len(queries.captured_queries)
        assert Notification.objects.filter(kind="new_post").count() >= watchers
        Notification.objects.all().delete()
    assert counts[1] == counts[10_000]


def test_feeds_are_valid_xml_with_public_posts_and_the_disclaimer(client, member, hug):
    make_post(member, title="Public hug story", symptoms=[hug])
    make_post(member, title="Members hug story", symptoms=[hug], visibility="members")
    for url in ("/feeds/latest/", "/feeds/latest/atom/", "/tags/ms-hug/feed/",
                "/tags/ms-hug/feed/atom/"):
        response = client.get(url)
        assert response.status_code == 200
        root = ET.fromstring(response.content)
        text = response.content.decode()
        assert "Public hug story" in text and "Members hug story" not in text
        assert "paid for by an advertiser" in text
        assert root.tag in ("rss", "{http://www.w3.org/2005/Atom}feed")
    assert client.get("/tags/nothing/feed/").status_code == 404


@pytest.mark.parametrize(("url", "budget"), [
    ("/tags/", 5), ("/tags/ms-hug/", 11), ("/following/", 10), ("/feeds/latest/", 4),
    ("/tags/ms-hug/feed/", 5),
])
@pytest.mark.parametrize("posts", [1, 25])
def test_tag_pages_query_budgets_do_not_grow(client, member, hug, posts, url, budget,
                                             django_assert_max_num_queries):
    for _ in range(posts):
        make_post(member, symptoms=[hug, Symptom.objects.get(slug="fatigue")])
    for n in range(posts):
        set_follow(user=make_user(f"f{posts}-{n}"), tag=hug, level="following")
    client.force_login(member)
    set_follow(user=member, tag=hug, level="watching")
    with django_assert_max_num_queries(budget):
        assert client.get(url).status_code == 200, url
