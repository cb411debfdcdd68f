"""Word lists that operators can read and change, compiled into matchers for typed text.

The lists are Rasa lookup tables in `nlu/<language>/lookups.yml`, named `<language>_<kind>`
(`pl_answer_no`, `en_sign_documents`). An element is a word or phrase, matched case- and
accent-insensitively on whole words:

- `word*` matches any word that starts with `word` ("passport*" matches "passports");
- `~` stands for up to three words in between ("took ~ passport" matches "took away my passport");
- in Chinese (Han characters) spaces mean nothing: an element matches as a string, `~` is up to six
  characters.

Pure Python on top of bot.common.folding, so the tests and the operators' check load it without Rasa.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from bot.common.folding import fold, strip_latin_accents
from bot.common.yaml_files import read_yaml

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_GAP_WORDS = r"(?:\S+ ){0,3}"
_GAP_CHARS = r".{0,6}"
_CLITICS = re.compile(r"'(?:s|re|m|d|ll|ve)\b|\b(?:l|j|d|qu|c|m|t)'")  # never n' or s': they negate (fr, sq)


def normalise(text: str) -> str:
    """What matching sees: folded, unaccented, apostrophes dropped ("don't" -> "dont"), words spaced."""
    text = strip_latin_accents(fold(text)).replace("'", "")
    text = "".join(_char(ch) for ch in text)
    return " " + " ".join(text.split()) + " "


# A comma or full stop stays as a word of its own ("|"), so that "no, they let me out" is an answer and a
# statement, while "no me dejan salir" (they don't let me out) is one phrase; `~` may still cross it.
_CLAUSE_END = frozenset(",.;:!?¿¡،؛。，！？、")


def _char(ch: str) -> str:
    if unicodedata.category(ch)[0] in "LNM" or ch in "*~":
        return ch
    return " | " if ch in _CLAUSE_END else " "


def variants(text: str) -> list[str]:
    """The normalised text, and (when it differs) the same without clitics: "nobody's" also reads as
    "nobody", French "l'argent" as "argent"."""
    first = normalise(text)
    folded = strip_latin_accents(fold(text))
    second = normalise(_CLITICS.sub(" ", folded)) if "'" in folded else first
    return [first] if second == first else [first, second]


def dense(text: str) -> str:
    """The normalised text without spaces: how Chinese is matched."""
    return text.replace(" ", "")


def _word_pattern(element: str) -> str | None:
    words = normalise(element).split()
    if not words or all(w == "~" for w in words):
        return None
    out = " "
    for word in words:
        if word == "~":
            out += _GAP_WORDS
        elif word.endswith("*") and word.rstrip("*"):
            out += re.escape(word.rstrip("*")) + r"\S*" + " "
        else:
            out += re.escape(word.replace("*", "")) + " "
    return out


def _dense_pattern(element: str) -> str | None:
    parts = [p for p in normalise(element).split() if p != "*"]
    if not parts:
        return None
    return "".join(_GAP_CHARS if p == "~" else re.escape(p.replace("*", "")) for p in parts)


@dataclass(frozen=True)
class Match:
    start: int  # position in the normalised (or dense) text
    end: int
    dense: bool


class WordList:
    """One lookup table, compiled: whole-word phrases and, for Han text, string patterns."""

    def __init__(self, elements: Iterable[str]) -> None:
        words, chars = [], []
        for element in elements:
            element = str(element).strip()
            if not element:
                continue
            if _HAN.search(element):
                pattern = _dense_pattern(element)
                if pattern:
                    chars.append(pattern)
            else:
                pattern = _word_pattern(element)
                if pattern:
                    words.append(pattern)
        # Longer alternatives first, so "not really" wins over "not" at the same place.
        words.sort(key=len, reverse=True)
        chars.sort(key=len, reverse=True)
        # A zero-width look-ahead finds overlapping matches (two phrases may share the space between them).
        self._words = re.compile("(?=(" + "|".join(words) + "))") if words else None
        self._chars = re.compile("|".join(chars)) if chars else None

    def __bool__(self) -> bool:
        return self._words is not None or self._chars is not None

    def find(self, text: str) -> list[Match]:
        """Every place this list matches `text` (already normalised)."""
        found: list[Match] = []
        if self._words is not None:
            for m in self._words.finditer(text):
                found.append(Match(m.start(1), m.end(1), False))
        if self._chars is not None:
            for m in self._chars.finditer(dense(text)):
                found.append(Match(m.start(), m.end(), True))
        return found

    def first(self, text: str) -> Match | None:
        found = self.find(text)
        return min(found, key=lambda m: (m.dense, m.start, -(m.end - m.start))) if found else None


class Lexicon:
    """Every list of one language (`kind -> WordList`); a missing list matches nothing."""

    def __init__(self, lists: dict[str, list[str]]) -> None:
        self._lists = {kind: WordList(elements) for kind, elements in lists.items()}
        self._empty = WordList(())

    def __getitem__(self, kind: str) -> WordList:
        return self._lists.get(kind, self._empty)

    def kinds(self) -> list[str]:
        return sorted(self._lists)


def split_tables(tables: Iterable[dict[str, object]]) -> dict[str, dict[str, list[str]]]:
    """Rasa's lookup tables (`{"name": "pl_answer_no", "elements": [...]}`) by language, then kind."""
    out: dict[str, dict[str, list[str]]] = {}
    for table in tables:
        name = str(table.get("name", ""))
        language, _, kind = name.partition("_")
        elements = table.get("elements")
        if not kind or not isinstance(elements, list):
            continue
        out.setdefault(language, {}).setdefault(kind, []).extend(str(e) for e in elements)
    return out


def tables_from_files(paths: Iterable[Path]) -> list[dict[str, object]]:
    """The lookup tables of Rasa training files, as Rasa's TrainingData lists them (for tests and checks)."""
    tables: list[dict[str, object]] = []
    for path in paths:
        for item in (read_yaml(path) or {}).get("nlu") or []:
            if isinstance(item, dict) and "lookup" in item:
                examples = str(item.get("examples") or "")
                elements = [line.strip()[2:].strip() for line in examples.splitlines() if line.strip().startswith("- ")]
                tables.append({"name": item["lookup"], "elements": elements})
    return tables


def lexicons(nlu_dir: Path) -> dict[str, Lexicon]:
    """Every language's word lists, read from nlu/<language>/lookups.yml."""
    split = split_tables(tables_from_files(sorted(nlu_dir.glob("*/lookups.yml"))))
    return {language: Lexicon(lists) for language, lists in split.items()}
