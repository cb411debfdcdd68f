"""Recognising where the user says they are, and rebuilding the word index when the texts are reloaded."""

from __future__ import annotations

import dataclasses

import pytest

from bot.content.locales import Catalog
from bot.turn.region import RegionFinder


def with_extra_word(catalog: Catalog, language: str, region: str, word: str) -> Catalog:
    """A new catalog object, as a reload makes, with one more region word in one language."""
    locale = catalog.locales[language]
    words = {**locale.region_words, region: (*locale.region_words[region], word)}
    locales = {**catalog.locales, language: dataclasses.replace(locale, region_words=words)}
    return dataclasses.replace(catalog, locales=locales)


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("I'm in Croatia", "HR"),
        ("we work near ZAGREB now", "HR"),
        ("I live in the United Kingdom", "GB"),
        ("I need help with my job", None),
        ("a splitting headache", None),  # "split" is a Croatian city, but only as a whole word
        ("I was in London, now in Zagreb", None),  # two regions: not a guess
    ],
)
def test_find(catalog: Catalog, text: str, region: str | None) -> None:
    assert RegionFinder().find(text, catalog) == region


def test_the_index_is_rebuilt_for_a_new_catalog_object(catalog: Catalog) -> None:
    finder = RegionFinder()
    assert finder.find("I'm in Lanternville", catalog) is None
    edited = with_extra_word(catalog, "en", "HR", "lanternville")
    assert finder.find("I'm in Lanternville", edited) == "HR"
    assert finder.find("I'm in Lanternville", catalog) is None  # and back again
