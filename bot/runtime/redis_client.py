"""The gateway's Redis client (LANTERN_REDIS_URL), shared by every store that keeps state in Redis.

Short timeouts, no retries: a Redis that is down fails a turn in well under a second, and the turn's
safety net answers; when Redis is back, the next message uses it again (the pool reconnects).
Every key starts with KEY_PREFIX, holds a pseudonym or a keyed hash (never a raw id or an address)
and has an expiry.
"""

from __future__ import annotations

from redis import asyncio as aioredis
from redis.exceptions import RedisError

SOCKET_TIMEOUT_SECONDS = 0.5
KEY_PREFIX = "lantern:"

__all__ = ["KEY_PREFIX", "RedisError", "connect"]


def connect(url: str) -> aioredis.Redis:
    """A client for `url`; it connects on first use."""
    return aioredis.Redis.from_url(
        url,
        socket_timeout=SOCKET_TIMEOUT_SECONDS,
        socket_connect_timeout=SOCKET_TIMEOUT_SECONDS,
        decode_responses=True,
        retry_on_timeout=False,
    )
