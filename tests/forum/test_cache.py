"""Rate limits and the cache degrade, never fail: a dead Redis leaves the site writable, and
without Redis every web process shares one set of counters in the database."""

import os
import threading
import uuid

import pytest
from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.redis import RedisCache
from django.db import connection

from forum.cache import ResilientRedisCache
from plumbing.refusals import Refused
from posts import policy
from posts.models import Comment
from posts.policy import check_rate
from posts.services import post_comment
from tests.conftest import IN_CI
from tests.factories import PASSWORD, make_user

NOTHING_LISTENING = "redis://127.0.0.1:1/0"


def redis_cache(location):
    return {"BACKEND": "forum.cache.ResilientRedisCache", "LOCATION": location,
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}}


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {"default": redis_cache(NOTHING_LISTENING)}
    settings.KINDRED_RATE_LIMITS = True
    del settings.ACCOUNT_RATE_LIMITS  # allauth's login limits use the cache too


def test_with_redis_down_members_still_comment_log_in_and_report(
        client, member, other_member, post, redis_down, caplog):
    assert client.post("/accounts/login/", {"login": other_member.username,
                                            "password": PASSWORD}).status_code == 302
    commented = client.post(f"/posts/{post.slug}/comments/", {"body": "Still here."})
    assert commented.status_code == 302 and Comment.objects.filter(body="Still here.").exists()
    reported = client.post(f"/posts/{post.slug}/report/", {"reason": "misinformation"})
    assert reported.status_code in (200, 302)
    assert caplog.text.count("Redis cache unreachable") == 1  # logged once, not per call


def test_healthz_stays_up_and_says_the_cache_is_degraded_when_redis_is_down(
        client, db, redis_down):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content.decode().splitlines() == ["ok", "cache: degraded"]


def test_a_rate_limit_counts_exactly_across_processes_sharing_the_database_cache(
        member, settings, monkeypatch):
    settings.KINDRED_RATE_LIMITS = True
    settings.KINDRED_RATE_LIMIT_RULES = {"comment": (3, 600)}
    # Two web processes: two cache clients, one table (created by a migration).
    workers = [DatabaseCache("kindred_cache", {}), DatabaseCache("kindred_cache", {})]
    for n in range(3):
        monkeypatch.setattr(policy, "cache", workers[n % 2])
        check_rate(member, "comment")
    monkeypatch.setattr(policy, "cache", workers[1])
    with pytest.raises(Refused):
        check_rate(member, "comment")


def test_a_rate_limit_fails_open_when_the_cache_itself_fails(member, settings, monkeypatch,
                                                              caplog):
    class BrokenCache(RedisCache):
        def __init__(self):
            pass

        def add(self, *args, **kwargs):
            raise OSError("cache unreachable")

    settings.KINDRED_RATE_LIMITS = True
    monkeypatch.setattr(policy, "cache", BrokenCache())
    monkeypatch.setattr(policy, "_cache_error_logged_at", -60.0)
    for _ in range(30):
        check_rate(member, "comment")  # the limit is 20: no refusal while the cache is out
    assert caplog.text.count("Rate limits are open") == 1


def test_a_rate_limit_fails_open_when_the_database_counter_fails_and_the_write_goes_on(
        member, post, settings, monkeypatch, caplog):
    settings.KINDRED_RATE_LIMITS = True
    settings.KINDRED_RATE_LIMIT_RULES = {"comment": (2, 600)}
    monkeypatch.setattr(policy.RateCount._meta, "db_table", "no_such_counter_table")
    monkeypatch.setattr(policy, "_cache_error_logged_at", -60.0)
    for n in range(4):
        post_comment(author=member, post=post, body=f"Still counted as open {n}")
    assert Comment.objects.filter(post=post).count() == 4
    assert caplog.text.count("Rate limits are open") == 1


@pytest.mark.django_db(transaction=True)
def test_simultaneous_requests_from_one_member_are_each_counted(settings):
    """The database counter is one statement: N members' requests at once count N, and with
    a limit of L exactly L of them pass."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache",
                                   "LOCATION": "kindred_cache"}}  # production without Redis
    settings.KINDRED_RATE_LIMITS = True
    settings.KINDRED_RATE_LIMIT_RULES = {"comment": (LIMIT, 600)}
    member = make_user("eager")
    passed, refused, errors = [], [], []
    start = threading.Barrier(AT_ONCE)

    def send():
        try:
            start.wait()
            check_rate(member, "comment")
            passed.append(1)
        except Refused:
            refused.append(1)
        except Exception as error:  # noqa: BLE001 - any failure fails the test below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(AT_ONCE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert (len(passed), len(refused)) == (LIMIT, AT_ONCE - LIMIT)


AT_ONCE, LIMIT = 12, 7
REAL_REDIS = os.environ.get("REDIS_URL", "")


@pytest.mark.skipif(not REAL_REDIS, reason="REDIS_URL is not set (CI sets it)")
def test_with_real_redis_a_rate_limit_counts_exactly_across_processes(member, settings,
                                                                      monkeypatch):
    settings.KINDRED_RATE_LIMITS = True
    settings.KINDRED_RATE_LIMIT_RULES = {"comment": (3, 600)}
    params = redis_cache(REAL_REDIS)
    workers = [ResilientRedisCache(REAL_REDIS, params) for _ in range(2)]
    for n in range(3):
        monkeypatch.setattr(policy, "cache", workers[n % 2])
        check_rate(member, "comment")
    # With CI=true an unreachable Redis fails here instead of passing on the fallback.
    assert not any(worker.degraded() for worker in workers), \
        f"Redis at {REAL_REDIS} is unreachable{' (CI)' if IN_CI else ''}"
    with pytest.raises(Refused):
        check_rate(member, "comment")
