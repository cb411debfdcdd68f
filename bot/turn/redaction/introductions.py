"""Names people give when they introduce themselves ("my name is ...", "me llamo ...", "我叫 ...").

The phrases are regexes from every locale's `redaction.introductions`; the name after a phrase goes and
the phrase stays. How much is the name depends on the script, since only some scripts have capitals:
the next word plus up to two more capitalised words (Latin, Cyrillic); up to two words in Arabic,
Persian and Ge'ez script; up to three Han characters in Chinese, stopping at punctuation.
"""

from __future__ import annotations

import functools
import re
import unicodedata
import warnings
from collections.abc import Iterable

from bot.turn.redaction.dates import BIRTH_WORDS

_MARK = "\u0300-\u036f\u0483-\u0489\u064b-\u065f\u0670\u06d6-\u06ed"  # combining marks inside a word
_WORD = re.compile(rf"(?:[^\W\d_]|[{_MARK}])+(?:['’\-](?:[^\W\d_]|[{_MARK}])+)*")
_LEAD = re.compile(r"[^\S\n]*[:,،\-–—]?[^\S\n]*")  # between the phrase and the name
_SPACE = re.compile(r"[^\S\n]+|\u1361")  # between two words of a name (Ge'ez has its own word space)
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]{1,3}")
_UNCASED = re.compile(
    r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff\u1200-\u139f\u2d80-\u2ddf\uab00-\uab2f]"
)
# Words that end a name in scripts without capitals: copulas and pronouns ("اسمم علی است", "ሽመይ ሳባ እየ"),
# and the object marker ("اسمم رو نپرسیدن": "they did not ask my name").
NAME_ENDS = frozenset(
    "است هست هستم هستش ام و از من که ولی اما را رو انا أنا وانا وأنا من عمري عندي في لكن እየ እዩ ኢየ ኢዩ እዬ እና ካብ".split()
)
MAX_WORDS = 3  # the first word and two more
MAX_UNCASED_WORDS = 2
_WORD_START = ("\\b", "(?<!\\w)")  # how phrases that begin at a word start begin


@functools.lru_cache(maxsize=4096)
def _script(ch: str) -> str:
    """LATIN, CYRILLIC, ARABIC, ETHIOPIC, CJK...: the first word of the character's Unicode name."""
    return "LATIN" if ch.isascii() else unicodedata.name(ch, "?").split()[0]


def _pattern_script(pattern: str) -> str:
    """The script of a phrase: that of its first non-ASCII letter, else Latin."""
    return next((_script(ch) for ch in pattern if not ch.isascii() and ch.isalpha()), "LATIN")


def _compile(patterns: list[str], word_start: bool) -> list[re.Pattern[str]]:
    """One alternation when the patterns combine cleanly, else one regex each. Phrases that begin at a word
    start share a guard their own start implies, so the engine skips every other position at once (~4x)."""
    guard = r"(?<!\w)(?=\w)" if word_start else ""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            return [re.compile(guard + "(?:" + "|".join(f"(?:{p})" for p in patterns) + ")", re.IGNORECASE)]
    except (re.error, DeprecationWarning):
        return [re.compile(p, re.IGNORECASE) for p in patterns]


# "I am X, born 1990": a short phrase between "I am" and a birth word is a name, whatever its case (people
# type names in lower case, and "im" alone cannot be an introduction phrase: "im scared").
I_AM = (
    "i'm",
    "im",
    "i am",
    "jestem",
    "sunt",
    "eu sunt",
    "ja sam",
    "jam",
    "unë jam",
    "soy",
    "je suis",
    "sou",
    "eu sou",
    "я",
)
_SELF_WITH_BIRTH = re.compile(
    r"(?<![^\W\d_])(?:" + "|".join(re.escape(w) for w in I_AM) + r")\s+"
    r"((?:[^\W\d_]+['’\-]?[^\W\d_]*\s*){1,3}?)[,;]?\s*(?=(?:"
    + "|".join(w for w in BIRTH_WORDS if w[:1].isascii() or "\u0400" <= w[:1] <= "\u04ff" or w[:1].isalpha())
    + r")(?![^\W\d_])[\s:,]*(?:\w{1,3}\s+){0,2}\d)",  # and a date right after the birth word
    re.IGNORECASE,
)


class NameFinder:
    """Built once from the introduction phrases of every loaded language."""

    def __init__(self, introductions: Iterable[str] = ()) -> None:
        groups: dict[tuple[str, bool], list[str]] = {}
        for pattern in dict.fromkeys(introductions):
            re.compile(pattern, re.IGNORECASE)  # a bad phrase fails here, alone, with its own message
            key = (_pattern_script(pattern), pattern.startswith(_WORD_START))
            groups.setdefault(key, []).append(pattern)
        self._groups = {key: _compile(patterns, key[1]) for key, patterns in groups.items()}

    def _name_at(self, probe: str, pos: int) -> tuple[int, int] | None:
        pos = _LEAD.match(probe, pos).end()
        if pos >= len(probe):
            return None
        if han := _HAN.match(probe, pos):
            return han.span()
        first = _WORD.match(probe, pos)
        if not first:
            return None
        uncased = bool(_UNCASED.match(probe, pos))
        if uncased and first[0] in NAME_ENDS:
            return None
        end, words = first.end(), 1
        while words < (MAX_UNCASED_WORDS if uncased else MAX_WORDS):
            gap = _SPACE.match(probe, end)
            word = gap and _WORD.match(probe, gap.end())
            if not word:
                break
            if uncased and word[0] in NAME_ENDS or not uncased and not word[0][0].isupper():
                break
            end, words = word.end(), words + 1
        return pos, end

    def spans(self, probe: str) -> list[tuple[int, int]]:
        """Where the detection copy holds a name given after an introduction (only phrases of the scripts
        the message is written in are tried), or between "I am" and a birth date."""
        found: list[tuple[int, int]] = [
            (m.start(1), m.start(1) + len(m.group(1).rstrip()))
            for m in _SELF_WITH_BIRTH.finditer(probe)
            if m.group(1).strip()
        ]
        if not self._groups:
            return found
        scripts = {_script(ch) for ch in set(probe) if ch.isalpha()}
        for (script, _), patterns in self._groups.items():
            if script in scripts:
                for pattern in patterns:
                    for m in pattern.finditer(probe):
                        if name := self._name_at(probe, m.end()):
                            found.append(name)
        return found
