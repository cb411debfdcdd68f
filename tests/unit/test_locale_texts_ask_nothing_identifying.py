"""No text in locales/ asks for a name, address, phone number, date of birth, nationality, employer's
name, documents or immigration status (issue 4). Every shipped language is scanned with its own words,
from the `privacy:` section of its locale file; bot/content/privacy_scan.py holds the rule."""

from __future__ import annotations

import re

import pytest

from bot.common.folding import fold
from bot.common.yaml_files import read_yaml
from bot.content.locales import LocaleError, load_catalog, parse_locale
from bot.content.privacy_patterns import compile_pattern
from bot.content.privacy_scan import asking_sentence, locale_texts, rules_of
from bot.runtime.settings import ROOT

CATALOG = load_catalog(ROOT / "locales")
SHIPPED = sorted(p.stem for p in (ROOT / "locales").glob("*.yml") if p.name != "helplines.yml")
FIELDS = ("identifying", "requests", "questions", "negations")


def every_text():
    for code in SHIPPED:
        for where, text in locale_texts(CATALOG.locales[code]):
            yield pytest.param(code, text, id=f"{code}:{where}")


def every_example():
    for code in SHIPPED:
        for i, example in enumerate(CATALOG.locales[code].privacy_examples):
            yield pytest.param(code, example, id=f"{code}:examples[{i}]")


def every_pattern():
    for code in SHIPPED:
        for field in FIELDS:
            for i, pattern in enumerate(getattr(CATALOG.locales[code], f"privacy_{field}")):
                yield pytest.param(pattern, id=f"{code}:{field}[{i}]")


def test_every_shipped_language_is_loaded():
    assert sorted(CATALOG.locales) == SHIPPED


@pytest.mark.parametrize("code", SHIPPED)
def test_every_language_has_a_privacy_section(code):
    loc = CATALOG.locales[code]
    assert loc.privacy_identifying and loc.privacy_requests and loc.privacy_questions and loc.privacy_negations
    assert len(loc.privacy_examples) >= 6, "at least the six kinds of request of issue 4"


@pytest.mark.parametrize(("code", "text"), list(every_text()))
def test_no_text_asks_for_identifying_details(code, text):
    assert asking_sentence(text, rules_of(CATALOG.locales[code])) is None


@pytest.mark.parametrize(("code", "example"), list(every_example()))
def test_the_scanner_catches_each_languages_examples(code, example):
    assert not re.search(r"\d", example), "fixtures hold no numbers"
    assert asking_sentence(example, rules_of(CATALOG.locales[code]))


@pytest.mark.parametrize("pattern", list(every_pattern()))
def test_the_patterns_compile(pattern):
    assert compile_pattern(pattern).pattern


@pytest.mark.parametrize(
    "bad",
    [
        "What is your name?",
        "Please tell me your address.",
        "Can you send me a photo of your passport?",
        "Which country are you from?",
        "What is your immigration status?",
        "Share your phone number so we can call",
        "Don't worry. Tell me your name.",
    ],
)
def test_english_requests_are_caught(bad):
    assert asking_sentence(bad, rules_of(CATALOG.locales["en"]))


@pytest.mark.parametrize(
    "mention",
    [
        "Does someone else keep your ID papers, so you cannot get them when you want?",
        "You do not need to share your name.",
        "The helpline will not ask for your passport.",
        "Don't open with questions about documents or immigration status.",
        "Who you tell depends on who you work for.",
        "Which country are you in? Tell me and I'll show the right numbers.",
    ],
)
def test_english_texts_that_only_mention_identifying_details_pass(mention):
    assert asking_sentence(mention, rules_of(CATALOG.locales["en"])) is None


def test_matching_ignores_accents_and_letter_variants():
    assert fold("Địa chỉ của bạn") == "dia chi cua ban"
    assert fold("كم عمرك") == fold("کم عمرک")  # Arabic and Persian kaf
    assert asking_sentence("Ban ten la gi?", rules_of(CATALOG.locales["vi"]))


def test_a_pattern_that_does_not_compile_is_refused_naming_file_and_pattern():
    data = read_yaml(ROOT / "locales" / "en.yml")
    data["privacy"]["requests"].append("(tell me")
    with pytest.raises(LocaleError, match=r"locales/en.yml: privacy.requests: pattern '\(tell me'"):
        parse_locale(data, "en", "locales/en.yml")


def test_a_pattern_that_matches_everything_is_refused():
    data = read_yaml(ROOT / "locales" / "en.yml")
    data["privacy"]["identifying"].append("(?:name)?")
    with pytest.raises(LocaleError, match=r"privacy.identifying: pattern .* matches an empty text"):
        parse_locale(data, "en", "locales/en.yml")
