"""Avatars without uploads: initials on a colour from the handle, neutral when hidden."""

from accounts.avatars import PALETTE_SIZE, avatar_html, initials, palette_index
from tests.factories import make_user


def test_initials_come_from_the_handles_words():
    assert [initials(h) for h in ("marion", "marion_beck", "jo2", "42", "élodie-r")] == [
        "M", "MB", "J", "?", "ÉR"]


def test_a_handle_keeps_its_colour_whatever_its_case_and_handles_spread_over_the_palette():
    assert palette_index("Marion") == palette_index("marion")
    handles = [f"member{n}" for n in range(200)]
    assert {palette_index(h) for h in handles} == set(range(PALETTE_SIZE))


def test_a_hidden_profile_gets_the_neutral_avatar_without_initials():
    html = avatar_html("marion", visible=False)
    assert 'class="avatar avatar-neutral"' in html and "M<" not in html


def test_a_handle_cannot_inject_markup_into_its_avatar():
    assert "<b>" not in avatar_html("<b>x")


def test_readers_see_the_authors_avatar_on_the_profile_and_next_to_their_posts(client, db):
    from posts.services import create_post

    member = make_user(username="marion")
    create_post(author=member, title="Heat and fatigue", body="A fan by the bed.", kind="story")
    home = client.get("/").content.decode()
    expected = f'<span class="avatar avatar-{palette_index("marion")}" aria-hidden="true">M</span>'
    assert f'<span class="byline">{expected}<a class="author-link" href="/u/marion/">' in home
    large = expected.replace('" aria', ' avatar-lg" aria')
    assert large in client.get("/u/marion/").content.decode()


def test_a_hidden_profile_shows_the_neutral_avatar_next_to_its_posts(client, db):
    from posts.services import create_post

    member = make_user(username="ines", profile_visibility="hidden")
    create_post(author=member, title="Numb feet", body="Since Tuesday, both feet.", kind="story")
    home = client.get("/").content.decode()
    neutral = '<span class="avatar avatar-neutral" aria-hidden="true"></span>'
    assert f'<span class="byline">{neutral}ines' in home
