"""Dates in a message: a date of birth identifies a person, the date something happened does not.

A date counts as a date of birth when a birth word stands just before it (or just after, in languages
that put the verb last), or when it is a full date whose year makes the writer 8 or older (1930 to
today - 8, or the same span in the Persian solar calendar). Other dates ("since 12.03.2024") are events:
they stay, and the phone detector is told to leave them alone. Everything reads the detection copy.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

# Words that announce a date of birth, per language (regexes in lower case: they read the lower-case copy).
BIRTH_WORDS: tuple[str, ...] = (
    r"born",
    r"d\.?\s?o\.?\s?b\.?",
    r"date\s+of\s+birth",
    r"birth\s?(?:day|date)",  # en
    r"ro[dđ]j?en[aoi]?",
    r"datum\s+ro[dđ]j?enja",  # hr
    r"n[aă]scut[aă]?",
    r"data\s+na[sș]terii",  # ro
    r"urodzi[lł](?:em|am|a)?(?:\s+si[eę])?",
    r"urodzon[aey]",
    r"data\s+urodzenia",  # pl
    r"родил(?:ся|ась|ись)",
    r"рожд[её]н(?:а|ы)?",
    r"дата\s+рождения",
    r"д\.\s?р\.",  # ru
    r"народи(?:вся|лася|лись)",
    r"дата\s+народження",  # uk
    r"nac(?:ido|ida|í|i)",
    r"fecha\s+de\s+nacimiento",  # es
    r"née?",
    r"date\s+de\s+naissance",  # fr
    r"nascid[oa]",
    r"nasci",
    r"data\s+de\s+nascimento",  # pt
    r"lindur[ae]?",
    r"dat[eë]\s?lindj\w*",
    r"lindja",  # sq
    r"sinh",
    r"ngày\s+sinh",
    r"ngay\s+sinh",  # vi
    r"出生",
    r"生日",
    r"生于",
    r"生於",  # zh
    r"ولدت",
    r"ولد",
    r"مواليد",
    r"مولود[ةه]?",
    r"تاريخ\s+(?:ال)?ميلاد[يى]?",  # ar
    r"متولد",
    r"تاریخ\s+تولد[مش]?",
    r"تولدم",  # fa
    r"ተወሊደ\w*",
    r"ዝተወለድ\w*",
    r"ዕለተ\s*ልደት\w*",
    r"ልደት\w*",  # ti
)

# Month names, per language, as lower-case regexes (declined forms by stem).
MONTHS: tuple[str, ...] = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?"
    r"|nov(?:ember)?|dec(?:ember)?",  # en
    r"janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre",  # fr
    r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|se?tiembre|octubre|noviembre|diciembre",  # es
    r"janeiro|fevereiro|mar[çc]o|maio|junho|julho|setembro|outubro|novembro|dezembro",  # pt
    r"ianuarie|februarie|martie|aprilie|iunie|iulie|septembrie|octombrie|noiembrie|decembrie",  # ro
    r"janar\w*|shkurt\w*|prill\w*|maj\w*|qershor\w*|korrik\w*|gusht\w*|shtator\w*|tetor\w*|n[eë]ntor\w*"
    r"|dhjetor\w*",  # sq
    r"stycz\w+|lut\w+|mar(?:zec|ca)|kwie\w+|czerw\w+|lip\w+|sierp\w+|wrze[sś]\w+|pa[zź]dziern\w+|listopad\w*"
    r"|grud\w+",  # pl
    r"sije[čc]\w+|velj\w+|o[žz]uj\w+|trav\w+|svib\w+|srp\w+|kolovoz\w*|ruj\w+|studen\w+|prosin\w+",  # hr
    r"январ\w+|феврал\w+|март\w*|апрел\w+|ма[йя]|июн\w+|июл\w+|август\w*|сентябр\w+|октябр\w+|ноябр\w+"
    r"|декабр\w+",  # ru
    r"січ\w+|лют\w+|берез\w+|квіт\w+|трав\w+|черв\w+|лип\w+|серп\w+|верес\w+|жовт\w+|листопад\w*|груд\w+",  # uk
    r"يناير|فبراير|مارس|[أإا]بريل|مايو|يونيو|يوليو|[أا]غسطس|سبتمبر|[أا]كتوبر|نوفمبر|ديسمبر|كانون\s+\w+|شباط"
    r"|[آا]ذار|نيسان|[أا]يار|حزيران|تموز|آب|[أا]يلول|تشرين\s+\w+",  # ar
    r"فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند|ژانویه|فوریه|آوریل|مه|ژوئن|ژوئیه"
    r"|اوت|سپتامبر|اکتبر|نوامبر|دسامبر",  # fa
    r"ጥሪ|ለካቲት|የካቲት|መጋቢት|ሚያዝያ|ግንቦት|ሰነ|ሰኔ|ሓምለ|ሐምሌ|ነሓሰ|ነሐሴ|መስከረም|ጥቅምቲ|ሕዳር|ታሕሳስ",  # ti
)

_START = r"(?<![0-9])(?<![0-9][./-])"
_END = r"(?![0-9])(?![./-][0-9])"
_MONTH = "(?:" + "|".join(MONTHS) + r")(?![^\W\d_])"
_ORDINAL = r"(?:st|nd|rd|th|er|[eè]me|º|ª|-?(?:го|е|ого))?"

# Numeric, Chinese, month-name and Vietnamese forms; group order differs, read in DateFinder._found.
_DMY = re.compile(_START + r"(\d{1,2})\s?([./-])\s?(\d{1,2})\s?\2\s?(\d{4}|\d{2})" + _END)
_YMD = re.compile(_START + r"(\d{4})\s?([./-])\s?(\d{1,2})\s?\2\s?(\d{1,2})" + _END)
_CJK = re.compile(r"(?<![0-9])(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号號]?)?")
_DAY_MONTH = re.compile(
    r"(?<![0-9])(\d{1,2})" + _ORDINAL + r"\.?\s*(?:de\s+|of\s+(?:the\s+)?|-)?(" + _MONTH + r")\.?"
    r"(?:\s*[,-]?\s*(?:de\s+|del\s+)?(\d{4}))?(?![0-9])",
)
_MONTH_DAY = re.compile(
    r"(?<![^\W\d_])(?=[^\W\d_])(" + _MONTH + r")\.?\s+(\d{1,2})" + _ORDINAL + r",?\s+(\d{4})(?![0-9])"
)
_VI = re.compile(r"(?<![0-9])(\d{1,2})\s*(?:tháng|thang)\s*(\d{1,2})(?:\s*(?:năm|nam|,|/)?\s*(\d{4}))?(?![0-9])")
_DAY_MONTH_DIGITS = re.compile(_START + r"(\d{1,2})\s?[./]\s?(\d{1,2})" + _END)  # "DOB 12/03": birth words only


def _attached(word: str) -> bool:
    """Han and Ethiopic birth words take particles glued to them: no word boundaries there."""
    return "\u1200" <= word[0] <= "\u139f" or "\u3400" <= word[0] <= "\u9fff"


# One boundary check around the whole alternation (one per word would be tried at every position: ~10x slower).
_BIRTH = re.compile(
    r"(?<![^\W\d_])(?=[^\W\d_])(?:"
    + "|".join(w for w in BIRTH_WORDS if not _attached(w))
    + r")(?![^\W\d_])|"
    + "|".join(w for w in BIRTH_WORDS if _attached(w))
)
# What may stand between a birth word and its date: punctuation and up to three short words ("on the", "sam").
MAX_GAP = 48  # characters; birth words are shorter than 32
_GAP = re.compile(r"[\s:,.\-]*(?:[^\W\d_]{1,12}\.?[\s:,.\-]*){0,3}")


@dataclass(frozen=True)
class FoundDate:
    start: int
    end: int
    year: int | None  # as written, four digits (a two-digit year is expanded)
    full: bool  # day, month and year


class DateFinder:
    """Finds dates and tells a date of birth from an event, relative to `today`."""

    def __init__(self, today: dt.date | None = None) -> None:
        year = (today or dt.date.today()).year
        self._century = year % 100
        self._gregorian = range(1930, year - 8 + 1)
        self._solar = range(1309, year - 629 + 1)  # the same ages in the Persian (solar hijri) calendar

    def _year(self, text: str) -> int:
        value = int(text)
        if len(text) == 2:
            return value + (1900 if value > self._century else 2000)
        return value

    def _found(self, lower: str) -> list[FoundDate]:
        found: list[FoundDate] = []
        for m in _DMY.finditer(lower):
            a, b = int(m[1]), int(m[3])
            if 1 <= a <= 31 and 1 <= b <= 12 or 1 <= a <= 12 and 1 <= b <= 31:
                found.append(FoundDate(m.start(), m.end(), self._year(m[4]), True))
        for m in _YMD.finditer(lower):
            if 1 <= int(m[3]) <= 12 and 1 <= int(m[4]) <= 31:
                found.append(FoundDate(m.start(), m.end(), int(m[1]), True))
        for m in _CJK.finditer(lower):
            found.append(FoundDate(m.start(), m.end(), int(m[1]), m[3] is not None))
        for m in _DAY_MONTH.finditer(lower):
            if 1 <= int(m[1]) <= 31:
                year = self._year(m[3]) if m[3] else None
                found.append(FoundDate(m.start(), m.end(), year, year is not None))
        for m in _MONTH_DAY.finditer(lower):
            if 1 <= int(m[2]) <= 31:
                found.append(FoundDate(m.start(), m.end(), int(m[3]), True))
        for m in _VI.finditer(lower):
            if 1 <= int(m[1]) <= 31 and 1 <= int(m[2]) <= 12:
                found.append(FoundDate(m.start(), m.end(), int(m[3]) if m[3] else None, m[3] is not None))
        for m in _DAY_MONTH_DIGITS.finditer(lower):
            a, b = int(m[1]), int(m[2])
            if 1 <= a <= 31 and 1 <= b <= 12:
                found.append(FoundDate(m.start(), m.end(), None, False))
        # The longest reading of each place wins ("12/03/1998" over "12/03").
        found.sort(key=lambda d: (d.start, -d.end))
        kept: list[FoundDate] = []
        for d in found:
            if not kept or d.start >= kept[-1].end:
                kept.append(d)
        return kept

    def _plausible_birth_year(self, year: int | None) -> bool:
        return year is not None and (year in self._gregorian or year in self._solar)

    def find(self, lower: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """(dates of birth, other dates) as spans of the lower-case detection copy."""
        dates = self._found(lower)
        if not dates:
            return [], []
        births = [m.span() for m in _BIRTH.finditer(lower)]
        starts = [start for start, _ in births]
        dob: list[tuple[int, int]] = []
        other: list[tuple[int, int]] = []
        for d in dates:
            near = births[bisect_left(starts, d.start - MAX_GAP - 32) : bisect_right(starts, d.end + MAX_GAP)]
            announced = any(
                (0 <= d.start - b_end <= MAX_GAP and _GAP.fullmatch(lower, b_end, d.start))
                or (0 <= b_start - d.end <= MAX_GAP and _GAP.fullmatch(lower, d.end, b_start))
                for b_start, b_end in near
            )
            if announced or (d.full and self._plausible_birth_year(d.year)):
                dob.append((d.start, d.end))
            else:
                other.append((d.start, d.end))
        return dob, other
