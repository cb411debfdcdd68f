"""Text folding, written once: how typed text is compared with the words Lantern knows.

People type on phones without accents, in either case, with look-alike letters ("dj" keyboards type "đ"
as "d"; Persian is typed with Arabic yeh and kaf). Every place that compares typed text with listed
words uses the functions here, so they agree: the tokenizer inside Rasa (rasa_ext), region matching,
the privacy scan of locale texts, the operators' check for duplicate examples, and the language model.
No imports beyond the standard library: rasa_ext and the gateway both load this module.

`fold` is for matching meaning (accents and case dropped); `fold_case` only drops case (the duplicate
check of training examples); `letters` keeps accents, because the language model needs them to tell
languages apart; `strip_latin_accents` makes the unaccented copies of Latin texts that the language model
also learns from. tests/unit/test_folding.py pins what each one does.
"""

from __future__ import annotations

import re
import unicodedata

APOSTROPHES = {"\u2019": "'", "\u02bc": "'"}  # typographic and modifier-letter apostrophes
# Letters with no combining mark to drop, that people replace by their plain twin.
PLAIN_LATIN = {"đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "ı": "i", "ø": "o", "Ø": "O", "ß": "ss"}
# Arabic-script look-alikes: Arabic yeh and kaf as Persian writes them; tatweel and joiners dropped.
ARABIC_SCRIPT = {"\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9", "\u0640": "", "\u200c": "", "\u200d": ""}
LOOKALIKES = str.maketrans(APOSTROPHES | PLAIN_LATIN | ARABIC_SCRIPT)
_APOSTROPHES = str.maketrans(APOSTROPHES)
# Combining marks that NFC leaves on their own (Arabic harakat and tanween, stray accents).
_MARKS = re.compile("[\u0300-\u036f\u0483-\u0489\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u1dc0-\u1dff]")
_NON_LETTERS = re.compile(r"[^\w']+|[\d_]+")


def fold(text: str) -> str:
    """Case-folded, look-alikes replaced, combining marks (accents, Arabic short vowels) dropped, NFC."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(LOOKALIKES))
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


def fold_case(text: str) -> str:
    """Case only: how `make check` compares training examples (as written, up to case)."""
    return text.casefold()


def letters(text: str) -> str:
    """Lower case, NFC, apostrophes unified, stray marks dropped, letters and apostrophes only; accents kept."""
    text = unicodedata.normalize("NFC", text).lower().translate(_APOSTROPHES)
    return " ".join(_NON_LETTERS.sub(" ", _MARKS.sub("", text)).split())


def _latin_table() -> dict[int, str]:
    table = {ord(k): v for k, v in PLAIN_LATIN.items() if len(v) == 1}
    for start, end in ((0x00C0, 0x024F), (0x1E00, 0x1EFF)):  # Latin-1 Supplement .. Latin Extended Additional
        for code in range(start, end + 1):
            base = unicodedata.normalize("NFD", chr(code))[0]
            if code not in table and base.isascii() and base.isalpha():
                table[code] = base
    return table


_LATIN = _latin_table()


def strip_latin_accents(text: str) -> str:
    """Latin letters without their accents ("përshëndetje" -> "pershendetje"); other scripts untouched."""
    return unicodedata.normalize("NFC", text).translate(_LATIN)
