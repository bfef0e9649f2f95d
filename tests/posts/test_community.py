import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from posts.models import Bookmark, Poll, PollVote, Post, Reaction, Symptom
from posts.services import post_comment, set_poll, toggle_bookmark, toggle_reaction
from tests.factories import hide, make_post, make_user, remove


@pytest.fixture
def poll(post, member):
    return set_poll(author=member, post=post, question="Worst time of day?",
                    choices=["Morning", "Evening", "Night"])


def vote(client, post, choice):
    return client.post(f"/posts/{post.slug}/poll/vote/", {"choice": choice})


def test_a_member_votes_and_sees_results_in_text(client, other_member, post, poll):
    morning = poll.choices.get(text="Morning")
    client.force_login(other_member)
    page = client.get(post.get_absolute_url()).content.decode()
    assert "<legend>Worst time of day?</legend>" in page and "vote" not in page.split(
        "poll-heading")[1][:40]
    assert vote(client, post, morning.pk).status_code == 302
    page = client.get(post.get_absolute_url()).content.decode()
    assert "1 vote, 100%" in page and "(your answer)" in page and "<meter" in page


def test_members_may_change_their_vote_until_it_closes(client, other_member, post, poll):
    morning, night = poll.choices.get(text="Morning"), poll.choices.get(text="Night")
    client.force_login(other_member)
    vote(client, post, morning.pk)
    vote(client, post, night.pk)
    assert PollVote.objects.get().choice == night
    Poll.objects.filter(pk=poll.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    response = vote(client, post, morning.pk)
    assert response.status_code == 400 and "has closed" in response.content.decode()
    assert PollVote.objects.get().choice == night


def test_another_polls_choice_or_junk_is_refused(client, other_member, member, post, poll):
    elsewhere = set_poll(author=member, post=make_post(member), question="Other?",
                         choices=["A", "B"])
    client.force_login(other_member)
    for choice in (elsewhere.choices.first().pk, "abc", "", "99999"):
        response = vote(client, post, choice)
        assert response.status_code == 400
        assert "Choose one of this poll" in response.content.decode()
    assert not PollVote.objects.exists()


def test_readers_see_no_results_until_they_log_in_or_it_closes(client, post, poll):
    page = client.get(post.get_absolute_url()).content.decode()
    assert "Log in to answer the poll" in page and "%" not in page.split("poll-heading")[1][:300]


@pytest.mark.django_db(transaction=True)
def test_two_votes_at_once_leave_one_vote():
    author, voter = make_user("a1"), make_user("v1")
    story = make_post(author)
    the_poll = set_poll(author=author, post=story, question="Q?", choices=["X", "Y"])
    first, second = the_poll.choices.all()
    barrier, errors = threading.Barrier(2), []

    def click(choice):
        from posts.services import vote as cast

        try:
            barrier.wait()
            cast(user=voter, poll=the_poll, choice_id=choice.pk)
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=click, args=(c,)) for c in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and PollVote.objects.count() == 1


@pytest.mark.parametrize(
    ("choices", "message"),
    [("Only one", "2 to 8 different choices"),
     ("\n".join(f"Choice {n}" for n in range(50)), "2 to 8 different choices"),
     ("Same\nsame", "2 to 8 different choices")],
)
def test_a_poll_needs_two_to_eight_choices(client, member, choices, message):
    client.force_login(member)
    response = client.post("/posts/new/", {
        "kind": "question", "title": "With a poll", "body": "Vote please", "visibility":
        "public", "publish": "1", "poll_question": "Which?", "poll_choices": choices})
    assert response.status_code == 400 and message in response.content.decode()
    assert not Post.objects.exists() and not Poll.objects.exists()


def test_a_poll_is_set_while_writing_and_changed_while_editing(client, member):
    client.force_login(member)
    data = {"kind": "question", "title": "Poll time", "body": "Tell me", "visibility": "public",
            "publish": "1", "poll_question": "Coffee?", "poll_choices": "Yes\nNo\n\nMaybe"}
    response = client.post("/posts/new/", data)
    post = Post.objects.get()
    assert response.status_code == 302
    assert list(post.poll.choices.values_list("text", flat=True)) == ["Yes", "No", "Maybe"]
    client.post(f"/posts/{post.slug}/edit/", {**data, "poll_question": "Tea?"})
    post.poll.refresh_from_db()
    assert post.poll.question == "Tea?"
    past = (timezone.now() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    bad = client.post(f"/posts/{post.slug}/edit/", {**data, "poll_closes_at": past})
    assert bad.status_code == 400 and "must be in the future" in bad.content.decode()


def test_choices_cannot_change_after_votes(member, other_member, post, poll):
    from plumbing.refusals import Refused
    from posts.services import vote as cast

    cast(user=other_member, poll=poll, choice_id=poll.choices.first().pk)
    with pytest.raises(Refused):
        set_poll(author=member, post=post, question="New?", choices=["A", "B"])
    assert poll.choices.count() == 3


def test_reactions_toggle_and_are_counted(client, member, other_member, post):
    comment = post_comment(author=member, post=post, body="Tip: cooling towels")
    client.force_login(other_member)
    url = f"/comments/{comment.pk}/react/"
    assert client.post(url, {"kind": "hug"}).status_code == 302
    page = client.get(post.get_absolute_url()).content.decode()
    assert ('value="hug" class="reaction" aria-pressed="true">Sending a hug<span '
            'class="visually-hidden"> to rowan</span> <span class="n">1') in page
    client.post(url, {"kind": "hug"})
    assert not Reaction.objects.exists()
    client.post(f"/posts/{post.slug}/react/", {"kind": "me_too"})
    assert Reaction.objects.get().comment is None


@pytest.mark.parametrize("kind", ["downvote", "", "ME_TOO"])
def test_unknown_reactions_are_refused(client, other_member, post, kind):
    client.force_login(other_member)
    response = client.post(f"/posts/{post.slug}/react/", {"kind": kind})
    assert response.status_code == 400 and not Reaction.objects.exists()


def test_reacting_to_hidden_comments_is_refused(client, member, other_member, post):
    comment = post_comment(author=member, post=post, body="Gone")
    hide(comment)
    client.force_login(other_member)
    assert client.post(f"/comments/{comment.pk}/react/", {"kind": "hug"}).status_code == 404
    assert not Reaction.objects.exists()


def test_who_reacted_respects_profile_privacy(client, member, other_member, post):
    shy = make_user("shy", profile_visibility="hidden")
    toggle_reaction(user=other_member, post=post, kind="me_too")
    toggle_reaction(user=shy, post=post, kind="me_too")
    page = client.get(f"/posts/{post.slug}/reactions/").content.decode()
    assert "Me too (2)" in page and 'href="/u/ash/"' in page
    assert "shy" not in page and "keeps their profile private" in page


def test_bookmarks_list_newest_first_and_leave_hidden_things_out(client, member, other_member,
                                                                 post, other_post):
    tip = post_comment(author=other_member, post=post, body="The tip that helped")
    client.force_login(member)
    client.post(f"/posts/{other_post.slug}/bookmark/")
    client.post(f"/comments/{tip.pk}/bookmark/")
    page = client.get("/bookmarks/").content.decode()
    assert page.index("The tip that helped") < page.index(other_post.title)
    hide(tip)
    assert "The tip that helped" not in client.get("/bookmarks/").content.decode()
    client.post(f"/posts/{other_post.slug}/bookmark/")  # a second press unsaves
    assert Bookmark.objects.filter(comment__isnull=True).count() == 0


def test_bookmarking_something_hidden_is_refused(client, member, other_member):
    hidden = make_post(other_member, title="Hidden one")
    hide(hidden)
    client.force_login(member)
    assert client.post(f"/posts/{hidden.slug}/bookmark/").status_code == 404
    assert not Bookmark.objects.exists()


COMMUNITY_BUDGETS = {
    "bookmarks": ("/bookmarks/", 8),
    "who reacted to a post": ("/posts/{slug}/reactions/", 8),
    "who reacted to a comment": ("/comments/{comment}/reactions/", 9),
    "search": ("/search/?q=c1", 13),
}


@pytest.mark.parametrize("page", COMMUNITY_BUDGETS)
@pytest.mark.parametrize("count", [3, 40])
def test_community_pages_query_budgets(client, member, other_member, post, count, page,
                                       django_assert_max_num_queries):
    for n in range(count):
        comment = post_comment(author=other_member, post=post, body=f"c{n}")
        toggle_reaction(user=member, post=post, comment=comment, kind="helpful")
        toggle_bookmark(user=member, post=post, comment=comment)
    client.force_login(member)
    url, budget = COMMUNITY_BUDGETS[page]
    url = url.format(slug=post.slug, comment=comment.pk)
    with django_assert_max_num_queries(budget, info=url):
        assert client.get(url).status_code == 200, url


def test_searching_banding_finds_ms_hug_stories(client, member):
    hug = Symptom.objects.get(slug="ms-hug")
    make_post(member, title="Tight band around my chest", body="It squeezes at night.",
              symptoms=[hug])
    make_post(member, title="A quiet tagged one", body="No matching words here.",
              symptoms=[hug])
    make_post(member, title="Gardening", body="Tomatoes again.")
    page = client.get("/search/?q=banding").content.decode()
    assert "Tight band around my chest" in page and "A quiet tagged one" in page
    assert "Gardening" not in page


def test_search_ranks_titles_above_bodies_and_finds_comments(client, member, other_member):
    make_post(member, title="Fatigue diary", body="Short.")
    make_post(member, title="Something else", body="I mention fatigue once here.")
    answered = make_post(member, title="Question about stairs", body="Help?")
    post_comment(author=other_member, post=answered, body="Baclofen helped my stairs")
    page = client.get("/search/?q=fatigue").content.decode()
    assert page.index("Fatigue diary") < page.index("Something else")
    assert "<mark>" in page
    assert "Question about stairs" in client.get("/search/?q=baclofen").content.decode()


def test_search_shows_only_what_the_searcher_may_see(client, member, other_member):
    make_post(member, title="Members secret spasm", visibility="members")
    hidden = make_post(member, title="Hidden spasm")
    hide(hidden)
    removed_home = make_post(member, title="Ordinary")
    gone = post_comment(author=other_member, post=removed_home, body="spasm words removed")
    remove(gone)
    page = client.get("/search/?q=spasm").content.decode()
    assert "Members secret" not in page and "Hidden spasm" not in page
    assert "Ordinary" not in page
    client.force_login(other_member)
    assert "Members secret spasm" in client.get("/search/?q=spasm").content.decode()


def test_search_filters_by_tag(client, member):
    fatigue = Symptom.objects.get(slug="fatigue")
    make_post(member, title="Tired legs", body="legs legs", symptoms=[fatigue])
    make_post(member, title="Legs and heat", body="legs")
    page = client.get("/search/?q=legs&tag=fatigue").content.decode()
    assert "Tired legs" in page and "Legs and heat" not in page
    assert client.get("/search/?q=legs&tag=nothing").status_code == 404


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [("", 400, "Type a word or two"), ("   ", 400, "Type a word or two"),
     ("x" * 1000, 400, "under 200 characters"), ("***", 400, "letters or numbers"),
     ('hug" OR 1=1 --', 200, "result"), ("NEAR(hug spasm) title:x ^*", 200, "result"),
     ("'; DROP TABLE posts_post; --", 200, "result")],
)
def test_hostile_or_empty_queries_get_clear_answers(client, post, query, status, message):
    response = client.get("/search/", {"q": query})
    assert response.status_code == status and message in response.content.decode()
    assert Post.objects.filter(pk=post.pk).exists()


def test_invalid_utf8_in_the_query_string_is_handled(client, db):
    response = client.get("/search/?q=%ff%fe%00hug")
    assert response.status_code in (200, 400)
