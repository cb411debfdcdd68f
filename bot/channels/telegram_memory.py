"""What the Telegram channel remembers per chat pseudonym, in memory and bounded: message ids to
delete on /forget, short tokens for long button payloads, notices sent once, one lock per chat.

Keyed by the HMAC pseudonym only; a raw chat id is never stored. Message ids are kept for as long as
Telegram lets a bot delete a message (48 hours), then dropped. Every store is kept in time order, so
bounding it and `sweep()` (the app's timer) cost only the entries they drop, never a scan.
"""

from __future__ import annotations

import asyncio
import contextlib
import secrets
import time
from collections import OrderedDict, deque
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field

DELETE_WINDOW_SECONDS = 48 * 3600 - 600  # Telegram's 48 h, less a margin for clock skew
MAX_MESSAGES_PER_CHAT = 500
MAX_TOKENS_PER_CHAT = 64
MAX_CHATS = 50_000
TOKEN_PREFIX = "~"  # never the first character of a payload ("/intent…")


@dataclass
class _Chat:
    messages: deque[tuple[int, float]] = field(default_factory=lambda: deque(maxlen=MAX_MESSAGES_PER_CHAT))
    tokens: OrderedDict[str, str] = field(default_factory=OrderedDict)
    last_seen: float = 0.0


class ChatMemory:
    """Per chat, in last-seen order: the longest idle chat is always first."""

    def __init__(self, clock: Callable[[], float] = time.monotonic, max_chats: int = MAX_CHATS) -> None:
        self._clock = clock
        self._max = max_chats
        self._chats: OrderedDict[str, _Chat] = OrderedDict()

    def _chat(self, key: str) -> _Chat:
        now = self._clock()
        chat = self._chats.get(key)
        if chat is None:
            while len(self._chats) >= self._max:
                self._chats.popitem(last=False)  # the longest idle
            chat = self._chats[key] = _Chat()
        self._chats.move_to_end(key)
        chat.last_seen = now
        return chat

    def sweep(self, idle_seconds: float = DELETE_WINDOW_SECONDS) -> int:
        """Forget every chat idle longer than `idle_seconds`; how many (the app's timer calls this)."""
        now = self._clock()
        dropped = 0
        while self._chats and now - next(iter(self._chats.values())).last_seen > idle_seconds:
            self._chats.popitem(last=False)
            dropped += 1
        return dropped

    def forget(self, key: str) -> None:
        """Drop everything remembered about this chat."""
        self._chats.pop(key, None)

    def remember_message(self, key: str, message_id: int) -> None:
        """A message in this chat (the bot's or the user's) that /forget should delete."""
        now = self._clock()
        messages = self._chat(key).messages
        while messages and now - messages[0][1] >= DELETE_WINDOW_SECONDS:  # no longer deletable
            messages.popleft()
        messages.append((message_id, now))

    def take_messages(self, key: str) -> list[int]:
        """The ids still deletable, oldest first; forgets the chat's memory entirely."""
        chat = self._chats.pop(key, None)
        if chat is None:
            return []
        now = self._clock()
        return [mid for mid, at in chat.messages if now - at < DELETE_WINDOW_SECONDS]

    def callback_data(self, key: str, payload: str) -> str:
        """Telegram allows 1–64 bytes of callback data: longer payloads travel as a short token."""
        if 0 < len(payload.encode("utf-8")) <= 64 and not payload.startswith(TOKEN_PREFIX):
            return payload
        tokens = self._chat(key).tokens
        for token, known in tokens.items():
            if known == payload:
                tokens.move_to_end(token)
                return token
        token = TOKEN_PREFIX + secrets.token_urlsafe(9)
        tokens[token] = payload
        while len(tokens) > MAX_TOKENS_PER_CHAT:
            tokens.popitem(last=False)
        return token

    def payload(self, key: str, data: str | None) -> str | None:
        """The payload behind a pressed button's data; None for an unknown or expired token."""
        if not data:
            return None
        if data.startswith(TOKEN_PREFIX):
            chat = self._chats.get(key)
            return chat.tokens.get(data) if chat else None
        return data if data.startswith("/") else None

    def __len__(self) -> int:
        return len(self._chats)


class Once:
    """True the first time a key is seen within `seconds` (bounded): notices sent once a window."""

    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic, max_keys: int = MAX_CHATS):
        self._seconds = seconds
        self._clock = clock
        self._max = max_keys
        self._seen: OrderedDict[str, float] = OrderedDict()

    async def first_time(self, key: str) -> bool:
        """`first`, for callers that may be given a shared (Redis) window instead."""
        return self.first(key)

    def first(self, key: str) -> bool:
        now = self._clock()
        self._drop_expired(now)
        if key in self._seen:
            return False
        while len(self._seen) >= self._max:
            self._seen.popitem(last=False)
        self._seen[key] = now
        return True

    def sweep(self) -> int:
        """Forget every key past its window; how many (the app's timer calls this)."""
        return self._drop_expired(self._clock())

    def _drop_expired(self, now: float) -> int:
        """Oldest first (keys are kept in the order first seen), so this stops at the first key in its window."""
        dropped = 0
        while self._seen and now - next(iter(self._seen.values())) >= self._seconds:
            self._seen.popitem(last=False)
            dropped += 1
        return dropped

    def __len__(self) -> int:
        return len(self._seen)


class ChatLocks:
    """One asyncio.Lock per chat: its updates are handled and answered in order; freed when idle."""

    def __init__(self) -> None:
        self._locks: dict[str, tuple[asyncio.Lock, int]] = {}

    @contextlib.asynccontextmanager
    async def hold(self, key: str) -> AsyncIterator[None]:
        lock, users = self._locks.get(key, (None, 0))
        if lock is None:
            lock = asyncio.Lock()
        self._locks[key] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._locks[key]
            if users <= 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)

    def __len__(self) -> int:
        return len(self._locks)
