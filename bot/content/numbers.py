"""A directory number as people meet it: a tel:/sms: link target, and the form Telegram makes tappable.

Both come from the directory entry (locales/helplines.yml), never from rendered text: the link's target
is the entry's own digits, so what is dialled is exactly what was verified.
"""

from __future__ import annotations

import re

CALL = "call"
TEXT = "text"  # a text-message (SMS) number
TRUNK_PREFIX = "0"  # a national number starts with it; dialled from abroad it is dropped
_NOT_DIALLED = re.compile(r"[^0-9+]")


def dial_digits(number: str) -> str:
    """What a phone dials: the directory number without its spaces."""
    return _NOT_DIALLED.sub("", number)


def link_target(number: str, kind: str = CALL) -> str:
    """The href for a number: tel:<digits>, or sms:<digits> for a text-message service."""
    return f"{'sms' if kind == TEXT else 'tel'}:{dial_digits(number)}"


def international(number: str, dialling_code: str | None) -> str:
    """The number with its country code instead of the leading 0 ("+44" and "0xxxx xxx" -> "+44 xxxx xxx").

    Telegram's apps make a number tappable when it is written in international form. Short codes
    (999, 112, 116 006) have no international form and stay as they are, as does any number of a
    region without a dialling code."""
    if not dialling_code or number.startswith("+") or not number.startswith(TRUNK_PREFIX):
        return number
    return f"{dialling_code} {number[len(TRUNK_PREFIX) :]}"
