import html
import re

import pytest
from django.test import Client

from posts.models import Comment
from posts.services import delete_comment, post_comment
from tests.factories import (
    PASSWORD,
    hide,
    lock,
    make_pending_comment,
    make_tombstone,
    make_user,
    remove,
)


def comments_url(post):
    return f"/posts/{post.slug}/comments/"


def say(client, post, body="Me too, every morning.", **extra):
    return client.post(comments_url(post), {"body": body, **extra})


def reload(obj):
    obj.refresh_from_db()
    return obj


def test_a_member_comments_and_lands_on_the_new_comment(client, member, post):
    client.force_login(member)
    response = say(client, post)
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response.url == f"/posts/{post.slug}/#comment-{comment.pk}"
    page = client.get(response.url).content.decode()
    assert f'id="comment-{comment.pk}"' in page and "Me too, every morning." in page
    assert "Your comment is posted." in page
    assert reload(post).comment_count == 1


def test_a_reply_nests_under_what_it_answers(client, member, other_member, post):
    parent = post_comment(author=other_member, post=post, body="Heat makes mine worse.")
    client.force_login(member)
    say(client, post, "Same here, cold showers help.", parent=parent.pk)
    reply = Comment.objects.get(parent=parent)
    assert reply.depth == 1 and reply.root_id == parent.pk
    assert reply.path == f"{parent.path}/{reply.pk:010d}"
    assert reload(parent).reply_count == 1 and reload(post).comment_count == 2
    page = client.get(post.get_absolute_url()).content.decode()
    parent_item = page[page.index(f'id="comment-{parent.pk}"'):]
    assert parent_item.index("<ol") < parent_item.index(f'id="comment-{reply.pk}"')
    assert "1 reply to ash" in page


def test_replies_deeper_than_the_cap_attach_at_the_cap_and_say_whom_they_answer(
        client, member, other_member, post, settings):
    settings.KINDRED_COMMENT_MAX_DEPTH = 3
    comment = post_comment(author=member, post=post, body="level 0")
    for level in range(1, 3):
        comment = post_comment(author=other_member if level % 2 else member, post=post,
                               body=f"level {level}", parent=comment)
    deep = post_comment(author=other_member, post=post, body="too deep", parent=comment)
    assert deep.depth == 2 and deep.parent_id == comment.parent_id
    assert deep.reply_to_name == comment.author_name
    assert "replying to @rowan" in client.get(post.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", "Please write something before posting."),
        ("   \n\t ", "Please write something before posting."),
        ("x" * 10_001, "at most 10000 characters"),
        ("nul\x00byte", "Null characters are not allowed."),
    ],
)
def test_bad_comments_are_refused_and_the_text_is_kept(client, member, post, body, message):
    client.force_login(member)
    response = say(client, post, body)
    assert response.status_code == 400
    content = response.content.decode()
    assert message in content and "Your comment was not posted yet" in content
    if body.strip() and "\x00" not in body:
        assert body in content
    assert not Comment.objects.exists() and reload(post).comment_count == 0


def test_a_reply_to_a_comment_on_another_post_is_refused(client, member, post, other_post):
    elsewhere = post_comment(author=member, post=other_post, body="Elsewhere")
    client.force_login(member)
    response = say(client, post, "hi", parent=elsewhere.pk)
    assert response.status_code == 400
    assert "not part of this post" in response.content.decode()
    assert not Comment.objects.filter(body="hi").exists()


@pytest.mark.parametrize("status", ["hidden", "removed", "pending", "deleted"])
def test_a_reply_to_a_comment_that_is_not_visible_is_refused(client, member, post, status,
                                                             settings):
    if status == "pending":
        parent = make_pending_comment(settings, post=post, body="Gone soon")
        settings.KINDRED_NEW_MEMBER_REVIEW = 0
    elif status == "deleted":
        parent = make_tombstone(post=post, body="Gone soon")
    else:
        parent = post_comment(author=member, post=post, body="Gone soon")
        {"hidden": hide, "removed": remove}[status](parent)
    assert reload(parent).status == status
    client.force_login(member)
    response = say(client, post, "hi", parent=parent.pk)
    assert response.status_code == 400
    assert "no longer available" in response.content.decode()
    assert not Comment.objects.filter(body="hi").exists()


@pytest.mark.parametrize("parent", ["999999", "abc", "-1"])
def test_a_reply_to_a_missing_or_malformed_parent_is_refused(client, member, post, parent):
    client.force_login(member)
    response = say(client, post, "hi", parent=parent)
    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_commenting_on_a_missing_post_is_404(client, member):
    client.force_login(member)
    assert client.post("/posts/nothing/comments/", {"body": "hi"}).status_code == 404
    assert not Comment.objects.exists()


def test_a_locked_post_shows_its_thread_and_refuses_new_comments(client, member, post):
    existing = post_comment(author=member, post=post, body="Before the lock")
    lock(post)
    client.force_login(member)
    page = client.get(post.get_absolute_url()).content.decode()
    assert "Before the lock" in page and "This post is locked." in page
    assert 'id="comment-form"' not in page and "reply-link" not in page
    response = say(client, post, "After the lock", parent=existing.pk)
    assert response.status_code == 403
    content = response.content.decode()
    assert "This post is locked." in content and "After the lock" in content
    assert Comment.objects.count() == 1


def test_a_submit_without_csrf_token_keeps_the_text(member, post):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    response = say(client, post, "Words I do not want to lose")
    assert response.status_code == 403
    assert "Words I do not want to lose" in response.content.decode()
    assert not Comment.objects.exists()


def test_the_same_comment_submitted_twice_is_stored_once(client, member, post):
    client.force_login(member)
    first, second = say(client, post), say(client, post)
    assert first.url == second.url
    assert Comment.objects.count() == 1 and reload(post).comment_count == 1


def test_an_expired_session_keeps_the_reply_and_brings_it_back_after_login(client, member,
                                                                            other_member, post):
    parent = post_comment(author=other_member, post=post, body="How do you cope?")
    response = say(client, post, "Slowly, with naps.", parent=parent.pk)
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    assert f"reply%3D{parent.pk}" in response.url
    assert not Comment.objects.filter(body="Slowly, with naps.").exists()
    client.force_login(member)
    page = client.get(f"{post.get_absolute_url()}?reply={parent.pk}").content.decode()
    box = re.search(rf'<form[^>]*id="reply-{parent.pk}".*?</form>', page, re.S).group(0)
    assert "Slowly, with naps.</textarea>" in box


def test_anonymous_readers_reply_link_goes_through_login_back_to_the_box(client, member, post):
    comment = post_comment(author=member, post=post, body="Question?")
    page = client.get(post.get_absolute_url()).content.decode()
    assert (f"/accounts/login/?next=%2Fposts%2F{post.slug}%2F%3Freply%3D{comment.pk}"
            f"%23reply-{comment.pk}") in page
    assert "Reply<span class=\"visually-hidden\"> to rowan</span>" in page


def test_the_author_edits_a_comment_and_it_says_edited(client, member, post):
    comment = post_comment(author=member, post=post, body="Frist")
    client.force_login(member)
    response = client.post(f"/comments/{comment.pk}/edit/", {"body": "First, fixed"})
    assert response.status_code == 302
    assert reload(comment).body_html == "<p>First, fixed</p>"
    assert "(edited)" in client.get(post.get_absolute_url()).content.decode()


def test_an_empty_edit_is_refused_and_nothing_changes(client, member, post):
    comment = post_comment(author=member, post=post, body="Keep me")
    client.force_login(member)
    assert client.post(f"/comments/{comment.pk}/edit/", {"body": " "}).status_code == 400
    assert reload(comment).body == "Keep me"


@pytest.mark.parametrize("action", ["edit", "delete"])
def test_someone_elses_comment_cannot_be_changed(client, member, other_member, post, action):
    comment = post_comment(author=member, post=post, body="Mine")
    client.force_login(other_member)
    assert client.get(f"/comments/{comment.pk}/{action}/").status_code == 403
    response = client.post(f"/comments/{comment.pk}/{action}/", {"body": "Theirs"})
    assert response.status_code == 403
    assert reload(comment).body == "Mine" and reload(comment).status == "visible"


def test_deleting_a_comment_with_replies_leaves_a_tombstone(client, member, other_member, post):
    comment = post_comment(author=member, post=post, body="Private thought")
    reply = post_comment(author=other_member, post=post, body="Hugs", parent=comment)
    client.force_login(member)
    response = client.post(f"/comments/{comment.pk}/delete/", {"confirm": "yes"})
    assert response.status_code == 302
    comment = reload(comment)
    assert comment.status == "deleted" and comment.body == "" and comment.body_html == ""
    assert reload(post).comment_count == 1
    page = client.get(post.get_absolute_url()).content.decode()
    assert "Comment deleted by its author." in page and "Private thought" not in page
    assert f'id="comment-{reply.pk}"' in page


def test_deleting_a_comment_without_replies_removes_it(client, member, post):
    comment = post_comment(author=member, post=post, body="Oops")
    client.force_login(member)
    client.post(f"/comments/{comment.pk}/delete/", {"confirm": "yes"})
    assert not Comment.objects.exists() and reload(post).comment_count == 0


def test_deleting_a_comment_asks_once_more_and_a_bare_post_changes_nothing(client, member,
                                                                           post):
    comment = post_comment(author=member, post=post, body="Second thoughts")
    client.force_login(member)
    for data in ({}, {"confirm": "no"}, {"body": "x"}):
        response = client.post(f"/comments/{comment.pk}/delete/", data)
        page = response.content.decode()
        assert response.status_code == 200 and "Delete your comment?" in page
        assert "Second thoughts" in page and 'name="confirm" value="yes"' in page
        assert f'href="/comments/{comment.pk}/"' in page  # "No, keep it"
        assert reload(comment).status == "visible" and reload(post).comment_count == 1


def test_deleting_a_comment_that_is_not_there_is_a_404(client, member):
    client.force_login(member)
    for bad in ("999999", "0", "abc"):
        for data in ({}, {"confirm": "yes"}):
            assert client.post(f"/comments/{bad}/delete/", data).status_code == 404


def test_a_tombstone_goes_when_its_last_reply_goes(member, other_member, post):
    comment = post_comment(author=member, post=post, body="First")
    reply = post_comment(author=other_member, post=post, body="Reply", parent=comment)
    delete_comment(actor=member, comment=comment)
    delete_comment(actor=other_member, comment=reply)
    assert not Comment.objects.exists() and reload(post).comment_count == 0


def test_hidden_removed_and_pending_comments_are_not_shown_or_counted(client, member,
                                                                      other_member, post,
                                                                      settings):
    post_comment(author=member, post=post, body="Shown words")
    hidden = post_comment(author=other_member, post=post, body="hidden words")
    hide(hidden)
    remove(post_comment(author=other_member, post=post, body="removed words"))
    make_pending_comment(settings, author=other_member, post=post, body="pending words")
    assert reload(post).comment_count == 1
    page = client.get(post.get_absolute_url()).content.decode()
    assert "Shown words" in page and "1 comment" in page
    for status in ("hidden", "removed", "pending"):
        assert f"{status} words" not in page
    assert client.get(f"/comments/{hidden.pk}/").status_code == 404
    client.force_login(other_member)  # authors see their own comment waiting for review
    page = client.get(post.get_absolute_url()).content.decode()
    assert "pending words" in page and "Waiting for review" in page
    assert "hidden words" not in page


def test_comments_are_paginated_by_top_level_thread(client, member, other_member, post,
                                                    settings):
    settings.KINDRED_COMMENTS_PER_PAGE = 2
    roots = [post_comment(author=member, post=post, body=f"Thread {n}") for n in range(5)]
    reply = post_comment(author=other_member, post=post, body="Reply in thread 4",
                         parent=roots[4])
    third = client.get(f"{post.get_absolute_url()}?page=3").content.decode()
    assert "Thread 4" in third and "Reply in thread 4" in third and "Thread 3" not in third
    assert "Page 3 of 3" in third
    response = client.get(f"/comments/{reply.pk}/")
    assert response.url == f"/posts/{post.slug}/?page=3#comment-{reply.pk}"
    newest = client.get(f"{post.get_absolute_url()}?sort=newest").content.decode()
    assert newest.index("Thread 4") < newest.index("Thread 3")
    assert "Thread 2" not in newest


def test_long_reply_lists_fold_and_continue_on_their_own_page(client, member, other_member,
                                                              post, settings):
    settings.KINDRED_REPLIES_SHOWN = 3
    parent = post_comment(author=member, post=post, body="Tell me your tips")
    replies = [post_comment(author=other_member, post=post, body=f"Tip {n}", parent=parent)
               for n in range(5)]
    page = client.get(post.get_absolute_url()).content.decode()
    assert "Tip 2" in page and "Tip 3" not in page
    assert f'href="/comments/{parent.pk}/thread/">Show 2 more replies' in page
    thread = client.get(f"/comments/{parent.pk}/thread/").content.decode()
    assert all(f"Tip {n}" in thread for n in range(5))
    assert "Continue this thread" in thread
    response = client.get(f"/comments/{replies[4].pk}/")
    assert response.url == f"/comments/{parent.pk}/thread/#comment-{replies[4].pk}"


def test_every_comment_has_an_anchor_a_time_and_a_permalink(client, member, post):
    comment = post_comment(author=member, post=post, body="Hello")
    page = client.get(post.get_absolute_url()).content.decode()
    assert f'<li id="comment-{comment.pk}"' in page
    assert f'<a class="permalink" href="/comments/{comment.pk}/"><time datetime=' in page
    assert "<details class=\"replies\"" not in page  # no replies, no collapse control


@pytest.mark.parametrize("count", [5, 150])
def test_story_page_queries_do_not_grow_with_comments(client, member, other_member, post,
                                                      count, django_assert_max_num_queries):
    parent = None
    for number in range(count):
        author = member if number % 2 else other_member
        parent = post_comment(author=author, post=post, body=f"c{number}",
                              parent=parent if number % 3 else None)
    from posts.services import set_poll, toggle_reaction

    set_poll(author=member, post=post, question="Best time of day?", choices=["AM", "PM"])
    for comment in Comment.objects.filter(post=post)[:count // 2]:
        toggle_reaction(user=member, post=post, comment=comment, kind="hug")
    client.force_login(member)
    # The bar for the whole page (15), +1: the member's read mark, written at most
    # once per view (issue 15's read tracking; their state is read with the post)
    with django_assert_max_num_queries(16):
        response = client.get(post.get_absolute_url())
    assert response.status_code == 200


@pytest.mark.parametrize("existing", [1, 60])
def test_posting_a_comment_takes_a_constant_number_of_queries(member, other_member, post,
                                                              existing,
                                                              django_assert_num_queries):
    parent = None
    for number in range(existing):
        parent = post_comment(author=other_member, post=post, body=f"e{number}", parent=parent)
    # 8 statements (one notifies) in one savepoint, and 3 that read the post's slug for the
    # page-cache bump of each counter update (posts/cache_versions.py), +2: the commenter
    # starts watching the post (one INSERT that ignores a choice already made) and the
    # notification reads who watches or muted the post (posts.PostFollow), +1: the page
    # versions bumped with the data, one INSERT for the savepoint (posts/cache_versions.py)
    with django_assert_num_queries(16):
        post_comment(author=member, post=post, body="new", parent=parent)


@pytest.mark.parametrize("page", ["", "thread/", "edit/", "delete/"])
def test_comment_pages_query_budgets(client, member, post, page, django_assert_max_num_queries):
    comment = post_comment(author=member, post=post, body="Hello")
    client.force_login(member)
    url = f"/comments/{comment.pk}/{page}"
    with django_assert_max_num_queries(10, info=url):
        assert client.get(url).status_code in (200, 302), url


def test_posting_a_comment_stays_within_its_query_budget(client, member, post,
                                                        django_assert_max_num_queries):
    client.force_login(member)
    with django_assert_max_num_queries(16):  # +2: following the post (see above)
        assert say(client, post, "budget").status_code == 302


def test_deep_threads_render_for_many_members(client, db):
    """Twelve members each answer the one before: the thread nests to the cap, and past it
    each reply sits beside its parent saying whom it answers; every one is on a page."""
    from tests.factories import make_post

    story = make_post(make_user("writer"))
    members = [make_user(f"deep{number}") for number in range(12)]
    chain, parent = [], None
    for number, author in enumerate(members):
        parent = post_comment(author=author, post=story, body=f"Answer number {number}",
                              parent=parent)
        chain.append(parent)
    assert max(Comment.objects.values_list("depth", flat=True)) == 3

    page = client.get(story.get_absolute_url()).content.decode()
    depths = {int(depth) for depth in re.findall(r'class="comment depth-(\d+)"', page)}
    assert depths == {0, 1, 2, 3}, depths
    shown = [comment for comment in chain if f'id="comment-{comment.pk}"' in page]
    assert shown, "the post page shows none of the thread"
    for comment in shown:
        assert f"Answer number {chain.index(comment)}" in page
        assert f'href="/u/{comment.author_name}/"' in page, comment.author_name
    for earlier, later in zip(chain[3:], chain[4:], strict=False):
        if later in shown:  # past the cap: a sibling that names whom it answers
            assert f"replying to @{earlier.author_name}" in page, later.body
    # What the post page leaves out is one "Show more replies" away, on the thread page.
    unseen = [comment for comment in chain if comment not in shown]
    if unseen:
        thread = client.get(f"/comments/{chain[2].pk}/thread/").content.decode()
        for comment in unseen:
            assert comment.body in thread and f'href="/u/{comment.author_name}/"' in thread


def test_a_reader_logs_in_to_reply_and_comes_back_to_the_reply_box(client, member,
                                                                   other_member, post):
    """Without JavaScript: the reader's "Reply" link goes through the login form and back to
    the post with that comment's reply box open (moved here from the browser suite: plain
    links, a form and redirects)."""
    root = post_comment(author=other_member, post=post, body="A cool flannel helps.")
    post_comment(author=member, post=post, body="Thank you, I will try.", parent=root)
    page = client.get(post.get_absolute_url()).content.decode()
    link = re.search(rf'<a class="reply-link" href="([^"]+)" data-reply-to="{root.pk}"[^>]*>'
                     r'Reply<span class="visually-hidden"> to ash</span></a>', page)
    assert link, "no “Reply to ash” link for a reader"
    login_url = html.unescape(link.group(1))
    assert login_url.startswith("/accounts/login/?next=")

    response = client.post(login_url, {"login": "rowan", "password": PASSWORD})
    assert response.status_code == 302, response.status_code
    assert response.url == f"/posts/{post.slug}/?reply={root.pk}#reply-{root.pk}"
    page = client.get(response.url).content.decode()
    assert page.count(f'id="reply-{root.pk}"') == 1
    item = page[page.index(f'<li id="comment-{root.pk}"'):]
    assert item.index(f'<form method="post" action="/posts/{post.slug}/comments/" '
                      f'class="reply-form" id="reply-{root.pk}"') < item.index("</article>")
    assert f'<label for="reply-body-{root.pk}">Your reply to ash</label>' in item
