"""Reading a reply against the question asked (actions/answers.py): denials, values, and emergencies."""

from __future__ import annotations

import pytest

from actions.answers import Message, said_so_far, value_for, volunteered
from benchmarks.heldout import load
from bot.runtime.settings import ROOT
from rasa_ext.lexicon import lexicons
from rasa_ext.reading import read_entities

LEXICONS = lexicons(ROOT / "nlu")
QUESTIONS = ["safe_to_talk", "danger_now", "under_18", "sign_violence", "sign_documents", "sign_threats"]


def message(text: str, intent: str, language: str = "en", confidence: float = 0.9) -> Message:
    parse = {
        "text": text,
        "intent": {"name": intent, "confidence": confidence},
        "entities": read_entities(LEXICONS[language], text),
    }
    return Message.of(parse)


@pytest.mark.parametrize(
    ("slot", "text", "intent", "value"),
    [
        ("danger_now", "nobody's in danger at the moment", "report_emergency", False),
        ("danger_now", "no immediate danger", "report_emergency", False),
        ("danger_now", "yes he is hitting her right now", "report_emergency", True),
        ("danger_now", "he's got a knife", "report_emergency", True),
        ("danger_now", "not sure", "skip", "unsure"),
        ("under_18", "she looks about 14", "nlu_fallback", "yes"),
        ("under_18", "they're all grown men", "out_of_scope", "no"),
        ("under_18", "no idea", "skip", "unsure"),
        ("sign_violence", "no nobody hit me", "report_emergency", "no"),
        ("sign_documents", "yes they took my passport", "affirm", "yes"),
        ("sign_documents", "rather not say", "skip", "skip"),
        ("safe_to_talk", "not really, he is next to me", "deny", "no"),
    ],
)
def test_replies_are_read_against_the_question(slot: str, text: str, intent: str, value: object) -> None:
    assert value_for(slot, message(text, intent)) == value


def test_a_side_question_is_left_to_its_rule() -> None:
    assert value_for("under_18", message("what is the NRM?", "faq_ask_nrm")) is None
    assert value_for("sign_debt", message("help he is coming with a knife", "report_emergency")) is None


def test_what_the_opening_said_is_volunteered_and_a_child_said_earlier_wins() -> None:
    class Tracker:
        latest_message = {
            "text": "yes, adults",
            "intent": {"name": "affirm"},
            "entities": read_entities(LEXICONS["en"], "yes, adults"),
        }
        events = [
            {"event": "user", "parse_data": {"entities": read_entities(LEXICONS["en"], "a 15 year old and a man")}},
        ]

    said = said_so_far(Tracker())
    assert volunteered("under_18", said) == "yes"
    assert volunteered("sign_documents", message("my boss keeps my passport", "describe_own_situation")) == "yes"
    assert volunteered("danger_now", message("no immediate danger", "ask_professional_guidance")) is False


EMERGENCIES = [
    (language, text)
    for language, examples in sorted(load().items())
    for text, intent in examples
    if intent == "report_emergency"
]


@pytest.mark.parametrize(("language", "text"), EMERGENCIES)
def test_no_held_out_emergency_is_read_as_a_denial_in_any_question(language: str, text: str) -> None:
    """The context changes how a denial is read, never how an emergency is: whatever was asked."""
    m = message(text, "report_emergency", language, confidence=0.6)
    for slot in QUESTIONS:
        assert value_for(slot, m) not in (False, "no", "skip", "unsure"), (slot, text)
