import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from posts.rendering import render_markdown
from posts.services import edit_comment, post_comment
from tests.factories import make_post, make_user


def test_a_mention_of_a_member_links_to_their_profile(client, member, other_member):
    post = make_post(member, body="Thanks @Ash, that helped.")
    assert '<a href="/u/ash/" class="mention">@Ash</a>' in post.body_html
    page = client.get(post.get_absolute_url()).content.decode()
    assert 'href="/u/ash/" class="mention">@Ash</a>' in page


def test_a_mention_in_a_comment_links_and_so_does_one_added_by_an_edit(member, other_member,
                                                                      post):
    comment = post_comment(author=member, post=post, body="Hello there.")
    assert "mention" not in comment.body_html
    comment = edit_comment(editor=member, comment=comment, body="Hello @ash.")
    assert '<a href="/u/ash/" class="mention">@ash</a>.' in comment.body_html


def test_a_hidden_profile_or_an_unknown_handle_stays_plain_text(db, member):
    make_user("quiet", profile_visibility=User.Visibility.HIDDEN)
    make_user("gone", is_active=False)
    post = make_post(member, body="Hi @quiet, @gone and @nobody_here.")
    assert "<a" not in post.body_html
    assert "@quiet" in post.body_html and "@nobody_here" in post.body_html


def test_mentions_in_code_links_and_email_addresses_are_left_alone(db, member, other_member):
    html = render_markdown("`@ash` and [see @ash](https://example.org) and me@ash.org\n\n"
                           "    @ash in a block\n\nhttps://example.org/@ash", mentions=True)
    assert 'class="mention"' not in html
    assert '<a href="https://example.org/@ash" rel="nofollow ugc noopener">' in html


def test_rendering_looks_up_every_mentioned_handle_in_one_query(db, member):
    for name in ("fern", "willow", "birch"):
        make_user(name)
    text = "@fern @willow @birch @nobody and @fern again"
    with CaptureQueriesContext(connection) as queries:
        html = render_markdown(text, mentions=True)
    assert len(queries) == 1
    assert html.count('class="mention"') == 4
    with CaptureQueriesContext(connection) as queries:
        render_markdown("no handles here", mentions=True)
    assert len(queries) == 0


def test_a_mention_is_not_counted_as_a_link_by_the_new_member_limit(settings, db, member,
                                                                    other_member):
    settings.KINDRED_NEW_MEMBER_REVIEW = 2
    settings.KINDRED_NEW_MEMBER_LINKS = 0
    newcomer = make_user("newcomer")
    post = make_post(newcomer, body="Hello @ash!")  # would be refused if counted as a link
    assert 'class="mention"' in post.body_html


# -- /u/suggest/ ------------------------------------------------------------------------------

def test_a_member_typing_at_gets_matching_handles_of_members_who_can_be_mentioned(
        client, member):
    for name in ("Fernwalker", "fernly", "ferny_hidden", "fernold"):
        make_user(name, profile_visibility=(User.Visibility.HIDDEN if "hidden" in name
                                            else User.Visibility.PUBLIC))
    User.objects.filter(username="fernold").update(is_active=False)
    make_user("oakfern")
    client.force_login(member)
    response = client.get("/u/suggest/", {"q": "@FER"})
    assert response.status_code == 200
    assert response.json() == {"handles": ["fernly", "Fernwalker"]}


def test_suggestions_stop_at_eight(client, member):
    for number in range(12):
        make_user(f"maple{number:02d}")
    client.force_login(member)
    assert len(client.get("/u/suggest/", {"q": "map"}).json()["handles"]) == 8


@pytest.mark.parametrize("q", ["", "@", "%", "_%", "a b", "x" * 31, "ö", "fern'--"])
def test_odd_queries_suggest_nothing(client, member, q):
    make_user("fernwalker")
    client.force_login(member)
    response = client.get("/u/suggest/", {"q": q})
    assert response.status_code == 200 and response.json() == {"handles": []}


def test_readers_get_no_handles(client, member):
    response = client.get("/u/suggest/", {"q": "row"})
    assert response.status_code == 403 and "rowan" not in response.content.decode()


def test_suggestions_are_rate_limited(client, member, settings):
    settings.KINDRED_RATE_LIMITS = True
    settings.KINDRED_RATE_LIMIT_RULES = {**settings.KINDRED_RATE_LIMIT_RULES,
                                         "suggest_handles": (2, 60)}
    client.force_login(member)
    codes = [client.get("/u/suggest/", {"q": "ash"}).status_code for _ in range(3)]
    assert codes == [200, 200, 429]


def test_nobody_can_take_the_handle_suggest(db):
    from django.core.exceptions import ValidationError

    from accounts.adapter import AccountAdapter

    with pytest.raises(ValidationError):
        AccountAdapter().clean_username("suggest")


def test_a_reader_who_saw_the_page_sees_a_mention_added_by_an_edit(client, member,
                                                                  other_member, post):
    comment = post_comment(author=member, post=post, body="Thanks, ash.")
    assert 'class="mention"' not in client.get(post.get_absolute_url()).content.decode()
    edit_comment(editor=member, comment=comment, body="Thanks, @ash.")
    page = client.get(post.get_absolute_url()).content.decode()
    assert '<a href="/u/ash/" class="mention">@ash</a>' in page
