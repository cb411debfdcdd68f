"""Self-check: safe to talk first; then the summary names the signs a person said yes to (never a verdict)."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.listening import HINT_SLOT, ListeningForm, bot_said
from bot.common.names import (
    ACTION_SELFCHECK_SUMMARY,
    SIGNS,
    UTTER_NEXT_STEPS_SELF,
    UTTER_SELFCHECK_OPTIONS,
    UTTER_SELFCHECK_START,
    UTTER_SELFCHECK_SUMMARY_NONE,
    UTTER_SELFCHECK_SUMMARY_SIGNS,
    UTTER_UNSAFE_TO_TALK,
    VALIDATE_SELFCHECK_FORM,
)

SAFE = "safe_to_talk"


def selfcheck_done(tracker: Tracker) -> bool:
    """The self-check already ended with its options in this conversation: it is not asked again."""
    return bot_said(tracker, UTTER_SELFCHECK_OPTIONS)


def signs_said_yes(tracker: Tracker) -> list[str]:
    return [sign for sign in SIGNS if tracker.get_slot(f"sign_{sign}") == "yes"]


class ValidateSelfcheckForm(ListeningForm):
    """Not safe to talk: the numbers, and no question after it. Signs the person already described
    (filled from their own words) are not asked again."""

    def name(self) -> str:
        return VALIDATE_SELFCHECK_FORM

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[str]:
        if selfcheck_done(tracker):
            return []  # describing their situation again after the summary: the options, not 11 questions
        return [SAFE] if tracker.get_slot(SAFE) == "no" else domain_slots

    async def validate_safe_to_talk(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if value == "yes":
            dispatcher.utter_message(response=UTTER_SELFCHECK_START)
        elif value == "no":
            dispatcher.utter_message(response=UTTER_UNSAFE_TO_TALK)
        return {SAFE: value}


class ActionSelfcheckSummary(Action):
    """Summary, options, then what a call is like with the interpreter card offered; the answers are
    cleared so nothing of them outlives the summary."""

    def name(self) -> str:
        return ACTION_SELFCHECK_SUMMARY

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        if selfcheck_done(tracker):
            dispatcher.utter_message(response=UTTER_SELFCHECK_OPTIONS)
        elif tracker.get_slot(SAFE) != "no":
            signs = signs_said_yes(tracker)
            if signs:
                dispatcher.utter_message(response=UTTER_SELFCHECK_SUMMARY_SIGNS, signs=signs)
            else:
                dispatcher.utter_message(response=UTTER_SELFCHECK_SUMMARY_NONE)
            dispatcher.utter_message(response=UTTER_SELFCHECK_OPTIONS)
            dispatcher.utter_message(response=UTTER_NEXT_STEPS_SELF)
        return [SlotSet(f"sign_{sign}", None) for sign in SIGNS] + [SlotSet(SAFE, None), SlotSet(HINT_SLOT, None)]
