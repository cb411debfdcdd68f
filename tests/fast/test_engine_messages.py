"""Reading Rasa's REST replies: `custom` blocks folded into their text message, and the effects they declare."""

from __future__ import annotations

from bot.common.names import CUSTOM_EFFECTS, EFFECT_FORGOTTEN, EFFECT_LANGUAGE, EFFECT_REGION
from bot.turn.effects import Effects, collect
from bot.turn.engine import merge_custom


def test_merge_custom_folds_each_custom_block_into_the_text_before_it() -> None:
    data: list[object] = [
        {"custom": {"orphan": True}},  # no text before it: dropped
        {"recipient_id": "r", "text": "one"},
        {"recipient_id": "r", "custom": {"response": "utter_one"}},
        {"recipient_id": "r", "custom": {"response": "second custom for one"}},  # the first one is kept
        "not a message",
        {"recipient_id": "r", "text": ""},
        {"recipient_id": "r", "text": "two", "buttons": [{"title": "t", "payload": "/p"}]},
    ]
    merged = merge_custom(data)
    assert merged == [
        {"recipient_id": "r", "text": "one", "custom": {"response": "utter_one"}},
        {"recipient_id": "r", "text": "two", "buttons": [{"title": "t", "payload": "/p"}]},
    ]


def test_merge_custom_does_not_modify_its_input() -> None:
    first = {"text": "one"}
    merge_custom([first, {"custom": {"response": "utter_one"}}])
    assert first == {"text": "one"}


def test_collect_merges_effects_and_a_later_message_wins() -> None:
    messages = [
        {"text": "a", "custom": {CUSTOM_EFFECTS: {EFFECT_LANGUAGE: "fr", EFFECT_FORGOTTEN: True}}},
        {"text": "b", "custom": {CUSTOM_EFFECTS: {EFFECT_LANGUAGE: "es", EFFECT_REGION: "HR"}}},
        {"text": "c"},
    ]
    assert collect(messages) == Effects(language="es", region="HR", forgotten=True)


def test_malformed_effects_declare_nothing() -> None:
    messages = [
        {"text": "a", "custom": "not a dict"},
        {"text": "b", "custom": {CUSTOM_EFFECTS: ["fr"]}},
        {"text": "c", "custom": {CUSTOM_EFFECTS: {EFFECT_LANGUAGE: 7, EFFECT_REGION: "", EFFECT_FORGOTTEN: 1}}},
    ]
    assert collect(messages) == Effects()
