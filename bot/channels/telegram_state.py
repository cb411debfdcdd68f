"""What the Telegram channel keeps per chat, behind one async interface: in this process by default
(telegram_memory.ChatMemory), or in Redis with LANTERN_REDIS_URL, so that any gateway can answer a
chat, delete its messages on /forget and read its buttons.

In Redis, per chat pseudonym: a list of the message ids /forget may delete (kept for Telegram's 48-hour
delete window, then expired by Redis) and a hash of button tokens (long payloads travel as short
tokens), with the same expiry. A raw chat id is never stored.
"""

from __future__ import annotations

import secrets
import time
from typing import Protocol

from redis import asyncio as aioredis

from bot.channels.telegram_memory import (
    DELETE_WINDOW_SECONDS,
    MAX_MESSAGES_PER_CHAT,
    MAX_TOKENS_PER_CHAT,
    TOKEN_PREFIX,
    ChatMemory,
)
from bot.runtime.redis_client import KEY_PREFIX

MAX_CALLBACK_BYTES = 64  # Telegram's limit for a button's callback data


class ChatState(Protocol):
    async def remember_message(self, key: str, message_id: int) -> None: ...

    async def take_messages(self, key: str) -> list[int]: ...

    async def callback_data(self, key: str, payload: str) -> str: ...

    async def payload(self, key: str, data: str | None) -> str | None: ...

    def sweep(self, idle_seconds: float = DELETE_WINDOW_SECONDS) -> int: ...


class LocalChatState:
    """ChatMemory (in this process), through the async interface."""

    def __init__(self, memory: ChatMemory | None = None) -> None:
        self.memory = memory or ChatMemory()

    async def remember_message(self, key: str, message_id: int) -> None:
        self.memory.remember_message(key, message_id)

    async def take_messages(self, key: str) -> list[int]:
        return self.memory.take_messages(key)

    async def callback_data(self, key: str, payload: str) -> str:
        return self.memory.callback_data(key, payload)

    async def payload(self, key: str, data: str | None) -> str | None:
        return self.memory.payload(key, data)

    def sweep(self, idle_seconds: float = DELETE_WINDOW_SECONDS) -> int:
        return self.memory.sweep(idle_seconds)

    def __len__(self) -> int:
        return len(self.memory)


class RedisChatState:
    """The same, in Redis: every key per chat pseudonym, with Telegram's delete window as its expiry."""

    def __init__(self, client: aioredis.Redis) -> None:
        self._client = client
        self._window_ms = int(DELETE_WINDOW_SECONDS * 1000)

    @staticmethod
    def _messages_key(key: str) -> str:
        return f"{KEY_PREFIX}tg:messages:{key}"

    @staticmethod
    def _tokens_key(key: str) -> str:
        return f"{KEY_PREFIX}tg:tokens:{key}"

    async def remember_message(self, key: str, message_id: int) -> None:
        name = self._messages_key(key)
        pipe = self._client.pipeline(transaction=True)
        pipe.rpush(name, f"{message_id}:{time.time():.0f}")
        pipe.ltrim(name, -MAX_MESSAGES_PER_CHAT, -1)
        pipe.pexpire(name, self._window_ms)
        await pipe.execute()

    async def take_messages(self, key: str) -> list[int]:
        """The ids still deletable, oldest first; forgets the chat entirely."""
        pipe = self._client.pipeline(transaction=True)
        pipe.lrange(self._messages_key(key), 0, -1)
        pipe.delete(self._messages_key(key), self._tokens_key(key))
        stored, _ = await pipe.execute()
        now = time.time()
        ids = []
        for item in stored:
            message_id, _, at = str(item).partition(":")
            if message_id.isdigit() and at.isdigit() and now - int(at) < DELETE_WINDOW_SECONDS:
                ids.append(int(message_id))
        return ids

    async def callback_data(self, key: str, payload: str) -> str:
        if 0 < len(payload.encode("utf-8")) <= MAX_CALLBACK_BYTES and not payload.startswith(TOKEN_PREFIX):
            return payload
        name = self._tokens_key(key)
        known = await self._client.hgetall(name)
        for token, stored in known.items():
            if stored == payload:
                return str(token)
        token = TOKEN_PREFIX + secrets.token_urlsafe(9)
        pipe = self._client.pipeline(transaction=True)
        if len(known) >= MAX_TOKENS_PER_CHAT:
            pipe.delete(name)  # bounded: older buttons of this chat stop working, as in memory
        pipe.hset(name, token, payload)
        pipe.pexpire(name, self._window_ms)
        await pipe.execute()
        return token

    async def payload(self, key: str, data: str | None) -> str | None:
        if not data:
            return None
        if data.startswith(TOKEN_PREFIX):
            stored = await self._client.hget(self._tokens_key(key), data)
            return str(stored) if stored is not None else None
        return data if data.startswith("/") else None

    def sweep(self, idle_seconds: float = DELETE_WINDOW_SECONDS) -> int:
        """Nothing to do: Redis expires each key itself."""
        return 0
