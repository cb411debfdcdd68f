"""Reading values out of a typed message with the word lists: pure functions, no Rasa.

rasa_ext/message_reader.py runs them inside Rasa's pipeline; tests and the operators' check call them
directly. What each entity means is listed in that module's docstring.
"""

from __future__ import annotations

import re
from typing import Any

from bot.common.names import (
    ENTITY_AGE_HINT,
    ENTITY_ANSWER,
    ENTITY_ANSWER_ALONE,
    ENTITY_ANSWER_LEADS,
    ENTITY_AUDIENCE_UNCLEAR,
    ENTITY_DANGER_DENIED,
    ENTITY_NUMBER_REQUEST,
    ENTITY_PROFESSIONAL_ROLE,
    ENTITY_SECTOR,
    ENTITY_SIGN_DENIED,
    ENTITY_UNDER_18,
    INTENT_PROFESSIONAL_CASE,
    SECTORS,
    SIGNS,
)
from rasa_ext.lexicon import Lexicon, Match, dense, variants

EXTRACTOR = "MessageReader"
ANSWERS = ("answer_unsure", "answer_skip", "answer_no", "answer_yes")  # at the same place, earlier wins
_DIGITS = re.compile(r"(?<!\d)(\d{1,2})(?!\d)")
_ADULT_FROM = 18
_BARE_AGE_FROM = 10  # a number without "years old" reads as an age only from here
_LEAD_WORDS = 2  # an answer phrase starting among the first two words leads the message
_CLAUSE_WORDS = 3  # ... and one with at most three words before it ends its own clause ("right now, not really")
_NEGATION_WINDOW = 3  # words (or, in Chinese, characters) before a sign phrase that can negate it


def read_answer(lexicon: Lexicon, text: str) -> tuple[str, bool, Match, bool] | None:
    """(yes / no / unsure / skip, lead, where, alone) from the earliest answer phrase; `lead` when the
    message starts with it, `alone` when it is also a clause of its own ("no, they let me out" but not
    "no they won't let me live"); None when the message has no answer phrase."""
    best: tuple[int, int, int, int, str, Match] | None = None
    for rank, kind in enumerate(ANSWERS):
        match = lexicon[kind].first(text)
        if match is not None:
            # Earliest first; at the same place the longer phrase ("probably not" over "probably").
            key = (int(match.dense), match.start, match.start - match.end, rank, kind, match)
            best = key if best is None or key[:4] < best[:4] else best
    if best is None:
        return None
    match = best[5]
    if match.dense:  # Chinese: no words to count, the first characters lead
        lead, alone = match.start < _LEAD_WORDS, False
    else:
        before = text[: match.start]
        lead = len(before.replace("|", " ").split()) < _LEAD_WORDS
        after = text[match.end - 1 :].split()
        # "no, ...", "right now I think not, ...", or the whole message: an answer ending its own short clause.
        alone = len(_clause_before(text, match.start)) <= _CLAUSE_WORDS and (not after or after[0] == "|")
    return best[4].removeprefix("answer_"), alone or lead, match, alone


def _clause_before(text: str, start: int) -> list[str]:
    """The words of the same clause (since the last comma or full stop) before a position."""
    return text[:start].split("|")[-1].split()


def _negated(lexicon: Lexicon, text: str, match: Match) -> bool:
    """A negation word among the few words (Chinese: characters) right before the phrase."""
    if match.dense:
        before = dense(text)[max(0, match.start - _NEGATION_WINDOW) : match.start]
        return any(m.dense for m in lexicon["negation"].find(" " + before + " ")) if before else False
    if lexicon["negation"].find(" " + text[match.start : match.end].strip() + " "):
        return False  # "(no,) they won't let me go": the phrase carries its own negation
    words = _clause_before(text, match.start)[-_NEGATION_WINDOW:]
    return bool(words) and bool(lexicon["negation"].find(" " + " ".join(words) + " "))


def _said(lexicon: Lexicon, text: str, kind: str) -> bool:
    """The list matches somewhere, not right after a negation."""
    return any(not _negated(lexicon, text, m) for m in lexicon[kind].find(text))


def _near_marker(lexicon: Lexicon, text: str, start: int, end: int) -> bool:
    window = " " + text[max(0, start - 16) : end + 16] + " "
    return bool(lexicon["age_marker"].find(window))


def read_age(lexicon: Lexicon, text: str) -> tuple[str | None, str | None]:
    """(plain, hint): 'yes'/'no' for under 18 when plainly said; 'child'/'adult' from weaker signs.

    A child anywhere wins over adults ("one is 16, the others are adults"): safeguarding comes first."""
    plain_child = _said(lexicon, text, "age_child")
    plain_adult = _said(lexicon, text, "age_adult")
    hint_child = hint_adult = False
    numbers: list[tuple[int, int, int]] = [(int(m.group(1)), m.start(), m.end()) for m in _DIGITS.finditer(text)]
    for kind, value in (("number_child", 1), ("number_adult", _ADULT_FROM)):
        for m in lexicon[kind].find(text):
            if not m.dense:
                numbers.append((value, m.start, m.end))
    for value, start, end in numbers:
        child = value < _ADULT_FROM
        if _near_marker(lexicon, text, start, end):
            plain_child, plain_adult = plain_child or child, plain_adult or not child
        elif value >= _BARE_AGE_FROM:  # "2 men" counts people; "about 14" is an age
            hint_child, hint_adult = hint_child or child, hint_adult or not child
    if _said(lexicon, text, "age_adult_weak"):
        hint_adult = True
    plain = "yes" if plain_child else "no" if plain_adult else None
    hint = "child" if plain_child or hint_child else "adult" if plain_adult or hint_adult else None
    return plain, hint


def read_entities(lexicon: Lexicon, raw_text: str, intent: str | None = None) -> list[dict[str, Any]]:
    """Every value the word lists find in one message, as Rasa entities.

    `intent` is the classifier's: a case described with no sign of who is asking ("a girl at the nail bar
    whispered she isn't paid, what should I do?") reads as a professional's case only when the writer
    says they ask for work; otherwise `audience_unclear`, and Lantern asks who they are asking for."""
    found: dict[str, str] = {}
    roles: dict[str, str] = {}
    for text in variants(raw_text):
        _read_into(lexicon, text, found, roles)
    if intent == INTENT_PROFESSIONAL_CASE and ENTITY_PROFESSIONAL_ROLE not in found:
        found[ENTITY_AUDIENCE_UNCLEAR] = "yes"
    end = len(raw_text)
    entities = []
    for name, value in found.items():
        entity = {"entity": name, "value": value, "start": 0, "end": end, "confidence_entity": 1.0}
        if name in roles:
            entity["role"] = roles[name]
        entities.append({**entity, "extractor": EXTRACTOR})
    return entities


def _read_into(lexicon: Lexicon, text: str, found: dict[str, str], roles: dict[str, str]) -> None:
    """One normalised form of the message; a value found in an earlier form stays."""
    named = {sign: lexicon[f"sign_{sign}"].find(text) for sign in SIGNS}
    stated = {sign: [m for m in matches if not _negated(lexicon, text, m)] for sign, matches in named.items()}
    answer = read_answer(lexicon, text)
    # "no me dejan salir" is a sign phrase that starts with "no", not the answer "no".
    if answer and answer[0] == "no" and any(_overlaps(m, answer[2]) for ms in stated.values() for m in ms):
        answer = None
    if answer and ENTITY_ANSWER not in found:
        found[ENTITY_ANSWER] = answer[0]
        if answer[3]:
            roles[ENTITY_ANSWER] = ENTITY_ANSWER_ALONE
        elif answer[1]:
            roles[ENTITY_ANSWER] = ENTITY_ANSWER_LEADS
    plain, hint = read_age(lexicon, text)
    if plain and found.get(ENTITY_UNDER_18) != "yes":
        found[ENTITY_UNDER_18] = plain
    if hint and found.get(ENTITY_AGE_HINT) != "child":
        found[ENTITY_AGE_HINT] = hint
    if _said(lexicon, text, "danger_denied"):  # not "it is not true that she is safe"
        found[ENTITY_DANGER_DENIED] = "yes"
    if lexicon["asks_number"].find(text):
        found[ENTITY_NUMBER_REQUEST] = "yes"
    if lexicon["professional_role"].find(text):
        found[ENTITY_PROFESSIONAL_ROLE] = "yes"
    sector = named_sector(lexicon, text)
    if sector and ENTITY_SECTOR not in found:
        found[ENTITY_SECTOR] = sector
    denied = []
    for sign, matches in named.items():
        if stated[sign]:
            found[f"sign_{sign}"] = "yes"
        elif matches:
            denied.append(sign)  # "nobody hit me": the sign named, and denied
    if denied:
        found[ENTITY_SIGN_DENIED] = " ".join(sorted(set(denied) | set(found.get(ENTITY_SIGN_DENIED, "").split())))


def named_sector(lexicon: Lexicon, text: str) -> str | None:
    """The one sector whose roles or workplaces the text names ("I'm a practice nurse"); None when it
    names none, or several (a hotel's nurse: the sector is asked rather than guessed)."""
    named = [sector for sector in SECTORS if lexicon[f"sector_{sector}"].find(text)]
    return named[0] if len(named) == 1 else None


def _overlaps(a: Match, b: Match) -> bool:
    if a.dense != b.dense:
        return False
    edge = 0 if a.dense else 1  # word matches include their spaces: sharing one is no overlap
    return a.start < b.end - edge and b.start < a.end - edge
