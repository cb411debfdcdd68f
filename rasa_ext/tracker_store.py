"""An in-memory tracker store that really forgets: on request, after a period of silence, and after a
maximum lifetime, on a timer (not only when traffic arrives); and that keeps each conversation bounded.

Rasa 3.6 has no API to delete a conversation, and its session expiry only starts a new session on top
of the old events. This store deletes the whole conversation when `action_forget_conversation` ran in
the last turn, and a timer thread drops any conversation idle for longer than the session time-to-live
or older than the maximum lifetime. A long conversation keeps only its recent turns (with the slots
and form it is in), so it is not loaded, saved and sent to the NLG endpoint whole on every turn.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import InMemoryTrackerStore
from rasa.shared.core.constants import ACTION_LISTEN_NAME, ACTION_SESSION_START_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, Event, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.common.names import (
    ACTION_FORGET_CONVERSATION,
)
from rasa_ext.server_fixes import install_server_fixes

logger = logging.getLogger(__name__)

FORGET_ACTION = ACTION_FORGET_CONVERSATION
MAX_EVENTS = 120  # past this many events (about twelve turns) a conversation is trimmed ...
KEEP_EVENTS = 60  # ... to its recent whole turns (the policies look back five), with its slots and form


def asked_to_forget(tracker: DialogueStateTracker) -> bool:
    """True when the forget action ran after the latest user message."""
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return False
        if isinstance(event, ActionExecuted) and event.action_name == FORGET_ACTION:
            return True
    return False


def trimmed_events(tracker: DialogueStateTracker, keep: int = KEEP_EVENTS) -> list[Event]:
    """The recent whole turns of a long conversation, after events that restore its slots and form."""
    events = list(tracker.events)
    recent = events[-keep:]
    start = next((i for i, e in enumerate(recent) if isinstance(e, UserUttered)), len(recent))
    restore: list[Event] = [ActionExecuted(ACTION_SESSION_START_NAME), SessionStarted()]
    restore += [SlotSet(name, slot.value) for name, slot in tracker.slots.items() if slot.value is not None]
    if tracker.active_loop_name:
        restore.append(ActiveLoop(tracker.active_loop_name))
    restore.append(ActionExecuted(ACTION_LISTEN_NAME))
    return restore + recent[start:]


class ForgettingTrackerStore(InMemoryTrackerStore):
    """InMemoryTrackerStore with deletion on request and a time-to-live per conversation."""

    def __init__(
        self,
        domain: Domain,
        host: str | None = None,
        event_broker: EventBroker | None = None,
        ttl_minutes: float | str | None = None,
        max_minutes: float | str | None = None,
        sweep_seconds: float | str | None = None,
        clock: Callable[[], float] = time.monotonic,
        **kwargs: Any,
    ) -> None:
        super().__init__(domain, event_broker, **kwargs)
        if ttl_minutes in (None, "") or max_minutes in (None, ""):
            raise ValueError(
                "tracker_store.ttl_minutes and max_minutes are required (endpoints.yml passes "
                "LANTERN_SESSION_TTL_MINUTES and LANTERN_CONVERSATION_MAX_MINUTES, which the supervisor sets)"
            )
        self.ttl_seconds = float(ttl_minutes) * 60.0
        self.max_seconds = float(max_minutes) * 60.0
        self._clock = clock
        self._lock = threading.Lock()
        self._last_seen: dict[str, float] = {}
        self._started: dict[str, float] = {}
        install_server_fixes()
        if sweep_seconds not in (None, ""):
            self._timer = threading.Thread(
                target=self._sweep_every, args=(float(sweep_seconds),), name="tracker-sweep", daemon=True
            )
            self._timer.start()

    def _sweep_every(self, seconds: float) -> None:
        while True:
            time.sleep(seconds)
            try:
                self.sweep()
            except Exception as exc:  # never let the timer die: the next round tries again
                logger.error("Tracker sweep failed (%s).", type(exc).__name__)

    async def save(self, tracker: DialogueStateTracker) -> None:
        if asked_to_forget(tracker):
            self.delete(tracker.sender_id)
            logger.info("Conversation erased on request.")
            return
        if len(tracker.events) > MAX_EVENTS:
            tracker = DialogueStateTracker.from_events(
                tracker.sender_id, trimmed_events(tracker), slots=self.domain.slots
            )
        await super().save(tracker)
        now = self._clock()
        with self._lock:
            self._last_seen[tracker.sender_id] = now
            self._started.setdefault(tracker.sender_id, now)

    async def _retrieve(self, sender_id: str, fetch_all_sessions: bool) -> DialogueStateTracker | None:
        if self._expired(sender_id):
            self.delete(sender_id)
        return await super()._retrieve(sender_id, fetch_all_sessions)

    async def keys(self) -> Iterable[str]:
        self.sweep()
        return list(self.store.keys())

    def delete(self, sender_id: str) -> None:
        """Remove every event of this conversation."""
        with self._lock:
            self.store.pop(sender_id, None)
            self._last_seen.pop(sender_id, None)
            self._started.pop(sender_id, None)

    def sweep(self) -> int:
        """Delete every conversation idle past the time-to-live or older than the lifetime; return how many."""
        with self._lock:
            expired = [key for key in self._last_seen if self._expired(key)]
            for key in expired:
                self.store.pop(key, None)
                self._last_seen.pop(key, None)
                self._started.pop(key, None)
        if expired:
            logger.info("Expired %d conversation(s).", len(expired))
        return len(expired)

    def _expired(self, sender_id: str) -> bool:
        now = self._clock()
        seen = self._last_seen.get(sender_id)
        started = self._started.get(sender_id)
        return (seen is not None and now - seen > self.ttl_seconds) or (
            started is not None and now - started > self.max_seconds
        )
