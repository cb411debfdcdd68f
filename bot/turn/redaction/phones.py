"""Phone numbers and long digit IDs: every run of 7 or more digits that is not a quantity or a helpline.

A run is digits joined by what people type between them (space, '-', ' - ', '.', '/', '_', dashes,
brackets), read on a copy where dates, times and prices are masked. Any such run of 7+ digits is
personal: a phone number in some country's format, a passport or an ID number (OIB, PESEL, CNP...).
It stays only when it spells a helpline directory number, is a range ("0700-1900"), a list of years, or
an amount grouped in thousands ("1 200 000"). libphonenumber's metadata for the users' countries names
the kind: an international or trunk-prefixed run, or a mobile number of one of these countries, is a
phone; a run right after a word for an ID document, or any other bare run of 9+ digits, is an ID.
PhoneNumberMatcher is not used: it costs ~0.1 ms per region per call, and its VALID leniency drops the
fictional 07700 900xxx range people are told to test with; parsing only the runs found here is cheap.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import phonenumbers

# GB and HR (where users are helped) and the countries users come from.
REGIONS = (
    "GB", "HR", "AL", "VN", "RO", "PL", "SY", "SD", "IQ", "IR", "AF", "CN", "UA", "RU", "ES", "MX", "FR", "PT",
    "BR", "ER", "ET", "NG", "IN", "PK",
)  # fmt: skip
MIN_DIGITS = 7
MAX_HELPLINE_GROUPS = 6  # a directory number is written in at most this many digit groups

_RUN = re.compile(r"(?<![0-9])(?:\(?\+\s?|\()?[0-9](?:[ .\-/_()]{0,3}[0-9])*")
_GROUP = re.compile(r"[0-9]+")
_COUNTRY_CODE = re.compile(r"\(?(?:\+|00)[0-9]{1,3}\)?")
_RANGE = re.compile(r"[0-9]{1,4}\s?-\s?[0-9]{1,4}(?:\s[0-9]{1,3})?")  # "0700-1900", "0700-1900 6" (days)
_YEAR = re.compile(r"(?:19|20)[0-9]{2}")
# Words for identity documents and ID numbers: a run right after one is named an ID, not a phone.
ID_WORDS = (
    r"passports?|passeport|pasaporte|passaporte|paszport\w*|pa[sș]aport\w*|putovnic\w*|paso[sš]|pasaport[eë]?"
    r"|паспорт\w*|загранпаспорт\w*|hộ chiếu|ho chieu|护照|護照|جواز|گذرنامه|پاسپورت|ፓስፖርት"
    r"|id|ids|identity|identit[eé]|identidad|identidade|oib|jmbg|pesel|cnp|dni|nie|nif|cpf|cc|cccd|cmnd|brp|nin"
    r"|aadhaar|cnic|инн|снилс|рнокпп|іпн|osobn\w*|osobist\w*|dowód|dowod|buletin\w*|cédula|cedula|carné|cidadão"
    r"|cidadao|letërnjoftim\w*|leternjoftim\w*|کد ملی|کارت ملی|شماره ملی|الرقم الوطني|رقم وطني|هوية|هويتي|بطاقة"
    r"|身份证|身份證|መንነት"
)
# ... in the same clause: no digit, comma or sentence end between ("passport no. 1234567", not "passport. call").
_ID_CONTEXT = re.compile(rf"(?<![^\W\d_])(?:{ID_WORDS})(?![^\W\d_])(?:[^0-9\n.,;!?]|\.(?!\s+[^\W\d_]{{3}})){{0,24}}$")
_THOUSANDS = re.compile(r"[1-9][0-9]{0,2}(?:([ .])[0-9]{3})(?:\1[0-9]{3})*")


def _digits(text: str) -> str:
    return "".join(ch for ch in text if "0" <= ch <= "9")


def _mobile_patterns() -> list[tuple[str, frozenset[int], re.Pattern[str]]]:
    """Per region: the trunk prefix, and the lengths and pattern of a national mobile number (metadata)."""
    patterns = []
    for region in REGIONS:
        meta = phonenumbers.PhoneMetadata.metadata_for_region(region)
        if meta is None or meta.mobile is None or not meta.mobile.national_number_pattern:
            continue
        lengths = meta.mobile.possible_length or meta.general_desc.possible_length or ()
        pattern = re.compile(meta.mobile.national_number_pattern)
        patterns.append((meta.national_prefix or "", frozenset(lengths), pattern))
    return patterns


_MOBILE = _mobile_patterns()


def _is_mobile_somewhere(digits: str) -> bool:
    """A mobile number of one of the users' countries, written nationally, by the metadata's own patterns
    (what phonenumbers.number_type checks, without parsing the number 24 times: ~1 ms)."""
    for prefix, lengths, pattern in _MOBILE:
        for national in (digits[len(prefix) :], digits) if prefix and digits.startswith(prefix) else (digits,):
            if len(national) in lengths and pattern.fullmatch(national):
                return True
    return False


def _mask(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """The text with each span overwritten by '#', so no run of digits crosses it; same length."""
    chars = list(text)
    for start, end in spans:
        chars[start:end] = "#" * (end - start)
    return "".join(chars)


class PhoneFinder:
    """Built once with the helpline directory's numbers, which stay wherever they are quoted."""

    def __init__(self, keep_numbers: Iterable[str] = ()) -> None:
        keep = {_digits(n) for n in keep_numbers}
        self._keep = frozenset(k for k in keep if k)
        self._keep_national = frozenset(k.lstrip("0") for k in self._keep if len(k.lstrip("0")) >= 6)

    def _kept(self, digits: str, after_country_code: bool) -> bool:
        if digits in self._keep:
            return True
        return after_country_code and digits.lstrip("0") in self._keep_national

    def _helpline_end(self, groups: list[re.Match[str]], first: int) -> int:
        """How many groups from `first` on spell a directory number (0: none), longest first."""
        for last in range(min(len(groups), first + MAX_HELPLINE_GROUPS), first, -1):
            if self._kept("".join(g[0] for g in groups[first:last]), after_country_code=first > 0):
                return last
        return 0

    @staticmethod
    def _kind(run: str, digits: str, before: str) -> str | None:
        """'phone', 'passport_or_id', or None for a quantity the run only resembles; `before` is the
        lower-case text before the run."""
        if _RANGE.fullmatch(run) or all(_YEAR.fullmatch(g) for g in _GROUP.findall(run)):
            return None
        if _THOUSANDS.fullmatch(run) and not (len(digits) == 9 and run[3] in " ."):
            return None  # "1 200 000", "2.500.000"; but "612 345 678" is a Spanish or Polish mobile
        if run.lstrip("(")[:1] == "+":
            return "phone"
        if _ID_CONTEXT.search(before):
            return "passport_or_id"
        if digits[:1] == "0" or not run.isdigit():
            return "phone"
        if len(digits) >= 9 and not _is_mobile_somewhere(digits):
            return "passport_or_id"
        return "phone"

    def spans(self, probe: str, lower: str, masked: Iterable[tuple[int, int]] = ()) -> list[tuple[int, int, str]]:
        """(start, end, kind) of phone numbers and long digit IDs in the detection copy (and its lower case),
        outside the `masked` spans (dates, times, prices)."""
        probe = _mask(probe, masked)
        found: list[tuple[int, int, str]] = []
        for run in _RUN.finditer(probe):
            groups = list(_GROUP.finditer(run[0]))
            if sum(len(g[0]) for g in groups) < MIN_DIGITS:
                continue
            first = 1 if len(groups) > 1 and _COUNTRY_CODE.fullmatch(run[0][: groups[0].end()].strip()) else 0
            kept = (self._helpline_end(groups, 0) or self._helpline_end(groups, first)) if self._keep else 0
            rest = groups[kept:]
            if not rest:
                continue
            start = run.start() + rest[0].start() if kept else run.start()
            end = run.start() + rest[-1].end()
            text = probe[start:end]
            digits = _digits(text)
            if len(digits) < MIN_DIGITS:
                continue
            kind = self._kind(text, digits, lower[max(0, start - 40) : start])
            if kind:
                found.append((start, end, kind))
        return found
