"""The region a message puts the person in ("I'm in Leeds" -> GB, "u Splitu" -> HR), from real place data
(bot/turn/places.py) and the words each locale lists; the index is rebuilt when the texts are reloaded."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from bot.common.folding import fold
from bot.common.names import INTENT_INFORM_LOCATION
from bot.content.locales import Catalog
from bot.content.nlu_files import nlu_examples, plain
from bot.turn.per_catalog import PerCatalog
from bot.turn.places import WORDS, PlaceIndex, calendar_words, country_names, town_names


@dataclass(frozen=True)
class PlaceData:
    """What does not change when texts are edited: towns, countries, months, each language's ordinary words."""

    towns: tuple[tuple[str, str], ...]
    countries: tuple[tuple[str, str], ...]
    common_words: dict[str, frozenset[str]]
    never: frozenset[str]

    @classmethod
    def load(cls, languages: Iterable[str], nlu_dir: Path) -> PlaceData:
        """About a second: run it off the event loop, once, at start-up. Ordinary words are those of each
        language's training examples, except the examples of saying where one is (they name places)."""
        codes = sorted(languages)
        common: dict[str, frozenset[str]] = {}
        for lang, intents in nlu_examples(nlu_dir).items():
            words = {
                word
                for intent, items in intents.items()
                if intent != INTENT_INFORM_LOCATION
                for example, _ in items
                for word in WORDS.findall(fold(plain(example)))
            }
            common[lang] = frozenset(words)
        return cls(tuple(town_names()), tuple(country_names(codes)), common, frozenset(calendar_words(codes)))


class RegionFinder:
    """PlaceIndex over the place data and the loaded catalog's own region words and "in"-words."""

    def __init__(self, data: PlaceData) -> None:
        self._data = data
        self.indexes = PerCatalog(self._build, _inputs)

    def _build(self, catalog: Catalog) -> PlaceIndex:
        listed, at_words = _inputs(catalog)
        # A place a locale lists on purpose ("split" under HR in en.yml) is not an ordinary word there.
        common = {
            code: words - {fold(w) for ws in catalog.locales[code].region_words.values() for w in ws}
            if code in catalog.locales
            else words
            for code, words in self._data.common_words.items()
        }
        stemmed = [*self._data.countries, *listed]
        return PlaceIndex(self._data.towns, dict(at_words), common, self._data.never, stemmed=stemmed)

    def find(self, text: str, catalog: Catalog, language: str | None = None) -> str | None:
        """The one region the text says the person is in, or None."""
        return self.indexes.get(catalog).find(text, language or catalog.default_language)


def _inputs(catalog: Catalog) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, tuple[str, ...]], ...]]:
    """What the index reads of the texts: each locale's region words and "in"-words."""
    listed = tuple(
        (word, region)
        for _, locale in sorted(catalog.locales.items())
        for region, words in sorted(locale.region_words.items())
        for word in words
    )
    return listed, tuple((code, locale.place_at) for code, locale in sorted(catalog.locales.items()))
