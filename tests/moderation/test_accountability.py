"""Everything a moderator does is on the record: logged, told, appealable where it is a
sanction, and never done around the services (edit pages, the Django admin)."""

import pytest

from forum.moderation.models import Appeal, ModerationAction
from forum.notifications.models import Notification
from posts.models import Comment
from posts.services import post_comment
from tests.factories import make_post, make_user

from .conftest import act


def decide(client, appeal, grant="grant", statement="You are right."):
    return client.post("/moderation/appeals/", {"appeal": appeal.pk, "grant": grant,
                                                 "statement": statement})


def appeal_of(client, author, action, text="Please look again."):
    client.force_login(author)
    return client.post(f"/moderation/decisions/{action.pk}/appeal/", {"text": text})


# Item 6: no edits or deletes of someone else's words outside moderation.

def test_a_moderator_cannot_edit_or_delete_a_members_post_and_is_sent_to_moderate_it(
        client, moderator, post):
    client.force_login(moderator)
    for page in ("edit", "delete"):
        assert client.get(f"/posts/{post.slug}/{page}/").status_code == 403
    response = client.post(f"/posts/{post.slug}/edit/", {
        "kind": "story", "title": "Rewritten", "body": "Rewritten by a moderator",
        "visibility": "public", "publish": "1"})
    assert response.status_code == 403
    assert client.post(f"/posts/{post.slug}/delete/").status_code == 403
    post.refresh_from_db()
    assert post.title == "Back spasticity in the mornings" and post.status == "published"
    page = client.get(post.get_absolute_url()).content.decode()
    assert f'href="/posts/{post.slug}/edit/"' not in page
    assert f'href="/moderation/items/{post.pk}/act/"' in page


def test_a_moderator_sees_moderate_on_someone_elses_comment_not_edit(client, moderator, post,
                                                                     other_member):
    comment = post_comment(author=other_member, post=post, body="Something to moderate")
    client.force_login(moderator)
    page = client.get(post.get_absolute_url()).content.decode()
    assert f'href="/moderation/items/{post.pk}/{comment.pk}/act/"' in page
    assert f'href="/comments/{comment.pk}/edit/"' not in page
    assert client.post(f"/comments/{comment.pk}/edit/", {"body": "x"}).status_code == 403


def test_the_moderate_page_shows_the_item_and_its_form_and_acting_there_is_logged(
        client, moderator, post, member):
    client.force_login(moderator)
    page = client.get(f"/moderation/items/{post.pk}/act/")
    assert page.status_code == 200
    content = page.content.decode()
    assert "Back spasticity in the mornings" in content and 'name="statement"' in content
    response = act(client, post, kind="remove", guideline="experience",
                   statement="Dangerous advice.")
    assert response.status_code == 302
    action = ModerationAction.objects.get()
    assert action.kind == "remove" and action.member == member
    assert Notification.objects.filter(recipient=member, action=action).exists()


def test_members_see_no_moderate_link(client, other_member, post):
    client.force_login(other_member)
    assert "/moderation/items/" not in client.get(post.get_absolute_url()).content.decode()
    assert client.get(f"/moderation/items/{post.pk}/act/").status_code == 403


def test_the_admin_cannot_change_a_posts_words_status_or_author(admin_client, post):
    page = admin_client.get(f"/admin/posts/post/{post.pk}/change/").content.decode()
    assert "go through moderation" in page
    for field in ("body", "status", "is_locked", "author"):
        assert f'name="{field}"' not in page
    admin_client.post(f"/admin/posts/post/{post.pk}/change/", {
        "title": post.title, "body": "Rewritten in the admin", "status": "removed",
        "is_locked": "on", "kind": post.kind, "visibility": post.visibility, "slug": post.slug})
    post.refresh_from_db()
    assert post.body == "Does anyone else wake up *stiff*?"
    assert post.status == "published" and not post.is_locked


# Item 7: an appeal is decided by nobody involved in it.

def test_a_moderator_cannot_decide_an_appeal_about_their_own_post(client, post, member,
                                                                  acting_moderator):
    own = make_post(make_user("mod_author", moderator=True), title="A moderator's story")
    client.force_login(acting_moderator)
    act(client, own, kind="hide", guideline="be_gentle", statement="Too heated.")
    action = ModerationAction.objects.get()
    author = own.author
    assert appeal_of(client, author, action).status_code == 302
    client.force_login(author)
    page = client.get("/moderation/appeals/").content.decode()
    assert "about your own words" in page and 'name="grant"' not in page
    response = decide(client, Appeal.objects.get(), statement="My own careful reasons")
    content = response.content.decode()
    assert response.status_code == 403 and "your own" in content
    assert "My own careful reasons" in content
    assert Appeal.objects.get().status == "pending"
    own.refresh_from_db()
    assert own.status == "hidden"


# Item 8: an appeal undoes only its own action, never one a later action replaced.

def test_granting_an_appeal_against_an_old_hide_does_not_republish_a_removed_post(
        client, post, member, acting_moderator, second_moderator):
    client.force_login(acting_moderator)
    act(client, post, kind="hide", guideline="experience", statement="Check this.")
    hide = ModerationAction.objects.get()
    assert appeal_of(client, member, hide).status_code == 302
    client.force_login(acting_moderator)
    act(client, post, kind="remove", guideline="experience", statement="Removed after all.")
    client.force_login(second_moderator)
    response = decide(client, Appeal.objects.get())
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.status == "removed"
    assert Appeal.objects.get().status == "granted"
    granted = ModerationAction.objects.get(kind="appeal_granted")
    client.force_login(member)
    page = client.get(f"/moderation/decisions/{granted.pk}/").content.decode()
    assert "a later decision still applies" in page


# Item 9: comment id 0 is not "the whole post".

def test_acting_on_comment_zero_is_404_and_leaves_the_post_alone(client, post,
                                                                 acting_moderator):
    client.force_login(acting_moderator)
    response = client.post(f"/moderation/items/{post.pk}/0/act/", {
        "kind": "remove", "guideline": "no_spam", "statement": "Spam."})
    assert response.status_code == 404
    post.refresh_from_db()
    assert post.status == "published" and not ModerationAction.objects.exists()
    assert client.get(f"/moderation/items/{post.pk}/0/act/").status_code == 404


# Item 10: approving is not a sanction; each notice says which decision it is.

def test_approving_is_one_click_and_the_member_hears_it_is_visible_not_appeal(
        client, settings, member, acting_moderator):
    settings.KINDRED_NEW_MEMBER_REVIEW = 2
    pending = make_post(member, title="My first story")
    assert pending.status == "pending"
    client.force_login(acting_moderator)
    response = client.post(f"/moderation/items/{pending.pk}/act/", {"kind": "approve"})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == "published"
    note = Notification.objects.get(recipient=member, kind="moderation")
    assert note.text == "Your post “My first story” is now visible"
    assert "appeal" not in note.text
    client.force_login(member)
    page = client.get(note.target_url).content.decode()
    assert "is now visible" in page and "Appeal" not in page and "Guideline" not in page


def test_dismissing_is_one_click_and_tells_nobody(client, post, reported, acting_moderator):
    client.force_login(acting_moderator)
    response = act(client, post, reported, kind="dismiss", guideline="", statement="")
    assert response.status_code == 302
    assert ModerationAction.objects.get().kind == "dismiss"
    assert not Notification.objects.filter(kind="moderation").exists()


@pytest.mark.parametrize(("kind", "extra", "wording"), [
    ("hide", {}, "A moderator hid your comment on “Back spasticity in the mornings”"),
    ("remove", {}, "A moderator removed your comment on “Back spasticity in the mornings”"),
    ("silence", {"days": "3"}, "A moderator paused your posting until"),
    ("suspend", {"days": "3"}, "A moderator suspended your account until"),
])
def test_each_decision_notice_says_which_decision_it_is(client, post, reported,
                                                        acting_moderator, seller, kind,
                                                        extra, wording):
    client.force_login(acting_moderator)
    act(client, post, reported, kind=kind, **extra)
    note = Notification.objects.get(recipient=seller, kind="moderation")
    assert note.text.startswith(wording) and "appeal" in note.text
    if kind == "suspend":
        return  # a suspended member is logged out; they read the notice by email
    client.force_login(seller)
    page = client.get(note.target_url).content.decode()
    assert "Appeal this decision" in page


def test_a_granted_appeal_says_so_and_offers_no_further_appeal(client, post, reported, seller,
                                                               acting_moderator,
                                                               second_moderator):
    client.force_login(acting_moderator)
    act(client, post, reported)
    appeal_of(client, seller, ModerationAction.objects.get())
    client.force_login(second_moderator)
    decide(client, Appeal.objects.get())
    note = Notification.objects.filter(recipient=seller).order_by("id").last()
    assert note.text.startswith("Your appeal was granted")
    client.force_login(seller)
    page = client.get(note.target_url).content.decode()
    assert "Appeal granted" in page and "Appeal this decision" not in page


# Item 11: hidden and removed content can be found and restored; members from profiles.

def test_moderators_find_hidden_and_removed_content_and_restore_it(client, post, reported,
                                                                   acting_moderator, member):
    client.force_login(acting_moderator)
    act(client, post, reported, kind="remove")
    page = client.get("/moderation/removed/?what=comments").content.decode()
    assert "miracle cure" in page and "Removed by a moderator" in page
    response = client.post(f"/moderation/items/{post.pk}/{reported.pk}/act/",
                           {"kind": "restore", "next": "removed"})
    assert response.status_code == 302
    reported.refresh_from_db()
    assert reported.status == "visible"
    assert "miracle cure" not in client.get(
        "/moderation/removed/?what=comments").content.decode()


def test_a_moderator_silences_and_lifts_from_a_members_profile(client, member,
                                                               acting_moderator):
    client.force_login(acting_moderator)
    profile = client.get(f"/u/{member.username}/").content.decode()
    assert f'href="/moderation/members/{member.username}/"' in profile
    url = f"/moderation/members/{member.username}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"kind": "silence", "days": "2", "guideline": "be_gentle",
                                 "statement": "Cool down, please."})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.is_silenced
    assert "Silenced until" in client.get(url).content.decode()
    response = client.post(url, {"kind": "lift", "statement": "Talked it through."})
    assert response.status_code == 302
    member.refresh_from_db()
    assert not member.is_silenced
    assert list(ModerationAction.objects.order_by("id").values_list("kind", flat=True)) == [
        "silence", "restore"]
    assert Notification.objects.filter(recipient=member, kind="moderation").count() == 2


def test_members_do_not_see_moderate_this_member(client, member, other_member):
    client.force_login(other_member)
    assert "/moderation/members/" not in client.get(f"/u/{member.username}/").content.decode()
    assert client.get(f"/moderation/members/{member.username}/").status_code == 403


# Hostile input: a clear 4xx with the statement kept, never a 5xx.

@pytest.mark.parametrize("data", [
    {"kind": "obliterate"}, {"kind": ""}, {}, {"kind": "hide", "guideline": "nope"},
    {"kind": "silence", "days": "abc"}, {"kind": "suspend", "days": "99999999999999999999"},
    {"kind": "hide", "guideline": "no_spam", "statement": "x\x00y"},
])
def test_hostile_action_input_is_a_4xx_that_keeps_the_statement(client, post, reported,
                                                                 acting_moderator, data):
    client.force_login(acting_moderator)
    statement = "My careful reasons for this"
    response = client.post(f"/moderation/items/{post.pk}/{reported.pk}/act/",
                           {"statement": statement, **data})
    assert 400 <= response.status_code < 500
    if "statement" not in data:
        assert statement in response.content.decode()
    assert not ModerationAction.objects.exists()


@pytest.mark.parametrize(("url", "status"), [
    ("/moderation/items/abc/act/", 404), ("/moderation/items/1/x/act/", 404),
    ("/moderation/members/nobody-here/", 404), ("/moderation/items/99999999/act/", 404),
    ("/moderation/members/%00/", 400),  # a NUL byte is refused before any view runs
])
def test_hostile_urls_are_not_found_or_refused(client, acting_moderator, url, status):
    client.force_login(acting_moderator)
    assert client.get(url).status_code == status


@pytest.mark.parametrize(("data", "status", "message"), [
    ({"kind": "obliterate"}, 400, "Select a valid choice"),
    ({"kind": "silence", "days": "", "guideline": "be_gentle"}, 400, "Choose a duration"),
    ({"kind": "suspend", "days": "2", "guideline": ""}, 400, "Choose the guideline"),
    ({"kind": "lift"}, 409, "neither silenced nor suspended"),
])
def test_bad_member_actions_are_refused_with_the_statement_kept(client, member,
                                                                acting_moderator, data,
                                                                status, message):
    client.force_login(acting_moderator)
    response = client.post(f"/moderation/members/{member.username}/",
                           {"statement": "My careful reasons for this", **data})
    content = response.content.decode()
    assert response.status_code == status and message in content
    assert "My careful reasons for this" in content
    assert not ModerationAction.objects.exists()


def test_moderators_cannot_be_silenced_here(client, acting_moderator, second_moderator):
    client.force_login(acting_moderator)
    response = client.post(f"/moderation/members/{second_moderator.username}/", {
        "kind": "silence", "days": "2", "guideline": "be_gentle", "statement": "Stop."})
    assert response.status_code == 403 and "other moderators" in response.content.decode()
    second_moderator.refresh_from_db()
    assert not second_moderator.is_silenced


@pytest.mark.parametrize("appeal", ["abc", "²", "-1", "0", "99999999999999999999999", ""])
def test_hostile_appeal_ids_are_404(client, acting_moderator, appeal):
    client.force_login(acting_moderator)
    response = client.post("/moderation/appeals/", {"appeal": appeal, "grant": "grant",
                                                     "statement": "Restored."})
    assert response.status_code == 404


# Query budgets for the new pages.

@pytest.mark.parametrize("page", [
    "/moderation/removed/", "/moderation/removed/?what=comments",
    "/moderation/members/{member}/", "/moderation/items/{post}/act/",
    "/moderation/items/{post}/{comment}/act/",
])
@pytest.mark.parametrize("rows", [2, 25])
def test_new_moderation_pages_stay_within_a_fixed_query_budget(
        client, post, member, acting_moderator, rows, page, django_assert_max_num_queries):
    from forum.moderation.services import hide, silence

    for n in range(rows):
        comment = post_comment(author=member, post=post, body=f"words {n}")
        hide(moderator=acting_moderator, post=post, comment=comment, guideline="no_spam",
             statement=f"Spam {n}")
    silence(moderator=acting_moderator, member=member, days=1, guideline="be_gentle",
            statement="Pause.")
    client.force_login(acting_moderator)
    url = page.format(member=member.username, post=post.pk, comment=Comment.objects.last().pk)
    with django_assert_max_num_queries(12):  # 4 of them are the moderator's header
        assert client.get(url).status_code == 200, url


def test_a_decision_about_a_post_that_is_gone_still_reads_well(post, member,
                                                               acting_moderator):
    from forum.moderation.services import hide

    action = hide(moderator=acting_moderator, post=post, guideline="no_spam", statement="Spam")
    action.post = None  # as after the post is deleted (the log keeps the row)
    action.post_id = None
    assert action.notice() == "A moderator hid your post: read why, and how to appeal"
