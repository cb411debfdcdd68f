"""Recognising where the user says they are ("I'm in Croatia"), from the words listed in locales/."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

from bot.common.folding import fold
from bot.content.locales import Catalog

HAN = re.compile(r"[\u3400-\u9fff]")
WORDS = re.compile(r"[\w.]+")


@dataclass(frozen=True)
class _Index:
    """Region words of every language, folded once per catalog (they were folded per message)."""

    phrases: dict[tuple[str, ...], frozenset[str]]  # folded word sequence -> regions
    longest: int
    han: tuple[tuple[str, str], ...]  # (folded Chinese word, region): matched as substrings


def _build(catalog: Catalog) -> _Index:
    phrases: dict[tuple[str, ...], set[str]] = {}
    han: list[tuple[str, str]] = []
    for locale in catalog.locales.values():
        for region, words in locale.region_words.items():
            for word in words:
                folded = fold(word)
                if HAN.search(folded):
                    han.append((folded, region))
                elif key := tuple(WORDS.findall(folded)):
                    phrases.setdefault(key, set()).add(region)
    longest = max((len(k) for k in phrases), default=0)
    return _Index({k: frozenset(v) for k, v in phrases.items()}, longest, tuple(han))


class RegionFinder:
    """Finds region words in a message; the word index is built once per loaded catalog (a reload is a new
    catalog object, so edited words are picked up)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cached: tuple[Catalog, _Index] | None = None

    def _index(self, catalog: Catalog) -> _Index:
        with self._lock:
            if self._cached is None or self._cached[0] is not catalog:
                self._cached = (catalog, _build(catalog))
            return self._cached[1]

    def find(self, text: str, catalog: Catalog) -> str | None:
        """The region whose words (in any shipped language) appear in the text, if exactly one does.

        Whole words must match; Chinese is written without spaces, so there a substring match.
        """
        index = self._index(catalog)
        folded = fold(text)
        words = WORDS.findall(folded)
        found: set[str] = set()
        for size in range(1, min(index.longest, len(words)) + 1):
            for start in range(len(words) - size + 1):
                found |= index.phrases.get(tuple(words[start : start + size]), frozenset())
        found |= {region for word, region in index.han if word in folded}
        return found.pop() if len(found) == 1 else None
