"""Always-available actions: setting the region the numbers come from, and forgetting a conversation."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, AllSlotsReset, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

# `effects=` is the NLG argument named bot.common.names.EFFECTS_ARGUMENT: what this turn changed.
from bot.common.names import (
    ACTION_FORGET_CONVERSATION,
    ACTION_SET_REGION,
    EFFECT_FORGOTTEN,
    EFFECT_REGION,
    META_REGION_HINT,
    UTTER_FORGOTTEN,
    UTTER_REGION_SET,
)

OTHER_REGION = "other"


class ActionSetRegion(Action):
    """Use the region the gateway recognised in the message and confirm its numbers. A place it does not
    know (or where someone comes from) leaves the region as it was: the reply asks which country."""

    def name(self) -> str:
        return ACTION_SET_REGION

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        metadata = tracker.latest_message.get("metadata") or {}
        region = metadata.get(META_REGION_HINT)
        if not region:
            dispatcher.utter_message(response=UTTER_REGION_SET, region=OTHER_REGION)  # "which country are you in?"
            return []
        dispatcher.utter_message(response=UTTER_REGION_SET, region=str(region), effects={EFFECT_REGION: str(region)})
        return [SlotSet("region", str(region))]


class ActionForgetConversation(Action):
    """Confirm, then let the tracker store erase every event of this conversation (see rasa_ext)."""

    def name(self) -> str:
        return ACTION_FORGET_CONVERSATION

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        dispatcher.utter_message(response=UTTER_FORGOTTEN, effects={EFFECT_FORGOTTEN: True})
        return [ActiveLoop(None), AllSlotsReset()]
