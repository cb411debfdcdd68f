"""Always-available actions: setting the region the numbers come from, and forgetting a conversation."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, AllSlotsReset, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

OTHER_REGION = "other"


class ActionSetRegion(Action):
    """Use the region the gateway recognised in the message (or 'other'), and confirm its numbers."""

    def name(self) -> str:
        return "action_set_region"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        metadata = tracker.latest_message.get("metadata") or {}
        region = str(metadata.get("region_hint") or OTHER_REGION)
        dispatcher.utter_message(response="utter_region_set", region=region)
        return [SlotSet("region", region)]


class ActionForgetConversation(Action):
    """Confirm, then let the tracker store erase every event of this conversation (see rasa_ext)."""

    def name(self) -> str:
        return "action_forget_conversation"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        dispatcher.utter_message(response="utter_forgotten")
        return [ActiveLoop(None), AllSlotsReset()]
