"""An in-memory tracker store that really forgets: on request, and after a period of silence.

Rasa 3.6 has no API to delete a conversation, and its session expiry only starts a new session on top
of the old events. This store deletes the whole conversation when `action_forget_conversation` ran in
the last turn, and drops any conversation idle for longer than the session time-to-live.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from typing import Any

from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import InMemoryTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.common.names import (
    ACTION_FORGET_CONVERSATION,
)
from rasa_ext import http_reuse, schema_cache

logger = logging.getLogger(__name__)

FORGET_ACTION = ACTION_FORGET_CONVERSATION
SWEEP_EVERY_SECONDS = 60.0


def asked_to_forget(tracker: DialogueStateTracker) -> bool:
    """True when the forget action ran after the latest user message."""
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return False
        if isinstance(event, ActionExecuted) and event.action_name == FORGET_ACTION:
            return True
    return False


class ForgettingTrackerStore(InMemoryTrackerStore):
    """InMemoryTrackerStore with deletion on request and a time-to-live per conversation."""

    def __init__(
        self,
        domain: Domain,
        host: str | None = None,
        event_broker: EventBroker | None = None,
        ttl_minutes: int | str | None = None,
        clock: Callable[[], float] = time.monotonic,
        **kwargs: Any,
    ) -> None:
        super().__init__(domain, event_broker, **kwargs)
        if ttl_minutes in (None, ""):
            raise ValueError(
                "tracker_store.ttl_minutes is required (endpoints.yml passes LANTERN_SESSION_TTL_MINUTES, "
                "which the supervisor always sets)"
            )
        self.ttl_seconds = int(ttl_minutes) * 60.0
        # This store is created once in every Rasa server (never in training): the server-time fixes
        # that cut Rasa's CPU per message are installed from here, not at import of rasa_ext.
        schema_cache.install()
        http_reuse.install()
        self._clock = clock
        self._last_seen: dict[str, float] = {}
        self._last_sweep = clock()

    async def save(self, tracker: DialogueStateTracker) -> None:
        if asked_to_forget(tracker):
            self.delete(tracker.sender_id)
            logger.info("Conversation erased on request.")
            return
        await super().save(tracker)
        now = self._clock()
        self._last_seen[tracker.sender_id] = now
        if now - self._last_sweep >= SWEEP_EVERY_SECONDS:
            self.sweep()

    async def _retrieve(self, sender_id: str, fetch_all_sessions: bool) -> DialogueStateTracker | None:
        if self._expired(sender_id):
            self.delete(sender_id)
        return await super()._retrieve(sender_id, fetch_all_sessions)

    async def keys(self) -> Iterable[str]:
        self.sweep()
        return list(self.store.keys())

    def delete(self, sender_id: str) -> None:
        """Remove every event of this conversation."""
        self.store.pop(sender_id, None)
        self._last_seen.pop(sender_id, None)

    def sweep(self) -> int:
        """Delete every conversation idle for longer than the time-to-live; return how many."""
        self._last_sweep = self._clock()
        expired = [key for key in list(self._last_seen) if self._expired(key)]
        for key in expired:
            self.delete(key)
        if expired:
            logger.info("Expired %d idle conversation(s).", len(expired))
        return len(expired)

    def _expired(self, sender_id: str) -> bool:
        seen = self._last_seen.get(sender_id)
        return seen is not None and self._clock() - seen > self.ttl_seconds
