"""Self-check for potential victims and the public path, over the real model."""

from __future__ import annotations

import pytest

from actions.selfcheck import SIGNS
from bot.common.yaml_files import read_yaml
from bot.runtime.settings import ROOT

pytestmark = pytest.mark.stack  # starts the real stack (needs the trained model)

LOCALE = read_yaml(ROOT / "locales" / "en.yml")
EN, LABELS = LOCALE["responses"], LOCALE["labels"]
GB = read_yaml(ROOT / "locales" / "helplines.yml")["regions"]["GB"]["services"]


def first_line(key: str) -> str:
    return EN[key]["text"].splitlines()[0].split("{")[0].strip()[:40]


def start(chat, opening: str) -> str:
    asked = chat.texts(opening)
    assert first_line("utter_ask_safe_to_talk") in asked
    return chat.texts("yes")


def test_yes_to_everything_names_every_sign_and_gives_the_helpline(chat):
    reply = start(chat, "I'm asking for myself")
    assert first_line("utter_selfcheck_start") in reply
    for sign in SIGNS:
        assert first_line(f"utter_ask_sign_{sign}") in reply, sign
        reply = chat.texts("yes")
    for sign in SIGNS:
        assert LABELS[f"sign_{sign}"] in reply
    assert GB["msh"]["phone"] in reply


def test_what_the_opening_described_is_not_asked_again_and_is_in_the_summary(chat):
    reply = start(chat, "my boss keeps my passport and says i owe him for the flight")
    asked = [reply]
    while first_line("utter_selfcheck_options") not in reply and len(asked) < 15:
        reply = chat.texts("no")
        asked.append(reply)
    everything = "\n".join(asked)
    for sign in ("documents", "debt"):
        assert first_line(f"utter_ask_sign_{sign}") not in everything, sign  # already said: not asked
        assert LABELS[f"sign_{sign}"] in reply, sign  # and named in the summary
    assert first_line("utter_ask_sign_wages") in everything  # the others are still asked


def test_skip_everything_still_gets_the_options(chat):
    start(chat, "I'm asking for myself")
    for _ in SIGNS:
        reply = chat.texts("skip")
    assert first_line("utter_selfcheck_summary_none") in reply
    assert GB["msh"]["phone"] in reply and GB["emergency"]["phone"] in reply


def test_stop_ends_with_summary_of_what_was_said(chat):
    start(chat, "not sure if what happens at my work is normal, they dont pay me")
    chat.texts("no")  # deception
    chat.texts("yes")  # movement
    reply = chat.texts("stop")
    assert LABELS["sign_movement"] in reply and LABELS["sign_deception"] not in reply
    assert GB["msh"]["phone"] in reply


def test_not_safe_to_talk(chat):
    chat.texts("I'm asking for myself")
    reply = chat.texts("no")
    assert first_line("utter_unsafe_to_talk") in reply and GB["emergency"]["phone"] in reply


def test_questions_anywhere_then_back_to_the_question(chat):
    start(chat, "I'm asking for myself")
    reply = chat.texts("will I get deported if I call them?")
    assert first_line("utter_faq_deportation") in reply
    assert first_line("utter_ask_sign_deception") in reply


def test_faq_outside_a_journey(chat):
    assert first_line("utter_faq_is_it_free") in chat.texts("does it cost anything to ring the helpline")
    assert first_line("utter_faq_no_documents") in chat.texts("i dont have any papers can i still get help")


def test_worried_about_someone(chat):
    reply = chat.texts("I think the girls working at the nail place next door are being controlled")
    assert first_line("utter_worried_signs") in reply
    assert GB["crimestoppers"]["phone"] in reply and GB["msh"]["phone"] in reply
