"""The handoff, in every language over the real stack: the self-check ends with what a call is like and
the interpreter card offered; the card comes on request (its button, or typed); its lines name the
person's language in each card language; every number in a reply comes with its tel: link."""

from __future__ import annotations

import pytest

from benchmarks.heldout import load
from bot.common.names import (
    PAYLOAD_INTERPRETER_CARD,
    UTTER_INTERPRETER_CARD,
    UTTER_NEXT_STEPS_PUBLIC,
    UTTER_NEXT_STEPS_SELF,
)
from bot.content.locales import load_catalog
from bot.content.numbers import link_target
from bot.content.render import render
from bot.runtime.settings import ROOT
from scripts.stack import ChatClient

pytestmark = pytest.mark.stack  # starts the real stack (needs the trained model)

CATALOG = load_catalog(ROOT / "locales")
LANGUAGES = sorted(CATALOG.locales)
HELDOUT = load()


def card_requests(lang: str) -> list[str]:
    """Typed requests for the card, written apart from the training data (benchmarks/heldout)."""
    found = [text for text, gold in HELDOUT.get(lang, []) if gold == "ask_interpreter_card"]
    assert found, f"benchmarks/heldout/{lang}/ has no ask_interpreter_card example"
    return found


def finish_selfcheck(chat: ChatClient, region: str) -> list[dict]:
    """Through the self-check by its buttons (safe to talk, then skip every question): the last turn."""
    chat.send("/identify_self", region=region)
    chat.send("/affirm")
    messages: list[dict] = []
    for _ in range(12):
        messages = chat.send("/skip")["messages"]
        if any(m["buttons"] and m["buttons"][0]["payload"] == PAYLOAD_INTERPRETER_CARD for m in messages):
            break
    return messages


def assert_card(reply: dict, lang: str, region: str) -> None:
    cards = [m for m in reply["messages"] if m.get("card")]
    assert len(cards) == 1, reply
    lines = cards[0]["card"]
    expected = list(dict.fromkeys([lang, "en", *(["hr"] if region == "HR" else [])]))
    assert [line["language"] for line in lines] == expected
    for line in lines:
        assert CATALOG.locales[line["language"]].languages[lang] in line["text"]
        assert line["text"] in cards[0]["text"]
    intro = render(CATALOG, UTTER_INTERPRETER_CARD, lang, region).text.split("\n")[0]
    assert cards[0]["text"].startswith(intro)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_selfcheck_ends_with_what_happens_next_and_the_card_on_request(stack, lang):
    region = "HR" if lang == "hr" else "GB"
    chat = ChatClient(stack.gateway_url, language=lang)
    last = finish_selfcheck(chat, region)
    offer = render(CATALOG, UTTER_NEXT_STEPS_SELF, lang, region)
    assert [m["text"] for m in last][-1] == offer.text, last
    assert last[-1]["buttons"] == offer.buttons
    # The options before it: every number is a link to the directory's digits.
    links = [p["href"] for m in last for p in m.get("parts", []) if "href" in p]
    emergency = CATALOG.directory.lookup(region, "emergency").fields["phone"]
    assert link_target(emergency) in links
    reply = chat.send(PAYLOAD_INTERPRETER_CARD)
    assert reply["language"] == lang
    assert_card(reply, lang, region)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_typed_request_for_the_card_gets_it(stack, lang):
    """At least one typed way of asking (held-out, never trained on) works in every language; the
    benchmark (benchmarks/accuracy) measures how many do."""
    answered = []
    for text in sorted(card_requests(lang), key=len, reverse=True)[:4]:
        reply = ChatClient(stack.gateway_url, language=lang).send(text)
        answered.append(any(m.get("card") for m in reply["messages"]))
        if answered[-1]:
            assert_card(reply, lang, "GB")
    assert any(answered), lang


@pytest.mark.parametrize("lang", ["ar", "hr", "vi"])
def test_in_croatia_the_card_adds_croatian(stack, lang):
    chat = ChatClient(stack.gateway_url, language=lang)
    chat.send("/identify_self", region="HR")
    assert_card(chat.send(PAYLOAD_INTERPRETER_CARD), lang, "HR")


def test_asking_for_the_card_inside_the_selfcheck_goes_back_to_the_question(stack):
    chat = ChatClient(stack.gateway_url, language="en")
    chat.send("/identify_self", region="GB")
    asked = chat.send("/affirm")["messages"][-1]["text"]
    reply = chat.send(PAYLOAD_INTERPRETER_CARD)
    assert_card(reply, "en", "GB")
    assert reply["messages"][-1]["text"] == asked  # the same question again


def test_worried_about_someone_hears_what_reporting_is_like(stack):
    for lang in ("en", "fr", "zh"):
        messages = ChatClient(stack.gateway_url, language=lang).send("/identify_worried", region="GB")["messages"]
        texts = [m["text"] for m in messages]
        assert render(CATALOG, UTTER_NEXT_STEPS_PUBLIC, lang, "GB").text in texts, lang
