"""Every shipped language, end to end over the real model: a fresh conversation that opens in the
language is answered in it; emergency gets the emergency number first; asking for help gets the
helpline number first. Inputs are held-out examples (never trained on)."""

from __future__ import annotations

import pytest

from benchmarks.heldout import load
from bot.common.payloads import language_payload
from bot.common.yaml_files import read_yaml
from bot.content.locales import load_catalog
from bot.content.render import render
from bot.runtime.settings import ROOT
from scripts.stack import ChatClient

pytestmark = pytest.mark.stack  # starts the real stack (needs the trained model)

CATALOG = load_catalog(ROOT / "locales")
HELDOUT = load()
LANGUAGES = sorted(CATALOG.locales)
GB = read_yaml(ROOT / "locales" / "helplines.yml")["regions"]["GB"]["services"]


def assumed_region(lang: str) -> str:
    """Until a place is named: the default region, except in a language whose own country Lantern also
    serves (Croatian): there only the numbers that work anywhere, and a question where the person is."""
    return "other" if lang.upper() in CATALOG.directory.regions else "GB"


def emergency_number(lang: str) -> str:
    return CATALOG.directory.lookup(assumed_region(lang), "emergency").fields["phone"]


def examples(lang: str, intent: str) -> list[str]:
    found = [text for text, gold in HELDOUT.get(lang, []) if gold == intent]
    assert found, f"benchmarks/heldout/{lang}/ has no {intent} example"
    return sorted(found, key=len, reverse=True)


def texts_in(lang: str) -> set[str]:
    """Every response of this language as rendered for the UK, to recognise a reply's language."""
    out = set()
    for key in CATALOG.locales[lang].responses:
        try:
            out |= {render(CATALOG, key, lang, r, confirmed=c).text for c in (True, False) for r in ("GB", "other")}
        except LookupError:
            continue  # responses that need arguments
    return out


def test_every_language_has_held_out_examples():
    assert set(LANGUAGES) <= set(HELDOUT), set(LANGUAGES) - set(HELDOUT)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_opening_sentence_is_answered_in_its_language(stack, lang):
    reply = ChatClient(stack.gateway_url).send(examples(lang, "describe_own_situation")[0])
    assert reply["language"] == lang
    assert reply["direction"] == CATALOG.locales[lang].direction
    assert reply["messages"][0]["text"] in texts_in(lang)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_emergency_gets_the_emergency_number_in_the_first_reply(stack, lang):
    reply = ChatClient(stack.gateway_url).send(examples(lang, "report_emergency")[0])
    assert emergency_number(lang) in reply["messages"][0]["text"]
    assert reply["language"] == lang


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_held_out_emergency_gets_the_emergency_number_first(stack, lang):
    """All of them, not only the longest: a missed emergency is the costliest mistake Lantern can make."""
    missed = []
    for text in examples(lang, "report_emergency"):
        reply = ChatClient(stack.gateway_url).send(text)
        if emergency_number(lang) not in reply["messages"][0]["text"] or reply["language"] != lang:
            missed.append((text, reply["language"]))
    assert not missed


@pytest.mark.parametrize("lang", LANGUAGES)
def test_asking_for_help_gets_the_helpline_number_in_the_first_reply(stack, lang):
    reply = ChatClient(stack.gateway_url).send(examples(lang, "ask_help")[0])
    helpline = emergency_number(lang) if assumed_region(lang) == "other" else GB["msh"]["phone"]
    assert helpline in reply["messages"][0]["text"]
    assert reply["language"] == lang


@pytest.mark.parametrize("lang", [code for code in LANGUAGES if code != "en"])
def test_choosing_a_language_sticks_over_english_text(stack, lang):
    chat = ChatClient(stack.gateway_url)
    chosen = chat.send(language_payload(lang))
    assert chosen["language"] == lang
    expected = render(CATALOG, "utter_language_chosen", lang, assumed_region(lang), confirmed=False).text
    assert chosen["messages"][0]["text"] == expected
    later = chat.send("help")
    assert later["language"] == lang
    helpline = emergency_number(lang) if assumed_region(lang) == "other" else GB["msh"]["phone"]
    assert helpline in later["messages"][0]["text"]


def test_picker_shows_native_names(chat):
    buttons = chat.send("/change_language")["messages"][0]["buttons"]
    assert {b["title"] for b in buttons} == {loc.native_name for loc in CATALOG.locales.values()}
