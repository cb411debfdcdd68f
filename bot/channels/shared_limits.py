"""Rate limits and once-a-window notices shared by every gateway, in Redis (LANTERN_REDIS_URL).

The same sliding one-minute window as rate_limit.py, kept as a sorted set of hit times per key that
Redis expires a minute after the last hit. Keys are keyed hashes (HMAC with the pseudonym secret):
an address or a conversation cannot be read back from Redis. When Redis fails, a limit lets the
message through (the turn then answers with its safety net) rather than refusing someone in danger.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import time

from redis import asyncio as aioredis

from bot.channels.rate_limit import WINDOW_SECONDS
from bot.runtime.redis_client import KEY_PREFIX, RedisError

logger = logging.getLogger(__name__)


def hashed(secret: bytes, name: str, key: str) -> str:
    """The Redis key for (limit name, key): unlinkable without the secret."""
    return hmac.new(secret, f"{name}:{key}".encode(), hashlib.sha256).hexdigest()[:32]


class RedisRateLimiter:
    def __init__(self, client: aioredis.Redis, per_minute: int, name: str, secret: bytes) -> None:
        if per_minute < 1:
            raise ValueError("per_minute must be at least 1")
        self._client = client
        self._limit = per_minute
        self._name = name
        self._secret = secret

    def _key(self, key: str) -> str:
        return f"{KEY_PREFIX}rate:{self._name}:{hashed(self._secret, self._name, key)}"

    async def admit(self, key: str) -> bool:
        """Record a hit; False (not recorded) when the key had `per_minute` hits in the last minute."""
        redis_key = self._key(key)
        now_ms = int(time.time() * 1000)
        window_ms = int(WINDOW_SECONDS * 1000)
        try:
            pipe = self._client.pipeline(transaction=True)
            pipe.zremrangebyscore(redis_key, 0, now_ms - window_ms)
            pipe.zcard(redis_key)
            _, hits = await pipe.execute()
            if hits >= self._limit:
                return False
            pipe = self._client.pipeline(transaction=True)
            pipe.zadd(redis_key, {f"{now_ms}:{secrets.token_hex(4)}": now_ms})
            pipe.pexpire(redis_key, window_ms)
            await pipe.execute()
            return True
        except RedisError as exc:
            logger.warning("Rate limit not checked: Redis unavailable (%s).", type(exc).__name__)
            return True

    async def drop(self, key: str) -> None:
        try:
            await self._client.delete(self._key(key))
        except RedisError as exc:  # it expires within a minute anyway
            logger.warning("Rate limit not dropped: Redis unavailable (%s).", type(exc).__name__)

    def sweep(self) -> int:
        """Nothing to do: Redis expires each key itself."""
        return 0


class RedisOnce:
    """True the first time a key is seen within `seconds`, across gateways."""

    def sweep(self) -> int:
        return 0

    def __init__(self, client: aioredis.Redis, seconds: float, name: str, secret: bytes) -> None:
        self._client = client
        self._ms = max(1, int(seconds * 1000))
        self._name = name
        self._secret = secret

    async def first_time(self, key: str) -> bool:
        redis_key = f"{KEY_PREFIX}once:{self._name}:{hashed(self._secret, self._name, key)}"
        try:
            return bool(await self._client.set(redis_key, "1", nx=True, px=self._ms))
        except RedisError as exc:
            logger.warning("Notice window not checked: Redis unavailable (%s).", type(exc).__name__)
            return True
