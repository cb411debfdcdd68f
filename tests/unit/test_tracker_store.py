"""The tracker store forgets on request and after the time-to-live."""

from __future__ import annotations

import asyncio
import time

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_ext.tracker_store import FORGET_ACTION, KEEP_EVENTS, MAX_EVENTS, ForgettingTrackerStore
from tests.fake_clock import FakeClock


def tracker(sender: str, *events) -> DialogueStateTracker:
    return DialogueStateTracker.from_events(sender, [UserUttered("hello"), *events])


async def test_forget_action_erases_every_event():
    store = ForgettingTrackerStore(Domain.empty(), ttl_minutes=30, max_minutes=240)
    await store.save(tracker("s1", BotUttered("hi")))
    assert await store.retrieve("s1") is not None
    await store.save(tracker("s1", BotUttered("hi"), UserUttered("forget me"), ActionExecuted(FORGET_ACTION)))
    assert await store.retrieve("s1") is None
    assert "s1" not in store.store


async def test_forget_from_an_earlier_turn_does_not_erase_later_ones():
    store = ForgettingTrackerStore(Domain.empty(), ttl_minutes=30, max_minutes=240)
    await store.save(tracker("s2", ActionExecuted(FORGET_ACTION), UserUttered("hello again")))
    assert await store.retrieve("s2") is not None


async def test_idle_conversations_expire():
    clock = FakeClock()
    store = ForgettingTrackerStore(Domain.empty(), ttl_minutes=30, max_minutes=240, clock=clock)
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


async def test_a_conversation_older_than_its_lifetime_is_erased_even_when_active():
    clock = FakeClock()
    store = ForgettingTrackerStore(Domain.empty(), ttl_minutes=30, max_minutes=60, clock=clock)
    for _ in range(7):  # a message every 10 minutes: never idle, but 70 minutes old at the end
        await store.save(tracker("busy"))
        clock.now += 10 * 60
    assert store.sweep() == 1
    assert await store.retrieve("busy") is None


async def test_the_timer_erases_idle_conversations_without_any_traffic():
    store = ForgettingTrackerStore(Domain.empty(), ttl_minutes=0.01, max_minutes=240, sweep_seconds=0.2)
    await store.save(tracker("quiet"))
    assert "quiet" in store.store
    deadline = time.monotonic() + 5
    while "quiet" in store.store and time.monotonic() < deadline:
        await asyncio.sleep(0.1)  # no save, no retrieve: only the timer can erase it
    assert "quiet" not in store.store


async def test_a_long_conversation_is_trimmed_but_keeps_its_slots_and_form():
    domain = Domain.from_dict(
        {
            "slots": {
                "sector": {"type": "text", "mappings": [{"type": "custom"}]},
                "under_18": {"type": "text", "mappings": [{"type": "custom"}]},
            },
            "forms": {"selfcheck_form": {"required_slots": ["under_18"]}},
        }
    )
    store = ForgettingTrackerStore(domain, ttl_minutes=30, max_minutes=240)
    events = [SlotSet("sector", "hospitality"), ActiveLoop("selfcheck_form")]
    for n in range(300):
        events += [UserUttered(f"message {n}"), ActionExecuted("utter_x"), BotUttered(f"reply {n}")]
        events.append(ActionExecuted("action_listen"))
    events.append(SlotSet("under_18", "no"))
    long = DialogueStateTracker.from_events("long", [UserUttered("hello"), *events], slots=domain.slots)
    assert len(long.events) > MAX_EVENTS
    await store.save(long)
    kept = await store.retrieve("long")
    assert kept is not None
    assert len(kept.events) <= KEEP_EVENTS + 10
    assert kept.get_slot("sector") == "hospitality" and kept.get_slot("under_18") == "no"
    assert kept.active_loop_name == "selfcheck_form"
    assert kept.latest_message.text == "message 299"
