"""Redis as the shared cache, with a circuit breaker: a Redis that is down or hung costs one
short timeout, after which the cache is skipped (every read a miss, every write dropped) for
BREAKER_SECONDS, instead of being tried again on every request. The breaker is per process.
Each process keeps one Redis client per connection pool, where Django makes one per command."""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

_open_until = {}  # LOCATION -> monotonic time until which the cache is skipped


class PooledRedisCacheClient(RedisCacheClient):
    """Django's client, with one redis.Redis kept per connection pool: Django builds a new one
    for every command, which costs a cache hit more than the round trip itself. A redis.Redis
    is safe to share between threads (each command takes a connection from the pool)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}  # pool -> its client

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients.setdefault(pool, self._client(connection_pool=pool))
        return client


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = PooledRedisCacheClient
        self._location = server
        self.breaker_seconds = params.get("BREAKER_SECONDS", 30)

    @property
    def available(self):
        return time.monotonic() >= _open_until.get(self._location, 0)

    def _trip(self, operation, error):
        _open_until[self._location] = time.monotonic() + self.breaker_seconds
        logger.warning(
            "The cache did not answer (%s: %s); skipped for %s s",
            operation,
            type(error).__name__,
            self.breaker_seconds,
        )

    def _call(self, operation, fallback, *args, **kwargs):
        if self.available:
            try:
                return getattr(super(), operation)(*args, **kwargs)
            except (RedisError, OSError) as error:
                self._trip(operation, error)
        return fallback()

    # What each operation answers while the cache is out: nothing found, nothing stored.
    def get(self, key, default=None, version=None):
        return self._call("get", lambda: default, key, default, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", dict, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", lambda: False, key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", lambda: False, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", lambda: None, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", lambda: list(data), data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", lambda: False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", lambda: False, key, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", lambda: None, keys, version)

    def clear(self):
        return self._call("clear", lambda: None)

    def incr(self, key, delta=1, version=None):  # decr() goes through it too
        return self._call("incr", _missing(key), key, delta, version)


def _missing(key):
    def fallback():
        raise ValueError(f"Key {key!r} not found (the cache is out)")

    return fallback
