"""A member's story page is not much heavier than a reader's: each comment carries its React
and More as two small controls (their menus are written once per page, or on the comment's
actions page), and only where the member has something of their own are they written out."""

import random

import pytest
from django.test import Client

from forum.demo.threads import seed_threads
from posts.models import Comment, Reaction
from posts.services import toggle_bookmark, toggle_reaction
from tests.factories import make_post, make_user

COMMENTS = 200
RATIO = 1.25  # the goal: a member's page at most 1.25x a reader's


@pytest.mark.django_db
def test_a_members_200_comment_story_page_is_at_most_a_quarter_heavier_than_a_readers():
    rng = random.Random(7)
    members = [make_user() for _ in range(20)]
    story = make_post(members[0], title="A story with 200 comments")
    seed_threads(story, members, count=COMMENTS, depth=4, rng=rng)
    comments = list(Comment.objects.filter(post=story).order_by("pk"))
    kinds = list(Reaction.Kind)
    Reaction.objects.bulk_create(  # others reacted to every third comment
        Reaction(user=members[2 + i % 10], post=story, comment=comment, kind=kinds[i % 3])
        for i, comment in enumerate(comments) if i % 3 == 0)
    reader_member = members[1]
    for comment in comments[:6]:  # the member's own state on a few comments
        toggle_reaction(user=reader_member, post=story, comment=comment, kind="hug")
    toggle_bookmark(user=reader_member, post=story, comment=comments[7])

    member = Client()
    member.force_login(reader_member)
    url = story.get_absolute_url()
    member_page = member.get(url)
    reader_page = Client().get(url)
    assert member_page.status_code == reader_page.status_code == 200
    shown = member_page.content.decode().count('<li id="comment-')
    assert shown >= 50, f"only {shown} comments on the page"  # a full page, not an error
    member_bytes, reader_bytes = len(member_page.content), len(reader_page.content)
    print(f"\nmember {member_bytes:,} B, reader {reader_bytes:,} B, "
          f"{member_bytes / reader_bytes:.2f}x ({shown} comments)")
    assert member_bytes <= RATIO * reader_bytes, (
        f"a member's page is {member_bytes / reader_bytes:.2f}x a reader's (goal {RATIO}x)")
    assert 'aria-pressed="true"' in member_page.content.decode()  # their own state is there
