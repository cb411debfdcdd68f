"""Recognising where the user says they are, and rebuilding the word index when the texts are reloaded."""

from __future__ import annotations

import dataclasses

import pytest

from bot.content.locales import Catalog
from bot.turn.region import RegionFinder
from tests.project_model import project_places


def with_extra_word(catalog: Catalog, language: str, region: str, word: str) -> Catalog:
    """A new catalog object, as a reload makes, with one more region word in one language."""
    locale = catalog.locales[language]
    words = {**locale.region_words, region: (*locale.region_words[region], word)}
    locales = {**catalog.locales, language: dataclasses.replace(locale, region_words=words)}
    return dataclasses.replace(catalog, locales=locales)


@pytest.mark.parametrize(
    ("text", "language", "region"),
    [
        ("I'm in Croatia", "en", "HR"),
        ("we work near ZAGREB now", "en", "HR"),
        ("I live in the United Kingdom", "en", "GB"),
        ("I need help with my job", "en", None),
        ("a splitting headache", "en", None),  # "split" is a Croatian city, but only as a whole word
        ("I was in London, now in Zagreb", "en", None),  # two regions: not a guess
        ("I'm in Leeds", "en", "GB"),  # a town from GeoNames, not from a hand list
        ("radim u hotelu u Splitu", "hr", "HR"),  # Croatian locative ending
        ("pracuję w Manchesterze", "pl", "GB"),
        ("я сейчас в Лондоне", "ru", "GB"),
        ("I'm from Romania", "en", None),  # where someone comes from is not where they are
        ("I'm in Romania", "en", "other"),  # a country from CLDR, neither UK nor Croatia
        ("nalazim se u Rumunjskoj", "hr", "other"),
        ("we split the rent", "en", None),
        ("he hit me in the street", "en", None),  # a town called Street: an ordinary word in lower case
        ("they took it in March", "en", None),  # a town called March: a month
        ("我在伦敦", "zh", "GB"),
        ("أنا في لندن", "ar", "GB"),
        ("Leeds", "en", "GB"),  # a bare answer to "which country are you in?"
        ("hello", "en", None),
    ],
)
def test_find(catalog: Catalog, text: str, language: str, region: str | None) -> None:
    """Each message in the conversation's language: its "in"-words are that language's and English's."""
    assert RegionFinder(project_places()).find(text, catalog, language) == region


def test_the_index_is_rebuilt_for_a_new_catalog_object(catalog: Catalog) -> None:
    finder = RegionFinder(project_places())
    assert finder.find("I'm in Lanternville", catalog) is None
    edited = with_extra_word(catalog, "en", "HR", "lanternville")
    assert finder.find("I'm in Lanternville", edited) == "HR"
    assert finder.find("I'm in Lanternville", catalog) is None  # and back again
