"""Personal data never reaches Rasa, its tracker store or a log: redaction and keyed pseudonyms."""

from __future__ import annotations

import hashlib
import hmac
import re

# Order matters: the most specific patterns first, so an IBAN is not half-eaten by the phone pattern.
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("email", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)),
    ("iban", re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?\b", re.IGNORECASE)),
    # UK National Insurance number: two letters, six digits, A-D (spaces allowed; any letters, to err safe).
    ("ni_number", re.compile(r"\b[A-Z]{2}[ ]?\d{2}[ ]?\d{2}[ ]?\d{2}[ ]?[A-D]\b", re.IGNORECASE)),
    # Card or account-like: 12 to 19 digits, optionally grouped.
    ("card", re.compile(r"\b(?:\d[ -]?){12,18}\d\b")),
    # Phone numbers: international or national, 7+ digits with common separators.
    ("phone", re.compile(r"(?<![\w])(?:\+|00)?\d(?:[\s().-]{0,2}\d){6,14}(?![\w])")),
    # Passport / ID-like: letters and digits mixed, 6-12 long, at least 5 digits (e.g. "AB1234567").
    ("id_number", re.compile(r"\b(?=[A-Z0-9]*\d{5})(?=[A-Z0-9]*[A-Z])[A-Z0-9]{6,12}\b", re.IGNORECASE)),
    # UK sort code with account number, or a long bare digit run (ID numbers written plainly).
    ("digits", re.compile(r"\b\d{6,}\b")),
)
REDACTED = "[removed]"


def redact(text: str) -> tuple[str, list[str]]:
    """Replace personal data with a marker; return the clean text and the kinds that were removed."""
    kinds: list[str] = []
    for kind, pattern in PATTERNS:
        text, count = pattern.subn(REDACTED, text)
        if count:
            kinds.append(kind)
    return text, kinds


def pseudonym(secret: bytes, channel: str, raw_id: str) -> str:
    """A stable id for (channel, raw id) that cannot be reversed or linked without the secret."""
    digest = hmac.new(secret, f"{channel}:{raw_id}".encode(), hashlib.sha256).hexdigest()
    return f"{channel[:2]}-{digest[:32]}"
