"""`member_state` (one plain SQL statement for a member's story page) gives what
`with_member_state` annotates, in every state a member can be in on a post."""

import pytest
from django.utils import timezone

from posts.member_state import member_state
from posts.models import Post, ReadMark
from posts.reading import mark_all_read, with_member_state
from posts.services import post_comment
from posts.services.follows import set_post_follow
from tests.factories import make_pending_comment, make_user

NAMES = ("my_read_up_to", "my_marks", "my_waiting", "my_follow", "my_seen",
         "my_first_unread")


def annotated(user, post):
    found = with_member_state(Post.objects.filter(pk=post.pk), user).get()
    return {name: getattr(found, name) for name in NAMES}


def read_up_to(user, post, comment):
    ReadMark.objects.create(user=user, post=post, last_comment_id=comment.pk,
                            read_at=timezone.now())


@pytest.fixture
def reader(db):
    return make_user("fernwalker")


@pytest.fixture
def comments(post, other_member, reader):
    return [post_comment(author=author, post=post, body=f"Comment {n}")
            for n, author in enumerate([other_member, reader, other_member, other_member])]


def test_a_member_who_never_opened_the_post(post, reader, comments):
    assert member_state(user=reader, post=post) == annotated(reader, post)
    assert member_state(user=reader, post=post)["my_seen"] == -1


def test_a_member_with_a_read_mark_gets_the_first_comment_by_someone_else_after_it(
        post, reader, comments):
    read_up_to(reader, post, comments[0])  # comments[1] is their own
    state = member_state(user=reader, post=post)
    assert state == annotated(reader, post)
    assert state["my_first_unread"] == comments[2].pk


def test_a_member_who_marked_everything_read_counts_from_the_watermark(post, reader,
                                                                       comments):
    read_up_to(reader, post, comments[0])
    mark_all_read(reader)
    post_comment(author=comments[0].author, post=post, body="After the watermark")
    state = member_state(user=reader, post=post)
    assert state == annotated(reader, post)
    assert state["my_seen"] == reader.all_read_comment_id


def test_a_member_who_follows_and_has_a_comment_waiting(settings, post, reader, comments):
    set_post_follow(user=reader, post=post, level="watching")
    make_pending_comment(settings, post=post, body="Waiting for a moderator", author=reader)
    state = member_state(user=reader, post=post)
    assert state == annotated(reader, post)
    assert state["my_waiting"] is True and state["my_follow"] == "watching"


def test_a_post_without_comments(post, reader):
    assert member_state(user=reader, post=post) == annotated(reader, post)
    assert member_state(user=reader, post=post)["my_first_unread"] is None


@pytest.mark.parametrize("mark", ["none", "reaction to a comment", "reaction to the post",
                                  "saved comment", "saved post", "someone else's reaction"])
def test_whether_a_member_reacted_to_or_saved_anything_here(post, reader, other_member,
                                                           comments, mark):
    from posts.services import toggle_bookmark, toggle_reaction

    if mark == "reaction to a comment":
        toggle_reaction(user=reader, post=post, comment=comments[0], kind="hug")
    elif mark == "reaction to the post":
        toggle_reaction(user=reader, post=post, kind="me_too")
    elif mark == "saved comment":
        toggle_bookmark(user=reader, post=post, comment=comments[0])
    elif mark == "saved post":
        toggle_bookmark(user=reader, post=post)
    elif mark == "someone else's reaction":
        toggle_reaction(user=other_member, post=post, kind="hug")
    state = member_state(user=reader, post=post)
    assert state == annotated(reader, post)
    assert state["my_marks"] is (mark not in ("none", "someone else's reaction"))
