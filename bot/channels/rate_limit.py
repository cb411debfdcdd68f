"""Sliding one-minute windows per key, so one sender or one address cannot flood the engine.

Nothing outlives the window: `sweep()` (called by the app's timer) drops every key with no request in
the last minute. The table is capped hard at `max_keys` and kept in last-request order, so every call
is O(1) amortised and no call ever scans the table. The trade-off: when more than `max_keys` keys
arrive within a minute, the least recently seen key is evicted even if its window is still open, and
it starts again with a full budget. A key that keeps calling (refused calls included) stays at the
recent end, so it escapes its limit only when `max_keys` other keys arrive between two of its calls.
Exact limits under any flood would need unbounded memory; a bound that holds matters more.
"""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

WINDOW_SECONDS = 60.0
MAX_KEYS = 100_000


class Limits(Protocol):
    """What the channels need of a rate limit (in memory, or shared in Redis: shared_limits.py)."""

    async def admit(self, key: str) -> bool: ...

    async def drop(self, key: str) -> None: ...

    def sweep(self) -> int: ...


@dataclass(slots=True)
class _Window:
    hits: deque[float] = field(default_factory=deque)  # allowed hits, oldest first
    last: float = 0.0  # the latest call, allowed or refused: the table's order


class RateLimiter:
    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic, max_keys: int = MAX_KEYS) -> None:
        if per_minute < 1 or max_keys < 1:
            raise ValueError("per_minute and max_keys must be at least 1")
        self._limit = per_minute
        self._clock = clock
        self._max_keys = max_keys
        self._keys: OrderedDict[str, _Window] = OrderedDict()

    def allow(self, key: str) -> bool:
        """Record a hit for `key`; False (and not recorded) when it had `per_minute` hits in the last 60 s."""
        now = self._clock()
        hits = self._touch(key, now).hits
        while hits and now - hits[0] >= WINDOW_SECONDS:
            hits.popleft()
        if len(hits) >= self._limit:
            return False
        hits.append(now)
        return True

    async def admit(self, key: str) -> bool:
        """`allow`, for callers that may be given a shared (Redis) limit instead."""
        return self.allow(key)

    async def drop(self, key: str) -> None:
        """Forget this key's window (a forgotten conversation leaves nothing behind)."""
        self._keys.pop(key, None)

    def _touch(self, key: str, now: float) -> _Window:
        """The key's window, moved to the recent end; a new key evicts the least recent when full."""
        window = self._keys.get(key)
        if window is None:
            while len(self._keys) >= self._max_keys:
                self._keys.popitem(last=False)
            window = self._keys[key] = _Window()
        else:
            self._keys.move_to_end(key)
        window.last = now
        return window

    def sweep(self) -> int:
        """Drop every key with no call in the last 60 s; how many. Oldest first: stops at the first recent key."""
        cutoff = self._clock() - WINDOW_SECONDS
        dropped = 0
        while self._keys and next(iter(self._keys.values())).last <= cutoff:
            self._keys.popitem(last=False)
            dropped += 1
        return dropped

    def __len__(self) -> int:
        return len(self._keys)
