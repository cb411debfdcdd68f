"""What the gateway remembers about a conversation (language, region), for a limited time: in memory by
default; with LANTERN_REDIS_URL in Redis (bot/turn/shared_sessions.py), so that any gateway can serve
any message. The turn uses the async methods (`load`, `store`, `drop`), which both stores have."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol


@dataclass
class SessionState:
    language: str | None = None
    language_explicit: bool = False
    region: str | None = None
    region_explicit: bool = False
    last_seen: float = field(default=0.0)


class SessionStates(Protocol):
    """What the turn needs of a session store (in memory, or in Redis)."""

    async def load(self, key: str) -> SessionState: ...

    async def store(self, key: str, state: SessionState) -> None: ...

    async def drop(self, key: str) -> None: ...

    def sweep(self) -> int: ...


class SessionStore:
    """Keyed by pseudonym; entries idle longer than the time-to-live are dropped."""

    def __init__(self, ttl_seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self._ttl = ttl_seconds
        self._clock = clock
        self._states: dict[str, SessionState] = {}

    def get(self, key: str) -> SessionState:
        now = self._clock()
        state = self._states.get(key)
        if state is None or now - state.last_seen > self._ttl:
            state = SessionState()
            self._states[key] = state
        state.last_seen = now
        return state

    def forget(self, key: str) -> None:
        self._states.pop(key, None)

    def sweep(self) -> int:
        """Drop every conversation idle past the TTL; return how many (a timer calls this)."""
        now = self._clock()
        idle = [k for k, s in self._states.items() if now - s.last_seen > self._ttl]
        for key in idle:
            del self._states[key]
        return len(idle)

    def __len__(self) -> int:
        return len(self._states)

    async def load(self, key: str) -> SessionState:
        """The conversation's state (a new one when unknown or idle past the TTL)."""
        return self.get(key)

    async def store(self, key: str, state: SessionState) -> None:
        """Keep what the turn changed (in memory the state object is the one kept already)."""
        state.last_seen = self._clock()
        self._states[key] = state

    async def drop(self, key: str) -> None:
        self.forget(key)
