"""Rasa's Redis lock store, configured by one URL (LANTERN_REDIS_URL) and with a socket timeout.

Several Rasa workers share conversations through Redis; the lock keeps one conversation's messages
in order even if two workers ever got messages of it at once (the gateway sends each conversation to
one worker, so this is the exception). Rasa's own store takes host and port separately.
"""

from __future__ import annotations

from typing import Any

import redis
from rasa.core.lock import TicketLock
from rasa.core.lock_store import RedisLockStore
from rasa.utils.endpoints import EndpointConfig

DEFAULT_SOCKET_TIMEOUT = 1.0
LOCK_EXPIRY_SECONDS = 120  # a lock left by a worker that died mid-turn goes by itself (Rasa sets none)


class UrlRedisLockStore(RedisLockStore):
    def __init__(self, endpoint_config: EndpointConfig, **_: Any) -> None:
        options = endpoint_config.kwargs
        url = options.get("redis_url")
        if not url:
            raise ValueError("lock_store.redis_url is required (LANTERN_REDIS_URL)")
        timeout = float(options.get("socket_timeout") or DEFAULT_SOCKET_TIMEOUT)
        super().__init__(key_prefix="lantern", socket_timeout=timeout)
        self.red = redis.Redis.from_url(url, socket_timeout=timeout, socket_connect_timeout=timeout)

    def save_lock(self, lock: TicketLock) -> None:
        self.red.set(self.key_prefix + lock.conversation_id, lock.dumps(), ex=LOCK_EXPIRY_SECONDS)
