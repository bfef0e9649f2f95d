"""Rules a post keeps whoever writes it: one-line titles, and an audience that never widens
over other members' replies."""

import pytest

from plumbing.refusals import Refused
from posts.models import Post
from posts.services import create_post, post_comment, update_post
from tests.factories import make_post


def story(**data):
    return {"kind": "story", "title": "Numb hands", "body": "Since Tuesday.",
            "visibility": "public", "publish": "1", **data}


@pytest.mark.parametrize("title", [
    "Numb\r\nBcc: hands", "Numb\nhands", "Numb\thands", "Numb\x0bhands",
    "Numb\u2028hands", "Numb\x85hands", "Numb\u202ehands", "Numb\u200bhands",
])
def test_a_post_title_is_one_line_whatever_is_typed(client, member, title):
    client.force_login(member)
    response = client.post("/posts/new/", story(title=title))
    assert response.status_code == 302
    stored = Post.objects.get().title
    assert stored.startswith("Numb") and stored.endswith("hands")
    assert not any(ch in stored for ch in "\r\n\t\x0b\x85\u2028\u202e\u200b")


def test_a_title_of_only_control_characters_is_refused_with_the_words_kept(client, member):
    client.force_login(member)
    response = client.post("/posts/new/", story(title="\r\n\t", body="Keep this body"))
    assert response.status_code == 400
    assert "Please give your post a title." in response.content.decode()
    assert "Keep this body</textarea>" in response.content.decode()


def test_services_store_one_line_titles_too(member, post):
    created = create_post(author=member, title="Line one\nline two", body="b")
    assert created.title == "Line one line two"
    update_post(editor=member, post=post, title="Edited\r\ntitle", body="b", kind="story",
                visibility="public")
    post.refresh_from_db()
    assert post.title == "Edited title"


def test_a_title_saved_outside_the_services_is_one_line_too(post):
    post.title = "Changed in the admin\r\nX-Header: injected"
    post.save()
    assert Post.objects.get(pk=post.pk).title == "Changed in the admin X-Header: injected"


def test_emoji_joiners_stay_in_a_title(member):
    created = create_post(author=member, title="Wheelchair day \U0001F469\u200d\U0001F9BD",
                          body="b")
    assert "\u200d" in created.title


def test_a_members_only_post_with_others_replies_cannot_become_public(client, member,
                                                                      other_member):
    post = make_post(member, visibility="members")
    post_comment(author=other_member, post=post, body="Only for members, I hope.")
    client.force_login(member)
    response = client.post(f"/posts/{post.slug}/edit/",
                           story(visibility="public", body="My new words"))
    page = response.content.decode()
    assert response.status_code == 400
    assert "replied" in page and "My new words</textarea>" in page
    post.refresh_from_db()
    assert post.visibility == "members" and post.body != "My new words"


def test_a_members_only_post_without_others_replies_may_become_public(member):
    post = make_post(member, visibility="members")
    post_comment(author=member, post=post, body="A note to self")
    update_post(editor=member, post=post, title=post.title, body=post.body, kind="story",
                visibility="public")
    assert Post.objects.get(pk=post.pk).visibility == "public"


def test_narrowing_a_public_post_with_replies_to_members_is_fine(member, other_member, post):
    post_comment(author=other_member, post=post, body="Hello")
    update_post(editor=member, post=post, title=post.title, body=post.body, kind="story",
                visibility="members")
    assert Post.objects.get(pk=post.pk).visibility == "members"


def test_widening_is_refused_in_the_service_too(member, other_member):
    post = make_post(member, visibility="members")
    post_comment(author=other_member, post=post, body="Hi")
    post.visibility = "public"  # a form has already put the new value on the instance
    with pytest.raises(Refused) as refused:
        update_post(editor=member, post=post, title=post.title, body=post.body,
                    kind="story", visibility="public")
    assert refused.value.status == 400
