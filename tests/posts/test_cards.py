"""Post cards in every list: title, excerpt, avatar and name, time, symptoms, comment count
and the last reply's time, from one include and within fixed query budgets."""

import re

import pytest

from posts.models import Post, Symptom
from posts.models.posts import plain_excerpt
from posts.services import post_comment, set_follow, toggle_bookmark
from tests.factories import make_post, make_user

LONG_BODY = ("**Fatigue** hit me like a wall at three in the afternoon, every day, "
             "and [my neurologist](https://example.org/neuro) said to pace myself. " * 4)


def test_an_excerpt_is_plain_text_cut_at_a_word():
    text = plain_excerpt("# Heading\n\n> quoted *words* and ![a ramp](https://x.test/r.png)")
    assert text == "Heading quoted words and a ramp"
    long = plain_excerpt(LONG_BODY)
    assert long.endswith("…") and len(long) <= 201
    assert "**" not in long and "](" not in long and "neurologist" in long


def test_editing_a_post_rewrites_its_excerpt(member):
    post = make_post(member, body="First words.")
    post.body = "Second words."
    post.save(update_fields=["body"])
    post.refresh_from_db()
    assert post.excerpt == "Second words."


def test_a_visible_reply_is_the_posts_last_activity(post, other_member):
    assert Post.objects.get(pk=post.pk).last_activity_at is None
    comment = post_comment(author=other_member, post=post, body="Same here, mornings are worst.")
    post.refresh_from_db()
    assert post.last_activity_at >= comment.created_at


LISTS = ["/", "/tags/fatigue/", "/following/", "/bookmarks/", "/search/?q=wall"]


@pytest.mark.parametrize("url", LISTS)
def test_every_list_shows_a_card_with_excerpt_avatar_symptoms_and_last_reply(
        client, member, other_member, url):
    fatigue = Symptom.objects.get(slug="fatigue")
    story = make_post(other_member, title="The three o'clock wall", body=LONG_BODY,
                      symptoms=[fatigue])
    post_comment(author=member, post=story, body="Same for me, I nap at two now.")
    set_follow(user=member, tag=fatigue, level="following")
    toggle_bookmark(user=member, post=story)
    client.force_login(member)
    html = client.get(url).content.decode()
    card = html[html.index('<article class="post-summary card"'):]
    card = card[:card.index("</article>")]
    assert "The three o&#x27;clock wall" in card
    words = " ".join(re.sub(r"<[^>]+>", "", card).split())  # search marks the words it found
    assert "wall at three in the afternoon" in words
    assert 'class="avatar' in card and "ash" in card
    assert ">Fatigue<" in card
    assert "1 comment" in card and "last reply" in card


@pytest.mark.parametrize(("url", "budget"), [
    ("/", 12), ("/tags/fatigue/", 11), ("/following/", 10), ("/bookmarks/", 8),
    ("/search/?q=wall", 13),
])
@pytest.mark.parametrize("count", [2, 25])
def test_lists_of_cards_keep_fixed_query_budgets(client, member, count, url, budget,
                                                 django_assert_max_num_queries):
    fatigue = Symptom.objects.get(slug="fatigue")
    hug = Symptom.objects.get(slug="ms-hug")
    set_follow(user=member, tag=fatigue, level="following")
    for n in range(count):
        author = make_user(f"writer{count}-{n}")
        story = make_post(author, title=f"A wall story {n}", body=LONG_BODY,
                          symptoms=[fatigue, hug])
        post_comment(author=member, post=story, body=f"Reply {n}")
        toggle_bookmark(user=member, post=story)
    client.force_login(member)
    with django_assert_max_num_queries(budget, info=url):
        assert client.get(url).status_code == 200, url
