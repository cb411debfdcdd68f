"""Professional journey: what to say after triage, signs for the sector, and the referral route.

Who refers depends on who is asking (shared/content/guidance.md): local-authority officers work for a
First Responder with the Duty to Notify; taxi and hotel staff and most NHS staff in England and Wales do
not; a child is always a safeguarding matter first.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

SECTORS = ("housing", "licensing", "health_safety", "transport", "hospitality", "healthcare")
REFERRAL_BY_SECTOR = {
    "housing": "utter_referral_local_authority",
    "licensing": "utter_referral_local_authority",
    "health_safety": "utter_referral_health_safety",
    "transport": "utter_referral_not_first_responder",
    "hospitality": "utter_referral_not_first_responder",
    "healthcare": "utter_referral_healthcare",
    "other": "utter_referral_general",
}


def is_child(tracker: Tracker) -> bool:
    """Under 18, or not sure: treat as a child (safeguarding first, no consent needed)."""
    return tracker.get_slot("under_18") in ("yes", "unsure")


def signs_response(sector: str | None) -> str:
    return f"utter_signs_{sector}" if sector in SECTORS else "utter_signs_general"


def referral_responses(sector: str | None, child: bool) -> list[str]:
    first = "utter_referral_child" if child else REFERRAL_BY_SECTOR.get(sector or "other", "utter_referral_general")
    return [first, "utter_referral_nations"]


class ValidateProfessionalForm(FormValidationAction):
    """Immediate danger gets the emergency advice at once; triage then goes on."""

    def name(self) -> str:
        return "validate_professional_form"

    async def validate_danger_now(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if value is True:
            dispatcher.utter_message(response="utter_professional_danger")
        return {"danger_now": value}


class ActionProfessionalGuidance(Action):
    """After triage: child safeguarding when relevant, the first-contact steps, then the menu."""

    def name(self) -> str:
        return "action_professional_guidance"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        if is_child(tracker):
            dispatcher.utter_message(response="utter_child_safeguarding")
        dispatcher.utter_message(response="utter_first_contact_steps")
        dispatcher.utter_message(response="utter_professional_menu")
        return []


class ActionSectorSigns(Action):
    """Signs for the professional's sector; asks the sector first when it is not known yet."""

    def name(self) -> str:
        return "action_sector_signs"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        sector = tracker.get_slot("sector")
        if sector is None:
            dispatcher.utter_message(response="utter_ask_sector")
            return [SlotSet("pending_topic", "signs")]
        dispatcher.utter_message(response=signs_response(sector))
        return []


class ActionReferralRoute(Action):
    """Who to tell: depends on the sector (asked when unknown) and on whether the person is a child."""

    def name(self) -> str:
        return "action_referral_route"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        sector = tracker.get_slot("sector")
        child = is_child(tracker)
        if sector is None and not child:
            dispatcher.utter_message(response="utter_ask_sector")
            return [SlotSet("pending_topic", "referral")]
        for response in referral_responses(sector, child):
            dispatcher.utter_message(response=response)
        return []


class ActionAnswerSectorTopic(Action):
    """The sector was just given: answer what was pending (referral or signs; signs by default)."""

    def name(self) -> str:
        return "action_answer_sector_topic"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        sector = tracker.get_slot("sector")
        if tracker.get_slot("pending_topic") == "referral":
            for response in referral_responses(sector, is_child(tracker)):
                dispatcher.utter_message(response=response)
        else:
            dispatcher.utter_message(response=signs_response(sector))
        return [SlotSet("pending_topic", None)]
