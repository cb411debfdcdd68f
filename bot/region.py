"""Recognising where the user says they are ("I'm in Croatia"), from the words listed in locales/."""

from __future__ import annotations

import re

from bot.locales import Catalog
from rasa_ext.normalise import normalise

HAN = re.compile(r"[\u3400-\u9fff]")


def _mentions(folded: str, word: str) -> bool:
    """Whole-word match; Chinese is written without spaces, so there a plain substring match."""
    word = normalise(word)
    return word in folded if HAN.search(word) else f" {word} " in folded


def find_region(text: str, catalog: Catalog) -> str | None:
    """The region whose words (in any shipped language) appear in the text, if exactly one does."""
    folded = " " + " ".join(re.findall(r"[\w.]+", normalise(text))) + " "
    found = set()
    for locale in catalog.locales.values():
        for region, words in locale.region_words.items():
            if any(_mentions(folded, w) for w in words):
                found.add(region)
    return found.pop() if len(found) == 1 else None
