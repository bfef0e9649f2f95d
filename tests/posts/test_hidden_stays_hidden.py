"""Hidden stays hidden: a page built before a change is never served after it, whatever the
cache did meanwhile. The versions that page-cache keys carry live in the database, written
with the data (posts/cache_versions.py), so a cache that missed the change (Redis cut off
while a moderator acted, a cache restarted from an older snapshot, a restore) can only hold
pages under versions that are no longer current.

With a real Redis (CI's PostgreSQL pass sets REDIS_URL) the connection runs through a proxy
the test cuts while the moderator acts, as an outage would."""

import os
import socket
import threading
import uuid

import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.test import Client

from forum.cache import ResilientRedisCache
from forum.moderation import services as moderation
from posts.services import post_comment
from tests.conftest import IN_CI
from tests.factories import make_post

REAL_REDIS = os.environ.get("REDIS_URL", "")
LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                      "LOCATION": "hidden-stays-hidden"}}


def hide(moderator, post, comment=None):
    return moderation.hide(moderator=moderator, post=post, comment=comment,
                           guideline="be_gentle", statement="Please keep it kind.")


def story(reader, post):
    response = reader.get(post.get_absolute_url())
    return response.status_code, response.content.decode()


@pytest.fixture
def locmem(settings):
    settings.CACHES = LOCMEM
    cache.clear()
    yield caches["default"]
    cache.clear()


def test_a_post_hidden_while_the_cache_was_elsewhere_never_comes_back(locmem, post, moderator):
    """The cache comes back from a snapshot taken before the moderator acted (a Redis that
    restarted from its last save, or a replica that missed the writes): the old page is
    still in it, under the old versions, and must not be served."""
    reader = Client()
    assert story(reader, post)[0] == 200
    assert post.title in reader.get("/").content.decode()
    snapshot = (dict(locmem._cache), dict(locmem._expire_info))  # everything the cache holds
    hide(moderator, post)
    locmem._cache.clear()
    locmem._cache.update(snapshot[0])
    locmem._expire_info.update(snapshot[1])
    assert story(reader, post)[0] == 404
    assert post.title not in reader.get("/").content.decode()


def test_a_comment_written_while_the_cache_missed_it_shows_afterwards(locmem, post,
                                                                      other_member):
    reader = Client()
    story(reader, post)
    snapshot = (dict(locmem._cache), dict(locmem._expire_info))
    post_comment(author=other_member, post=post, body="Written while Redis was away")
    locmem._cache.update(snapshot[0])
    locmem._expire_info.update(snapshot[1])
    assert "Written while Redis was away" in story(reader, post)[1]


def test_a_page_is_stale_once_the_data_is_restored_to_what_it_was_before(locmem, post,
                                                                         other_member):
    """A database restored to before a comment: a page cached with that comment is keyed
    by versions the restored database never had."""
    from posts.models import Comment, PageVersion

    reader = Client()
    versions_before = list(PageVersion.objects.values_list("key", "version"))
    comment = post_comment(author=other_member, post=post, body="Gone after the restore")
    assert "Gone after the restore" in story(reader, post)[1]  # cached, with the comment
    # The restore: the comment and the versions as they were before it.
    Comment.objects.filter(pk=comment.pk).delete()
    PageVersion.objects.all().delete()
    PageVersion.objects.bulk_create(PageVersion(key=key, version=version)
                                    for key, version in versions_before)
    assert "Gone after the restore" not in story(reader, post)[1]


class CuttableProxy:
    """A TCP proxy on 127.0.0.1 in front of Redis: `cut()` closes every connection and
    refuses new ones (an outage), `mend()` lets them through again."""

    def __init__(self, target_host, target_port):
        self.target = (target_host, target_port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.open = True
        self.sockets = []
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if not self.open:
                client.close()
                continue
            upstream = socket.create_connection(self.target)
            with self.lock:
                self.sockets += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pipe(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                try:
                    end.close()
                except OSError:
                    pass

    def cut(self):
        self.open = False
        with self.lock:
            for end in self.sockets:
                try:
                    end.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
            self.sockets.clear()

    def mend(self):
        self.open = True

    def close(self):
        self.cut()
        self.listener.close()


@pytest.fixture
def redis_through_a_proxy(settings):
    if not REAL_REDIS:
        if IN_CI and connection.vendor == "postgresql":
            pytest.fail("REDIS_URL is not set: CI's PostgreSQL pass runs with Redis")
        pytest.skip("REDIS_URL is not set (CI's PostgreSQL pass sets it)")
    host_port, _, db = REAL_REDIS.removeprefix("redis://").partition("/")
    host, _, port = host_port.partition(":")
    proxy = CuttableProxy(host, int(port or 6379))
    settings.CACHES = {"default": {
        "BACKEND": "forum.cache.ResilientRedisCache",
        "LOCATION": f"redis://127.0.0.1:{proxy.port}/{db or 0}",
        "KEY_PREFIX": f"hidden-{uuid.uuid4().hex}",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}}}
    yield proxy
    proxy.close()


def test_with_redis_cut_off_while_a_moderator_hides_a_post_readers_never_see_it_again(
        redis_through_a_proxy, post, moderator, monkeypatch):
    reader = Client()
    assert story(reader, post)[0] == 200  # stored in Redis
    redis = caches["default"]
    assert isinstance(redis, ResilientRedisCache) and not redis.degraded()
    redis_through_a_proxy.cut()
    hide(moderator, post)  # Redis is unreachable: the write still succeeds
    assert story(reader, post)[0] == 404
    redis_through_a_proxy.mend()
    monkeypatch.setattr(redis, "_down_until", 0.0)  # Redis is back: used again at once
    status, body = story(reader, post)
    assert not redis.degraded(), "Redis did not answer through the proxy again"
    assert status == 404 and post.title not in body
    assert post.title not in reader.get("/").content.decode()


def test_with_redis_cut_off_a_comment_written_meanwhile_shows_when_it_returns(
        redis_through_a_proxy, post, other_member, monkeypatch):
    reader = Client()
    story(reader, post)
    redis = caches["default"]
    redis_through_a_proxy.cut()
    post_comment(author=other_member, post=post, body="Written during the outage")
    redis_through_a_proxy.mend()
    monkeypatch.setattr(redis, "_down_until", 0.0)
    assert "Written during the outage" in story(reader, post)[1]
    assert not redis.degraded()


def test_a_second_post_page_is_unaffected_by_a_hidden_one(locmem, post, member, moderator):
    other = make_post(member, title="Cooling vests")
    reader = Client()
    story(reader, other)
    hide(moderator, post)
    assert story(reader, other)[0] == 200
