import json

import pytest

from posts.models import Comment, Revision
from posts.revisions import diff_html
from posts.services import delete_comment, edit_comment, post_comment, update_post
from tests.accounts.test_deletion import leave
from tests.factories import make_post


def edit_post(post, *, title=None, body):
    return update_post(editor=post.author, post=post, title=title or post.title, body=body,
                       kind=post.kind, visibility=post.visibility)


@pytest.fixture
def edited_post(member):
    post = make_post(member, title="Stiff mornings",
                     body="My neighbour Jo Bloggs helps me.")
    return edit_post(post, title="Stiff mornings, and what helps",
                     body="A neighbour helps me.")


@pytest.fixture
def edited_comment(member, other_post):
    comment = post_comment(author=member, post=other_post, body="My sister Clara drives me.")
    return edit_comment(editor=member, comment=comment, body="Message me here instead.")


def test_an_edit_keeps_the_words_it_replaced(member, edited_post, edited_comment):
    post_revision = Revision.objects.get(post=edited_post)
    assert post_revision.title == "Stiff mornings"
    assert post_revision.body.startswith("My neighbour Jo Bloggs")
    assert post_revision.editor == member
    assert Revision.objects.get(comment=edited_comment).body == "My sister Clara drives me."


def test_an_edit_that_changes_no_words_keeps_no_revision(member, post):
    edit_post(post, body=post.body)
    assert not Revision.objects.exists()


def test_the_author_reads_the_history_newest_first_with_what_changed(client, member,
                                                                     edited_post):
    edit_post(edited_post, body="A kind neighbour helps me.")
    client.force_login(member)
    page = client.get(f"/posts/{edited_post.slug}/history/").content.decode()
    assert page.index("Current version") < page.index("Earlier version") < page.index(
        "First version")
    assert ('<ins><span class="visually-hidden">[added: </span>kind '
            '<span class="visually-hidden">]</span></ins>') in page
    assert "<del>" in page and "Bloggs" in page
    assert "Edit history" in client.get(edited_post.get_absolute_url()).content.decode()


def test_a_moderator_reads_a_comments_history(client, moderator, edited_comment):
    client.force_login(moderator)
    response = client.get(f"/comments/{edited_comment.pk}/history/")
    assert response.status_code == 200 and "Clara" in response.content.decode()


@pytest.mark.parametrize("who", ["reader", "other member"])
def test_nobody_else_learns_there_is_a_history(client, other_member, who, edited_post,
                                               edited_comment):
    if who == "other member":
        client.force_login(other_member)
    for url in (f"/posts/{edited_post.slug}/history/",
                f"/comments/{edited_comment.pk}/history/"):
        response = client.get(url)
        assert response.status_code == 404
        assert "Bloggs" not in response.content.decode()
        assert "Clara" not in response.content.decode()
    page = client.get(edited_post.get_absolute_url()).content.decode()
    assert "(edited)" in page and "Edit history" not in page and "/history/" not in page


def test_the_diff_escapes_what_members_typed():
    html = diff_html("<b>old</b>", "<script>alert(1)</script> new")
    assert "<script>" not in html and "&lt;script&gt;" in html and "&lt;b&gt;" in html


def test_deleting_a_comment_that_has_replies_takes_its_earlier_words_too(
        member, other_member, edited_comment):
    post_comment(author=other_member, post=edited_comment.post, body="Reply",
                 parent=edited_comment)
    delete_comment(actor=member, comment=edited_comment)
    assert Comment.objects.get(pk=edited_comment.pk).is_deleted
    assert not Revision.objects.exists()


@pytest.mark.parametrize("mode", ["anonymise", "delete"])
def test_leaving_takes_the_earlier_versions_with_it(client, member, edited_post,
                                                    edited_comment, mode):
    leave(client, member, mode)
    assert not Revision.objects.exists()


def test_the_export_holds_the_earlier_versions_of_my_words(client, member, edited_post,
                                                          edited_comment):
    client.force_login(member)
    exported = json.loads(client.post("/settings/export/").content)
    bodies = {row["body"] for row in exported["edit_history"]}
    assert bodies == {"My neighbour Jo Bloggs helps me.",
                      "My sister Clara drives me."}


@pytest.mark.parametrize("edits", [1, 20], ids=["few", "many"])
def test_history_pages_stay_within_a_fixed_query_budget(client, member, edits,
                                                        django_assert_max_num_queries):
    post = make_post(member, body="v0")
    comment = post_comment(author=member, post=post, body="c0")
    for n in range(edits):
        post = edit_post(post, body=f"v{n + 1}")
        comment = edit_comment(editor=member, comment=comment, body=f"c{n + 1}")
    client.force_login(member)
    for url in (f"/posts/{post.slug}/history/", f"/comments/{comment.pk}/history/"):
        with django_assert_max_num_queries(6, info=url):
            assert client.get(url).status_code == 200
