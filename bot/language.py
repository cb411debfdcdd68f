"""Choosing the conversation's language: an explicit choice sticks; otherwise script rules, then langdetect.

langdetect is seeded (repeatable), restricted to the shipped languages, and trusted only above a
confidence threshold and a minimum length, so a short or ambiguous message never flips the language.
Ge'ez script is Tigrinya (langdetect does not know it); Han is Chinese; a few letters tell Persian from
Arabic and Ukrainian from Russian.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

from langdetect import DetectorFactory, LangDetectException, detect_langs

_LOCK = threading.Lock()
MIN_LETTERS = 12  # fewer letters than this: too short to switch an ongoing conversation
MIN_WORDS = 3
SWITCH_CONFIDENCE = 0.90  # to leave the current language
START_CONFIDENCE = 0.70  # to pick the first language of a fresh conversation

SCRIPT_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ti", re.compile(r"[\u1200-\u137F\u1380-\u139F\u2D80-\u2DDF]")),  # Ge'ez
    ("zh", re.compile(r"[\u4E00-\u9FFF\u3400-\u4DBF]")),  # Han
)
PERSIAN_LETTERS = re.compile(r"[پچژگکی]")
ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF]")
UKRAINIAN_LETTERS = re.compile(r"[іїєґІЇЄҐ]")
RUSSIAN_LETTERS = re.compile(r"[ыэъёЫЭЪЁ]")
CYRILLIC = re.compile(r"[\u0400-\u04FF]")
LANGDETECT_CODES = {"zh-cn": "zh", "zh-tw": "zh"}


@dataclass(frozen=True)
class Guess:
    language: str | None
    confidence: float
    letters: int
    by_script: bool = False  # the script alone decided (Ge'ez, Han, Persian letters, ...)


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


# Scripts shared by two shipped languages: (script, [(language, its own letters)], language by default).
SHARED_SCRIPTS = (
    (ARABIC_SCRIPT, (("fa", PERSIAN_LETTERS),), "ar"),
    (CYRILLIC, (("uk", UKRAINIAN_LETTERS), ("ru", RUSSIAN_LETTERS)), "ru"),
)


def _only(code: str, shipped: set[str]) -> tuple[str | None, float, bool]:
    return (code, 1.0, True) if code in shipped else (None, 0.0, False)


def _by_script(text: str, shipped: set[str]) -> tuple[str | None, float, bool]:
    """(language, confidence, certain): certain when the script alone decides."""
    for code, pattern in SCRIPT_RULES:
        if pattern.search(text):
            return _only(code, shipped)
    for script, own_letters, default in SHARED_SCRIPTS:
        if not script.search(text):
            continue
        for code, letters in own_letters:
            if letters.search(text):
                return _only(code, shipped)
        # No telling letter (short Persian "آره درسته" looks Arabic): langdetect decides between the
        # two, with its own lower confidence, so a short message never flips the conversation.
        between = ({default} | {code for code, _ in own_letters}) & shipped
        if len(between) == 2:
            code, confidence = _langdetect(text, between)
            return (code or default, confidence, False)
        return _only(next(iter(between)), shipped) if between else (None, 0.0, False)
    return None, 0.0, False


def _langdetect(text: str, shipped: set[str]) -> tuple[str | None, float]:
    with _LOCK:  # the seed is global state in langdetect
        DetectorFactory.seed = 0
        try:
            candidates = detect_langs(text)
        except LangDetectException:
            return None, 0.0
    scores: dict[str, float] = {}
    for cand in candidates:
        code = LANGDETECT_CODES.get(cand.lang, cand.lang)
        if code in shipped:
            scores[code] = scores.get(code, 0.0) + cand.prob
    if not scores:
        return None, 0.0
    total = sum(c.prob for c in candidates) or 1.0
    best = max(scores, key=scores.__getitem__)
    return best, scores[best] / total


def detect(text: str, shipped: set[str]) -> Guess:
    """Best guess among the shipped languages, with a confidence in [0, 1]."""
    letters = _letters(text)
    code, confidence, certain = _by_script(text, shipped)
    if code:
        return Guess(code, confidence, letters, by_script=certain)
    if letters == 0:
        return Guess(None, 0.0, 0)
    code, confidence = _langdetect(text, shipped)
    return Guess(code, confidence, letters)


@dataclass(frozen=True)
class Choice:
    language: str
    unsure: bool  # a fresh conversation whose first message did not settle the language: show the picker


def decide(
    text: str,
    shipped: set[str],
    current: str | None,
    explicit: bool,
    hint: str | None = None,
    default: str = "en",
) -> Choice:
    """The language to answer in. `hint` (e.g. Telegram's language_code) is a prior, not an order."""
    if explicit and current in shipped:
        return Choice(current, False)
    if text.startswith("/"):  # a button payload carries no language
        return Choice(current or (hint if hint in shipped else default), False)
    guess = detect(text, shipped)
    long_enough = guess.letters >= MIN_LETTERS or len(text.split()) >= MIN_WORDS or guess.by_script
    if current is None:
        if guess.language and (guess.by_script or (long_enough and guess.confidence >= START_CONFIDENCE)):
            return Choice(guess.language, False)
        if hint in shipped and (guess.language in (None, hint) or not long_enough):
            return Choice(hint, guess.language not in (None, hint))
        return Choice(guess.language or default, True)
    if guess.language and guess.language != current and long_enough and guess.confidence >= SWITCH_CONFIDENCE:
        return Choice(guess.language, False)
    return Choice(current, False)

