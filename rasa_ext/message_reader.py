"""Reads what a typed message says besides its intent: an answer, an age, a sign, a request for a number.

People answer in sentences ("nobody's in danger at the moment", "she looks about 14", "my boss has my
passport and says I owe him for the flight"). The intent classifier names what a message is for; this
component adds entities for the values in it, read with the word lists in `nlu/<language>/lookups.yml`
(rasa_ext/lexicon.py), so that slots fill wherever a value appears and the forms' validation actions
can read an answer against the question just asked (actions/answers.py). It never changes the intent.

Entities (names in bot/common/names.py):
- `answer`: yes / no / unsure / skip, by the earliest answer phrase in the message;
- `under_18`: yes / no when the age is plain (a child word, "14 years old", "adults");
  `age_hint`: child / adult from weaker signs ("about 14", "two men"), used only when age was asked;
- `danger_denied`: the message says nobody is in immediate danger;
- `number_request`: the message asks for a number or who to call;
- `sign_<name>`: the message describes one of the 11 signs of forced labour (not when negated).
"""

from __future__ import annotations

import json
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.common.names import ENTITY_SECTOR, META_LANGUAGE
from rasa_ext.lexicon import Lexicon, split_tables
from rasa_ext.reading import read_entities

FILE = "lookups.json"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=True)
class MessageReader(GraphComponent):
    """Entities from the project's word lists, in the conversation's language (from the message metadata)."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {}

    def __init__(self, model_storage: ModelStorage, resource: Resource, tables: dict[str, dict[str, list[str]]]):
        self._storage = model_storage
        self._resource = resource
        self._tables = tables
        self._lexicons = {language: Lexicon(lists) for language, lists in tables.items()}
        merged: dict[str, list[str]] = {}
        for lists in tables.values():
            for kind, elements in lists.items():
                merged.setdefault(kind, []).extend(elements)
        self._any_language = Lexicon(merged)  # when the message names no language (tests, rasa shell)

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> MessageReader:
        return cls(model_storage, resource, {})

    def train(self, training_data: TrainingData) -> Resource:
        self._tables = split_tables(training_data.lookup_tables)
        self.persist()
        return self._resource

    def persist(self) -> None:
        with self._storage.write_to(self._resource) as directory:
            (directory / FILE).write_text(json.dumps(self._tables, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> MessageReader:
        try:
            with model_storage.read_from(resource) as directory:
                tables = json.loads((directory / FILE).read_text(encoding="utf-8"))
        except (ValueError, OSError):
            tables = {}
        return cls(model_storage, resource, tables)

    def lexicon_for(self, language: Any) -> Lexicon:
        return self._lexicons.get(language, self._any_language) if isinstance(language, str) else self._any_language

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT)
            if not isinstance(text, str) or not text or text.startswith("/"):
                continue
            metadata = message.get("metadata") or {}
            language = metadata.get(META_LANGUAGE) if isinstance(metadata, dict) else None
            intent = (message.get(INTENT) or {}).get("name")
            found = read_entities(self.lexicon_for(language), text, intent)
            present = message.get(ENTITIES) or []
            if any(e.get("entity") == ENTITY_SECTOR for e in present):  # the extractor's sector stands
                found = [e for e in found if e["entity"] != ENTITY_SECTOR]
            if found:
                message.set(ENTITIES, [*present, *found], add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data
