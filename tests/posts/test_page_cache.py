"""Anonymous readers are served from the cache, and never see a page older than the data.

Each test fetches a page as a reader (which stores it), changes something through the real
services, and fetches again: the change is there. The cache is LocMem here, cleared per test.
"""

import pytest
from django.core.cache import cache
from django.test import Client, override_settings

from forum.moderation import services as moderation
from posts.models import Symptom
from posts.services import (
    delete_comment,
    edit_comment,
    post_comment,
    set_poll,
    toggle_reaction,
    update_post,
    vote,
)
from tests.factories import make_post, make_user

LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                      "LOCATION": "page-cache-tests"}}


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.CACHES = LOCMEM
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def reader():
    return Client()


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def story(reader, post):
    return page(reader, post.get_absolute_url())


def moderate(moderator, kind, post, comment=None):
    """A moderator's verb by name (hide, remove, restore, lock…), with reasons where it
    takes them."""
    verb = getattr(moderation, kind)
    reasons = {"guideline": "be_gentle", "statement": "Please keep it kind."}
    if kind in ("restore", "unlock", "dismiss"):
        reasons.pop("guideline")
    return verb(moderator=moderator, post=post, comment=comment, **reasons)


def test_a_reader_sees_a_new_comment_on_the_next_visit(reader, post, other_member):
    assert "First to answer" not in story(reader, post)
    post_comment(author=other_member, post=post, body="First to answer")
    assert "First to answer" in story(reader, post)


def test_a_reader_sees_a_new_reply_on_the_next_visit(reader, post, other_member, member):
    parent = post_comment(author=other_member, post=post, body="A question back")
    story(reader, post)
    post_comment(author=member, post=post, body="My answer to that", parent=parent)
    assert "My answer to that" in story(reader, post)


def test_a_reader_sees_an_edited_comment_on_the_next_visit(reader, post, other_member):
    comment = post_comment(author=other_member, post=post, body="Befor the edit")
    assert "Befor the edit" in story(reader, post)
    edit_comment(editor=other_member, comment=comment, body="After the edit")
    content = story(reader, post)
    assert "After the edit" in content and "Befor the edit" not in content


@pytest.mark.parametrize("kind, tombstone", [("hide", "hidden by a moderator"),
                                             ("remove", "removed by a moderator")])
def test_a_hidden_or_removed_comment_disappears_for_the_next_reader(
        reader, post, other_member, member, moderator, kind, tombstone):
    comment = post_comment(author=other_member, post=post, body="Buy my miracle cure")
    post_comment(author=member, post=post, body="Please don't", parent=comment)
    assert "Buy my miracle cure" in story(reader, post)
    moderate(moderator, kind, post, comment)
    content = story(reader, post)
    assert "Buy my miracle cure" not in content and tombstone in content


def test_a_restored_comment_comes_back_for_the_next_reader(reader, post, other_member, moderator):
    comment = post_comment(author=other_member, post=post, body="Misread, it was fine")
    moderate(moderator, "hide", post, comment)
    assert "Misread, it was fine" not in story(reader, post)
    moderate(moderator, "restore", post, comment)
    assert "Misread, it was fine" in story(reader, post)


def test_a_deleted_comment_disappears_for_the_next_reader(reader, post, other_member):
    comment = post_comment(author=other_member, post=post, body="Said too much")
    assert "Said too much" in story(reader, post)
    delete_comment(actor=other_member, comment=comment)
    assert "Said too much" not in story(reader, post)


def test_a_reaction_count_shows_to_the_next_reader(reader, post, other_member):
    comment = post_comment(author=other_member, post=post, body="Heat makes it worse")
    assert "Sending a hug: 1" not in story(reader, post)
    toggle_reaction(user=post.author, post=post, comment=comment, kind="hug")
    assert "Sending a hug: 1" in story(reader, post)


def test_a_poll_vote_gives_the_next_reader_a_fresh_page(reader, post, member, other_member):
    """Readers see an open poll's question only (results once it closes): the vote must
    still retire the stored page, which a new ETag shows."""
    poll = set_poll(author=member, post=post, question="Worst time of day?",
                    choices=["Morning", "Evening"])
    before = reader.get(post.get_absolute_url())["ETag"]
    vote(user=other_member, poll=poll, choice_id=poll.choices.get(text="Evening").pk)
    assert reader.get(post.get_absolute_url())["ETag"] != before


def test_an_edited_post_shows_to_the_next_reader_of_the_story_and_home(reader, post, member):
    assert post.title in page(reader, "/")
    story(reader, post)
    update_post(editor=member, post=post, title="Mornings are better now", body="Update.",
                kind=post.kind, visibility=post.visibility)
    assert "Mornings are better now" in story(reader, post)
    assert "Mornings are better now" in page(reader, "/")


def test_a_new_post_shows_on_home_and_its_tag_page_for_the_next_reader(reader, other_member):
    hug = Symptom.objects.get(slug="ms-hug")
    home, tag_page, tags = page(reader, "/"), page(reader, "/tags/ms-hug/"), page(reader, "/tags/")
    make_post(other_member, title="Tight band around my ribs", symptoms=[hug])
    assert "Tight band around my ribs" in page(reader, "/") and "Tight band" not in home
    assert "Tight band around my ribs" in page(reader, "/tags/ms-hug/")
    assert "Tight band" not in tag_page
    assert page(reader, "/tags/") != tags  # the symptom's post count
    assert "Tight band around my ribs" in page(reader, "/feeds/latest/")


def test_a_hidden_post_leaves_home_and_its_page_for_the_next_reader(reader, post, moderator):
    assert post.title in page(reader, "/")
    story(reader, post)
    moderate(moderator, "hide", post)
    assert post.title not in page(reader, "/")
    assert reader.get(post.get_absolute_url()).status_code == 404


def test_a_locked_post_shows_as_locked_to_the_next_reader(reader, post, other_member, moderator):
    post_comment(author=other_member, post=post, body="Something to reply to")
    assert "Reply" in story(reader, post)
    moderate(moderator, "lock", post)
    assert ">Reply<" not in story(reader, post)


def test_a_cached_page_shows_a_reader_nothing_of_the_member_who_came_before(
        reader, client, post, other_member):
    client.force_login(other_member)
    assert "Log out" in page(client, post.get_absolute_url())
    content = story(reader, post)
    assert "Log out" not in content and other_member.username not in content
    assert "Log in" in content


def test_two_readers_never_share_a_csrf_token(post):
    first, second = Client(), Client()
    story(first, post)  # stores the page
    second_page = story(second, post)  # served from the cache
    token = second.cookies["csrftoken"].value
    assert first.cookies["csrftoken"].value != token
    assert "@@kindred-csrf-token@@" not in second_page
    accessibility_form = Client(enforce_csrf_checks=True)
    accessibility_form.cookies = second.cookies
    marker = 'name="csrfmiddlewaretoken" value="'
    sent = second_page.split(marker)[1].split('"')[0]
    response = accessibility_form.post("/settings/accessibility/", {
        "csrfmiddlewaretoken": sent, "text_size": "150", "font": "site", "next": "/"})
    assert response.status_code == 302


def test_a_readers_text_size_is_kept_on_a_cached_page(reader, post):
    story(Client(), post)  # stored with the default text size
    reader.cookies["kindred_a11y"] = "150:1:site:0:0"
    content = story(reader, post)
    assert 'class="text-150 contrast-high"' in content


def test_a_conditional_get_of_an_unchanged_page_is_answered_304(reader, post, other_member):
    first = reader.get(post.get_absolute_url())
    assert first["ETag"] and first["Last-Modified"] and "Cookie" in first["Vary"]
    again = reader.get(post.get_absolute_url(), headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    post_comment(author=other_member, post=post, body="Something new")
    changed = reader.get(post.get_absolute_url(), headers={"if-none-match": first["ETag"]})
    assert changed.status_code == 200 and "Something new" in changed.content.decode()


def test_readers_with_different_csrf_cookies_get_one_etag_and_a_304(reader, post):
    """The ETag names the page, not the reader: a conditional GET from anyone holding the
    unchanged page is answered 304 (the stored copy's token is the browser's own: the
    response varies on Cookie)."""
    first = reader.get(post.get_absolute_url())
    someone_else = Client()
    again = someone_else.get(post.get_absolute_url(), headers={"if-none-match": first["ETag"]})
    assert someone_else.cookies.get("csrftoken") is None or \
        someone_else.cookies["csrftoken"].value != reader.cookies["csrftoken"].value
    assert again.status_code == 304
    assert someone_else.get(post.get_absolute_url())["ETag"] == first["ETag"]


def test_a_changed_template_is_served_at_once_after_a_restart(reader, post, settings,
                                                             tmp_path):
    """Page keys carry the code version (a digest of the code's files, read at start-up):
    after a deploy the next anonymous GET is written by the new templates."""
    from posts.cache_versions import code_version

    original = (settings.BASE_DIR / "templates" / "includes" / "disclaimer.html").read_text()
    override = tmp_path / "includes" / "disclaimer.html"
    override.parent.mkdir()
    engine, *others = settings.TEMPLATES

    def start_server_with(marker):
        override.write_text(original + f"<!-- {marker} -->")
        templates = [{**engine, "DIRS": [tmp_path, *engine["DIRS"]]}, *others]
        settings.TEMPLATES = templates  # fresh template engines, as a restart has
        code_version.cache_clear()  # read once per process

    start_server_with("release one")
    assert "<!-- release one -->" in story(reader, post)
    assert "<!-- release one -->" in story(reader, post)  # served from the cache
    start_server_with("release two")
    page = story(reader, post)
    assert "<!-- release two -->" in page and "release one" not in page
    code_version.cache_clear()


@pytest.mark.parametrize("url", ["/", "/tags/", "/tags/ms-hug/", "/feeds/latest/",
                                 "/pages/community-guidelines/", "story"])
def test_a_cached_anonymous_page_costs_at_most_two_queries(
        reader, post, other_member, url, django_assert_max_num_queries):
    for number in range(5):
        post_comment(author=other_member, post=post, body=f"Comment {number}")
    url = post.get_absolute_url() if url == "story" else url
    page(reader, url)
    with django_assert_max_num_queries(2):
        page(reader, url)


def test_members_always_get_a_fresh_page_with_their_own_controls(client, post, other_member):
    mine = post_comment(author=other_member, post=post, body="My own words")
    story(Client(), post)
    client.force_login(other_member)
    content = page(client, post.get_absolute_url())
    assert f'href="/comments/{mine.pk}/edit/"' in content
    assert "no-cache" not in client.get(post.get_absolute_url()).get("Cache-Control", "")


def test_odd_query_strings_are_rendered_but_never_stored(reader, post):
    assert reader.get(post.get_absolute_url() + "?page=1").has_header("ETag")
    assert not reader.get(post.get_absolute_url() + "?utm=x").has_header("ETag")
    assert reader.get(post.get_absolute_url() + "?page=-1' or 1=1").status_code < 500


def test_a_dead_cache_still_serves_readers(reader, post, other_member):
    dead = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                        "LOCATION": "redis://127.0.0.1:9/0"}}  # nothing listens there
    with override_settings(CACHES=dead):
        post_comment(author=other_member, post=post, body="Written while the cache was down")
        assert "Written while the cache was down" in story(reader, post)


def test_a_member_sees_a_new_and_a_hidden_comment_on_their_next_visit(
        client, post, member, other_member, moderator):
    client.force_login(member)
    first = post_comment(author=other_member, post=post, body="Cooling vests help")
    assert "Cooling vests help" in page(client, post.get_absolute_url())  # tree stored
    post_comment(author=other_member, post=post, body="So does a fan at night")
    moderate(moderator, "hide", post, first)
    content = page(client, post.get_absolute_url())
    assert "So does a fan at night" in content and "Cooling vests help" not in content


def test_a_member_sees_their_own_comment_waiting_for_review_and_others_do_not(
        settings, client, post, member):
    settings.KINDRED_NEW_MEMBER_REVIEW = 2
    newcomer = make_user("newcomer")
    others = Client()
    others.force_login(member)
    page(others, post.get_absolute_url())  # the shared tree is stored
    post_comment(author=newcomer, post=post, body="My first words here")
    client.force_login(newcomer)
    assert "My first words here" in page(client, post.get_absolute_url())
    assert "My first words here" not in page(others, post.get_absolute_url())


def test_a_member_who_hides_their_profile_is_no_longer_linked_for_the_next_reader(
        reader, client, post, other_member):
    post_comment(author=other_member, post=post, body="Ice packs for the hug")
    assert f'href="/u/{other_member.username}/"' in story(reader, post)
    client.force_login(other_member)
    assert client.post("/settings/privacy/", {"profile_visibility": "hidden",
                                              "messages_from": "members"}).status_code == 302
    assert f'href="/u/{other_member.username}/"' not in story(reader, post)


def test_remembered_values_are_computed_once_and_every_time_when_the_cache_is_dead(caplog):
    from posts.cache_versions import remembered

    calls = []

    def compute():
        calls.append(1)
        return ["hug", "banding"]

    assert remembered("words-test", compute, 60, what="test") == ["hug", "banding"]
    assert remembered("words-test", compute, 60, what="test") == ["hug", "banding"]
    assert len(calls) == 1
    dead = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                        "LOCATION": "redis://127.0.0.1:9/0"}}  # nothing listens there
    with override_settings(CACHES=dead):
        assert remembered("words-test", compute, 60, what="test") == ["hug", "banding"]
        assert remembered("words-test", compute, 60, what="test") == ["hug", "banding"]
    assert len(calls) == 3
    assert "The test cache is unavailable" in caplog.text
