"""The linear intent classifier (rasa_ext/intent_classifier.py): learns, ranks, survives save and load."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, FEATURE_TYPE_SEQUENCE, INTENT, TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from scipy.sparse import csr_matrix

from rasa_ext.intent_classifier import LinearIntentClassifier

VOCAB = ["help", "me", "bye", "later", "passport", "boss"]
EXAMPLES = {
    "ask_help": ["help me", "help", "help help me"],
    "goodbye": ["bye", "bye later", "later"],
    "describe_own_situation": ["boss passport", "passport", "boss me passport"],
}


def _message(text: str, intent: str | None = None) -> Message:
    counts = np.zeros((1, len(VOCAB)))
    for word in text.split():
        counts[0, VOCAB.index(word)] += 1
    message = Message(data={TEXT: text, **({INTENT: intent} if intent else {})})
    message.add_features(Features(csr_matrix(counts), FEATURE_TYPE_SENTENCE, TEXT, "test"))
    message.add_features(Features(csr_matrix(counts), FEATURE_TYPE_SEQUENCE, TEXT, "test"))
    return message


@pytest.fixture
def storage(tmp_path: Path) -> LocalModelStorage:
    return LocalModelStorage(tmp_path)


def _context() -> ExecutionContext:
    return ExecutionContext(GraphSchema({}), "test")


def _trained(storage: LocalModelStorage) -> tuple[LinearIntentClassifier, Resource]:
    resource = Resource("intent_classifier")
    classifier = LinearIntentClassifier.create({}, storage, resource, _context())
    data = TrainingData([_message(t, intent) for intent, texts in EXAMPLES.items() for t in texts])
    classifier.train(data)
    return classifier, resource


def test_it_learns_and_ranks(storage):
    classifier, _ = _trained(storage)
    message = classifier.process([_message("help me")])[0]
    assert message.get(INTENT)["name"] == "ask_help"
    ranking = message.get("intent_ranking")
    confidences = [r["confidence"] for r in ranking]
    assert confidences == sorted(confidences, reverse=True)
    assert sum(confidences) == pytest.approx(1.0)
    assert {r["name"] for r in ranking} == set(EXAMPLES)


def test_a_loaded_model_gives_the_same_confidences(storage):
    classifier, resource = _trained(storage)
    loaded = LinearIntentClassifier.load({}, storage, resource, _context())
    probe = [_message("boss passport"), _message("bye"), _message("me")]
    assert np.allclose(classifier.confidences(probe), loaded.confidences(probe))
    assert loaded.weights.flags["C_CONTIGUOUS"]  # the fast layout survives loading


def test_a_larger_scale_makes_it_surer(storage):
    classifier, resource = _trained(storage)
    sharper = LinearIntentClassifier.load({"confidence_scale": 20.0}, storage, resource, _context())
    probe = [_message("help")]
    assert sharper.confidences(probe).max() > classifier.confidences(probe).max()


def test_an_untrained_model_leaves_messages_alone(storage):
    empty = LinearIntentClassifier.load({}, storage, Resource("missing"), _context())
    message = empty.process([_message("help")])[0]
    assert message.get(INTENT) is None
