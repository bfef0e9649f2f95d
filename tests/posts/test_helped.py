"""What helped: the asker marks up to five replies; the next reader sees them first."""

import pytest
from django.core.cache import cache
from django.test import Client

from forum.notifications.models import Notification
from posts.models import Comment, Post
from posts.services import delete_comment, post_comment, toggle_helped
from tests.factories import hide, make_post, make_user, remove

LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                      "LOCATION": "helped-tests"}}


@pytest.fixture
def question(member):
    return make_post(member, kind=Post.Kind.QUESTION,
                     title="Do any of you deal with back spasticity? What has helped?",
                     body="Mornings are the worst.")


@pytest.fixture
def answer(question, other_member):
    return post_comment(author=other_member, post=question,
                        body="Stretching before getting up.\n\nAnd **baclofen** at night.")


# The list card's chip ("✓ answers that helped"; "✓ helped" on a phone).
HELPED_CHIP = 'class="badge helped-chip"'

def helped_url(comment):
    return f"/comments/{comment.pk}/helped/"


def page_of(client, post):
    response = client.get(post.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def what_helped(page):
    start = page.find('class="what-helped"')
    return page[start:page.index("</section>", start)] if start >= 0 else ""


def test_the_asker_marks_a_reply_and_the_next_reader_sees_it_first(client, member, question,
                                                                     answer):
    client.force_login(member)
    response = client.post(helped_url(answer))
    assert response.status_code == 302 and f"#comment-{answer.pk}" in response.url
    page = page_of(Client(), question)
    section = what_helped(page)
    assert "Stretching before getting up." in section and "baclofen" in section
    assert "<strong>" not in section  # quoted as plain text
    assert f'href="/comments/{answer.pk}/"' in section
    assert page.index("What helped") < page.index(f'id="comment-{answer.pk}"')
    assert "Helped the asker" in page


def test_marking_again_unmarks(client, member, question, answer):
    client.force_login(member)
    client.post(helped_url(answer))
    client.post(helped_url(answer))
    answer.refresh_from_db()
    assert answer.helped_at is None
    assert what_helped(page_of(client, question)) == ""


def test_a_quoted_reply_is_escaped(member, question, other_member):
    sneaky = post_comment(author=other_member, post=question,
                          body="Try `<script>alert(1)</script>` heat packs")
    toggle_helped(actor=member, comment=sneaky)
    section = what_helped(page_of(Client(), question))
    assert "<script>" not in section and "&lt;script&gt;" in section


def test_someone_else_cannot_mark_a_reply_on_a_question_they_did_not_ask(
        client, question, answer):
    client.force_login(make_user("bystander"))
    response = client.post(helped_url(answer))
    assert response.status_code == 403
    assert "Only the member who asked this question" in response.content.decode()
    answer.refresh_from_db()
    assert answer.helped_at is None


def test_an_asker_cannot_mark_a_reply_on_another_post(client, member, other_member):
    theirs = make_post(other_member, kind=Post.Kind.QUESTION, title="Heat and fatigue?")
    reply = post_comment(author=make_user("helper"), post=theirs, body="Cooling vest.")
    make_post(member, kind=Post.Kind.QUESTION, title="My own question")
    client.force_login(member)
    assert client.post(helped_url(reply)).status_code == 403


def test_replies_to_a_story_cannot_be_marked(client, member, post, other_member):
    reply = post_comment(author=other_member, post=post, body="Same here.")
    client.force_login(member)
    response = client.post(helped_url(reply))
    assert response.status_code == 403
    assert "Only replies to a question" in response.content.decode()


def test_a_moderator_may_mark_for_the_asker(client, moderator, question, answer):
    client.force_login(moderator)
    assert client.post(helped_url(answer)).status_code == 302
    answer.refresh_from_db()
    assert answer.helped_at is not None


def test_a_sixth_mark_is_refused_with_a_message_and_nothing_changes(client, member, question):
    replies = [post_comment(author=make_user(), post=question, body=f"Idea {n}")
               for n in range(6)]
    for reply in replies[:5]:
        toggle_helped(actor=member, comment=reply)
    client.force_login(member)
    response = client.post(helped_url(replies[5]))
    assert response.status_code == 400
    assert "up to 5 replies" in response.content.decode()
    assert Comment.objects.helped().count() == 5
    replies[5].refresh_from_db()
    assert replies[5].helped_at is None


def test_anonymous_readers_are_sent_to_log_in(question, answer):
    response = Client().post(helped_url(answer))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_the_replys_author_hears_that_it_helped(member, question, answer, other_member):
    toggle_helped(actor=member, comment=answer)
    note = Notification.objects.get(recipient=other_member, kind=Notification.Kind.HELPED)
    assert note.text == f"Your reply helped rowan on “{question.title}”"
    assert note.target_url == f"/comments/{answer.pk}/"
    toggle_helped(actor=member, comment=answer)  # unmarking tells nobody
    assert Notification.objects.filter(kind=Notification.Kind.HELPED).count() == 1


@pytest.mark.parametrize("take_down", [hide, remove])
def test_a_reply_taken_down_by_a_moderator_drops_out_of_what_helped(
        member, question, answer, take_down):
    toggle_helped(actor=member, comment=answer)
    take_down(answer)
    page = page_of(Client(), question)
    assert what_helped(page) == ""
    assert HELPED_CHIP not in Client().get("/").content.decode()


def test_a_reply_deleted_by_its_author_drops_out_of_what_helped(
        member, question, answer, other_member):
    toggle_helped(actor=member, comment=answer)
    delete_comment(actor=other_member, comment=answer)
    assert what_helped(page_of(Client(), question)) == ""


def test_lists_show_a_chip_on_questions_with_answers_that_helped(
        client, member, question, answer):
    assert HELPED_CHIP not in client.get("/").content.decode()
    toggle_helped(actor=member, comment=answer)
    client.force_login(member)
    assert HELPED_CHIP in client.get("/").content.decode()
    client.post(f"/posts/{question.slug}/bookmark/")
    assert HELPED_CHIP in client.get("/bookmarks/").content.decode()
    assert HELPED_CHIP in client.get("/search/?q=mornings+worst").content.decode()


def test_only_the_asker_sees_the_button(client, member, question, answer, other_member):
    client.force_login(member)
    assert "This helped me" in page_of(client, question)
    client.force_login(make_user("bystander"))
    assert "This helped me" not in page_of(client, question)


def test_a_cached_page_shows_a_new_mark_to_the_next_reader(settings, member, question, answer):
    settings.CACHES = LOCMEM
    cache.clear()
    reader = Client()
    assert what_helped(page_of(reader, question)) == ""
    assert HELPED_CHIP not in reader.get("/").content.decode()
    toggle_helped(actor=member, comment=answer)
    assert "Stretching before getting up." in what_helped(page_of(reader, question))
    assert HELPED_CHIP in reader.get("/").content.decode()
    toggle_helped(actor=member, comment=answer)
    assert what_helped(page_of(reader, question)) == ""
    cache.clear()


def test_marking_stays_within_its_query_budget(client, member, question, answer,
                                               django_assert_max_num_queries):
    client.force_login(member)
    # session and member (2), the locked question and the reply (2), the count, the save in
    # its savepoint, the notification, the page-cache bumps, the permalink's page number
    with django_assert_max_num_queries(15):
        assert client.post(helped_url(answer)).status_code == 302
