import pytest
from django.db.models import ProtectedError

from posts.models import Disclaimer
from posts.services import publish_disclaimer
from tests.factories import make_post


def test_the_first_disclaimer_ships_with_the_site(db):
    current = Disclaimer.objects.current()
    assert current.version == 1
    text = current.body.lower()
    assert "opinions, thoughts and lived experience" in text
    assert "paid for by an advertiser" in text
    assert "does not recommend or endorse" in text
    assert 'href="/pages/editorial-integrity/"' in current.body_html


def test_every_post_shows_its_disclaimer_under_the_body(client, post):
    content = client.get(post.get_absolute_url()).content.decode()
    assert content.index('class="prose"') < content.index('aria-label="Editorial disclaimer"')
    assert "paid for by an advertiser" in content
    assert "/pages/editorial-integrity/" in content


def test_a_new_version_applies_to_new_posts_and_old_posts_keep_theirs(client, member, post):
    publish_disclaimer(body="Version two of our promise.")
    newer = make_post(member)
    post.refresh_from_db()
    assert post.disclaimer.version == 1 and newer.disclaimer.version == 2
    assert "Version two of our promise." not in client.get(post.get_absolute_url()).content.decode()
    assert "Version two of our promise." in client.get(newer.get_absolute_url()).content.decode()


def test_a_disclaimer_in_use_cannot_be_deleted(post):
    with pytest.raises(ProtectedError):
        post.disclaimer.delete()


def test_admins_publish_a_new_version_instead_of_editing(admin_client, post):
    response = admin_client.post("/admin/posts/disclaimer/add/", {"body": "Revised wording."})
    assert response.status_code == 302
    assert Disclaimer.objects.current().body == "Revised wording."
    assert Disclaimer.objects.count() == 2
    post.refresh_from_db()
    assert post.disclaimer.version == 1
    change = admin_client.post(f"/admin/posts/disclaimer/{post.disclaimer.pk}/change/",
                               {"body": "Sneaky rewrite"})
    assert change.status_code == 403 or "Sneaky rewrite" not in Disclaimer.objects.get(
        version=1).body
    assert Disclaimer.objects.get(version=1).body != "Sneaky rewrite"
