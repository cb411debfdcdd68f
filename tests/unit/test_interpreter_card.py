"""The interpreter card: the person's language, English, and Croatian in region HR; each line names the
person's language in its own words; nothing in it identifies anyone."""

from __future__ import annotations

import re

import pytest

from bot.common.names import UTTER_INTERPRETER_CARD
from bot.content.locales import load_catalog
from bot.content.privacy_scan import asking_sentence, rules_of
from bot.content.render import render
from bot.runtime.settings import ROOT
from bot.turn.privacy import redactor_for

REGIONS = ("GB", "HR", "other")


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(ROOT / "locales")


def expected_languages(person: str, region: str) -> list[str]:
    wanted = [person, "en"] + (["hr"] if region == "HR" else [])
    return list(dict.fromkeys(wanted))


@pytest.mark.parametrize("region", REGIONS)
def test_the_card_is_in_the_persons_language_english_and_croatian_in_croatia(catalog, region):
    for person in catalog.locales:
        rendered = render(catalog, UTTER_INTERPRETER_CARD, person, region)
        assert [line["language"] for line in rendered.card] == expected_languages(person, region)
        for line in rendered.card:
            loc = catalog.locales[line["language"]]
            assert line["direction"] == loc.direction
            # "I speak <the person's language>", named in the line's own language
            assert loc.languages[person] in line["text"], (person, line)
            assert "{" not in line["text"] and "}" not in line["text"]
            assert line["text"] in rendered.text
        assert "\n\n" not in rendered.text  # Rasa would cut the card into separate messages
        assert rendered.text.startswith(catalog.locales[person].responses[UTTER_INTERPRETER_CARD].text.strip())


def test_english_and_croatian_lines_are_the_source_sentences(catalog):
    card = render(catalog, UTTER_INTERPRETER_CARD, "ar", "HR").card
    english = next(line["text"] for line in card if line["language"] == "en")
    assert english == ("I speak Arabic. I need an interpreter. I may be a victim of exploitation and I need help.")
    croatian = next(line["text"] for line in card if line["language"] == "hr")
    assert catalog.locales["hr"].languages["ar"] in croatian


def test_each_language_names_every_shipped_language(catalog):
    for code, loc in catalog.locales.items():
        assert set(loc.languages) == set(catalog.locales), code
        assert all(name.strip() for name in loc.languages.values()), code
        assert loc.labels["card_text"].count("{language_name}") == 1, code


def test_nothing_in_any_card_identifies_anyone_or_asks_for_it(catalog):
    redactor = redactor_for(catalog)
    for person in catalog.locales:
        for region in REGIONS:
            rendered = render(catalog, UTTER_INTERPRETER_CARD, person, region)
            assert not re.search(r"\d", rendered.text), (person, region)  # no number, date or age
            _, removed = redactor.redact(rendered.text)
            assert removed == [], (person, region, removed)  # no name, place, number or document
            for line in rendered.card:
                rules = rules_of(catalog.locales[line["language"]])
                assert asking_sentence(line["text"], rules) is None, line
