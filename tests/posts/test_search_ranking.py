"""Search finds what people mean: symptom words expand, ranking follows one table
(posts/search_ranking.py), the same on SQLite FTS5 and PostgreSQL (run this file on both)."""

import re

import pytest

from posts.models import Post, Symptom
from posts.search_ranking import Signals, ranked_ids, telling_words
from posts.services import post_comment, toggle_helped
from tests.factories import make_post, make_user


def titles(response):
    assert response.status_code == 200
    return re.findall(r'<h3[^>]*><a href="/posts/[^"]+/">([^<]+)</a></h3>',
                      response.content.decode())


def symptom(slug):
    return Symptom.objects.get(slug=slug)


@pytest.fixture
def corpus(member, other_member):
    """One post per rank, written oldest first in the reverse of the expected order, so
    that neither age nor id could produce the order by accident."""
    helper = make_user("helper")
    cooling = make_post(member, title="Cooling vests", body="A vest for summer days.")
    post_comment(author=other_member, post=cooling, body="Banding eases with a vest for me.")
    make_post(member, title="Evening walks", body="Some banding after a long walk.")
    asked = make_post(member, kind=Post.Kind.QUESTION, title="Any tips for the evenings?",
                      body="The banding gets worse after dinner.")
    toggle_helped(actor=member, comment=post_comment(author=helper, post=asked,
                                                     body="A warm pack on the ribs."))
    make_post(member, title="Banding at work", body="It came during a meeting.")
    make_post(member, title="A quiet one", body="Nothing to say today.",
              symptoms=[symptom("ms-hug")])
    make_post(member, title="My MS hug story", body="It squeezes at night.",
              symptoms=[symptom("ms-hug")])
    make_post(member, title="Gardening", body="Tomatoes again.")


EXPECTED = [
    "My MS hug story",              # tagged with the symptom the query names, title too
    "A quiet one",                  # tagged only
    "Banding at work",              # title
    "Any tips for the evenings?",   # body, and answers that helped the asker
    "Evening walks",                # body
    "Cooling vests",                # a comment
]


def test_banding_ranks_the_ms_hug_story_first_then_titles_bodies_and_comments(client, corpus):
    assert titles(client.get("/search/", {"q": "banding"})) == EXPECTED


def test_the_ranking_table_puts_tags_before_titles_bodies_comments_and_help_last():
    signals = {
        1: Signals(comment=True, score=9.0), 2: Signals(body=True),
        3: Signals(body=True, helped=True), 4: Signals(title=True, body=True),
        5: Signals(tagged=True), 6: Signals(tagged=True, title=True),
        7: Signals(body=True, score=0.5),
    }
    assert ranked_ids(signals) == [6, 5, 4, 3, 7, 2, 1]


def test_a_word_of_a_symptoms_name_finds_posts_tagged_with_it(client, member):
    make_post(member, title="Stairs are hard now", body="Every step is an effort.",
              symptoms=[symptom("leg-spasticity")])
    make_post(member, title="Gardening", body="Tomatoes again.")
    assert titles(client.get("/search/", {"q": "spasticity"})) == ["Stairs are hard now"]


def test_short_or_common_words_of_symptom_names_do_not_expand(client, member):
    make_post(member, title="Mornings", body="Stiff until ten.",
              symptoms=[symptom("back-spasticity")])
    make_post(member, title="Talking to my partner", body="It took courage.",
              symptoms=[symptom("sexual-health")])
    assert titles(client.get("/search/", {"q": "back"})) == []
    assert titles(client.get("/search/", {"q": "health"})) == []
    assert titles(client.get("/search/", {"q": "spastic"})) == []  # whole words only


def test_the_rule_for_telling_words():
    assert telling_words("Leg spasticity") == {"spasticity"}
    assert telling_words("Sexual health") == {"sexual"}
    assert telling_words("Back spasticity") == {"spasticity"}
    assert telling_words("Pain") == set()


@pytest.mark.parametrize("query", [{"tag": "leg-spasticity"},
                                   {"q": "", "tag": "leg-spasticity"},
                                   {"q": "  ", "tag": "leg-spasticity"}])
def test_choosing_only_a_symptom_lists_its_posts_newest_first(client, member, query, settings):
    settings.KINDRED_POSTS_PER_PAGE = 2
    for n in range(3):
        make_post(member, title=f"Legs {n}", body="Stairs.", symptoms=[symptom("leg-spasticity")])
    make_post(member, title="Untagged", body="Stairs.")
    assert titles(client.get("/search/", query)) == ["Legs 2", "Legs 1"]
    assert titles(client.get("/search/", {**query, "page": 2})) == ["Legs 0"]


def test_choosing_nothing_at_all_shows_the_form_and_no_words_still_asks_for_some(client, db):
    page = client.get("/search/")
    assert page.status_code == 200 and "result" not in page.content.decode()
    assert client.get("/search/", {"q": ""}).status_code == 400


@pytest.mark.parametrize("posts", [2, 30])
def test_symptom_only_and_ranked_searches_keep_a_fixed_query_budget(
        client, member, posts, django_assert_max_num_queries):
    for n in range(posts):
        make_post(member, title=f"Banding {n}", body="Hug.", symptoms=[symptom("ms-hug")])
    for query in ({"tag": "ms-hug"}, {"q": "banding"}, {"q": "banding", "tag": "ms-hug"}):
        with django_assert_max_num_queries(10, info=str(query)):
            assert client.get("/search/", query).status_code == 200


def test_a_synonym_added_in_the_admin_is_understood_by_the_very_next_search(client, member):
    """Symptom words are kept in the cache under the site version; adding or removing a
    synonym changes it, so no search is answered from the old words."""
    from posts.models import SymptomSynonym

    hug = Symptom.objects.get(slug="ms-hug")
    post = make_post(member, title="Evenings are hard", body="It squeezes.", symptoms=[hug])
    assert post.title not in client.get("/search/", {"q": "corset feeling"}).text
    synonym = SymptomSynonym.objects.create(symptom=hug, name="corset feeling")
    assert post.title in client.get("/search/", {"q": "corset feeling"}).text
    synonym.delete()
    assert post.title not in client.get("/search/", {"q": "corset feeling"}).text
