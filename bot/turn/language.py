"""Choosing the conversation's language: an explicit choice sticks; otherwise script rules, then an in-domain model.

Ge'ez script is Tigrinya; Han is Chinese; a few letters tell Persian from Arabic and Ukrainian from
Russian. Everything else goes to `bot.turn.language_model` (naive Bayes trained on this project's NLU examples
and locale texts, see there why), restricted to the shipped languages the script allows. Its confidence
is calibrated, and a guess is trusted only above a threshold and a minimum length, so a short or ambiguous
message never flips the language. Deterministic: the same text always gives the same guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.turn import language_model
from bot.turn.language_model import LanguageModel

MIN_LETTERS = 12  # fewer letters than this: too short to switch an ongoing conversation
MIN_WORDS = 3
# Checked against the model's calibrated confidence (5-fold cross-validation on the NLU examples): of the
# messages of 3+ words or 12+ letters, 95 % reach 0.90 and 0.06 % of those are wrong (mostly English among
# another language's examples, "english please"); 98 % reach 0.70, 0.3 % of those wrong (a fresh
# conversation only; the language button fixes it). Shorter ones switch only when the script decides.
SWITCH_CONFIDENCE = 0.90  # to leave the current language
START_CONFIDENCE = 0.70  # to pick the first language of a fresh conversation
# Below this, a short first message whose guess is close to the default language is answered in the
# default language, with the language picker ("hi": Vietnamese 0.35, English 0.30); "salut" stays French.
GUESS_CONFIDENCE = 0.50
DEFAULT_CLOSE = 0.25  # ... when the default language is a close second ("hi": 0.35 vi, 0.30 en)

SCRIPT_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ti", re.compile(r"[\u1200-\u137F\u1380-\u139F\u2D80-\u2DDF]")),  # Ge'ez
    ("zh", re.compile(r"[\u4E00-\u9FFF\u3400-\u4DBF]")),  # Han
)
PERSIAN_LETTERS = re.compile(r"[پچژگکی]")
ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF]")
UKRAINIAN_LETTERS = re.compile(r"[іїєґІЇЄҐ]")
RUSSIAN_LETTERS = re.compile(r"[ыэъёЫЭЪЁ]")
CYRILLIC = re.compile(r"[\u0400-\u04FF]")


@dataclass(frozen=True)
class Guess:
    language: str | None
    confidence: float
    letters: int
    by_script: bool = False  # the script alone decided (Ge'ez, Han, Persian letters, ...)
    default_share: float = 0.0  # the default language's probability (a short "hi" is close to a tie)


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


# Scripts shared by two shipped languages: (script, [(language, its own letters)], language by default).
SHARED_SCRIPTS = (
    (ARABIC_SCRIPT, (("fa", PERSIAN_LETTERS),), "ar"),
    (CYRILLIC, (("uk", UKRAINIAN_LETTERS), ("ru", RUSSIAN_LETTERS)), "ru"),
)


def _only(code: str, shipped: set[str]) -> tuple[str | None, float, bool]:
    return (code, 1.0, True) if code in shipped else (None, 0.0, False)


# Languages a script rule owns; any other text is guessed among the remaining shipped languages.
SCRIPT_LANGUAGES = frozenset(
    {code for code, _ in SCRIPT_RULES}
    | {code for _, own, default in SHARED_SCRIPTS for code in [default, *(c for c, _ in own)]}
)


def _by_script(text: str, shipped: set[str], model: LanguageModel) -> tuple[str | None, float, bool]:
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
        # No telling letter (short Persian "آره درسته" looks Arabic): the model decides between the
        # two, with its own calibrated confidence, so a short message never flips the conversation.
        between = ({default} | {code for code, _ in own_letters}) & shipped
        if len(between) == 2:
            if not between <= set(model.languages):  # no training texts for one of them: no evidence
                return (default, 0.0, False)
            code, confidence = model.guess(text, between)
            return (code or default, confidence, False)
        return _only(next(iter(between)), shipped) if between else (None, 0.0, False)
    return None, 0.0, False


def detect(text: str, shipped: set[str], model: LanguageModel, default: str = "en") -> Guess:
    """Best guess among the shipped languages, with a confidence in [0, 1]."""
    letters = _letters(text)
    code, confidence, certain = _by_script(text, shipped, model)
    if code:
        return Guess(code, confidence, letters, by_script=certain)
    if letters == 0:
        return Guess(None, 0.0, 0)
    # Among every language of this script the model knows, so that a message in a language that is not
    # shipped gives the shipped ones a low confidence rather than a certain one.
    posterior = model.posterior(text, (set(model.languages) | shipped) - SCRIPT_LANGUAGES)
    code, confidence = language_model.best({c: p for c, p in posterior.items() if c in shipped})
    return Guess(code, confidence, letters, default_share=posterior.get(default, 0.0))


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
    *,
    model: LanguageModel,
) -> Choice:
    """The language to answer in. `hint` (e.g. Telegram's language_code) is a prior, not an order."""
    if explicit and current in shipped:
        return Choice(current, False)
    if text.startswith("/"):  # a button payload carries no language
        return Choice(current or (hint if hint in shipped else default), False)
    guess = detect(text, shipped, model, default)
    long_enough = guess.letters >= MIN_LETTERS or len(text.split()) >= MIN_WORDS or guess.by_script
    if current is None:
        if guess.language and (guess.by_script or (long_enough and guess.confidence >= START_CONFIDENCE)):
            return Choice(guess.language, False)
        if hint in shipped and (guess.language in (None, hint) or not long_enough):
            return Choice(hint, guess.language not in (None, hint))
        weak = guess.language is None or (guess.confidence < GUESS_CONFIDENCE and guess.default_share >= DEFAULT_CLOSE)
        return Choice(default if weak else guess.language, True)
    if guess.language and guess.language != current and long_enough and guess.confidence >= SWITCH_CONFIDENCE:
        return Choice(guess.language, False)
    return Choice(current, False)
