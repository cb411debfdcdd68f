"""Professional journey over the real model: free text reaches triage, steps, signs, record, referral."""

from __future__ import annotations

import pytest

from bot.common.yaml_files import read_yaml
from bot.runtime.settings import ROOT

pytestmark = pytest.mark.stack  # starts the real stack (needs the trained model)

EN = read_yaml(ROOT / "locales" / "en.yml")["responses"]
DIRECTORY = read_yaml(ROOT / "locales" / "helplines.yml")["regions"]
GB = DIRECTORY["GB"]["services"]


def first_line(key: str) -> str:
    """A stable fragment of an English response, to recognise it without copying it into the test."""
    return EN[key]["text"].splitlines()[0].split("{")[0].strip()[:40]


def test_licensing_officer_free_text_reaches_triage_steps_and_local_authority_referral(chat):
    # Phrasings below are not in the training data.
    text = chat.texts(
        "I'm a licensing officer. Visited a car wash today, the lads sleep in the back "
        "room and the boss answers every question for them. What should I do?"
    )
    assert first_line("utter_ask_danger_now") in text
    assert first_line("utter_ask_under_18") in chat.texts("no")
    steps = chat.texts("no, they're all adults")
    assert first_line("utter_first_contact_steps") in steps
    assert first_line("utter_professional_menu") in steps
    # The sector came with the first message: the signs are the licensing ones, not a question.
    assert first_line("utter_signs_licensing") in chat.texts("what signs should i be looking out for?")
    assert first_line("utter_what_to_record") in chat.texts("what do I need to write down")
    referral = chat.texts("who do i report this to")
    assert first_line("utter_referral_local_authority") in referral
    assert GB["police_non_emergency"]["phone"] in referral and GB["msh"]["phone"] in referral
    assert "glaa" not in GB  # its number is not verified for 2026: never shown (helplines.md, re-checked 2026-12)


def test_danger_gets_999_at_once_and_the_triage_waits_until_they_are_ready(chat):
    chat.texts("I think a patient of mine is being controlled by the man who brings her to appointments")
    reply = chat.texts("yes")
    assert GB["emergency"]["phone"] in reply
    assert first_line("utter_ask_under_18") not in reply  # paused: no next triage question yet
    assert first_line("utter_ask_triage_resumed") in reply
    assert first_line("utter_ask_triage_resumed") in chat.texts("no, not yet")  # still paused
    assert first_line("utter_ask_under_18") in chat.texts("yes, ready now")


def test_child_route_when_unsure_of_age(chat):
    chat.texts("I work with people")
    chat.texts("no")
    reply = chat.texts("not sure")
    assert first_line("utter_child_safeguarding") in reply
    assert GB["nspcc"]["phone"] in reply
    assert first_line("utter_referral_child") in chat.texts("who should I tell")


def test_sector_is_asked_only_when_needed_then_answers_the_pending_question(chat):
    chat.texts("/identify_professional")
    chat.texts("/deny")
    chat.texts("/deny")
    asked = chat.send("/ask_referral")["messages"]
    assert first_line("utter_ask_sector") in asked[0]["text"]
    assert any('"transport"' in b["payload"] for b in asked[0]["buttons"])
    referral = chat.texts("I drive a taxi")
    assert first_line("utter_referral_not_first_responder") in referral
    assert GB["msh"]["phone"] in referral and GB["crimestoppers"]["phone"] in referral


def test_questions_in_the_middle_of_triage_are_answered_then_triage_resumes(chat):
    chat.texts("I'm a housing officer and found twelve people living in a two bed flat")
    reply = chat.texts("what exactly is the national referral mechanism?")
    assert first_line("utter_faq_ask_nrm") in reply
    assert first_line("utter_ask_danger_now") in reply


def test_accompanier_as_interpreter_question(chat):
    reply = chat.texts("the man with her insists he is her interpreter, what do I do")
    assert first_line("utter_faq_accompanier_interpreter") in reply


def test_journey_never_asks_who_the_victim_is(chat):
    texts = [
        chat.texts("I'm a hotel receptionist and a guest keeps bringing young girls who look scared"),
        chat.texts("no"),
        chat.texts("no"),
        chat.texts("/ask_sector_signs"),
        chat.texts("/ask_referral"),
    ]
    joined = " ".join(texts).lower()
    for phrase in ("their name", "her name", "his name", "date of birth", "nationality", "passport number"):
        assert phrase not in joined
