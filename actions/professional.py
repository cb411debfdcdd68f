"""Professional journey: what to say after triage, signs for the sector, and the referral route.

Who refers depends on who is asking (shared/content/guidance.md): local-authority officers work for a
First Responder with the Duty to Notify; taxi and hotel staff and most NHS staff in England and Wales do
not; a child is always a safeguarding matter first.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.listening import ListeningForm, bot_said
from bot.common.names import (
    ACTION_ANSWER_SECTOR_TOPIC,
    ACTION_PROFESSIONAL_GUIDANCE,
    ACTION_REFERRAL_ROUTE,
    ACTION_SECTOR_SIGNS,
    UTTER_ASK_SECTOR,
    UTTER_CHILD_SAFEGUARDING,
    UTTER_FIRST_CONTACT_STEPS,
    UTTER_MOVING_ON_DANGER,
    UTTER_NEXT_STEPS_PROFESSIONAL,
    UTTER_NEXT_STEPS_PUBLIC,
    UTTER_PROFESSIONAL_DANGER,
    UTTER_PROFESSIONAL_INTRO,
    UTTER_PROFESSIONAL_MENU,
    UTTER_REFERRAL_CHILD,
    UTTER_REFERRAL_GENERAL,
    UTTER_REFERRAL_HEALTH_SAFETY,
    UTTER_REFERRAL_HEALTHCARE,
    UTTER_REFERRAL_LOCAL_AUTHORITY,
    UTTER_REFERRAL_NATIONS,
    UTTER_REFERRAL_NOT_FIRST_RESPONDER,
    UTTER_SIGNS_GENERAL,
    UTTER_SIGNS_PREFIX,
    UTTER_WORRIED_REPORT,
    UTTER_WORRIED_SIGNS,
    VALIDATE_PROFESSIONAL_FORM,
)

SECTORS = ("housing", "licensing", "health_safety", "transport", "hospitality", "healthcare")
REFERRAL_BY_SECTOR = {
    "housing": UTTER_REFERRAL_LOCAL_AUTHORITY,
    "licensing": UTTER_REFERRAL_LOCAL_AUTHORITY,
    "health_safety": UTTER_REFERRAL_HEALTH_SAFETY,
    "transport": UTTER_REFERRAL_NOT_FIRST_RESPONDER,
    "hospitality": UTTER_REFERRAL_NOT_FIRST_RESPONDER,
    "healthcare": UTTER_REFERRAL_HEALTHCARE,
    "other": UTTER_REFERRAL_GENERAL,
}


def is_child(tracker: Tracker) -> bool:
    """Under 18, or not sure: treat as a child (safeguarding first, no consent needed)."""
    return tracker.get_slot("under_18") in ("yes", "unsure")


def professional(tracker: Tracker) -> bool:
    """This conversation went through the professional journey (its intro was shown)."""
    return bot_said(tracker, UTTER_PROFESSIONAL_INTRO)


def signs_response(sector: str | None) -> str:
    return f"{UTTER_SIGNS_PREFIX}{sector}" if sector in SECTORS else UTTER_SIGNS_GENERAL


def referral_responses(sector: str | None, child: bool) -> list[str]:
    """Who to tell, the UK nations' note, then what a call is like."""
    first = UTTER_REFERRAL_CHILD if child else REFERRAL_BY_SECTOR.get(sector or "other", UTTER_REFERRAL_GENERAL)
    return [first, UTTER_REFERRAL_NATIONS, UTTER_NEXT_STEPS_PROFESSIONAL]


class ValidateProfessionalForm(ListeningForm):
    """Immediate danger gets the emergency advice at once, and the triage pauses until the professional
    says they are ready to go on (`triage_resumed`, asked only then). An opening that says nobody is in
    immediate danger answers the first question in advance."""

    def name(self) -> str:
        return VALIDATE_PROFESSIONAL_FORM

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[str]:
        if tracker.get_slot("danger_now") is True:
            return domain_slots
        return [slot for slot in domain_slots if slot != "triage_resumed"]

    async def validate_triage_resumed(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """'Not yet' keeps the pause: the question stays until they are ready."""
        return {"triage_resumed": True if value is True else None}

    async def validate_danger_now(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if value is True:
            dispatcher.utter_message(response=UTTER_PROFESSIONAL_DANGER)
        elif value == "unsure":
            dispatcher.utter_message(response=UTTER_MOVING_ON_DANGER)
        return {"danger_now": value}


class ActionProfessionalGuidance(Action):
    """After triage: child safeguarding when relevant, the first-contact steps, then the menu."""

    def name(self) -> str:
        return ACTION_PROFESSIONAL_GUIDANCE

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        if is_child(tracker):
            dispatcher.utter_message(response=UTTER_CHILD_SAFEGUARDING)
        dispatcher.utter_message(response=UTTER_FIRST_CONTACT_STEPS)
        dispatcher.utter_message(response=UTTER_PROFESSIONAL_MENU)
        return []


class ActionSectorSigns(Action):
    """Signs for the professional's sector; asks the sector first when it is not known yet."""

    def name(self) -> str:
        return ACTION_SECTOR_SIGNS

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        sector = tracker.get_slot("sector")
        if sector is None and not professional(tracker):  # the public: the signs anyone can see
            dispatcher.utter_message(response=UTTER_WORRIED_SIGNS)
            return []
        if sector is None:
            dispatcher.utter_message(response=UTTER_ASK_SECTOR)
            return [SlotSet("pending_topic", "signs")]
        dispatcher.utter_message(response=signs_response(sector))
        return []


class ActionReferralRoute(Action):
    """Who to tell: depends on the sector (asked when unknown) and on whether the person is a child."""

    def name(self) -> str:
        return ACTION_REFERRAL_ROUTE

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        sector = tracker.get_slot("sector")
        child = is_child(tracker)
        if sector is None and not child and not professional(tracker):  # the public: how to report safely
            dispatcher.utter_message(response=UTTER_WORRIED_REPORT)
            dispatcher.utter_message(response=UTTER_NEXT_STEPS_PUBLIC)
            return []
        if sector is None and not child:
            dispatcher.utter_message(response=UTTER_ASK_SECTOR)
            return [SlotSet("pending_topic", "referral")]
        for response in referral_responses(sector, child):
            dispatcher.utter_message(response=response)
        return []


class ActionAnswerSectorTopic(Action):
    """The sector was just given: answer what was pending (referral or signs; signs by default)."""

    def name(self) -> str:
        return ACTION_ANSWER_SECTOR_TOPIC

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        sector = tracker.get_slot("sector")
        if tracker.get_slot("pending_topic") == "referral":
            for response in referral_responses(sector, is_child(tracker)):
                dispatcher.utter_message(response=response)
        else:
            dispatcher.utter_message(response=signs_response(sector))
        return [SlotSet("pending_topic", None)]
