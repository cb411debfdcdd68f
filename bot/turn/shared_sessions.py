"""The gateway's per-conversation state in Redis (LANTERN_REDIS_URL): any gateway can serve any
message of a conversation. One key per conversation, expired by Redis after the session TTL."""

from __future__ import annotations

import json
from dataclasses import asdict

from redis import asyncio as aioredis

from bot.runtime.redis_client import KEY_PREFIX
from bot.turn.sessions import SessionState

PREFIX = KEY_PREFIX + "state:"
FIELDS = ("language", "language_explicit", "region", "region_explicit")


class RedisSessionStore:
    def __init__(self, client: aioredis.Redis, ttl_seconds: float) -> None:
        self._client = client
        self._ttl_ms = max(1, int(ttl_seconds * 1000))

    async def load(self, key: str) -> SessionState:
        raw = await self._client.get(PREFIX + key)
        if not raw:
            return SessionState()
        try:
            data = json.loads(raw)
        except ValueError:
            return SessionState()
        return SessionState(**{name: data.get(name) for name in FIELDS if name in data})

    async def store(self, key: str, state: SessionState) -> None:
        data = {name: value for name, value in asdict(state).items() if name in FIELDS}
        await self._client.set(PREFIX + key, json.dumps(data), px=self._ttl_ms)

    async def drop(self, key: str) -> None:
        await self._client.delete(PREFIX + key)

    def sweep(self) -> int:
        """Nothing to do: Redis expires each key itself."""
        return 0
