"""Safety first in understanding: when the classifier gives "immediate danger" a fair chance, act on it.

A message that signals immediate danger must get the emergency number in the first reply. The intent
classifier is right most of the time, but a missed emergency costs far more than a false alarm (the
user then also sees the emergency number), so this component promotes `report_emergency` whenever
its probability reaches a low threshold, even if another intent ranks first. Figures behind the
default threshold are in the closing notes and `benchmarks/accuracy.py`.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class SafetyIntentBoost(GraphComponent):
    """Promote the safety intent to first place when its probability is at least `threshold`."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"intent": "report_emergency", "threshold": 0.15}

    def __init__(self, config: dict[str, Any]) -> None:
        self.intent = str(config["intent"])
        self.threshold = float(config["threshold"])

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SafetyIntentBoost:
        return cls({**cls.get_default_config(), **config})

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            ranking = message.get(INTENT_RANKING_KEY) or []
            hit = next((r for r in ranking if r.get("name") == self.intent), None)
            current = (message.get(INTENT) or {}).get("name")
            if hit and current != self.intent and hit.get("confidence", 0.0) >= self.threshold:
                message.set(INTENT, {"name": self.intent, "confidence": hit["confidence"]}, add_to_output=True)
        return messages
