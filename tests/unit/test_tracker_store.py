"""The tracker store forgets on request and after the time-to-live."""

from __future__ import annotations

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_ext.tracker_store import FORGET_ACTION, ForgettingTrackerStore


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def tracker(sender: str, *events) -> DialogueStateTracker:
    return DialogueStateTracker.from_events(sender, [UserUttered("hello"), *events])


async def test_forget_action_erases_every_event():
    store = ForgettingTrackerStore(Domain.empty(), ttl_minutes=30)
    await store.save(tracker("s1", BotUttered("hi")))
    assert await store.retrieve("s1") is not None
    await store.save(tracker("s1", BotUttered("hi"), UserUttered("forget me"), ActionExecuted(FORGET_ACTION)))
    assert await store.retrieve("s1") is None
    assert "s1" not in store.store


async def test_forget_from_an_earlier_turn_does_not_erase_later_ones():
    store = ForgettingTrackerStore(Domain.empty(), ttl_minutes=30)
    await store.save(tracker("s2", ActionExecuted(FORGET_ACTION), UserUttered("hello again")))
    assert await store.retrieve("s2") is not None


async def test_idle_conversations_expire():
    clock = Clock()
    store = ForgettingTrackerStore(Domain.empty(), ttl_minutes=30, clock=clock)
    await store.save(tracker("old"))
    clock.now += 29 * 60
    await store.save(tracker("new"))
    assert await store.retrieve("old") is not None
    clock.now += 2 * 60
    assert await store.retrieve("old") is None
    assert await store.retrieve("new") is not None
    clock.now += 31 * 60
    assert store.sweep() == 1
    assert store.store == {}
