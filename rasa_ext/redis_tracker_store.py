"""Rasa's Redis tracker store, made to forget like the in-memory one, for several Rasa workers.

Every conversation is one Redis key that Redis itself expires after the session time-to-live (each
save sets it again), and never later than the conversation's maximum lifetime; "forget me" deletes it
at once. A second key per conversation holds when it began (for that lifetime), with the same expiry,
so nothing of a conversation outlives it. Long conversations are trimmed as in memory.

Rasa's own RedisTrackerStore reads the stored tracker back on every save to merge sessions, and its
client has no socket timeout (a hung Redis would hang the worker). Lantern keeps one session per
conversation, so a save is a single write; every call has a timeout, and a failure raises to Rasa,
whose error the gateway answers with the safety net.
"""

from __future__ import annotations

import logging
import time
from typing import Any

import redis
from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import RedisTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_ext.server_fixes import install_server_fixes
from rasa_ext.tracker_store import MAX_EVENTS, asked_to_forget, trimmed_events

logger = logging.getLogger(__name__)

KEY_PREFIX = "lantern:tracker:"
STARTED_PREFIX = "lantern:started:"
DEFAULT_SOCKET_TIMEOUT = 1.0  # seconds: a Redis that does not answer fails the turn, never hangs it


def _minutes(value: float | str | None, name: str) -> float:
    if value in (None, ""):
        raise ValueError(f"tracker_store.{name} is required (the supervisor sets it from Lantern's settings)")
    return float(value) * 60.0


class ForgettingRedisTrackerStore(RedisTrackerStore):
    """One key per conversation, expired by Redis; deleted at once on "forget me"."""

    def __init__(
        self,
        domain: Domain,
        host: str | None = None,  # Rasa passes the endpoint's `url` here; Lantern uses `redis_url`
        redis_url: str | None = None,
        ttl_minutes: float | str | None = None,
        max_minutes: float | str | None = None,
        socket_timeout: float | str | None = None,
        event_broker: EventBroker | None = None,
        **kwargs: Any,
    ) -> None:
        if not redis_url:
            raise ValueError("tracker_store.redis_url is required (LANTERN_REDIS_URL)")
        self.ttl_seconds = _minutes(ttl_minutes, "ttl_minutes")
        self.max_seconds = _minutes(max_minutes, "max_minutes")
        super().__init__(domain, event_broker=event_broker, record_exp=self.ttl_seconds, **kwargs)
        timeout = float(socket_timeout) if socket_timeout not in (None, "") else DEFAULT_SOCKET_TIMEOUT
        self.red = redis.Redis.from_url(
            redis_url, socket_timeout=timeout, socket_connect_timeout=timeout, decode_responses=True
        )
        self.key_prefix = KEY_PREFIX
        install_server_fixes()

    def _keys(self, sender_id: str) -> tuple[str, str]:
        return KEY_PREFIX + sender_id, STARTED_PREFIX + sender_id

    async def save(self, tracker: DialogueStateTracker, timeout: float | None = None) -> None:
        await self.stream_events(tracker)
        if asked_to_forget(tracker):
            self.delete(tracker.sender_id)
            logger.info("Conversation erased on request.")
            return
        key, started_key = self._keys(tracker.sender_id)
        now = time.time()
        began = self.red.get(started_key)
        started = float(began) if began else now
        remaining = self.max_seconds - (now - started)
        if remaining <= 0:
            self.delete(tracker.sender_id)
            return
        if len(tracker.events) > MAX_EVENTS:
            tracker = DialogueStateTracker.from_events(
                tracker.sender_id, trimmed_events(tracker), slots=self.domain.slots
            )
        expiry_ms = max(1, int(min(self.ttl_seconds, remaining) * 1000))
        pipe = self.red.pipeline()
        pipe.set(key, self.serialise_tracker(tracker), px=expiry_ms)
        pipe.set(started_key, repr(started), px=expiry_ms)
        pipe.execute()

    async def _retrieve(self, sender_id: str, fetch_all_sessions: bool) -> DialogueStateTracker | None:
        key, started_key = self._keys(sender_id)
        stored, began = self.red.mget(key, started_key)
        if stored is None:
            return None
        if not began or time.time() - float(began) > self.max_seconds:
            self.delete(sender_id)
            return None
        return self.deserialise_tracker(sender_id, stored)

    def delete(self, sender_id: str) -> None:
        """Remove every key of this conversation."""
        self.red.delete(*self._keys(sender_id))
