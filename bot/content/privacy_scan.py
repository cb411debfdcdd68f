"""Finding texts that ask the reader for identifying details (DESIGN.md, principle 2).

Each locale file lists, under `privacy:`, regexes for its own words: `identifying` (name, address,
phone number, date of birth, nationality, employer's name, documents, immigration status), `requests`
(ways of telling the reader to give something: "tell me", "send", "can I have"), `questions`
(interrogatives: "what", "which", "where ... from") and `negations` ("you do not need to", "without").

A sentence asks for an identifying detail when a request stands within REACH characters of an
identifying word (in either order: Persian and Tigrinya put the verb last), or when it is a question
holding an identifying word and a request or interrogative anywhere, and no negation stands within
REACH characters of that pair. So "What is your name?" and "Send me a photo of your passport" are
caught, while "You do not need to share your name" is not, and neither is a yes/no question that only
mentions documents ("Does someone else keep your ID papers?") or an embedded one in a statement
("Who you tell depends on who you work for.").

Matching ignores case and accents (bot.common.folding.fold), in
texts and patterns alike, so a pattern written with or without diacritics matches text typed either way.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from bot.common.folding import fold
from bot.content.locales import Locale
from bot.content.placeholders import without_placeholders
from bot.content.privacy_patterns import compile_pattern

REACH = 40
# A sentence ends at . ! ? … or a line break, in every script we ship: Arabic ؟, Ethiopic ። ፧, CJK 。！？.
SENTENCE_RE = re.compile(r"([^.!?…\n؟።፧。！？]*)([.!?…\n؟።፧。！？]*)")
QUESTION_MARKS = set("?؟፧？")


@dataclass(frozen=True)
class Rules:
    """One language's regexes (a locale's `privacy:` lists), normalised and compiled on first use."""

    identifying: tuple[str, ...]
    requests: tuple[str, ...]
    questions: tuple[str, ...] = ()
    negations: tuple[str, ...] = ()


def _spans(patterns: tuple[str, ...], text: str) -> list[tuple[int, int]]:
    return [m.span() for p in patterns for m in compile_pattern(p).finditer(text) if m.end() > m.start()]


def _near(a: tuple[int, int], b: tuple[int, int], reach: int) -> bool:
    return max(a[0], b[0]) - min(a[1], b[1]) <= reach


def asking_sentence(text: str, rules: Rules) -> str | None:
    """The first sentence of `text` that asks for an identifying detail, or None."""
    for match in SENTENCE_RE.finditer(without_placeholders(text)):
        sentence = fold(match.group(1))
        idents = _spans(rules.identifying, sentence)
        if not idents:
            continue
        asks = [(span, REACH) for span in _spans(rules.requests, sentence)]
        if QUESTION_MARKS & set(match.group(2)):  # a question asks with any of its words
            asks = [(span, len(sentence)) for span in _spans(rules.requests + rules.questions, sentence)]
        negated = _spans(rules.negations, sentence)
        for ident in idents:
            for ask, reach in asks:
                if not _near(ident, ask, reach):
                    continue
                pair = (min(ident[0], ask[0]), max(ident[1], ask[1]))
                if not any(_near(pair, neg, REACH) for neg in negated):
                    return match.group(0).strip()
    return None


def rules_of(locale: Locale) -> Rules:
    """The scan rules a locale file declares."""
    return Rules(
        locale.privacy_identifying, locale.privacy_requests, locale.privacy_questions, locale.privacy_negations
    )


def locale_texts(locale: Locale) -> Iterator[tuple[str, str]]:
    """Every text a reader can see in one locale, with where it is: responses, labels and ui."""
    for key, response in locale.responses.items():
        for variant, text in response.texts().items():
            yield f"responses.{key}.{variant}", text
    for key, text in locale.labels.items():
        yield f"labels.{key}", text
    for key, text in locale.ui.items():
        yield f"ui.{key}", text


def locale_problems(locale: Locale) -> list[str]:
    """Why one locale fails the scan: no rules, an example the rules miss, or a text that asks."""
    where = f"locales/{locale.code}.yml"
    if not (locale.privacy_identifying and locale.privacy_requests and locale.privacy_examples):
        return [f"{where}: privacy: needs identifying, requests and examples, so its texts can be scanned"]
    rules = rules_of(locale)
    problems = [
        f"{where}: privacy.examples: the patterns do not catch {example!r}"
        for example in locale.privacy_examples
        if asking_sentence(example, rules) is None
    ]
    for key, text in locale_texts(locale):
        sentence = asking_sentence(text, rules)
        if sentence:
            problems.append(f"{where}: {key}: seems to ask for identifying details: {sentence!r}")
    return problems
