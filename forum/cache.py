"""A Redis cache that keeps the site writable when Redis is down.

On a Redis error the process switches to a small in-process cache for RETRY_AFTER seconds
(rate limits then count per process: they fail open a little, not shut), logs once a
minute, and `degraded()` says so for /healthz. After the window it tries Redis again.

Django's Redis client builds a new `redis.Redis` for every cache call, and each one copies
its ~170 response callbacks: about 0.2 ms per call, five calls on a member's story page.
One client per connection pool does the same work (a client is thread-safe and only
borrows connections from its pool)."""

import functools
import logging
import time

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger("kindred.cache")

RETRY_AFTER = 15  # seconds without trying Redis after it failed
LOG_EVERY = 60  # seconds between two "Redis is down" log lines


class _OneClientPerPool(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _OneClientPerPool
        self._fallback = LocMemCache(f"kindred-fallback-{id(self)}", {})
        self._down_until = 0.0
        self._logged_at = -LOG_EVERY

    def degraded(self):
        return time.monotonic() < self._down_until

    def _failed(self, error):
        now = time.monotonic()
        self._down_until = now + RETRY_AFTER
        if now - self._logged_at >= LOG_EVERY:
            self._logged_at = now
            logger.error("Redis cache unreachable (%s): using a per-process cache; rate "
                         "limits count per process until it is back", error)


def _resilient(name):
    redis_method = getattr(RedisCache, name)

    @functools.wraps(redis_method)
    def method(self, *args, **kwargs):
        if not self.degraded():
            try:
                return redis_method(self, *args, **kwargs)
            except RedisError as error:
                self._failed(error)
        return getattr(self._fallback, name)(*args, **kwargs)

    return method


for _name in ("add", "get", "set", "touch", "delete", "get_many", "has_key", "incr",
              "set_many", "delete_many", "clear"):
    setattr(ResilientRedisCache, _name, _resilient(_name))
