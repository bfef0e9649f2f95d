"""A world shared by a module's live-server tests (``live_world``, tests/worlds.py): every
test starts from it exactly as built, and after the module the database is the migrated one."""

from types import SimpleNamespace

import pytest
from django.db import connection

from accounts.models import User
from posts.models import Post, Symptom
from tests.factories import make_post, make_user
from tests.worlds import flushed_world

pytestmark = pytest.mark.django_db(transaction=True)


def build():
    author = make_user("willow", bio="Diagnosed in 2019.")
    return {"author": author, "post": make_post(author, title="Numb hands in the cold")}


@pytest.fixture(scope="module")
def world(live_world):
    return live_world(build)


def test_the_flush_after_a_test_puts_the_world_back_as_built(world,
                                                             shipped_rows_survive_flushes):
    curated = set(Symptom.objects.filter(is_curated=True).values_list("slug", flat=True))
    User.objects.filter(pk=world["author"].pk).update(bio="changed by a test")
    Post.objects.filter(pk=world["post"].pk).delete()
    make_user("stranger")

    shipped_rows_survive_flushes.restore("default")  # what the flush ending a test does

    assert list(User.objects.values_list("username", "bio")) == [("willow", "Diagnosed in 2019.")]
    assert list(Post.objects.values_list("pk", "title")) == [(world["post"].pk,
                                                             "Numb hands in the cold")]
    assert set(Symptom.objects.filter(is_curated=True).values_list("slug", flat=True)) == curated


def test_after_its_module_the_world_is_flushed_away_and_the_shipped_rows_stay(
        world, shipped_rows_survive_flushes, django_db_blocker):
    point = shipped_rows_survive_flushes
    kept = point.rows
    # Another module's world, driven as pytest drives a module-scoped fixture.
    module = SimpleNamespace(session=SimpleNamespace(items=[]), module=None,
                             fixturename="live_world")
    other = flushed_world(module, django_db_blocker, point)
    make_again = next(other)
    make_again(lambda: make_user("rowan"))
    assert point.rows is not point.shipped
    other.close()  # the module ends

    # Its connection is closed: PostgreSQL cannot drop a test database with a session open.
    assert connection.connection is None
    assert point.rows is point.shipped
    assert not User.objects.exists()
    assert Symptom.objects.filter(is_curated=True).exists()
    point.rows = kept  # this module's world again, for the flush that ends this test
