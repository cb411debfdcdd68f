"""Self-check summary: names the signs a person said yes to (never a verdict), then the options."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.common.names import (
    ACTION_SELFCHECK_SUMMARY,
    UTTER_SELFCHECK_OPTIONS,
    UTTER_SELFCHECK_SUMMARY_NONE,
    UTTER_SELFCHECK_SUMMARY_SIGNS,
)

# ILO indicators of forced labour, in the order the questions are asked.
SIGNS = (
    "deception",
    "movement",
    "isolation",
    "violence",
    "threats",
    "documents",
    "wages",
    "debt",
    "conditions",
    "overtime",
    "vulnerability",
)


def signs_said_yes(tracker: Tracker) -> list[str]:
    return [sign for sign in SIGNS if tracker.get_slot(f"sign_{sign}") == "yes"]


class ActionSelfcheckSummary(Action):
    """Summary and options; the answers are cleared so nothing of them outlives the summary."""

    def name(self) -> str:
        return ACTION_SELFCHECK_SUMMARY

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        signs = signs_said_yes(tracker)
        if signs:
            dispatcher.utter_message(response=UTTER_SELFCHECK_SUMMARY_SIGNS, signs=signs)
        else:
            dispatcher.utter_message(response=UTTER_SELFCHECK_SUMMARY_NONE)
        dispatcher.utter_message(response=UTTER_SELFCHECK_OPTIONS)
        return [SlotSet(f"sign_{sign}", None) for sign in SIGNS]
