"""Cleaning what a person typed before anything reads it, on every channel: no control or bidi characters.

Bidi overrides and isolates can disguise text (and split a number so redaction misses it); other control
characters have no place in a chat line. Line breaks stay; tabs become spaces.
"""

from __future__ import annotations

import unicodedata

BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"))


def clean_text(text: str) -> str:
    """Drop control and bidi-override characters (keep line breaks and tabs as spaces), trim."""
    text = text.translate(BIDI_CONTROLS)
    kept = []
    for ch in text:
        if ch in "\n\t":
            kept.append(" " if ch == "\t" else ch)
        elif unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn"):
            continue
        else:
            kept.append(ch)
    return "".join(kept).strip()
