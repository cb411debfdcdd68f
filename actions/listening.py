"""Forms that listen: each reply is read against the question asked, and no question loops.

Both forms (professional triage, self-check) validate through `ListeningForm`:
- the requested slot is filled from the reply read in context (actions/answers.py);
- a request for a number inside a form gets the numbers in the same reply;
- an emergency that also answers the question ("yes, he beats me") fills it and still gets the
  emergency number first;
- a reply that does not answer (and is no side question, which its own rule answers) gets a one-line
  hint and the question again, with its buttons; after the second time the form moves on as
  "not sure" and says so. A question is never asked a third time in a row.
"""

from __future__ import annotations

from abc import abstractmethod
from typing import Any

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.answers import DENIALS, MOVED_ON, QUESTIONS, Message, said_so_far, value_for, volunteered
from bot.common.names import (
    UTTER_ANSWER_HINT,
    UTTER_ASK_PREFIX,
    UTTER_EMERGENCY,
    UTTER_HELP,
    UTTER_MOVING_ON,
)

HINT_SLOT = "answer_hint"
ASKS_BEFORE_MOVING_ON = 2


def _is_bot(event: dict, response: str) -> bool:
    """A bot event of this response (Rasa names the response in the event's metadata)."""
    return event.get("event") == "bot" and (event.get("metadata") or {}).get("utter_action") == response


def bot_said(tracker: Tracker, response: str) -> bool:
    """Lantern has shown this response in the conversation."""
    return any(_is_bot(event, response) for event in tracker.events)


def times_asked(tracker: Tracker, slot: str, form: str) -> int:
    """How often the form has asked for `slot` since it started."""
    asked = 0
    for event in reversed(tracker.events):
        if event.get("event") == "active_loop" and event.get("name") == form:
            break
        asked += _is_bot(event, UTTER_ASK_PREFIX + slot)
    return asked


def requested(tracker: Tracker) -> str | None:
    slot = tracker.get_slot("requested_slot")
    return slot if isinstance(slot, str) else None


class ListeningForm(FormValidationAction):
    """A form validation action that reads answers in context and never lets a question loop."""

    @abstractmethod
    def name(self) -> str:
        """Each form's validation action names itself (abstract: the action server skips this class)."""

    async def get_extraction_events(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        events = await super().get_extraction_events(dispatcher, tracker, domain)
        slot = requested(tracker)
        message = Message.of(tracker.latest_message)
        answer = value_for(slot, message) if slot is not None else None
        if slot is not None and tracker.slots.get(slot) is None and answer is None and message.side:
            return events  # nothing filled: the form steps aside and the side question's own rule answers it
        required = await self.required_slots(self.domain_slots(domain), dispatcher, tracker, domain)
        # When the form starts, everything said so far counts; later, the reply to the question.
        said = said_so_far(tracker) if slot is None else message
        for name in required:
            if tracker.slots.get(name) is not None:
                continue
            value = answer if name == slot else volunteered(name, said)
            if value is None:
                continue
            if name == slot and message.emergency and value not in DENIALS and slot != "danger_now":
                dispatcher.utter_message(response=UTTER_EMERGENCY)  # "yes, he beats me": the number first
            tracker.slots[name] = value
            events.append(SlotSet(name, value))
        if slot is not None and message.asks_number and not message.emergency and events:
            dispatcher.utter_message(response=UTTER_HELP)
        return events

    async def _validated(
        self, slot: str, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Any:
        """A value this action sets itself still goes through the form's `validate_<slot>` (its replies)."""
        validate = getattr(self, f"validate_{slot}", None)
        if validate is None:
            return value
        return (await validate(value, dispatcher, tracker, domain)).get(slot, value)

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        slot = requested(tracker)
        message = Message.of(tracker.latest_message)
        unanswered = (
            slot in QUESTIONS
            and tracker.slots.get(slot) is None
            and value_for(slot, message) is None
            and not str(tracker.latest_message.get("text") or "").startswith("/")
        )
        if not unanswered:
            return await super().run(dispatcher, tracker, domain)
        twice = times_asked(tracker, slot, self.form_name()) >= ASKS_BEFORE_MOVING_ON
        if message.side and (message.command or not twice):
            return await super().run(dispatcher, tracker, domain)  # its own rule answers; the form asks again
        if twice:  # asked twice already: answer what we can, take it as "not sure" and go on
            if message.side and message.side_response:
                dispatcher.utter_message(response=message.side_response)
            if slot != "danger_now":  # "not sure" about danger gets its own words from validate_danger_now
                dispatcher.utter_message(response=UTTER_MOVING_ON)
            value = await self._validated(slot, MOVED_ON[slot], dispatcher, tracker, domain)
            tracker.slots[slot] = value  # the form's next question is computed with it
            return [SlotSet(slot, value), *(await super().run(dispatcher, tracker, domain))]
        events = await super().run(dispatcher, tracker, domain)
        if tracker.slots.get(slot) is None:  # nothing read: a hint, and the form asks again
            if message.asks_number:
                dispatcher.utter_message(response=UTTER_HELP)
            dispatcher.utter_message(response=UTTER_ANSWER_HINT)
            events.append(SlotSet(HINT_SLOT, slot))  # a slot set: the form goes on and asks again
        return events
