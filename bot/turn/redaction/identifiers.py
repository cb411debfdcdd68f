"""Identifiers with a fixed shape: bank and card numbers, UK NI numbers and postcodes, number plates, passport
and ID numbers. Each kind is a list of regexes over the detection copy, some with a check of the match.

Boundaries are ASCII-only on purpose: an identifier glued to Chinese or Arabic text ("护照E12345678")
must still be found, while one inside a longer Latin or Cyrillic word must not.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_L = r"A-Za-z0-9\u00c0-\u024f\u0400-\u04ff"
_B = rf"(?<![{_L}])"  # not inside a Latin or Cyrillic word or a number
_E = rf"(?![{_L}])"

IBAN = re.compile(rf"{_B}[A-Z]{{2}}\d{{2}}(?:[ ]?[A-Z0-9]{{4}}){{2,7}}(?:[ ]?[A-Z0-9]{{1,3}})?{_E}", re.IGNORECASE)
# Cards begin with 2-6; "+86 138..." or "00249..." is a phone.
CARD = re.compile(r"(?<![0-9+])(?<!\+ )[2-6](?:[ -]?[0-9]){11,17}[0-9](?![0-9])")
SORT_CODE = re.compile(
    r"(?<![0-9])(?<![0-9][-./ ])(?<![A-Za-z]-)[0-9]{2}([- ])[0-9]{2}\1[0-9]{2}(?![0-9])(?![-./ ][0-9])"
)
_SORT_CODE_WORDS = re.compile(r"sort\s?code|s/c", re.IGNORECASE)
NI_NUMBER = re.compile(rf"{_B}[A-Z]{{2}}[ -]?\d{{2}}[ -]?\d{{2}}[ -]?\d{{2}}[ -]?[A-D]{_E}", re.IGNORECASE)
UK_POSTCODE = re.compile(
    rf"{_B}[A-Z]{{1,2}}[0-9][A-Z0-9]?[ ]?[0-9][ABD-HJLNP-UW-Z]{{2}}{_E}",
    re.IGNORECASE,
)
UK_PLATE = re.compile(rf"{_B}[A-Z]{{2}}[0-9]{{2}}[ ]?[A-Z]{{3}}{_E}", re.IGNORECASE)  # "AB12 CDE"
# Croatian "ZG 1234-AB", "ST-123-AB", Romanian "B 123 ABC", Ukrainian "АА 1234 ВВ": capitals only
PLATE = re.compile(rf"{_B}[A-ZČĆŠŽĐА-ЯІЇЄ]{{1,3}}([ -]?)([0-9]{{3,4}})([ -]?)[A-ZА-ЯІЇЄ]{{1,3}}{_E}")
RO_PLATE = re.compile(rf"{_B}[A-Z]{{1,2}}[ -]?([0-9]{{2}})[ -]?[A-Z]{{3}}{_E}")  # Romanian "CJ 12 ABC": capitals
PL_PLATE = re.compile(rf"{_B}([A-Z]{{2,3}}) ([0-9]{{4,5}})[A-Z]?{_E}")  # Polish "WA 12345": capitals only
_NOT_PLATE_LETTERS = frozenset("EUR USD GBP PLN RON HRK UAH RUB VND CNY RMB IRR AFN NOK SEK CHF ALL NR NO ID".split())
PASSPORT_OR_ID = (
    # Letters then digits: "AB1234567", "ZU1234567", "J12345678A", Cyrillic "АА123456"
    re.compile(rf"{_B}[A-ZА-ЯЁІЇЄҐ]{{1,3}}[0-9]{{6,10}}[A-Z]?{_E}", re.IGNORECASE),
    re.compile(rf"{_B}[A-ZА-ЯЁІЇЄҐ]{{2}} [0-9]{{6,9}}{_E}"),  # "AB 1234567": capitals only
    re.compile(rf"{_B}[0-9]{{8}}[A-HJ-NP-TV-Z]{_E}"),  # Spanish DNI "12345678Z"
    re.compile(rf"{_B}[XYZ][0-9]{{7}}[A-Z]{_E}"),  # Spanish NIE
    re.compile(rf"{_B}[0-9]{{17}}[0-9Xx]{_E}"),  # Chinese resident ID
    re.compile(rf"{_B}[A-Z]{{5}}[0-9]{{4}}[A-Z]{_E}"),  # Indian PAN
    re.compile(rf"{_B}[0-9]{{8}} ?[0-9] ?[A-Z]{{2}}[0-9]{_E}", re.IGNORECASE),  # Portuguese citizen card
    # Digits and letters mixed, 5+ digits: French "12AB34567" and the like (units like "10000km" are checked out)
    re.compile(rf"{_B}(?=[A-Z0-9]*[0-9]{{5}})(?=[A-Z0-9]*[A-Z])[A-Z0-9]{{7,12}}{_E}", re.IGNORECASE),
)


def luhn(digits: str) -> bool:
    """The card-number checksum: random digit runs fail it nine times in ten."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def _card_ok(m: re.Match[str]) -> bool:
    return luhn(re.sub(r"\D", "", m[0]))


_YEAR = re.compile(r"(?:19|20)[0-9]{2}")
_UNIT = re.compile(r"[0-9]+(?:[A-Za-z]{2,}|[a-z])")  # "10000km", "1500000vnd", "5000rsd"
_DAY_MONTH = re.compile(
    r"(?:0?[1-9]|[12][0-9]|3[01])-(?:0?[1-9]|1[0-2])-[0-9]{2}|(?:0?[1-9]|1[0-2])-(?:[0-2]?[0-9]|3[01])-[0-9]{2}"
)


def _sort_code_ok(m: re.Match[str]) -> bool:
    """A sort code looks like "20-00-00"; "12-03-98" is a date (dates.py judges it) and "20 00 00" any three
    numbers, unless "sort code" stands before."""
    if _SORT_CODE_WORDS.search(m.string, max(0, m.start() - 24), m.start()):
        return True
    return m[1] == "-" and not _DAY_MONTH.fullmatch(m[0])


def _plate_ok(m: re.Match[str]) -> bool:
    """Capitals typed in a shout: "UK 2019 TO" is a year between words, not a plate."""
    return not (m[1] == m[3] == " " and _YEAR.fullmatch(m[2]))


def _pl_plate_ok(m: re.Match[str]) -> bool:
    """Not an amount ("EUR 12345") or a year ("UK 2019")."""
    return m[1] not in _NOT_PLATE_LETTERS and not _YEAR.fullmatch(m[2])


def _id_ok(m: re.Match[str]) -> bool:
    """Not a quantity with its unit glued on."""
    return not _UNIT.fullmatch(m[0])


def _postcode_ok(m: re.Match[str]) -> bool:
    """Lower-case "b2 2nd" is an ordinal, not a postcode."""
    inward = m[0][-3:]
    return not (inward[1:].islower() and inward[1:] in ("st", "nd", "rd", "th"))


Check = Callable[[re.Match[str]], bool]
# (kind, patterns, extra check of a match), most specific first.
KINDS: tuple[tuple[str, tuple[re.Pattern[str], ...], Check | None], ...] = (
    ("iban", (IBAN,), None),
    ("card", (CARD,), _card_ok),
    ("sort_code", (SORT_CODE,), _sort_code_ok),
    ("ni_number", (NI_NUMBER,), None),
    ("uk_postcode", (UK_POSTCODE,), _postcode_ok),
    ("vehicle_registration", (UK_PLATE,), None),
    ("vehicle_registration", (PLATE,), _plate_ok),
    ("vehicle_registration", (PL_PLATE,), _pl_plate_ok),
    ("vehicle_registration", (RO_PLATE,), None),
    ("passport_or_id", PASSPORT_OR_ID, _id_ok),
)


def identifier_spans(probe: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every fixed-shape identifier in the detection copy."""
    spans: list[tuple[int, int, str]] = []
    for kind, patterns, check in KINDS:
        for pattern in patterns:
            for m in pattern.finditer(probe):
                if check is None or check(m):
                    spans.append((m.start(), m.end(), kind))
    return spans
