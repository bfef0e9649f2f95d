"""After writing words that suggest crisis, the member lands on the helplines, not on their
words: the redirect goes to #crisis-support, and that message is focusable, announced and
links back to what they wrote. Without crisis words nothing changes."""

import re

import pytest

from posts.models import Comment, Post
from posts.services import post_comment

CRISIS = "Honestly some nights I want to die."
POST_FIELDS = {"kind": "story", "title": "Nights", "visibility": "public", "publish": "1"}


def crisis_message(page):
    """The opening tag of the crisis message, or None."""
    match = re.search(r'<[a-z]+ [^>]*id="crisis-support"[^>]*>', page)
    return match and match.group(0)


def lands_on_the_helplines(client, response, words_anchor):
    assert response.status_code == 302
    path, _, fragment = response.url.partition("#")
    assert fragment == "crisis-support", response.url
    page = client.get(path).content.decode()
    tag = crisis_message(page)
    assert tag, "the crisis message has no id=crisis-support"
    assert 'role="alert"' in tag and 'tabindex="-1"' in tag
    assert "116 123" in page
    # The message comes before anything else the page says, at the top of <main>.
    main = page[page.index('<main id="content"'):]
    assert main.index('id="crisis-support"') < main.index("<h1")
    assert f'href="#{words_anchor}"' in page[page.index('id="crisis-support"'):]
    assert page.count('id="crisis-support"') == 1


def test_a_crisis_comment_lands_on_the_helplines_with_a_link_to_the_comment(
        client, other_member, post):
    client.force_login(other_member)
    response = client.post(f"/posts/{post.slug}/comments/", {"body": CRISIS})
    lands_on_the_helplines(client, response, f"comment-{Comment.objects.get().pk}")


def test_a_crisis_reply_lands_on_the_helplines(client, member, other_member, post):
    parent = post_comment(author=member, post=post, body="Mornings are the worst for me.")
    client.force_login(other_member)
    response = client.post(f"/posts/{post.slug}/comments/",
                           {"body": CRISIS, "parent": parent.pk})
    reply = Comment.objects.get(parent=parent)
    lands_on_the_helplines(client, response, f"comment-{reply.pk}")


def test_a_comment_edited_into_crisis_words_lands_on_the_helplines(client, other_member, post):
    comment = post_comment(author=other_member, post=post, body="A cold flannel helps.")
    client.force_login(other_member)
    response = client.post(f"/comments/{comment.pk}/edit/", {"body": CRISIS})
    lands_on_the_helplines(client, response, f"comment-{comment.pk}")


def test_a_new_post_with_crisis_words_lands_on_the_helplines(client, member):
    client.force_login(member)
    response = client.post("/posts/new/", {**POST_FIELDS, "body": CRISIS})
    assert Post.objects.get().title == "Nights"
    lands_on_the_helplines(client, response, "post-title")


def test_a_post_edited_into_crisis_words_lands_on_the_helplines(client, member, post):
    client.force_login(member)
    response = client.post(f"/posts/{post.slug}/edit/", {**POST_FIELDS, "body": CRISIS})
    lands_on_the_helplines(client, response, "post-title")


@pytest.mark.parametrize("body", ["Me too, every morning.", "This spasm is killing me."])
def test_words_without_crisis_still_land_on_the_comment_with_no_crisis_message(
        client, other_member, post, body):
    client.force_login(other_member)
    response = client.post(f"/posts/{post.slug}/comments/", {"body": body})
    assert response.url.endswith(f"#comment-{Comment.objects.get().pk}")
    assert crisis_message(client.get(response.url).content.decode()) is None


def test_the_page_with_the_crisis_message_keeps_its_query_budget(
        client, other_member, post, django_assert_max_num_queries):
    for number in range(5):
        post_comment(author=other_member, post=post, body=f"Comment number {number}.")
    client.force_login(other_member)
    response = client.post(f"/posts/{post.slug}/comments/", {"body": CRISIS})
    with django_assert_max_num_queries(25):
        page = client.get(response.url.partition("#")[0])
    assert crisis_message(page.content.decode())
