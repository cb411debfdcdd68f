"""The CPU fixes a Rasa server installs change no result: event classes by name, and an NLG request
that carries what the NLG endpoint reads (the latest message with its metadata, and the slots)."""

from __future__ import annotations

import pytest
from rasa.shared.core.events import ActionExecuted, Event, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.utils.common import all_subclasses

from bot.content.nlg import pick_language, pick_region
from rasa_ext import event_types, nlg_request


def test_every_event_type_resolves_to_the_same_class_as_rasas_own_lookup():
    event_types.install()
    names = {cls.type_name for cls in all_subclasses(Event) if isinstance(getattr(cls, "type_name", None), str)}
    assert len(names) > 20
    for name in names:
        assert Event.resolve_by_type(name) is event_types._ORIGINAL(name)
        assert Event.resolve_by_type(name) is event_types._ORIGINAL(name)  # from the map the second time
    with pytest.raises(ValueError):
        Event.resolve_by_type("no-such-event")
    assert Event.resolve_by_type("no-such-event", default=SlotSet) is SlotSet
    assert "no-such-event" not in event_types._BY_NAME  # a default is never remembered
    assert Event.resolve_by_type("topic") is None


def test_the_nlg_request_has_no_events_but_all_the_endpoint_reads():
    metadata = {"language": "ar", "region": "HR", "region_explicit": True}
    tracker = DialogueStateTracker.from_events(
        "s1",
        [
            ActionExecuted("action_listen"),
            UserUttered("مرحبا", {"name": "greet", "confidence": 0.9}, metadata=metadata),
            SlotSet("region", "HR"),
        ],
    )
    body = nlg_request.nlg_request_format("utter_greet", tracker, "collector", response_id=None, signs=["debt"])
    assert body["tracker"]["events"] is None
    assert body["arguments"] == {"signs": ["debt"]} and body["response"] == "utter_greet"
    assert pick_language(body["tracker"], {"ar", "en"}) == ("ar", False)
    assert pick_region(body["tracker"], {}) == "HR"
